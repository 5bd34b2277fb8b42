import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { CLOCK, TestClock } from '@tracker/domain';
import { ApiModule } from '../../apps/api/src/api.module';
import { configureApp } from '../../apps/api/src/configure-app';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { createTestDatabase, deleteRedisKeys, dropDatabase, newQueuePrefix } from './test-env';

export interface TestStack {
  dbName: string;
  queuePrefix: string;
  clock: TestClock;
  env: Record<string, string>;
  apps: INestApplicationContext[];
  startApi(extraEnv?: Record<string, string>): Promise<INestApplication>;
  startWorker(extraEnv?: Record<string, string>): Promise<INestApplicationContext>;
  close(): Promise<void>;
}

function applyEnv(env: Record<string, string>): void {
  for (const [k, v] of Object.entries(env)) process.env[k] = v;
}

/**
 * A database cloned from the migrated template, a Redis prefix of its own and a TestClock;
 * api and worker apps boot the real modules against them.
 */
export async function createStack(start = '2020-07-01T00:00:00+08:00'): Promise<TestStack> {
  const dbName = await createTestDatabase();
  const queuePrefix = newQueuePrefix();
  const clock = new TestClock(start);
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    DB_NAME: dbName,
    QUEUE_PREFIX: queuePrefix,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    WORKER_HEALTH_PORT: '0',
    DB_POOL_SIZE: '4',
  };
  const apps: INestApplicationContext[] = [];
  const stack: TestStack = {
    dbName,
    queuePrefix,
    clock,
    env,
    apps,
    async startApi(extraEnv = {}) {
      applyEnv({ ...env, ...extraEnv });
      const moduleRef = await Test.createTestingModule({ imports: [ApiModule] })
        .overrideProvider(CLOCK)
        .useValue(clock)
        .compile();
      const app = configureApp(moduleRef.createNestApplication({ bufferLogs: true }));
      await app.init();
      apps.push(app);
      return app;
    },
    async startWorker(extraEnv = {}) {
      applyEnv({ ...env, ...extraEnv });
      const moduleRef = await Test.createTestingModule({ imports: [WorkerModule] })
        .overrideProvider(CLOCK)
        .useValue(clock)
        .compile();
      await moduleRef.init();
      apps.push(moduleRef);
      return moduleRef;
    },
    async close() {
      for (const app of apps.reverse()) await app.close();
      await deleteRedisKeys(`${queuePrefix}:*`);
      await dropDatabase(dbName);
    },
  };
  return stack;
}
