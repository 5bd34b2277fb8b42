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

const at = (s: string): Date => new Date(`${s}+08:00`);

describe('search of tasks, reports and documents', () => {
  let stack: TestStack;
  let api: INestApplication;
  let ds: DataSource;
  const ids: Record<string, string> = {};
  const auth: Record<string, { Authorization: string }> = {};
  const http = () => request(api.getHttpServer());
  const search = (who: string, q: Record<string, string>) =>
    http().get('/api/search').query(q).set(auth[who]);

  beforeAll(async () => {
    stack = await createStack('2020-07-01T09:00:00+08:00');
    api = await stack.startApi();
    ds = api.get(DataSource);
    const A = await givenUnit(ds, '自治区工业和信息化厅');
    const B = await givenUnit(ds, '自治区商务厅');
    await givenUser(ds, 'office1', ['office']);
    await givenUser(ds, 'leader1', ['leader']);
    await givenUser(ds, 'admin1', ['admin']);
    await givenUser(ds, 'agency-a', ['agency'], A);
    await givenUser(ds, 'agency-b', ['agency'], B);
    for (const u of ['office1', 'leader1', 'admin1', 'agency-a', 'agency-b'])
      auth[u] = (await loginAs(api, u)).auth;
    ids.doc = await givenDocument(ds, { title: '广西制造业攻坚突破年行动方案' });
    ids.T1 = await givenTask(ds, ids.doc, {
      path: ['二', '（一）', '1'],
      heading: '推进重点技改项目',
    });
    await ds.query(
      `UPDATE tasks SET body = '全年实施技改项目500个以上，完成技改投资增长10%。' WHERE id = $1`,
      [ids.T1],
    );
    ids.T2 = await givenTask(ds, ids.doc, { path: ['二', '（一）', '2'], heading: '扩大商贸流通' });
    await ds.query(
      `UPDATE tasks SET body = '支持批发零售企业开展技改和数字化改造，100%覆盖重点商圈。' WHERE id = $1`,
      [ids.T2],
    );
    await givenAssignment(ds, ids.T1, A, 'lead', at('2020-07-01T09:00:00'));
    await givenAssignment(ds, ids.T2, B, 'lead', at('2020-07-01T09:00:00'));
    const [cycle] = await ds.query(
      `INSERT INTO reporting_cycles (document_id, period, state, opens_at, due_at) VALUES ($1, '2020-Q3', 'open', $2, $3) RETURNING id`,
      [ids.doc, at('2020-07-01T00:00:00'), at('2020-10-11T00:00:00')],
    );
    await ds.query(
      `INSERT INTO status_reports (cycle_id, task_id, unit_id, state, due_at, narrative) VALUES ($1, $2, $3, 'submitted', $4, '新开工技改项目48个，柳州园区完成设备更新')`,
      [cycle.id, ids.T1, A, at('2020-10-11T00:00:00')],
    );
  });
  afterAll(() => stack.close());

  it('finds a task by a two-character Chinese word in its text, for the office and the leaders', async () => {
    const res = await search('office1', { q: '技改' }).expect(200);
    expect(res.body.tasks.map((t: { id: string }) => t.id).sort()).toEqual([ids.T1, ids.T2].sort());
    expect(res.body.tasks[0]).toMatchObject({
      documentTitle: '广西制造业攻坚突破年行动方案',
      number: expect.stringMatching(/^二（一）[12]$/),
    });
    expect(res.body.tasks.every((t: { excerpt: string }) => t.excerpt.includes('技改'))).toBe(true);
    expect(
      res.body.reports.map((r: { period: string; unitName: string }) => [r.period, r.unitName]),
    ).toEqual([['2020-Q3', '自治区工业和信息化厅']]);
    expect((await search('leader1', { q: '柳州园区' }).expect(200)).body.reports).toHaveLength(1);
  });

  it('keeps an agency to its own tasks and reports', async () => {
    const a = await search('agency-a', { q: '技改' }).expect(200);
    expect(a.body.tasks.map((t: { id: string }) => t.id)).toEqual([ids.T1]);
    expect(a.body.reports).toHaveLength(1);
    const b = await search('agency-b', { q: '技改' }).expect(200);
    expect(b.body.tasks.map((t: { id: string }) => t.id)).toEqual([ids.T2]);
    expect(b.body.reports).toEqual([]);
    expect((await search('agency-b', { q: '柳州园区' }).expect(200)).body.reports).toEqual([]);
  });

  it('needs every word, filters by document, unit and period, and takes % and _ literally', async () => {
    expect(
      (await search('office1', { q: '技改 商圈' }).expect(200)).body.tasks.map(
        (t: { id: string }) => t.id,
      ),
    ).toEqual([ids.T2]);
    expect(
      (
        await search('office1', {
          q: '技改',
          unitId: (await ds.query(`SELECT id FROM units WHERE name = '自治区商务厅'`))[0].id,
        }).expect(200)
      ).body.tasks.map((t: { id: string }) => t.id),
    ).toEqual([ids.T2]);
    expect(
      (await search('office1', { q: '技改', period: '2020-Q4' }).expect(200)).body.reports,
    ).toEqual([]);
    expect(
      (
        await search('office1', {
          q: '技改',
          documentId: '00000000-0000-4000-8000-000000000000',
        }).expect(200)
      ).body.tasks,
    ).toEqual([]);
    expect(
      (await search('office1', { q: '%' }).expect(200)).body.tasks
        .map((t: { id: string }) => t.id)
        .sort(),
    ).toEqual([ids.T1, ids.T2].sort());
    expect((await search('office1', { q: '_' }).expect(200)).body.tasks).toEqual([]);
  });

  it('answers bad queries with a 400 naming the field, and refuses anonymous and admin callers', async () => {
    for (const [q, field] of [
      [{ q: '' }, 'q'],
      [{ q: 'a\u0000b' }, 'q'],
      [{ q: 'x'.repeat(101) }, 'q'],
      [{ q: '技改', limit: '1e20' }, 'limit'],
      [{ q: '技改', period: '2020-Q5' }, 'period'],
      [{ q: '技改', unitId: 'x' }, 'unitId'],
    ] as const) {
      const res = await search('office1', q as Record<string, string>).expect(400);
      expect(Object.keys(res.body.fields)).toEqual([field]);
    }
    await http().get('/api/search?q=技改').expect(401);
    await search('admin1', { q: '技改' }).expect(403);
  });
});
