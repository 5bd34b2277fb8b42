import { INestApplication } from '@nestjs/common';
import Redis from 'ioredis';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { givenUser, TEST_PASSWORD } from '../support/builders';
import { createStack, TestStack } from '../support/harness';
import { REDIS } from '../support/test-env';

describe('login rate limiting', () => {
  let stack: TestStack;
  let api: INestApplication;
  const http = () => request(api.getHttpServer());

  beforeAll(async () => {
    stack = await createStack();
    api = await stack.startApi({ LOGIN_RATE_LIMIT: '3' });
    await givenUser(api.get(DataSource), 'office', ['office']);
  });
  afterAll(() => stack.close());

  it('allows LOGIN_RATE_LIMIT attempts per IP and username, then answers 429 even with the right password', async () => {
    for (let i = 0; i < 3; i++) {
      await http().post('/api/auth/login').send({ username: 'office', password: 'wrong' }).expect(401);
    }
    const limited = await http().post('/api/auth/login').send({ username: 'office', password: TEST_PASSWORD }).expect(429);
    expect(limited.body.error).toBe('RATE_LIMITED');
    // Counted per username: the same address may still try another account.
    await http().post('/api/auth/login').send({ username: 'someone-else', password: 'x' }).expect(401);
    // Counted case-insensitively, so changing the case does not reset the count.
    await http().post('/api/auth/login').send({ username: 'OFFICE', password: TEST_PASSWORD }).expect(429);
  });

  it('keeps the counters in Redis under the deployment prefix', async () => {
    const redis = new Redis({ ...REDIS, lazyConnect: true });
    await redis.connect();
    try {
      const keys = await redis.keys(`${stack.queuePrefix}:throttle:*`);
      expect(keys.length).toBeGreaterThan(0);
    } finally {
      redis.disconnect();
    }
  });
});
