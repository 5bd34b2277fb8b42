import { INestApplication } from '@nestjs/common';
import Redis, { Cluster } from 'ioredis';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ConfigValidationError, EnvSchema, validateEnv } from '@tracker/common';
import { givenUser, loginAs, TEST_PASSWORD } from '../support/builders';
import { createStack, TestStack } from '../support/harness';
import { RedisCluster } from '../support/redis-cluster';
import { REDIS } from '../support/test-env';

/**
 * The tracker on a real Redis Cluster (three masters started by the test): the api's health, a job
 * from the api through the cluster to the worker and into PostgreSQL, the sign-in limiter, and
 * every key under the deployment's hash-tagged prefix on the cluster, none on the single Redis.
 */
describe('on a Redis Cluster', () => {
  const cluster = new RedisCluster();
  let stack: TestStack;
  let api: INestApplication;
  let prefix: string;
  const http = () => request(api.getHttpServer());

  beforeAll(async () => {
    await cluster.start();
    stack = await createStack();
    prefix = `{${stack.queuePrefix}}`;
    const env = { REDIS_CLUSTER_NODES: cluster.nodes, QUEUE_PREFIX: prefix, LOGIN_RATE_LIMIT: '3' };
    api = await stack.startApi(env);
    await stack.startWorker(env);
    const ds = api.get(DataSource);
    await givenUser(ds, 'admin', ['admin']);
    await givenUser(ds, 'clerk', ['office']);
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
    await cluster.stop();
  });

  it('refuses a cluster without a hash-tagged queue prefix, naming the setting', () => {
    let caught: unknown;
    try {
      validateEnv(EnvSchema, { REDIS_CLUSTER_NODES: cluster.nodes, QUEUE_PREFIX: 'tracker' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigValidationError);
    expect((caught as ConfigValidationError).problems.join('\n')).toMatch(
      /REDIS_CLUSTER_NODES: .*QUEUE_PREFIX with a hash tag/,
    );
    expect(() =>
      validateEnv(EnvSchema, { REDIS_CLUSTER_NODES: 'redis-a:7000,redis-b', QUEUE_PREFIX: '{t}' }),
    ).toThrow(/REDIS_CLUSTER_NODES/);
    expect(() =>
      validateEnv(EnvSchema, { REDIS_CLUSTER_NODES: cluster.nodes, QUEUE_PREFIX: '{tracker}' }),
    ).not.toThrow();
  });

  it('reports Redis up in its health', async () => {
    const res = await http().get('/api/health').expect(200);
    expect(res.body.info.redis.status).toBe('up');
  });

  it('carries a job from the api through the cluster to the worker and into PostgreSQL', async () => {
    const admin = (await loginAs(api, 'admin')).auth;
    const accepted = await http().post('/api/maintenance/heartbeats').set(admin).expect(202);
    const { token } = accepted.body as { token: string };
    const stop = Date.now() + 20_000;
    let status = 0;
    while (status !== 200 && Date.now() < stop) {
      status = (await http().get(`/api/maintenance/heartbeats/${token}`).set(admin)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(200);
  });

  it('limits failed sign-ins with its counters on the cluster', async () => {
    const login = (password: string) =>
      http().post('/api/auth/login').send({ username: 'clerk', password });
    for (let i = 0; i < 3; i++) await login('wrong').expect(401);
    expect((await login(TEST_PASSWORD).expect(429)).body.error).toBe('RATE_LIMITED');
  });

  it('keeps every key under the hash-tagged prefix on the cluster, and none on the single Redis', async () => {
    const client = new Cluster(cluster.ports.map((port) => ({ host: '127.0.0.1', port })));
    const single = new Redis({ ...REDIS, lazyConnect: true });
    try {
      await new Promise((resolve) => client.once('ready', resolve));
      const keys: string[] = [];
      for (const node of client.nodes('master')) keys.push(...(await node.keys('*')));
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.filter((k) => !k.startsWith(`${prefix}:`))).toEqual([]);
      expect(keys).toEqual(expect.arrayContaining([`${prefix}:login-fail:account:clerk`]));
      expect(keys.some((k) => k.startsWith(`${prefix}:maintenance:`))).toBe(true);
      await single.connect();
      expect(await single.keys(`*${stack.queuePrefix}*`)).toEqual([]);
    } finally {
      client.disconnect();
      single.disconnect();
    }
  });
});
