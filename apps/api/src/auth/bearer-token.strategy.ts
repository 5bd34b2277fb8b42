import type { Request } from 'express';
import { Strategy } from 'passport-strategy';

type Verify = (token: string, done: (error: unknown, user?: unknown) => void) => void;

/**
 * Reads `Authorization: Bearer <jwt>` and hands the raw token to the verify callback.
 * passport-jwt verifies `exp` against the system clock with no per-request hook; the tracker's
 * tokens are verified by AuthService against the injected Clock instead (tests move time).
 */
export class BearerTokenStrategy extends Strategy {
  name = 'jwt';

  constructor(private readonly verify: Verify) {
    super();
  }

  authenticate(req: Request): void {
    const match = /^Bearer\s+([A-Za-z0-9\-_.]+)$/i.exec(req.headers.authorization ?? '');
    if (!match) return this.fail('Bearer', 401);
    this.verify(match[1], (error, user) => {
      if (error) return this.error(error as Error);
      if (!user) return this.fail('Bearer', 401);
      return this.success(user);
    });
  }
}
