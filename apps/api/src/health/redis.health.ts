import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { redisConfig, RedisConfig, createRedisClient, RedisClient } from '@tracker/common';

/** Pings Redis on a connection of its own that fails fast: a down Redis reads as down, never hangs. */
@Injectable()
export class RedisHealthIndicator implements OnModuleDestroy {
  private readonly client: RedisClient;

  constructor(
    @Inject(redisConfig.KEY) cfg: RedisConfig,
    private readonly indicator: HealthIndicatorService,
  ) {
    this.client = createRedisClient(cfg, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 1_000,
      retryStrategy: () => 1_000,
    });
    this.client.on('error', () => undefined);
  }

  async check(key: string): Promise<HealthIndicatorResult> {
    const result = this.indicator.check(key);
    try {
      if (this.client.status === 'wait') await this.client.connect();
      const pong = await Promise.race([
        this.client.ping(),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error('timeout')), 1_000).unref(),
        ),
      ]);
      return pong === 'PONG' ? result.up() : result.down({ message: String(pong) });
    } catch (error) {
      return result.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }

  onModuleDestroy(): void {
    this.client.disconnect();
  }
}
