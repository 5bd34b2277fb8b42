import { INestApplication } from '@nestjs/common';
import Redis from 'ioredis';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { givenUser, loginAs, TEST_PASSWORD } from '../support/builders';
import { createStack, TestStack } from '../support/harness';
import { PrivateRedis } from '../support/private-redis';
import { REDIS } from '../support/test-env';

const LIMIT = 3;
const WINDOW_S = 15 * 60;

describe('sign-in limiter', () => {
  let stack: TestStack;
  let api: INestApplication;
  const http = () => request(api.getHttpServer());
  const login = (username: string, password: string) =>
    http().post('/api/auth/login').send({ username, password });

  beforeAll(async () => {
    stack = await createStack();
    api = await stack.startApi({ LOGIN_RATE_LIMIT: String(LIMIT) });
    const ds = api.get(DataSource);
    for (const name of ['clerk', 'office', 'reader', 'resetter'])
      await givenUser(ds, name, ['office']);
  });
  afterAll(() => stack.close());

  it('never counts good sign-ins: a clerk signs in many times more than the limit', async () => {
    for (let i = 0; i < LIMIT * 4; i++) await login('clerk', TEST_PASSWORD).expect(200);
  });

  it('locks an account after LOGIN_RATE_LIMIT failures, with a standard Retry-After in seconds, even for the right password', async () => {
    for (let i = 0; i < LIMIT; i++) await login('office', 'wrong').expect(401);
    const limited = await login('office', TEST_PASSWORD).expect(429);
    expect(limited.body.error).toBe('RATE_LIMITED');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(WINDOW_S - 60);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_S);
    expect(Object.keys(limited.headers).filter((h) => /^retry-after-/.test(h))).toEqual([]);
    // Counted per account, case-insensitively; another account from the same address is not locked.
    await login('OFFICE', TEST_PASSWORD).expect(429);
    await login('clerk', TEST_PASSWORD).expect(200);
  });

  it('forgets the account failures after a good sign-in', async () => {
    for (let i = 0; i < LIMIT - 1; i++) await login('resetter', 'wrong').expect(401);
    await login('resetter', TEST_PASSWORD).expect(200);
    for (let i = 0; i < LIMIT - 1; i++) await login('resetter', 'wrong').expect(401);
    await login('resetter', TEST_PASSWORD).expect(200);
  });

  it('never throttles a signed-in user’s reads, even while their account is locked for sign-in', async () => {
    const reader = await loginAs(api, 'reader');
    for (let i = 0; i < LIMIT; i++) await login('reader', 'wrong').expect(401);
    await login('reader', TEST_PASSWORD).expect(429);
    for (let i = 0; i < LIMIT * 5; i++) await http().get('/api/me').set(reader.auth).expect(200);
  });

  it('keeps the counters in Redis under the deployment prefix', async () => {
    const redis = new Redis({ ...REDIS, lazyConnect: true });
    await redis.connect();
    try {
      const keys = await redis.keys(`${stack.queuePrefix}:login-fail:*`);
      expect(keys).toEqual(
        expect.arrayContaining([`${stack.queuePrefix}:login-fail:account:office`]),
      );
    } finally {
      redis.disconnect();
    }
  });

  it('limits failures per client address across usernames, and lifts every limit once the window has passed', async () => {
    // The address already failed a few times above; spray unknown usernames up to ten times the limit.
    let refusedAt = -1;
    for (let i = 0; i < LIMIT * 10 + 1; i++) {
      const res = await login(`nobody-${i}`, 'wrong');
      if (res.status === 429) {
        refusedAt = i;
        break;
      }
      expect(res.status).toBe(401);
    }
    expect(refusedAt).toBeGreaterThan(0);
    expect(refusedAt).toBeLessThanOrEqual(LIMIT * 10);
    const limited = await login('clerk', TEST_PASSWORD).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);

    stack.clock.advance(WINDOW_S * 1000 + 1000);
    await login('clerk', TEST_PASSWORD).expect(200);
    await login('office', TEST_PASSWORD).expect(200);
  });
});

describe('sign-in limiter without Redis', () => {
  let stack: TestStack;
  let api: INestApplication;
  let redis: PrivateRedis;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    stack = await createStack();
    api = await stack.startApi({ REDIS_PORT: String(redis.port) });
    await givenUser(api.get(DataSource), 'office', ['office']);
  });
  afterAll(async () => {
    await stack.close();
    await redis.stop();
  });

  it('answers 503 DEPENDENCY_UNAVAILABLE at once when Redis is down, and signs in again once it is back', async () => {
    await request(api.getHttpServer())
      .post('/api/auth/login')
      .send({ username: 'office', password: TEST_PASSWORD })
      .expect(200);
    await redis.stop();
    const started = performance.now();
    const res = await request(api.getHttpServer())
      .post('/api/auth/login')
      .send({ username: 'office', password: TEST_PASSWORD });
    expect(res.status).toBe(503);
    expect(res.body.error).toBe('DEPENDENCY_UNAVAILABLE');
    expect(performance.now() - started).toBeLessThan(3_000);

    await redis.start();
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      // ioredis reconnects on its own schedule; ask again until it has.
      status = (
        await request(api.getHttpServer())
          .post('/api/auth/login')
          .send({ username: 'office', password: TEST_PASSWORD })
      ).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);
  });
});
