import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { JobProducer } from '@tracker/queue';
import { DataSource } from 'typeorm';
import { givenUser, loginAs } from '../support/builders';
import { createStack, TestStack } from '../support/harness';
import { PrivateRedis } from '../support/private-redis';
import {
  givenAssignment,
  givenDocument,
  givenTask,
  givenUnit,
} from '../support/supervision-fixtures';

describe('the api with Redis down during writes', () => {
  let stack: TestStack;
  let api: INestApplication;
  let ds: DataSource;
  let redis: PrivateRedis;
  const auth: Record<string, { Authorization: string }> = {};
  let reportId: string;
  const http = () => request(api.getHttpServer());

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    stack = await createStack('2020-07-01T10:00:00+08:00');
    api = await stack.startApi({ REDIS_PORT: String(redis.port) });
    ds = api.get(DataSource);
    const lead = await givenUnit(ds, '牵头厅');
    await givenUser(ds, 'office1', ['office']);
    await givenUser(ds, 'lead1', ['agency'], lead);
    for (const u of ['office1', 'lead1']) auth[u] = (await loginAs(api, u)).auth;
    const documentId = await givenDocument(ds);
    await givenAssignment(
      ds,
      await givenTask(ds, documentId),
      lead,
      'lead',
      new Date('2020-07-01T09:00:00+08:00'),
    );
    const cycle = await http()
      .post('/api/cycles')
      .set(auth.office1)
      .send({ documentId, period: '2020-Q3' })
      .expect(201);
    reportId = (
      await http().get(`/api/cycles/${cycle.body.id}/reports`).set(auth.lead1).expect(200)
    ).body.items[0].id;
    await redis.stop();
  });
  afterAll(async () => {
    await redis.start();
    await stack.close();
    await redis.stop();
  });

  const reportRow = async () =>
    (await ds.query(`SELECT state, revision FROM status_reports WHERE id = $1`, [reportId]))[0];
  /** Resolves once the api's queue connection answers again (ioredis reconnects on its own, with backoff). */
  const queueBack = async () => {
    const jobs = api.get(JobProducer);
    const until = performance.now() + 20_000;
    while (!(await jobs.reachable(1_000))) {
      if (performance.now() > until)
        throw new Error('the queue connection did not come back within 20 s');
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  it('refuses a report submit with 503 and Retry-After within 2 s, saving nothing', async () => {
    const before = await reportRow();
    const started = performance.now();
    const res = await http()
      .post(`/api/reports/${reportId}/submit`)
      .set(auth.lead1)
      .send({ narrative: '进展顺利' });
    const elapsed = performance.now() - started;
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({
      error: 'DEPENDENCY_UNAVAILABLE',
      message: '服务暂时不可用，请稍后再试',
    });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(elapsed).toBeLessThan(2_000);
    // Nothing committed: the report is as it was, no revision, no audit entry.
    expect(await reportRow()).toEqual(before);
    expect(before.state).not.toBe('submitted');
    const audit = await ds.query(
      `SELECT 1 FROM audit_log WHERE action = 'report.submit' AND target_id = $1`,
      [reportId],
    );
    expect(audit).toHaveLength(0);
  });

  it('files the same submit once Redis is back (the retry is the whole change, not a 409)', async () => {
    await redis.start();
    await queueBack();
    const res = await http()
      .post(`/api/reports/${reportId}/submit`)
      .set(auth.lead1)
      .send({ narrative: '进展顺利' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'submitted', revision: 1 });
    expect(await reportRow()).toEqual({ state: 'submitted', revision: 1 });
    await redis.stop();
  });

  it('refuses the office accepting a report with 503 while Redis is down, and the report stays submitted', async () => {
    const started = performance.now();
    const res = await http().post(`/api/reports/${reportId}/accept`).set(auth.office1).send({});
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBeDefined();
    expect(await reportRow()).toEqual({ state: 'submitted', revision: 1 });
  });

  it('refuses a document import with 503 while Redis is down and creates no document', async () => {
    const [{ n: before }] = await ds.query(`SELECT count(*)::int AS n FROM policy_documents`);
    const text = '一、重点任务\n（一）推进工业互联网平台建设。（牵头单位：牵头厅）\n';
    const res = await http()
      .post('/api/documents')
      .set(auth.office1)
      .send({ fileName: 'plan.txt', text });
    expect(res.status).toBe(503);
    expect(res.body.error).toBe('DEPENDENCY_UNAVAILABLE');
    expect(res.headers['retry-after']).toBeDefined();
    const [{ n: after }] = await ds.query(`SELECT count(*)::int AS n FROM policy_documents`);
    expect(after).toBe(before);
  });

  it('answers sign-in 503 DEPENDENCY_UNAVAILABLE quickly, since its limiter needs Redis', async () => {
    const started = performance.now();
    const res = await http()
      .post('/api/auth/login')
      .send({ username: 'lead1', password: 'whatever-it-is' });
    expect(performance.now() - started).toBeLessThan(4_000);
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({
      error: 'DEPENDENCY_UNAVAILABLE',
      message: '服务暂时不可用，请稍后再试',
    });
  });

  it('answers the public acknowledge link 503 quickly (its rate limit needs Redis)', async () => {
    const started = performance.now();
    const res = await http().get(
      '/api/action-links/acknowledge?assignment=00000000-0000-4000-8000-000000000003&token=AAAAAAAAAAAA.BBBBBBBBBBBB',
    );
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(res.status).toBe(503);
    expect(res.body.error).toBe('DEPENDENCY_UNAVAILABLE');
  });
});
