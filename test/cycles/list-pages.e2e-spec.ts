import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { givenUser, loginAs } from '../support/builders';
import { createStack, TestStack } from '../support/harness';
import {
  givenAssignment,
  givenDocument,
  givenTask,
  givenUnit,
} from '../support/supervision-fixtures';

type Auth = { Authorization: string };
interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}

const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');

describe('keyset pages of the long lists', () => {
  let stack: TestStack;
  let api: INestApplication;
  let ds: DataSource;
  const auth: Record<string, Auth> = {};
  let unitA: string;
  let unitB: string;
  let documentId: string;
  let cycleId: string;
  /** The tasks in number order, each with its lead unit. */
  const tasks: { id: string; unitId: string }[] = [];
  const assignedAt = new Date('2020-07-01T09:00:00+08:00');

  beforeAll(async () => {
    stack = await createStack('2020-07-01T10:00:00+08:00');
    api = await stack.startApi();
    ds = api.get(DataSource);
    unitA = await givenUnit(ds, '甲厅');
    unitB = await givenUnit(ds, '乙厅');
    await givenUser(ds, 'office1', ['office']);
    await givenUser(ds, 'agency-a', ['agency'], unitA);
    await givenUser(ds, 'agency-b', ['agency'], unitB);
    for (const u of ['office1', 'agency-a', 'agency-b']) auth[u] = (await loginAs(api, u)).auth;
    documentId = await givenDocument(ds);
    // 250 tasks: one in five led by 乙厅, the rest by 甲厅.
    for (let i = 0; i < 250; i++) {
      const id = await givenTask(ds, documentId);
      const unitId = i % 5 === 0 ? unitB : unitA;
      await givenAssignment(ds, id, unitId, 'lead', assignedAt);
      tasks.push({ id, unitId });
    }
    const opened = await http()
      .post('/api/cycles')
      .set(auth.office1)
      .send({ documentId, period: '2020-Q3' })
      .expect(201);
    expect(opened.body.reports).toBe(250);
    cycleId = opened.body.id;
  });
  afterAll(() => stack.close());

  const http = () => request(api.getHttpServer());

  async function page<T>(path: string, who: Auth, query: Record<string, unknown> = {}) {
    return (await http().get(path).query(query).set(who).expect(200)).body as Page<T>;
  }

  /** Every page of a list, with `between` run after the first. */
  async function allPages<T>(
    path: string,
    who: Auth,
    query: Record<string, unknown>,
    between: () => Promise<void> = async () => undefined,
  ): Promise<{ items: T[]; pages: number }> {
    const items: T[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const p = await page<T>(path, who, { ...query, ...(cursor ? { cursor } : {}) });
      items.push(...p.items);
      pages += 1;
      if (pages === 1) await between();
      cursor = p.nextCursor ?? undefined;
    } while (cursor && pages < 100);
    return { items, pages };
  }

  describe('GET /cycles/:id/reports', () => {
    it('gives 50 by default in task-number order, with a cursor for the next page', async () => {
      const first = await page<{ taskId: string }>(`/api/cycles/${cycleId}/reports`, auth.office1);
      expect(first.items.map((r) => r.taskId)).toEqual(tasks.slice(0, 50).map((t) => t.id));
      expect(typeof first.nextCursor).toBe('string');
    });

    it('pages through all 250 reports once each, in order, while reports are added between pages', async () => {
      const reports = `/api/cycles/${cycleId}/reports`;
      let early = '';
      let late = '';
      const { items, pages } = await allPages<{ id: string; taskId: string }>(
        reports,
        auth.office1,
        { limit: 60 },
        async () => {
          // A task numbered before the first page and one after the last, each with its report.
          early = await givenTask(ds, documentId);
          await ds.query(`UPDATE tasks SET ordinal = -1 WHERE id = $1`, [early]);
          late = await givenTask(ds, documentId);
          for (const t of [early, late]) await givenAssignment(ds, t, unitA, 'lead', assignedAt);
          const again = await http()
            .post('/api/cycles')
            .set(auth.office1)
            .send({ documentId, period: '2020-Q3' })
            .expect(201);
          expect(again.body.reports).toBe(2);
        },
      );
      expect(pages).toBe(5);
      const ids = items.map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
      // The one numbered before the cursor is not seen on later pages; nothing shifts or repeats.
      expect(items.map((r) => r.taskId)).toEqual([...tasks.map((t) => t.id), late]);
      expect(items.map((r) => r.taskId)).not.toContain(early);
      const fresh = await allPages<{ taskId: string }>(reports, auth.office1, { limit: 200 });
      expect(fresh.pages).toBe(2);
      expect(fresh.items.map((r) => r.taskId)).toEqual([early, ...tasks.map((t) => t.id), late]);
    });

    it("pages an agency through its own unit's reports only", async () => {
      const reports = `/api/cycles/${cycleId}/reports`;
      const b = await allPages<{ unitId: string; taskId: string }>(reports, auth['agency-b'], {
        limit: 20,
      });
      expect(b.pages).toBe(3);
      expect(b.items.map((r) => r.taskId)).toEqual(
        tasks.filter((t) => t.unitId === unitB).map((t) => t.id),
      );
      // The office's cursor leads 乙厅 on through its own reports, never to 甲厅's.
      const office = await page<{ id: string }>(reports, auth.office1, { limit: 3 });
      const after = await page<{ unitId: string }>(reports, auth['agency-b'], {
        cursor: office.nextCursor,
        limit: 200,
      });
      expect(after.items.length).toBeGreaterThan(0);
      expect(after.items.every((r) => r.unitId === unitB)).toBe(true);
    });

    it('keeps the state, unit and late filters', async () => {
      const reports = `/api/cycles/${cycleId}/reports`;
      const mine = await allPages<{ unitId: string }>(reports, auth.office1, {
        unitId: unitB,
        limit: 200,
      });
      expect(mine.items).toHaveLength(50);
      expect((await page(reports, auth.office1, { state: 'submitted' })).items).toEqual([]);
      expect((await page(reports, auth.office1, { late: 'true' })).items).toEqual([]);
      const units = (await http().get(`/api/cycles/${cycleId}/units`).set(auth.office1).expect(200))
        .body as { unitId: string; reports: number; late: number }[];
      expect(Object.fromEntries(units.map((u) => [u.unitId, u.reports]))).toEqual({
        [unitA]: 202,
        [unitB]: 50,
      });
      await http().get(`/api/cycles/${cycleId}/units`).set(auth['agency-a']).expect(403);
    });
  });

  describe('GET /escalations', () => {
    beforeAll(async () => {
      // 120 escalations on distinct reports: two levels, ties in the raised time, microseconds kept.
      await ds.query(
        `INSERT INTO escalations (dedup_key, task_id, unit_id, cycle_id, report_id, level, state, reason, raised_at, colour)
         SELECT 'page/' || r.id, r.task_id, r.unit_id, r.cycle_id, r.id, 2 + (k % 2), CASE WHEN k % 7 = 0 THEN 'resolved' ELSE 'open' END,
                'report_overdue', TIMESTAMPTZ '2020-10-11 09:00:00+08' + ((k / 3) * 1001) * interval '1 microsecond', 'orange'
           FROM (SELECT r.*, row_number() OVER (ORDER BY r.id) AS k FROM status_reports r WHERE r.cycle_id = $1) r
          WHERE k <= 120`,
        [cycleId],
      );
    });

    it('pages the board once through, highest level and newest first, with the total on every page', async () => {
      const { items, pages } = await allPages<{ id: string; level: number; raisedAt: string }>(
        '/api/escalations',
        auth.office1,
        { limit: 50 },
      );
      expect(pages).toBe(3);
      expect(items).toHaveLength(120);
      expect(new Set(items.map((e) => e.id)).size).toBe(120);
      const rows = (await ds.query(
        `SELECT id FROM escalations ORDER BY level DESC, raised_at DESC, id DESC`,
      )) as { id: string }[];
      expect(items.map((e) => e.id)).toEqual(rows.map((r) => r.id));
      expect((await page('/api/escalations', auth.office1, { limit: 1 })).total).toBe(120);
    });

    it('pages a filter by level and the unresolved ones', async () => {
      const active = await allPages<{ level: number; state: string }>(
        '/api/escalations',
        auth.office1,
        { level: 3, active: 'true', limit: 7 },
      );
      expect(active.items.length).toBeGreaterThan(0);
      expect(active.items.every((e) => e.level === 3 && e.state !== 'resolved')).toBe(true);
      const [{ n }] = (await ds.query(
        `SELECT count(*)::int AS n FROM escalations WHERE level = 3 AND state <> 'resolved'`,
      )) as { n: number }[];
      expect(active.items).toHaveLength(n);
      await http().get('/api/escalations').set(auth['agency-a']).expect(403);
    });
  });

  describe('GET /me/notices', () => {
    let userA: string;
    beforeAll(async () => {
      [{ id: userA }] = (await ds.query(`SELECT id FROM users WHERE username = 'agency-a'`)) as {
        id: string;
      }[];
      await ds.query(
        `WITH n AS (
           INSERT INTO notices (dedup_key, kind, level, colour, unit_id, title, body, created_at)
           SELECT 'page-notice/' || g, 'reminder', 0, 'blue', $2, '通知' || g, '',
                  TIMESTAMPTZ '2020-10-01 09:00+08' + ((g / 4) * 7) * interval '1 microsecond'
             FROM generate_series(1, 130) g RETURNING id, created_at)
         INSERT INTO notice_deliveries (notice_id, user_id, channel, created_at)
         SELECT id, $1, 'inapp', created_at FROM n`,
        [userA, unitA],
      );
    });

    it('pages my inbox once through, newest first, with the counts on every page', async () => {
      const first = await page('/api/me/notices', auth['agency-a'], { limit: 50 });
      expect(first).toMatchObject({ total: 130, unread: 130 });
      const { items, pages } = await allPages<{ id: string }>('/api/me/notices', auth['agency-a'], {
        limit: 50,
      });
      expect(pages).toBe(3);
      const rows = (await ds.query(
        `SELECT notice_id AS id FROM notice_deliveries WHERE user_id = $1 AND channel = 'inapp'
          ORDER BY created_at DESC, notice_id DESC`,
        [userA],
      )) as { id: string }[];
      expect(items.map((n) => n.id)).toEqual(rows.map((r) => r.id));
      expect((await page('/api/me/notices', auth['agency-b'])).items).toEqual([]);
    });
  });

  describe('bad limits and cursors', () => {
    const routes = () =>
      [
        [`/api/cycles/${cycleId}/reports`, auth.office1],
        ['/api/escalations', auth.office1],
        ['/api/me/notices', auth['agency-a']],
      ] as const;
    const forged = [
      '!!!not-base64!!!',
      'zzzz',
      b64({ ordinal: 1 }),
      b64([1, 'a', 'b', 'not-a-uuid']),
      b64(['1', 2]),
      b64([]),
      'x'.repeat(2_000),
    ];

    it.each([['0'], ['1000'], ['abc'], ['201'], ['-1'], ['1.5']])(
      'refuses limit=%s with 400 naming limit',
      async (limit) => {
        for (const [path, who] of routes()) {
          const res = await http().get(path).query({ limit }).set(who).expect(400);
          expect(res.body.error).toBe('VALIDATION_FAILED');
          expect(Object.keys(res.body.fields)).toEqual(['limit']);
        }
      },
    );

    it('refuses a garbled or forged cursor with 400 naming cursor, never 500', async () => {
      for (const [path, who] of routes())
        for (const cursor of forged) {
          const res = await http().get(path).query({ cursor }).set(who);
          expect({ path, cursor, status: res.status }).toEqual({ path, cursor, status: 400 });
          expect(res.body.error).toBe('VALIDATION_FAILED');
          expect(Object.keys(res.body.fields)).toEqual(['cursor']);
        }
    });

    it("refuses one list's cursor on another", async () => {
      const reports = await page(`/api/cycles/${cycleId}/reports`, auth.office1, { limit: 1 });
      const res = await http()
        .get('/api/escalations')
        .query({ cursor: reports.nextCursor })
        .set(auth.office1)
        .expect(400);
      expect(Object.keys(res.body.fields)).toEqual(['cursor']);
    });
  });
});
