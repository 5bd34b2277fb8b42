import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { CLOCK, TestClock } from '@tracker/domain';
import { ApiModule } from '../../apps/api/src/api.module';
import { configureApp } from '../../apps/api/src/configure-app';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { Schedulers } from '../../apps/worker/src/schedulers';
import { SmtpSink } from './smtp-sink';
import { createTestDatabase, deleteRedisKeys, dropDatabase, newQueuePrefix } from './test-env';

export interface TestStack {
  dbName: string;
  queuePrefix: string;
  clock: TestClock;
  /** The stack's own SMTP server: every app and child worker of the stack sends here unless a spec passes another. */
  smtp: SmtpSink;
  env: Record<string, string>;
  apps: INestApplicationContext[];
  startApi(extraEnv?: Record<string, string>): Promise<INestApplication>;
  startWorker(extraEnv?: Record<string, string>): Promise<INestApplicationContext>;
  close(): Promise<void>;
}

function applyEnv(env: Record<string, string>): void {
  for (const [k, v] of Object.entries(env)) process.env[k] = v;
}

/** Links in mail and calendar feeds of every test stack point here. */
export const TEST_PUBLIC_URL = 'https://tracker.test';

/**
 * A database cloned from the migrated template, a Redis prefix of its own, an SMTP server of its
 * own and a TestClock; api and worker apps boot the real modules against them. `env` names them
 * all, so a child worker spawned with it never sends to whatever SMTP the shell's environment names.
 */
export async function createStack(start = '2020-07-01T00:00:00+08:00'): Promise<TestStack> {
  const dbName = await createTestDatabase();
  const queuePrefix = newQueuePrefix();
  const clock = new TestClock(start);
  const smtp = new SmtpSink();
  await smtp.start();
  const env: Record<string, string> = {
    ...smtp.env(),
    PUBLIC_URL: TEST_PUBLIC_URL,
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
    smtp,
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
      // The queue is re-derived from PostgreSQL behind the start: a test reads after it.
      await moduleRef.get(Schedulers).rederivedAtStart();
      return moduleRef;
    },
    async close() {
      for (const app of apps.reverse()) await app.close();
      await deleteRedisKeys(`${queuePrefix}:*`);
      await dropDatabase(dbName);
      await smtp.stop();
    },
  };
  return stack;
}
