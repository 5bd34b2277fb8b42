import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createStack, TestStack } from '../support/harness';
import { PrivateRedis } from '../support/private-redis';

describe('GET /api/health', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await createStack();
  });
  afterAll(() => stack.close());

  it('reports database and Redis up', async () => {
    const api = await stack.startApi();
    const res = await request(api.getHttpServer()).get('/api/health').expect(200);
    expect(res.body.details).toEqual({ database: { status: 'up' }, redis: { status: 'up' } });
  });

  it('reports a stopped Redis as down with 503, keeps serving, and up again once it is back', async () => {
    const redis = await PrivateRedis.start();
    try {
      const api = await stack.startApi({ REDIS_PORT: String(redis.port) });
      await request(api.getHttpServer()).get('/api/health').expect(200);
      await redis.stop();
      const res = await request(api.getHttpServer()).get('/api/health').expect(503);
      expect(res.body.details.redis.status).toBe('down');
      expect(res.body.details.database.status).toBe('up');
      await request(api.getHttpServer()).get('/api/docs-json').expect(200);
      await redis.start();
      let status = 0;
      for (let i = 0; i < 40 && status !== 200; i++) {
        status = (await request(api.getHttpServer()).get('/api/health')).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 100));
      }
      expect(status).toBe(200);
    } finally {
      await redis.stop();
    }
  });

  it('reports a lost database as down with 503', async () => {
    const api = await stack.startApi({ REDIS_PORT: '6379' });
    await api.get(DataSource).destroy();
    const res = await request(api.getHttpServer()).get('/api/health').expect(503);
    expect(res.body.details.database.status).toBe('down');
    expect(res.body.details.redis.status).toBe('up');
  });
});

describe('GET /api/docs-json', () => {
  let stack: TestStack;
  let api: INestApplication;
  beforeAll(async () => {
    stack = await createStack();
    api = await stack.startApi({ REDIS_PORT: '6379' });
  });
  afterAll(() => stack.close());

  it('serves the OpenAPI document with the health route', async () => {
    const res = await request(api.getHttpServer()).get('/api/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toContain('/api/health');
  });
});
