import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { givenAssignment, givenTask, givenUnit } from '../support/builders';
import { createStack, TestStack } from '../support/harness';
import { givenWorld, World } from '../support/world';

describe("reading tasks: my tasks, filters, sorting, pages, one task, units' workload", () => {
  let stack: TestStack;
  let api: INestApplication;
  let ds: DataSource;
  let w: World;
  const get = (path: string, who: keyof World['headers']) =>
    request(api.getHttpServer()).get(path).set(w.headers[who]);

  beforeAll(async () => {
    stack = await createStack('2020-07-01T10:00:00+08:00');
    api = await stack.startApi({ JWT_ACCESS_TTL: '1d' });
    ds = api.get(DataSource);
    w = await givenWorld(api);
    // A report and a notice on t1, so the detail has something to show.
    const [cycle] = await ds.query(
      `INSERT INTO reporting_cycles (document_id, period, opens_at, due_at, state) VALUES ($1, '2020-Q2', '2020-03-31T16:00:00Z', '2020-07-10T16:00:00Z', 'open') RETURNING id`,
      [w.doc.id],
    );
    await ds.query(
      `INSERT INTO status_reports (cycle_id, task_id, unit_id, state, due_at, progress_status, narrative, submitted_at)
       VALUES ($1, $2, $3, 'submitted', '2020-07-10T16:00:00Z', 'on_track', '已建成智能工厂3家', '2020-07-01T01:00:00Z')`,
      [cycle.id, w.tasks.t1.id, w.units.A.id],
    );
    await ds.query(
      `INSERT INTO notices (dedup_key, kind, level, colour, task_id, unit_id, title, body)
       VALUES ('test/1', 'reminder', 0, 'blue', $1, $2, '季度报告提醒', '请按时报送')`,
      [w.tasks.t1.id, w.units.A.id],
    );
  });
  afterAll(() => stack.close());

  it('lists my tasks as lead and as support, with my assignment', async () => {
    const all = await get('/api/me/tasks', 'agencyA').expect(200);
    expect(all.body.total).toBe(2);
    expect(
      all.body.items.map(
        (i: { task: { number: string }; assignment: { role: string; unit: { name: string } } }) => [
          i.task.number,
          i.assignment.role,
          i.assignment.unit.name,
        ],
      ),
    ).toEqual([
      ['一（一）', 'lead', '自治区工业和信息化厅'],
      ['一（二）', 'support', '自治区工业和信息化委'],
    ]);
    const lead = await get('/api/me/tasks?role=lead', 'agencyA').expect(200);
    expect(lead.body.items.map((i: { task: { id: string } }) => i.task.id)).toEqual([
      w.tasks.t1.id,
    ]);
    const support = await get('/api/me/tasks?role=support&ackState=pending', 'agencyA').expect(200);
    expect(support.body.items.map((i: { task: { id: string } }) => i.task.id)).toEqual([
      w.tasks.t2.id,
    ]);
    expect(support.body.items[0].task).toMatchObject({
      leadUnits: [{ name: '自治区科技厅' }],
      supportUnits: [{ name: '自治区工业和信息化委' }],
    });
  });

  it('filters by document, status, due date and overdue (today from the clock, Asia/Shanghai)', async () => {
    const ids = async (query: string): Promise<string[]> =>
      (await get(`/api/tasks?${query}`, 'office').expect(200)).body.items.map(
        (t: { id: string }) => t.id,
      );
    const { t1, t2, t3, t4 } = w.tasks;
    expect(await ids(`documentId=${w.doc.id}`)).toEqual([t1.id, t2.id, t3.id]);
    expect(await ids('overdue=true')).toEqual([t1.id]);
    expect(await ids(`overdue=false&documentId=${w.doc.id}`)).toEqual([t2.id, t3.id]);
    expect(await ids('dueBefore=2021-01-01')).toEqual([t1.id]);
    expect(await ids('status=completed')).toEqual([]);
    expect(await ids(`unitId=${w.units.A.id}`)).toEqual([t1.id, t2.id]);
    expect(await ids(`documentId=${w.doc.id}&sort=deadline&order=desc`)).toEqual([
      t2.id,
      t1.id,
      t3.id,
    ]);
    const overdue = await get('/api/me/tasks?overdue=true', 'agencyB').expect(200);
    expect(
      overdue.body.items.map((i: { task: { id: string; isOverdue: boolean } }) => [
        i.task.id,
        i.task.isOverdue,
      ]),
    ).toEqual([[t1.id, true]]);
    void t4;
  });

  it('pages', async () => {
    const first = await get('/api/tasks?pageSize=3&page=1', 'office').expect(200);
    const second = await get('/api/tasks?pageSize=3&page=2', 'office').expect(200);
    expect(first.body).toMatchObject({ total: 4, page: 1, pageSize: 3 });
    expect(first.body.items).toHaveLength(3);
    expect(second.body.items).toHaveLength(1);
    // Past the last page: no rows, and still the count (it is its own statement, not a window over the rows).
    const beyond = await get('/api/tasks?pageSize=3&page=3', 'office').expect(200);
    expect(beyond.body).toMatchObject({ total: 4, items: [] });
  });

  it('names every bad query field in a 400', async () => {
    const res = await get(
      '/api/tasks?dueBefore=2020-13-01&overdue=maybe&sort=random&pageSize=1000&colour=red',
      'office',
    ).expect(400);
    expect(Object.keys(res.body.fields).sort()).toEqual([
      'colour',
      'dueBefore',
      'overdue',
      'pageSize',
      'sort',
    ]);
    expect(res.body.fields.dueBefore).toEqual(['must be a date (YYYY-MM-DD)']);
  });

  it('shows one task with its assignments, reports, notices and history', async () => {
    await request(api.getHttpServer())
      .post(`/api/assignments/${w.asg.t1B.id}/acknowledge`)
      .set(w.headers.agencyB)
      .expect(200);
    const res = await get(`/api/tasks/${w.tasks.t1.id}`, 'agencyB').expect(200);
    expect(res.body).toMatchObject({
      number: '一（一）',
      heading: '推进智能制造',
      deadlineOn: '2020-06-30',
      deadlineText: '2020年6月底前',
      isOverdue: true,
      document: { id: w.doc.id, title: '关于加快制造业发展的实施意见' },
      assignments: [
        { unit: { name: '自治区工业和信息化厅' }, role: 'lead', state: 'pending' },
        { unit: { name: '自治区科技厅' }, role: 'support', state: 'acknowledged' },
      ],
      reports: [
        {
          period: '2020-Q2',
          unit: { name: '自治区工业和信息化厅' },
          state: 'submitted',
          narrative: '已建成智能工厂3家',
        },
      ],
      notices: [
        { kind: 'reminder', title: '季度报告提醒', unit: { name: '自治区工业和信息化厅' } },
      ],
      history: [
        { action: 'assignment.acknowledge', actorName: 'agency-b', targetId: w.asg.t1B.id },
      ],
    });
  });

  it("counts a renamed agency's tasks with its successor's, across documents", async () => {
    // A second document assigns the former name as lead of an overdue task.
    const t5 = await givenTask(ds, w.doc2.id, { path: ['二'], deadlineOn: '2019-12-31' });
    await givenAssignment(ds, t5.id, w.units.A0.id, 'lead');
    const lonely = await givenUnit(ds, '自治区审计厅');
    const units = await get('/api/units', 'office').expect(200);
    const byName = Object.fromEntries(units.body.map((u: { name: string }) => [u.name, u]));
    expect(byName['自治区工业和信息化厅']).toMatchObject({
      led: 2,
      supported: 1,
      overdue: 2,
      formerNames: ['自治区工业和信息化委'],
    });
    expect(byName['自治区工业和信息化委']).toBeUndefined();
    expect(byName['自治区科技厅']).toMatchObject({
      led: 1,
      supported: 1,
      overdue: 1,
      formerNames: [],
    });
    expect(byName['自治区审计厅']).toMatchObject({
      id: lonely.id,
      led: 0,
      supported: 0,
      overdue: 0,
    });
    const former = await get(`/api/units/${w.units.A0.id}`, 'office').expect(200);
    expect(former.body).toMatchObject({ successorId: w.units.A.id, led: 1, supported: 1 });
  });
});
