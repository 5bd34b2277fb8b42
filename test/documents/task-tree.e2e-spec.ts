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

describe("a document's task tree with each task's colour", () => {
  let stack: TestStack;
  let api: INestApplication;
  let ds: DataSource;
  const ids: Record<string, string> = {};
  const auth: Record<string, { Authorization: string }> = {};
  const http = () => request(api.getHttpServer());

  beforeAll(async () => {
    stack = await createStack('2020-10-15T09:00:00+08:00');
    api = await stack.startApi();
    ds = api.get(DataSource);
    const A = await givenUnit(ds, '自治区工业和信息化厅');
    const S = await givenUnit(ds, '自治区财政厅');
    for (const [u, roles, unit] of [
      ['office1', ['office'], null],
      ['leader1', ['leader'], null],
      ['agency-a', ['agency'], A],
    ] as const) {
      await givenUser(ds, u, [...roles], unit);
      auth[u] = (await loginAs(api, u)).auth;
    }
    ids.doc = await givenDocument(ds, { title: '行动方案' });
    const [chapter] = await ds.query(
      `INSERT INTO tasks (document_id, path, path_key, ordinal, heading, is_task, units_source) VALUES ($1, '{二}', '二', 0, '重点任务', false, 'none') RETURNING id`,
      [ids.doc],
    );
    const child = async (
      k: string,
      path: string[],
      heading: string,
      deadlineOn: string | null = null,
    ) => {
      ids[k] = await givenTask(ds, ids.doc, { path, heading, deadlineOn });
      await ds.query(`UPDATE tasks SET parent_id = $2 WHERE id = $1`, [ids[k], chapter.id]);
    };
    await child('late', ['二', '（一）'], '推进智能制造');
    await child('ack', ['二', '（二）'], '发展工业互联网');
    await child('green', ['二', '（三）'], '培育龙头企业', '2021-06-30');
    await child('done', ['二', '（四）'], '优化营商环境', '2020-06-30');
    await ds.query(`UPDATE tasks SET state = 'completed' WHERE id = $1`, [ids.done]);
    ids.chapter = chapter.id;
    const assigned = at('2020-07-01T09:00:00');
    for (const k of ['late', 'ack', 'green', 'done'])
      await givenAssignment(ds, ids[k], A, 'lead', assigned);
    await givenAssignment(ds, ids.ack, S, 'support', assigned);
    const [cycle] = await ds.query(
      `INSERT INTO reporting_cycles (document_id, period, state, opens_at, due_at) VALUES ($1, '2020-Q3', 'open', $2, $3) RETURNING id`,
      [ids.doc, at('2020-07-01T00:00:00'), at('2020-10-11T00:00:00')],
    );
    await ds.query(
      `INSERT INTO status_reports (cycle_id, task_id, unit_id, state, due_at) VALUES ($1, $2, $3, 'pending', $4)`,
      [cycle.id, ids.late, A, at('2020-10-11T00:00:00')],
    );
    await ds.query(
      `INSERT INTO status_reports (cycle_id, task_id, unit_id, state, due_at) VALUES ($1, $2, $3, 'accepted', $4)`,
      [cycle.id, ids.green, A, at('2020-10-11T00:00:00')],
    );
  });
  afterAll(() => stack.close());

  it('colours each task by the one status rule and its chapter by the worst below it', async () => {
    const res = await http().get(`/api/documents/${ids.doc}/tree`).set(auth.office1).expect(200);
    expect(res.body).toHaveLength(1);
    const [chapter] = res.body;
    expect(chapter).toMatchObject({ id: ids.chapter, isTask: false, colour: 'red', number: '二' });
    const byHeading = Object.fromEntries(
      chapter.children.map(
        (c: { heading: string; colour: string; leadUnits: string[]; supportUnits: string[] }) => [
          c.heading,
          [c.colour, c.leadUnits, c.supportUnits],
        ],
      ),
    );
    expect(byHeading).toEqual({
      推进智能制造: ['red', ['自治区工业和信息化厅'], []],
      发展工业互联网: ['amber', ['自治区工业和信息化厅'], ['自治区财政厅']],
      培育龙头企业: ['green', ['自治区工业和信息化厅'], []],
      优化营商环境: ['done', ['自治区工业和信息化厅'], []],
    });
    await http().get(`/api/documents/${ids.doc}/tree`).set(auth.leader1).expect(200);
  });

  it('keeps the tree to the office and the leaders, and answers 404 for a missing document', async () => {
    await http().get(`/api/documents/${ids.doc}/tree`).set(auth['agency-a']).expect(403);
    await http().get(`/api/documents/${ids.doc}/tree`).expect(401);
    const missing = await http()
      .get('/api/documents/00000000-0000-4000-8000-000000000000/tree')
      .set(auth.office1)
      .expect(404);
    expect(missing.body.error).toBe('DOCUMENT_NOT_FOUND');
    await http().get('/api/documents/nope/tree').set(auth.office1).expect(400);
  });
});
