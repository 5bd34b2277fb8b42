import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import Redis from 'ioredis';

// Shared by global setup, teardown and specs. Tests talk to the machine's PostgreSQL and Redis
// (defaults below, overridable with the same variables the tracker reads).
export const PG = {
  host: process.env.DB_HOST ?? '127.0.0.1',
  port: Number(process.env.DB_PORT ?? 5432),
  user: process.env.DB_USER ?? 'postgres',
  password: process.env.DB_PASSWORD ?? '',
};
export const REDIS = {
  host: process.env.REDIS_HOST ?? '127.0.0.1',
  port: Number(process.env.REDIS_PORT ?? 6379),
};

export function runId(): string {
  const id = process.env.TRACKER_TEST_RUN;
  if (!id)
    throw new Error('TRACKER_TEST_RUN is not set: run the e2e tests through jest (global setup)');
  return id;
}

export const templateDatabase = (run = runId()): string => `tracker_t_${run}_tpl`;

export async function withAdmin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ ...PG, database: 'postgres' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh database cloned from the migrated template, and a Redis prefix of its own. */
export async function createTestDatabase(): Promise<string> {
  const name = `tracker_t_${runId()}_${randomBytes(4).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${templateDatabase()}"`));
  return name;
}

export async function dropDatabase(name: string): Promise<void> {
  await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

export const newQueuePrefix = (): string => `tt-${runId()}-${randomBytes(3).toString('hex')}`;

export async function deleteRedisKeys(pattern: string): Promise<void> {
  const redis = new Redis({ ...REDIS, lazyConnect: true });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
