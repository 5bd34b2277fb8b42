import { INestApplication, INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { JobProducer } from '@tracker/queue';
import { givenUser as givenLoginUser, loginAs } from '../support/builders';
import { drainQueues } from '../support/drain';
import { createStack, TestStack } from '../support/harness';
import {
  givenAssignment,
  givenDocument,
  givenTask,
  givenUnit,
  givenUser,
  noticesOf,
} from '../support/supervision-fixtures';

const at = (s: string): Date => new Date(`${s}+08:00`);

describe('plans that end, and catching up a late cycle without an avalanche', () => {
  let stack: TestStack;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let ds: DataSource;
  const auth: Record<string, { Authorization: string }> = {};
  const drain = (): Promise<unknown> =>
    drainQueues({ queuePrefix: stack.queuePrefix, now: () => stack.clock.now() });
  const http = () => request(api.getHttpServer());
  const openDue = async (): Promise<void> => {
    await worker
      .get(JobProducer)
      .add('cycles-open-due', { requestedAt: stack.clock.now().toISOString() });
    await drain();
  };
  const setClock = async (s: string): Promise<void> => {
    stack.clock.set(at(s));
  };
  const cyclesOf = async (documentId: string): Promise<string[]> =>
    (
      (await ds.query(
        `SELECT period FROM reporting_cycles WHERE document_id = $1 ORDER BY period`,
        [documentId],
      )) as { period: string }[]
    ).map((c) => c.period);

  let unitA: string;
  /** A 2020 plan (到2020年) with two tasks led by unit A. */
  const given2020Plan = async (title: string): Promise<string> => {
    const id = await givenDocument(ds, { title });
    await ds.query(`UPDATE policy_documents SET source_text = $2 WHERE id = $1`, [
      id,
      `${title}\n到2020年，全区制造业增加值增长8%。`,
    ]);
    for (let i = 0; i < 2; i++)
      await givenAssignment(ds, await givenTask(ds, id), unitA, 'lead', at('2020-07-01T09:00:00'));
    return id;
  };

  beforeAll(async () => {
    stack = await createStack('2020-12-20T10:00:00+08:00');
    // Years of business time pass in this spec: tokens that outlive them.
    api = await stack.startApi({ JWT_ACCESS_TTL: '3650d', JWT_REFRESH_TTL: '3650d' });
    worker = await stack.startWorker();
    ds = api.get(DataSource);
    unitA = await givenUnit(ds, '甲厅');
    await givenLoginUser(ds, 'office1', ['office']);
    await givenLoginUser(ds, 'agency-a', ['agency'], unitA);
    await givenLoginUser(ds, 'leader1', ['leader']);
    await givenUser(ds, { roles: ['agency'], unitId: unitA, isUnitHead: true });
    for (const u of ['office1', 'agency-a', 'leader1']) auth[u] = (await loginAs(api, u)).auth;
  });
  afterAll(() => stack.close());

  describe('a plan has a last year', () => {
    let plan: string;
    beforeAll(async () => {
      plan = await given2020Plan('二〇二〇年攻坚方案');
    });

    it('reads the last year from the text and opens no cycle after it from the scheduler', async () => {
      const p = await http().get(`/api/documents/${plan}/plan`).set(auth.leader1).expect(200);
      expect(p.body).toMatchObject({
        horizonYear: 2020,
        horizonFromText: 2020,
        horizonSetByOffice: null,
        archivedAt: null,
      });
      await openDue();
      expect(await cyclesOf(plan)).toEqual(['2020-Q4']);
      await setClock('2021-01-02T00:10:00');
      await openDue();
      expect(await cyclesOf(plan)).toEqual(['2020-Q4']);
      await setClock('2026-04-01T00:10:00');
      await openDue();
      expect(await cyclesOf(plan)).toEqual(['2020-Q4']);
    });

    it('refuses to open a period after the last year by hand, naming the year', async () => {
      const res = await http()
        .post('/api/cycles')
        .set(auth.office1)
        .send({ documentId: plan, period: '2021-Q1' })
        .expect(422);
      expect(res.body).toMatchObject({ error: 'PERIOD_BEYOND_HORIZON', horizonYear: 2020 });
      const preview = await http()
        .post('/api/cycles/preview')
        .set(auth.office1)
        .send({ documentId: plan, period: '2021-Q1' })
        .expect(200);
      expect(preview.body).toMatchObject({ refusal: 'PERIOD_BEYOND_HORIZON', horizonYear: 2020 });
    });

    it('lets only the office extend the plan, audited, and then the scheduler opens the next period', async () => {
      await http()
        .patch(`/api/documents/${plan}/plan`)
        .set(auth['agency-a'])
        .send({ horizonYear: 2026 })
        .expect(403);
      await http()
        .patch(`/api/documents/${plan}/plan`)
        .set(auth.leader1)
        .send({ horizonYear: 2026 })
        .expect(403);
      const bad = await http()
        .patch(`/api/documents/${plan}/plan`)
        .set(auth.office1)
        .send({ horizonYear: '明年' })
        .expect(400);
      expect(Object.keys(bad.body.fields)).toEqual(['horizonYear']);
      const res = await http()
        .patch(`/api/documents/${plan}/plan`)
        .set(auth.office1)
        .send({ horizonYear: 2026 })
        .expect(200);
      expect(res.body).toMatchObject({
        horizonYear: 2026,
        horizonFromText: 2020,
        horizonSetByOffice: 2026,
      });
      const [audit] = await ds.query(
        `SELECT action, after FROM audit_log WHERE target_id = $1 AND action = 'document.horizon.update'`,
        [plan],
      );
      expect(audit.after).toEqual({ horizonYear: 2026 });
      await setClock('2026-04-01T00:20:00');
      await openDue();
      expect(await cyclesOf(plan)).toEqual(['2020-Q4', '2026-Q2']);
    });

    it('archives a plan: open cycles close, no cycle, rung or acknowledgement notice comes from it again, and it stays readable', async () => {
      await http().post(`/api/documents/${plan}/archive`).set(auth['agency-a']).expect(403);
      const res = await http().post(`/api/documents/${plan}/archive`).set(auth.office1).expect(200);
      expect(res.body).toMatchObject({ closedCycles: 2 });
      expect(res.body.archivedAt).toBeTruthy();
      const before = (
        await noticesOf(ds, `task_id IN (SELECT id FROM tasks WHERE document_id = $1)`, [plan])
      ).length;
      await setClock('2026-08-01T00:10:00');
      await openDue();
      expect(await cyclesOf(plan)).toEqual(['2020-Q4', '2026-Q2']);
      expect(
        await noticesOf(ds, `task_id IN (SELECT id FROM tasks WHERE document_id = $1)`, [plan]),
      ).toHaveLength(before);
      const refused = await http()
        .post('/api/cycles')
        .set(auth.office1)
        .send({ documentId: plan, period: '2026-Q3' })
        .expect(409);
      expect(refused.body.error).toBe('DOCUMENT_ARCHIVED');
      await http().get(`/api/documents/${plan}`).set(auth.office1).expect(200);
      await http().get(`/api/tasks?documentId=${plan}`).set(auth['agency-a']).expect(200);
    });
  });

  describe('a past quarter opened by hand', () => {
    let doc: string;
    beforeAll(async () => {
      await setClock('2026-03-02T09:00:00');
      doc = await givenDocument(ds, { title: '追补周期方案' });
      for (let i = 0; i < 3; i++)
        await givenAssignment(
          ds,
          await givenTask(ds, doc),
          unitA,
          'lead',
          at('2020-07-01T09:00:00'),
        );
    });

    it('says what opening it would raise before the office confirms, and writes nothing', async () => {
      await http()
        .post('/api/cycles/preview')
        .set(auth['agency-a'])
        .send({ documentId: doc, period: '2020-Q3' })
        .expect(403);
      const bad = await http()
        .post('/api/cycles/preview')
        .set(auth.office1)
        .send({ documentId: doc, period: '2020Q3' })
        .expect(400);
      expect(Object.keys(bad.body.fields)).toEqual(['period']);
      const res = await http()
        .post('/api/cycles/preview')
        .set(auth.office1)
        .send({ documentId: doc, period: '2020-Q3' })
        .expect(200);
      expect(res.body).toMatchObject({
        exists: false,
        late: true,
        refusal: null,
        reports: 3,
        raised: { reminder: 0, overdue: 0, supervision: 0, leading_group: 3 },
        passedOver: 6,
        escalations: 3,
      });
      expect(res.body.bulletin.compiledAtOnce).toBe(true);
      expect(res.body.bulletin.recipients).toBeGreaterThanOrEqual(4);
      expect(await cyclesOf(doc)).toEqual([]);
    });

    it('raises the current rung once per report, not the lower ones in the same second', async () => {
      await http()
        .post('/api/cycles')
        .set(auth.office1)
        .send({ documentId: doc, period: '2020-Q3' })
        .expect(201);
      await drain();
      const raised = await noticesOf(
        ds,
        `task_id IN (SELECT id FROM tasks WHERE document_id = $1) AND kind IN ('reminder', 'overdue', 'supervision', 'leading_group')`,
        [doc],
      );
      expect(raised.map((n) => n.kind)).toEqual([
        'leading_group',
        'leading_group',
        'leading_group',
      ]);
      const again = await http()
        .post('/api/cycles/preview')
        .set(auth.office1)
        .send({ documentId: doc, period: '2020-Q3' })
        .expect(200);
      expect(again.body).toMatchObject({
        exists: true,
        raised: { reminder: 0, overdue: 0, supervision: 0, leading_group: 0 },
      });
    });

    it('shows one card per report on the board, at its current level', async () => {
      const board = await http()
        .get(`/api/escalations?documentId=${doc}`)
        .set(auth.office1)
        .expect(200);
      expect(board.body.items.map((e: { level: number }) => e.level)).toEqual([3, 3, 3]);
      expect(new Set(board.body.items.map((e: { reportId: string }) => e.reportId)).size).toBe(3);
      expect(board.body).toMatchObject({ total: 3, nextCursor: null });
    });
  });

  it('on a ladder that climbs in time, the board keeps one card per report at its latest level; history has both', async () => {
    await setClock('2026-04-01T09:00:00');
    const doc = await givenDocument(ds, { title: '按时爬梯方案' });
    await givenAssignment(ds, await givenTask(ds, doc), unitA, 'lead', at('2026-04-01T09:00:00'));
    const opened = await http()
      .post('/api/cycles')
      .set(auth.office1)
      .send({ documentId: doc, period: '2026-Q2' })
      .expect(201);
    await drain();
    // Due at the end of 10 July: reminder 3 days before, overdue +1, supervision +5, the leading group +10.
    for (const day of ['2026-07-08', '2026-07-12', '2026-07-16']) {
      await setClock(`${day}T01:00:00`);
      await drain();
    }
    expect(
      (
        await http().get(`/api/escalations?cycleId=${opened.body.id}`).set(auth.office1).expect(200)
      ).body.items.map((e: { level: number }) => e.level),
    ).toEqual([2]);
    await setClock('2026-07-21T01:00:00');
    await drain();
    const kinds = (
      await noticesOf(ds, `cycle_id = $1 AND kind <> 'bulletin'`, [opened.body.id])
    ).map((n) => n.kind);
    expect(kinds).toEqual(['reminder', 'overdue', 'supervision', 'leading_group']);
    const board = await http()
      .get(`/api/escalations?cycleId=${opened.body.id}`)
      .set(auth.office1)
      .expect(200);
    expect(board.body.items.map((e: { level: number }) => e.level)).toEqual([3]);
    const history = await http()
      .get(`/api/escalations?cycleId=${opened.body.id}&history=true`)
      .set(auth.office1)
      .expect(200);
    expect(history.body.items.map((e: { level: number }) => e.level)).toEqual([3, 2]);
  });
});
