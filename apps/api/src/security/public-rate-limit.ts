import {
  CanActivate,
  ExecutionContext,
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  OnModuleDestroy,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  authConfig,
  AuthConfig,
  DomainError,
  redisConfig,
  RedisConfig,
  createRedisClient,
  RedisClient,
} from '@tracker/common';
import { Clock, CLOCK } from '@tracker/domain';
import type { Request, Response } from 'express';

const WINDOW_MS = 60_000;
const GROUP = 'public-rate-limit-group';

/** Names the route group a public route's requests are counted in (per client address). */
export const PublicRateLimit = (
  group: 'action-links' | 'calendar-feed' | 'invitations' | 'password-help',
): MethodDecorator & ClassDecorator => SetMetadata(GROUP, group);

/** A Redis connection that never queues a command while Redis is away: a down Redis answers at once. */
export const RATE_LIMIT_REDIS = Symbol('RATE_LIMIT_REDIS');

/**
 * Limits the public routes that need no sign-in (the acknowledge link, the calendar feed, account
 * invitations, password help) to
 * PUBLIC_RATE_LIMIT requests per minute per client address (the address Express derives under
 * TRUST_PROXY). Counted in Redis so the limit holds across api instances. Without Redis the route
 * answers 503 DEPENDENCY_UNAVAILABLE rather than going unlimited.
 */
@Injectable()
export class PublicRateLimitGuard implements CanActivate {
  private readonly logger = new Logger(PublicRateLimitGuard.name);

  constructor(
    private readonly reflector: Reflector,
    @Inject(RATE_LIMIT_REDIS) private readonly redis: RedisClient,
    @Inject(authConfig.KEY) private readonly auth: AuthConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const group = this.reflector.getAllAndOverride<string | undefined>(GROUP, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!group) return true;
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    const now = this.clock.now().getTime();
    const window = Math.floor(now / WINDOW_MS);
    const key = `${group}:${req.ip ?? 'unknown'}:${window}`;
    let count: number;
    try {
      const result = await this.redis
        .multi()
        .incr(key)
        .pexpire(key, WINDOW_MS * 2)
        .exec();
      count = Number(result?.[0]?.[1] ?? 0);
    } catch (error: unknown) {
      this.logger.warn(
        { group, err: error instanceof Error ? error.message : String(error) },
        'rate limit store unavailable',
      );
      throw new DomainError(
        'DEPENDENCY_UNAVAILABLE',
        'The rate-limit store (Redis) does not answer',
      );
    }
    if (count > this.auth.publicRateLimit) {
      res.setHeader('Retry-After', String(Math.ceil(((window + 1) * WINDOW_MS - now) / 1000)));
      throw new DomainError(
        'RATE_LIMITED',
        `More than ${this.auth.publicRateLimit} requests a minute from one address to ${group}`,
      );
    }
    return true;
  }
}

@Injectable()
class RateLimitRedisCloser implements OnModuleDestroy {
  constructor(@Inject(RATE_LIMIT_REDIS) private readonly redis: RedisClient) {}

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: RATE_LIMIT_REDIS,
      inject: [redisConfig.KEY],
      useFactory: (cfg: RedisConfig): RedisClient => {
        const client = createRedisClient(cfg, {
          keyPrefix: `${cfg.prefix}:public-throttle:`,
          enableOfflineQueue: false,
          maxRetriesPerRequest: 0,
          connectTimeout: 1_000,
          commandTimeout: 1_000,
          retryStrategy: () => 1_000,
        });
        client.on('error', () => undefined);
        return client;
      },
    },
    RateLimitRedisCloser,
    PublicRateLimitGuard,
  ],
  exports: [RATE_LIMIT_REDIS, PublicRateLimitGuard],
})
export class PublicRateLimitModule {}
