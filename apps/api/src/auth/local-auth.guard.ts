import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { createValidationPipe } from '@tracker/common';
import { LoginLimitedError, LoginLimiter } from '@tracker/services';
import type { Request, Response } from 'express';
import { LoginDto } from './dto/login.dto';

/**
 * Sign-in: validates the body (guards run before pipes), counts the attempt with the sign-in
 * limiter (failures per account and per client address), then checks the password. A success
 * clears the account's failures; a limited attempt gets 429 with a standard Retry-After.
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  private readonly pipe = createValidationPipe();

  constructor(private readonly limiter: LoginLimiter) {
    super();
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const dto = (await this.pipe.transform(req.body, {
      type: 'body',
      metatype: LoginDto,
    })) as LoginDto;
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    try {
      await this.limiter.attempt(dto.username, address);
    } catch (error: unknown) {
      if (error instanceof LoginLimitedError) {
        context
          .switchToHttp()
          .getResponse<Response>()
          .setHeader('Retry-After', String(error.retryAfterSeconds));
      }
      throw error;
    }
    const ok = (await super.canActivate(context)) as boolean;
    if (ok) await this.limiter.succeeded(dto.username, address);
    return ok;
  }
}
