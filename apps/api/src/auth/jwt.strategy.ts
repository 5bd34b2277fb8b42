import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Actor, AuthService } from '@tracker/services';
import { BearerTokenStrategy } from './bearer-token.strategy';

/** Access tokens: HS256 only, issuer, audience, `typ: access`, expiry by the Clock, live session and account. */
@Injectable()
export class JwtStrategy extends PassportStrategy(BearerTokenStrategy, 'jwt') {
  constructor(private readonly auth: AuthService) {
    super();
  }

  validate(token: string): Promise<Actor> {
    return this.auth.resolveAccessToken(token);
  }
}
