import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { AuthService, SignedInUser } from '@tracker/services';
import { Strategy } from 'passport-local';

/** Username and password against the argon2id hash; the same 401 for an unknown user and a wrong password. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'username', passwordField: 'password' });
  }

  validate(username: string, password: string): Promise<SignedInUser> {
    return this.auth.validateCredentials(username, password);
  }
}
