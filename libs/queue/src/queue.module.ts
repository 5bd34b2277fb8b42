import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { redisConfig, RedisConfig } from '@tracker/common';
import { JobProducer } from './job.producer';
import { QUEUE_NAMES } from './queue-names';

/** Registers every queue once (DI singletons: no Queue per request) and the typed producer. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [redisConfig.KEY],
      useFactory: (redis: RedisConfig) => ({
        prefix: redis.prefix,
        connection: {
          host: redis.host,
          port: redis.port,
          password: redis.password,
          // Workers need this; producers in HTTP handlers fail fast instead of hanging.
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
