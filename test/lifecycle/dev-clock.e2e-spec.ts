import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { appConfig, BusinessFileClock } from '@tracker/common';
import { ApiModule } from '../../apps/api/src/api.module';
import { configureApp } from '../../apps/api/src/configure-app';
import { givenUser as givenLoginUser, loginAs } from '../support/builders';
import { ChildWorker, spawnWorker } from '../support/child-worker';
import { createStack, TestStack } from '../support/harness';
import { untilRow } from '../support/mail-fixtures';
import {
  givenAssignment,
  givenDocument,
  givenTask,
  givenUnit,
  givenUser,
} from '../support/supervision-fixtures';

const at = (s: string): Date => new Date(`${s}+08:00`);

describe('the development business clock, moved through the api, followed by the worker', () => {
  let stack: TestStack;
  let api: INestApplication;
  let worker: ChildWorker;
  let ds: DataSource;
  let clock: BusinessFileClock;
  const auth: Record<string, { Authorization: string }> = {};
  const http = () => request(api.getHttpServer());
  let reportId: string;

  beforeAll(async () => {
    stack = await createStack();
    const file = path.join(
      mkdtempSync(path.join(tmpdir(), 'tracker-business-clock-')),
      'clock.json',
    );
    // The test reads the same file the api and the worker read.
    clock = new BusinessFileClock(file, at('2020-10-01T09:00:00'));
    const env = {
      ...stack.env,
      BUSINESS_CLOCK: 'file',
      BUSINESS_CLOCK_FILE: file,
      JWT_ACCESS_TTL: '3650d',
      JWT_REFRESH_TTL: '3650d',
    };
    for (const [k, v] of Object.entries(env)) process.env[k] = v;
    const moduleRef = await Test.createTestingModule({ imports: [ApiModule] }).compile();
    api = configureApp(moduleRef.createNestApplication({ bufferLogs: true }));
    await api.init();
    stack.apps.push(api);
    ds = api.get(DataSource);

    const unit = await givenUnit(ds, '时钟测试厅');
    await givenLoginUser(ds, 'office1', ['office']);
    await givenLoginUser(ds, 'admin1', ['admin']);
    await givenLoginUser(ds, 'agency-a', ['agency'], unit);
    await givenUser(ds, { roles: ['agency'], unitId: unit, isUnitHead: true });
    for (const u of ['office1', 'admin1', 'agency-a']) auth[u] = (await loginAs(api, u)).auth;
    const documentId = await givenDocument(ds, { title: '时钟方案' });
    await givenAssignment(
      ds,
      await givenTask(ds, documentId),
      unit,
      'lead',
      at('2020-07-01T09:00:00'),
    );

    worker = spawnWorker(env, null);
    await worker.ready;
    const opened = await http()
      .post('/api/cycles')
      .set(auth.office1)
      .send({ documentId, period: '2020-Q3' })
      .expect(201);
    const [r] = (
      await http().get(`/api/cycles/${opened.body.id}/reports`).set(auth.office1).expect(200)
    ).body.items as { id: string }[];
    reportId = r.id;
  });
  afterAll(async () => {
    await worker?.kill('SIGTERM');
    await stack.close();
    for (const k of ['BUSINESS_CLOCK', 'BUSINESS_CLOCK_FILE', 'JWT_ACCESS_TTL', 'JWT_REFRESH_TTL'])
      delete process.env[k];
  });

  const rungs = async (): Promise<{ kind: string; created_at: Date }[]> =>
    ds.query(`SELECT kind, created_at FROM notices WHERE report_id = $1 ORDER BY created_at`, [
      reportId,
    ]);

  it('starts where it was set and lets only the office or an admin read and move it', async () => {
    const res = await http().get('/api/dev/clock').set(auth.office1).expect(200);
    expect(Date.parse(res.body.at) - at('2020-10-01T09:00:00').getTime()).toBeLessThan(120_000);
    await http().get('/api/dev/clock').set(auth['agency-a']).expect(403);
    await http().post('/api/dev/clock').set(auth['agency-a']).send({ advance: 'P1D' }).expect(403);
    const bad = await http()
      .post('/api/dev/clock')
      .set(auth.office1)
      .send({ advance: 'tomorrow' })
      .expect(400);
    expect(Object.keys(bad.body.fields)).toEqual(['advance']);
    const both = await http()
      .post('/api/dev/clock')
      .set(auth.admin1)
      .send({ at: '2020-10-02T00:00:00+08:00', advance: 'P1D' })
      .expect(400);
    expect(Object.keys(both.body.fields)).toEqual(['at']);
    expect(await rungs()).toEqual([]);
  });

  it('moves time for the worker too: the reminder, then the overdue notice, at business times', async () => {
    const moved = await http()
      .post('/api/dev/clock')
      .set(auth.office1)
      .send({ at: '2020-10-08T09:00:00+08:00' })
      .expect(200);
    expect(Date.parse(moved.body.at) - at('2020-10-08T09:00:00').getTime()).toBeLessThan(5_000);
    await untilRow<{ n: number }>(
      ds,
      `SELECT count(*)::int AS n FROM notices WHERE report_id = $1`,
      [reportId],
      (r) => r.n === 1,
    );
    const [reminder] = await rungs();
    expect(reminder.kind).toBe('reminder');
    // Written by the worker at the business time the api set: they agree.
    expect(
      reminder.created_at.getTime() - at('2020-10-08T09:00:00').getTime(),
    ).toBeGreaterThanOrEqual(0);
    expect(reminder.created_at.getTime() - at('2020-10-08T09:00:00').getTime()).toBeLessThan(
      60_000,
    );

    await http().post('/api/dev/clock').set(auth.admin1).send({ advance: 'P4D' }).expect(200);
    await untilRow<{ n: number }>(
      ds,
      `SELECT count(*)::int AS n FROM notices WHERE report_id = $1`,
      [reportId],
      (r) => r.n === 2,
    );
    expect((await rungs()).map((n) => n.kind)).toEqual(['reminder', 'overdue']);
    expect(clock.now().getTime() - at('2020-10-12T09:00:00').getTime()).toBeLessThan(60_000);
  });

  it('is refused in production', () => {
    const saved = { ...process.env };
    try {
      Object.assign(process.env, {
        NODE_ENV: 'production',
        BUSINESS_CLOCK: 'file',
        JWT_SECRET: 'q7Vw2L9rT4kZ8mN1xB6cF3hJ5sD0gY2uR8eW4tA6',
        LINK_SIGNING_SECRET: 'P3nM8vC1xZ6bL9kJ2hG5fD7sA0qW4eR1tY3uI8oE',
      });
      expect(() => appConfig()).toThrow(/BUSINESS_CLOCK: file is refused when NODE_ENV=production/);
    } finally {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    }
  });
});

describe('the development clock routes where the clock is not movable', () => {
  let stack: TestStack;
  let api: INestApplication;
  beforeAll(async () => {
    stack = await createStack();
    api = await stack.startApi();
    await givenLoginUser(api.get(DataSource), 'office2', ['office']);
  });
  afterAll(() => stack.close());

  it('answer 404', async () => {
    const { auth } = await loginAs(api, 'office2');
    await request(api.getHttpServer()).get('/api/dev/clock').set(auth).expect(404);
    await request(api.getHttpServer())
      .post('/api/dev/clock')
      .set(auth)
      .send({ advance: 'P1D' })
      .expect(404);
  });
});
