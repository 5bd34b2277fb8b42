import { createHash, createSecretKey, KeyObject, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { authConfig, AuthConfig } from '@tracker/common';
import { Clock, CLOCK } from '@tracker/domain';
import { AccountsRepository, RefreshToken, User } from '@tracker/database';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { AuthError, invalidCredentials } from './auth.errors';
import { dummyPasswordHash, verifyPassword } from './passwords';

export const JWT_ISSUER = 'tracker';
export const JWT_AUDIENCE = 'tracker-api';
const JWT_ALGORITHM = 'HS256' as const;

/** Claims of an access token. `typ` keeps any other token kind from calling the API. */
export interface AccessClaims {
  sub: string;
  sid: string;
  tv: number;
  typ: 'access';
  iat: number;
  exp: number;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  refreshExpiresAt: Date;
}

export interface SignedInUser {
  id: string;
  username: string;
  unitId: string | null;
}

export interface AuthRequestContext {
  requestId?: string;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const seconds = (d: Date): number => Math.floor(d.getTime() / 1000);

/**
 * Sign-in with short-lived access JWTs (expiry computed and checked against the injected Clock)
 * and server-side refresh tokens that rotate on every use and belong to a revocable session.
 */
@Injectable()
export class AuthService implements OnModuleInit {
  private readonly logger = new Logger(AuthService.name);
  private readonly jwt = new JwtService();
  // jsonwebtoken first tries a string secret as a PEM public key and catches the failure, on
  // every verification (about 1 ms of CPU per signed-in request under load); a key object made
  // once skips that. @nestjs/jwt types the option as string | Buffer but passes it through.
  private verifyKey?: KeyObject;

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(authConfig.KEY) private readonly config: AuthConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Computes the stand-in hash up front, so even the first unknown-username attempt takes the usual time. */
  async onModuleInit(): Promise<void> {
    await dummyPasswordHash();
  }

  /** Same error, and an argon2 verification either way, for an unknown user and a wrong password. */
  async validateCredentials(username: string, password: string): Promise<SignedInUser> {
    const user = await this.dataSource
      .getRepository(User)
      .findOneBy({ username: username.trim().toLowerCase() });
    if (!user || user.isDisabled) {
      await verifyPassword(await dummyPasswordHash(), password);
      this.logger.warn({ event: 'login_failed' }, 'sign-in refused');
      throw invalidCredentials();
    }
    if (!(await verifyPassword(user.passwordHash, password))) {
      this.logger.warn({ event: 'login_failed', userId: user.id }, 'sign-in refused');
      throw invalidCredentials();
    }
    return { id: user.id, username: user.username, unitId: user.unitId };
  }

  /** Starts a session: a refresh token row and a first access token (audited). */
  async startSession(user: SignedInUser, ctx: AuthRequestContext = {}): Promise<TokenPair> {
    return this.dataSource.transaction(async (em) => {
      const fresh = await em.getRepository(User).findOneByOrFail({ id: user.id });
      const sessionId = randomUUID();
      const pair = await this.issue(em, fresh, sessionId);
      await this.audit.record(em, {
        actorId: fresh.id,
        actorUnitId: fresh.unitId,
        action: 'auth.sign_in',
        targetType: 'session',
        targetId: sessionId,
        after: { userId: fresh.id, refreshExpiresAt: pair.refreshExpiresAt.toISOString() },
        requestId: ctx.requestId,
      });
      return pair;
    });
  }

  /**
   * Rotates a refresh token. Presenting one that was already rotated or revoked revokes its whole
   * session (a stolen token is only good until its first legitimate use).
   */
  async refresh(refreshToken: string, ctx: AuthRequestContext = {}): Promise<TokenPair> {
    const outcome = await this.dataSource.transaction(
      async (em): Promise<{ pair: TokenPair } | { error: string }> => {
        const now = this.clock.now();
        const row = await new AccountsRepository(em).lockRefreshToken(sha256(refreshToken));
        if (!row) return { error: 'Refresh token not recognised' };
        if (row.revokedAt) {
          const revoked = await this.revokeSession(em, row.sessionId, now);
          if (revoked > 0) {
            await this.audit.record(em, {
              actorId: row.userId,
              action: 'auth.refresh_reused',
              targetType: 'session',
              targetId: row.sessionId,
              before: { activeTokens: revoked },
              after: { revokedAt: now.toISOString() },
              requestId: ctx.requestId,
            });
          }
          return { error: 'Refresh token was already used; the session is revoked' };
        }
        if (row.expiresAt.getTime() <= now.getTime()) return { error: 'Refresh token expired' };
        const user = await em.getRepository(User).findOneBy({ id: row.userId });
        if (!user || user.isDisabled) return { error: 'Account is disabled' };
        await em.getRepository(RefreshToken).update({ id: row.id }, { revokedAt: now });
        const pair = await this.issue(em, user, row.sessionId);
        await this.audit.record(em, {
          actorId: user.id,
          actorUnitId: user.unitId,
          action: 'auth.refresh',
          targetType: 'session',
          targetId: row.sessionId,
          before: { refreshTokenId: row.id },
          after: { refreshExpiresAt: pair.refreshExpiresAt.toISOString() },
          requestId: ctx.requestId,
        });
        return { pair };
      },
    );
    if ('error' in outcome) throw new AuthError('TOKEN_INVALID', outcome.error);
    return outcome.pair;
  }

  /** Signs out: the session's refresh tokens are revoked and its access tokens stop working at once. */
  async signOut(actor: Actor): Promise<void> {
    if (!actor.sessionId) return;
    const sessionId = actor.sessionId;
    await this.dataSource.transaction(async (em) => {
      const revoked = await this.revokeSession(em, sessionId, this.clock.now(), actor.id);
      await this.audit.record(em, {
        actorId: actor.id,
        actorUnitId: actor.unitId,
        action: 'auth.sign_out',
        targetType: 'session',
        targetId: sessionId,
        before: { activeTokens: revoked },
        after: { revoked: true },
        requestId: actor.requestId,
      });
    });
  }

  /**
   * Verifies an access token against the Clock (signature, algorithm, issuer, audience, exp, type),
   * then loads the account as it is now: disabled accounts, a bumped token_version and revoked
   * sessions are refused, and role changes apply to the next request.
   */
  async resolveAccessToken(token: string): Promise<Actor> {
    let claims: AccessClaims;
    try {
      this.verifyKey ??= createSecretKey(Buffer.from(this.config.jwtSecret, 'utf8'));
      claims = await this.jwt.verifyAsync<AccessClaims>(token, {
        secret: this.verifyKey as unknown as Buffer,
        algorithms: [JWT_ALGORITHM],
        issuer: JWT_ISSUER,
        audience: JWT_AUDIENCE,
        clockTimestamp: seconds(this.clock.now()),
      });
    } catch (error: unknown) {
      const expired = error instanceof Error && error.name === 'TokenExpiredError';
      throw new AuthError(
        'TOKEN_INVALID',
        expired ? 'Access token expired' : 'Access token invalid',
      );
    }
    if (
      claims.typ !== 'access' ||
      typeof claims.sub !== 'string' ||
      typeof claims.sid !== 'string'
    ) {
      throw new AuthError('TOKEN_INVALID', 'Access token invalid');
    }
    const row = await new AccountsRepository(this.dataSource.manager).sessionAccount(
      claims.sub,
      claims.tv,
      claims.sid,
      this.clock.now(),
    );
    if (!row) throw new AuthError('TOKEN_INVALID', 'Session is no longer valid');
    return {
      id: row.id,
      username: row.username,
      roles: row.roles,
      unitId: row.unitId,
      sessionId: claims.sid,
    };
  }

  private async issue(em: EntityManager, user: User, sessionId: string): Promise<TokenPair> {
    const now = this.clock.now();
    const exp = new Date(now.getTime() + this.config.accessTtlMs);
    const claims: AccessClaims = {
      sub: user.id,
      sid: sessionId,
      tv: user.tokenVersion,
      typ: 'access',
      iat: seconds(now),
      exp: seconds(exp),
    };
    const accessToken = await this.jwt.signAsync(claims, {
      secret: this.config.jwtSecret,
      algorithm: JWT_ALGORITHM,
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
    });
    const refreshToken = randomBytes(32).toString('base64url');
    const refreshExpiresAt = new Date(now.getTime() + this.config.refreshTtlMs);
    await em.getRepository(RefreshToken).insert({
      userId: user.id,
      sessionId,
      tokenHash: sha256(refreshToken),
      expiresAt: refreshExpiresAt,
      createdAt: now,
    });
    return {
      accessToken,
      refreshToken,
      expiresIn: Math.round(this.config.accessTtlMs / 1000),
      refreshExpiresAt,
    };
  }

  private async revokeSession(
    em: EntityManager,
    sessionId: string,
    at: Date,
    userId?: string,
  ): Promise<number> {
    return new AccountsRepository(em).revokeSession(sessionId, at, userId);
  }
}
