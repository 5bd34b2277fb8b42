import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
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

/** How long failed sign-ins are remembered, counted from the first failure of a series. */
export const LOGIN_WINDOW_MS = 15 * 60_000;
/** One client address may fail this many times the per-account limit (spraying many usernames). */
export const LOGIN_ADDRESS_FACTOR = 10;

export class LoginLimitedError extends DomainError<'RATE_LIMITED'> {
  constructor(readonly retryAfterSeconds: number) {
    super('RATE_LIMITED', `Too many failed sign-ins; try again in ${retryAfterSeconds} s`, {
      retryAfterSeconds,
    });
  }
}

export class LoginLimiterUnavailableError extends DomainError<'DEPENDENCY_UNAVAILABLE'> {}

// Each counter is a hash { s: first failure (ms, by the tracker's Clock), n: attempts }. A series
// older than the window counts as gone, whatever Redis' own expiry (which only collects garbage).
// The attempt is counted before the password is checked, so parallel guesses cannot slip past the
// limit; a success then takes its attempt back (address) or clears the series (account).
const ATTEMPT = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local wait = 0
for i, key in ipairs(KEYS) do
  local s = tonumber(redis.call('HGET', key, 's'))
  local n = tonumber(redis.call('HGET', key, 'n'))
  if s and n and now < s + window and n >= tonumber(ARGV[2 + i]) then
    wait = math.max(wait, s + window - now)
  end
end
if wait > 0 then return wait end
for i, key in ipairs(KEYS) do
  local s = tonumber(redis.call('HGET', key, 's'))
  if (not s) or now >= s + window then
    redis.call('DEL', key)
    redis.call('HSET', key, 's', now, 'n', 1)
    redis.call('PEXPIRE', key, window)
  else
    redis.call('HINCRBY', key, 'n', 1)
  end
end
return 0
`;

const SUCCEEDED = `
redis.call('DEL', KEYS[1])
if redis.call('EXISTS', KEYS[2]) == 1 and tonumber(redis.call('HGET', KEYS[2], 'n') or '0') > 0 then
  redis.call('HINCRBY', KEYS[2], 'n', -1)
end
return 1
`;

/**
 * The sign-in limiter: counts failed sign-ins per account and per client address in Redis (so the
 * limits hold across api instances). A successful sign-in clears the account's series and is not
 * counted against the address. When Redis does not answer, sign-in is refused with 503 at once
 * (fail closed, never an unlimited sign-in route).
 */
@Injectable()
export class LoginLimiter implements OnModuleDestroy {
  private readonly logger = new Logger(LoginLimiter.name);
  private readonly redis: RedisClient;

  constructor(
    @Inject(authConfig.KEY) private readonly auth: AuthConfig,
    @Inject(redisConfig.KEY) redis: RedisConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.redis = createRedisClient(redis, {
      keyPrefix: `${redis.prefix}:login-fail:`,
      // Fail fast instead of queueing commands while Redis is away.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2_000,
      commandTimeout: 1_500,
      retryStrategy: (times) => Math.min(times * 200, 2_000),
    });
    this.redis.on('error', (error: Error) =>
      this.logger.debug({ err: error.message }, 'login limiter: redis error'),
    );
  }

  async onModuleDestroy(): Promise<void> {
    this.redis.disconnect();
  }

  private keys(username: string, address: string): [string, string] {
    return [`account:${username.trim().toLowerCase()}`, `address:${address}`];
  }

  /** Counts an attempt, or throws RATE_LIMITED (with the seconds to wait) when a limit is reached. */
  async attempt(username: string, address: string): Promise<void> {
    const limit = this.auth.loginRateLimit;
    const wait = Number(
      await this.run(() =>
        this.redis.eval(
          ATTEMPT,
          2,
          ...this.keys(username, address),
          this.clock.now().getTime(),
          LOGIN_WINDOW_MS,
          limit,
          limit * LOGIN_ADDRESS_FACTOR,
        ),
      ),
    );
    if (wait > 0) {
      this.logger.warn({ event: 'login_limited' }, 'sign-in limited');
      throw new LoginLimitedError(Math.max(1, Math.ceil(wait / 1000)));
    }
  }

  /** A good sign-in: the account's failures are forgotten, and the attempt is not held against the address. */
  async succeeded(username: string, address: string): Promise<void> {
    await this.run(() => this.redis.eval(SUCCEEDED, 2, ...this.keys(username, address)));
  }

  private async run<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error: unknown) {
      this.logger.warn({ err: (error as Error).message }, 'login limiter: redis unavailable');
      throw new LoginLimiterUnavailableError(
        'DEPENDENCY_UNAVAILABLE',
        'The sign-in limiter cannot reach Redis',
      );
    }
  }
}
