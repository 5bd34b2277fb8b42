import { BullModule } from '@nestjs/bullmq';
import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { createRedisClient, redisConfig, RedisConfig, RedisClient } from '@tracker/common';
import { JobProducer } from './job.producer';
import { QUEUE_NAMES } from './queue-names';

/** The queues' shared Redis Cluster client; null on a single Redis (BullMQ connects by itself). */
export const QUEUE_CLUSTER_CLIENT = Symbol('QUEUE_CLUSTER_CLIENT');

/**
 * BullMQ never closes a client it was handed, so this one is closed here, after the queues and
 * workers (this module sits below BullModule, and Nest shuts the deepest modules down last).
 */
class QueueClusterCloser implements OnApplicationShutdown {
  constructor(@Inject(QUEUE_CLUSTER_CLIENT) private readonly client: RedisClient | null) {}

  async onApplicationShutdown(): Promise<void> {
    if (!this.client) return;
    await this.client.quit().catch(() => this.client?.disconnect());
  }
}

@Global()
@Module({
  providers: [
    {
      provide: QUEUE_CLUSTER_CLIENT,
      inject: [redisConfig.KEY],
      // Workers need maxRetriesPerRequest null; BullMQ duplicates the client for blocking reads.
      useFactory: (redis: RedisConfig): RedisClient | null =>
        redis.clusterNodes ? createRedisClient(redis, { maxRetriesPerRequest: null }) : null,
    },
    QueueClusterCloser,
  ],
  exports: [QUEUE_CLUSTER_CLIENT],
})
class QueueConnectionModule {}

/** Registers every queue once (DI singletons: no Queue per request) and the typed producer. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      imports: [QueueConnectionModule],
      inject: [redisConfig.KEY, QUEUE_CLUSTER_CLIENT],
      useFactory: (redis: RedisConfig, cluster: RedisClient | null) => ({
        prefix: redis.prefix,
        // Workers need maxRetriesPerRequest null; producers in HTTP handlers fail fast instead of hanging.
        connection: cluster ?? {
          host: redis.host,
          port: redis.port,
          password: redis.password,
          maxRetriesPerRequest: null,
        },
      }),
    }),
    ...QUEUE_NAMES.map((name) => BullModule.registerQueue({ name })),
  ],
  providers: [JobProducer],
  exports: [BullModule, JobProducer],
})
export class QueueModule {}
