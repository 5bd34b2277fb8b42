import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createStack, TestStack } from '../support/harness';

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

  it('reports a Redis that does not answer as down with 503, and keeps serving', async () => {
    // Nothing listens on port 1: connection refused at once.
    const api = await stack.startApi({ REDIS_PORT: '1' });
    const res = await request(api.getHttpServer()).get('/api/health').expect(503);
    expect(res.body.details.redis.status).toBe('down');
    expect(res.body.details.database.status).toBe('up');
    await request(api.getHttpServer()).get('/api/docs-json').expect(200);
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
