import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { CyclesService } from '@tracker/services';
import { givenUser, loginAs } from '../support/builders';
import { drainMail } from '../support/drain';
import { createStack, TestStack } from '../support/harness';
import {
  givenAssignment,
  givenDocument,
  givenTask,
  givenUnit,
} from '../support/supervision-fixtures';

const at = (s: string): Date => new Date(`${s}+08:00`);
const TARGETS = [
  { text: '新建5G基站', value: 100, unit: '个', by: '2020年底' },
  { text: '完成投资', value: 10, unit: '亿元', by: null },
];

describe('sub-tasks (分解下达): the lead unit hands its task down, records progress and rolls it up', () => {
  let stack: TestStack;
  let api: INestApplication;
  let ds: DataSource;
  let taskId: string;
  let reportId: string;
  const headers: Record<string, Record<string, string>> = {};
  const ids: Record<string, string> = {};
  const http = () => request(api.getHttpServer());

  beforeAll(async () => {
    stack = await createStack('2020-08-03T10:00:00+08:00');
    api = await stack.startApi();
    await stack.startWorker();
    ds = api.get(DataSource);
    const lead = await givenUnit(ds, '自治区通信管理局');
    const support = await givenUnit(ds, '自治区发展改革委');
    const other = await givenUnit(ds, '自治区文化和旅游厅');
    const doc = await givenDocument(ds, { title: '5G网络建设方案' });
    taskId = await givenTask(ds, doc, {
      path: ['三', '（二）'],
      heading: '加快5G网络建设',
      deadlineOn: '2020-12-31',
      targets: TARGETS,
    });
    await givenAssignment(ds, taskId, lead, 'lead', at('2020-07-01T09:00:00'));
    await givenAssignment(ds, taskId, support, 'support', at('2020-07-01T09:00:00'));
    await givenUser(ds, 'agency-lead', ['agency'], lead);
    await givenUser(ds, 'agency-support', ['agency'], support);
    await givenUser(ds, 'agency-other', ['agency'], other);
    await givenUser(ds, 'office', ['office']);
    await givenUser(ds, 'leader', ['leader']);
    for (const who of ['agency-lead', 'agency-support', 'agency-other', 'office', 'leader'])
      headers[who] = (await loginAs(api, who)).auth;
    const cycle = await api.get(CyclesService).open(null, doc, '2020-Q3');
    [{ id: reportId }] = await ds.query(`SELECT id FROM status_reports WHERE cycle_id = $1`, [
      cycle.id,
    ]);
  });
  afterAll(() => stack.close());
  const settle = () =>
    drainMail({ queuePrefix: stack.queuePrefix, now: () => stack.clock.now() }, ds, stack.smtp);

  it('lets the lead unit hand down sub-tasks with owners, deadlines and shares of the targets', async () => {
    const first = await http()
      .post(`/api/tasks/${taskId}/subtasks`)
      .set(headers['agency-lead'])
      .send({
        title: '南宁市区基站建设',
        ownerName: '网络发展处',
        ownerEmail: 'wlfzc@example.gov.cn',
        dueOn: '2020-10-31',
        shares: [
          { index: 0, value: 60 },
          { index: 1, value: 6 },
        ],
        note: '优先覆盖重点园区',
      });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      taskId,
      title: '南宁市区基站建设',
      ownerName: '网络发展处',
      ownerEmail: 'wlfzc@example.gov.cn',
      dueOn: '2020-10-31',
      shares: [
        { index: 0, value: 60 },
        { index: 1, value: 6 },
      ],
      status: 'not_started',
      percent: 0,
      colour: 'green',
      isOverdue: false,
    });
    ids.first = first.body.id;
    const second = await http()
      .post(`/api/tasks/${taskId}/subtasks`)
      .set(headers['agency-lead'])
      .send({
        title: '县域基站建设',
        ownerName: '信息通信管理处',
        dueOn: '2020-08-01',
        shares: [{ index: 0, value: 40 }],
      });
    expect(second.status).toBe(201);
    // Its deadline passed two days ago and it is not done: red, as an overdue task is.
    expect(second.body).toMatchObject({ ownerEmail: null, colour: 'red', isOverdue: true });
    ids.second = second.body.id;

    const rows = await ds.query(
      `SELECT title, owner_name, to_char(due_on, 'YYYY-MM-DD') AS due_on, shares FROM subtasks ORDER BY seq`,
    );
    expect(rows).toEqual([
      {
        title: '南宁市区基站建设',
        owner_name: '网络发展处',
        due_on: '2020-10-31',
        shares: [
          { index: 0, value: 60 },
          { index: 1, value: 6 },
        ],
      },
      {
        title: '县域基站建设',
        owner_name: '信息通信管理处',
        due_on: '2020-08-01',
        shares: [{ index: 0, value: 40 }],
      },
    ]);
    const detail = await http().get(`/api/tasks/${taskId}`).set(headers.office);
    const created = detail.body.history.filter(
      (x: { action: string }) => x.action === 'subtask.create',
    );
    // Both in one instant: the timeline's order between them is not the point.
    expect(created.map((x: { after: { title: string } }) => x.after.title).sort()).toEqual(
      ['南宁市区基站建设', '县域基站建设'].sort(),
    );
    expect(created[0].actorName).toBe('agency-lead');
  });

  it('mails the owner named by an email address the sub-task once, and a new address once more', async () => {
    await settle();
    const mails = stack.smtp.to('wlfzc@example.gov.cn');
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('【分解下达】南宁市区基站建设（任务三（二））');
    expect(mails[0].text).toContain(
      '自治区通信管理局将《5G网络建设方案》任务三（二）“加快5G网络建设”',
    );
    expect(mails[0].text).toContain('完成期限：2020-10-31');
    expect(mails[0].text).toContain('分解目标：新建5G基站 60个；完成投资 6亿元');
    expect(mails[0].text).toContain('备注：优先覆盖重点园区');
    expect(mails[0].text).toContain('Sub-task: 南宁市区基站建设');

    // An edit that keeps the address mails nobody; a new address gets the sub-task.
    const note = await http()
      .patch(`/api/subtasks/${ids.first}`)
      .set(headers['agency-lead'])
      .send({ note: '优先覆盖重点园区和高校' });
    expect(note.status).toBe(200);
    const moved = await http()
      .patch(`/api/subtasks/${ids.first}`)
      .set(headers['agency-lead'])
      .send({ ownerEmail: 'nnwl@example.gov.cn' });
    expect(moved.status).toBe(200);
    await settle();
    expect(stack.smtp.to('wlfzc@example.gov.cn')).toHaveLength(1);
    const again = stack.smtp.to('nnwl@example.gov.cn');
    expect(again).toHaveLength(1);
    expect(again[0].text).toContain('备注：优先覆盖重点园区和高校');
    expect(
      await ds.query(`SELECT count(*)::int AS n FROM subtask_mails WHERE sent_at IS NOT NULL`),
    ).toEqual([{ n: 2 }]);
  });

  it('answers 400 naming the field for impossible dates, bad numbers and targets the task has not', async () => {
    const post = (body: Record<string, unknown>) =>
      http()
        .post(`/api/tasks/${taskId}/subtasks`)
        .set(headers['agency-lead'])
        .send({ title: '试点', ownerName: '某处', dueOn: '2020-09-30', ...body });
    const cases: [Record<string, unknown>, string][] = [
      [{ dueOn: '2020-02-30' }, 'dueOn'],
      [{ dueOn: '2020/09/30' }, 'dueOn'],
      [{ shares: [{ index: 0, value: 'many' }] }, 'shares.0.value'],
      [{ shares: [{ index: -1, value: 1 }] }, 'shares.0.index'],
      [{ ownerEmail: 'not-an-address' }, 'ownerEmail'],
      [{ title: '' }, 'title'],
    ];
    for (const [body, field] of cases) {
      const res = await post(body);
      expect([field, res.status, res.body.error]).toEqual([field, 400, 'VALIDATION_FAILED']);
      expect(res.body.message).toBe('提交的内容有误');
      expect(Object.keys(res.body.fields)).toEqual([field]);
    }
    const beyond = await post({ dueOn: '2021-01-05' });
    expect(beyond.status).toBe(400);
    expect(beyond.body.fields).toEqual({
      dueOn: ["must not be after the task's deadline 2020-12-31"],
    });
    const noSuchTarget = await post({ shares: [{ index: 2, value: 1 }] });
    expect(noSuchTarget.status).toBe(400);
    expect(Object.keys(noSuchTarget.body.fields)).toEqual(['shares.0.index']);
    const percent = await http()
      .put(`/api/subtasks/${ids.first}/progress`)
      .set(headers['agency-lead'])
      .send({ status: 'in_progress', percent: 150 });
    expect(percent.status).toBe(400);
    expect(Object.keys(percent.body.fields)).toEqual(['percent']);
    const status = await http()
      .put(`/api/subtasks/${ids.first}/progress`)
      .set(headers['agency-lead'])
      .send({ status: 'finished', percent: 10 });
    expect(Object.keys(status.body.fields)).toEqual(['status']);
    const later = await http()
      .patch(`/api/subtasks/${ids.first}`)
      .set(headers['agency-lead'])
      .send({ dueOn: '2021-03-01' });
    expect(later.status).toBe(400);
    expect(Object.keys(later.body.fields)).toEqual(['dueOn']);
    expect(await ds.query(`SELECT count(*)::int AS n FROM subtasks`)).toEqual([{ n: 2 }]);
  });

  it('lets a supporting unit read but not write, and answers another agency 404 as for the task', async () => {
    const read = await http().get(`/api/tasks/${taskId}/subtasks`).set(headers['agency-support']);
    expect(read.status).toBe(200);
    expect(read.body.canWrite).toBe(false);
    expect(read.body.subtasks).toHaveLength(2);
    const writes = [
      http()
        .post(`/api/tasks/${taskId}/subtasks`)
        .send({ title: '配合', ownerName: '某处', dueOn: '2020-09-30' }),
      http().patch(`/api/subtasks/${ids.first}`).send({ title: '改名' }),
      http().put(`/api/subtasks/${ids.first}/progress`).send({ status: 'done', percent: 100 }),
      http().delete(`/api/subtasks/${ids.first}`),
    ];
    for (const req of writes) {
      const res = await req.set(headers['agency-support']);
      expect([res.status, res.body.error]).toEqual([403, 'SUBTASK_LEAD_ONLY']);
    }
    expect(
      (await http().get(`/api/tasks/${taskId}/subtasks`).set(headers['agency-other'])).status,
    ).toBe(404);
    for (const req of [
      http().patch(`/api/subtasks/${ids.first}`).send({ title: '改名' }),
      http().put(`/api/subtasks/${ids.first}/progress`).send({ status: 'done', percent: 100 }),
      http().delete(`/api/subtasks/${ids.first}`),
      http().post(`/api/reports/${reportId}/draft-from-subtasks`),
    ]) {
      const res = await req.set(headers['agency-other']);
      expect(res.status).toBe(404);
    }
    // The office and the leaders read, and do not write.
    const office = await http()
      .post(`/api/tasks/${taskId}/subtasks`)
      .set(headers.office)
      .send({ title: '办公室', ownerName: '某处', dueOn: '2020-09-30' });
    expect(office.status).toBe(403);
    const supportDraft = await http()
      .post(`/api/reports/${reportId}/draft-from-subtasks`)
      .set(headers['agency-support']);
    expect(supportDraft.status).toBe(404);
    const rows = await ds.query(`SELECT title, status FROM subtasks ORDER BY seq`);
    expect(rows).toEqual([
      { title: '南宁市区基站建设', status: 'not_started' },
      { title: '县域基站建设', status: 'not_started' },
    ]);
  });

  it('records progress and proposes a report draft with the summary and the summed values, saving nothing', async () => {
    const p1 = await http()
      .put(`/api/subtasks/${ids.first}/progress`)
      .set(headers['agency-lead'])
      .send({
        status: 'in_progress',
        percent: 50,
        reported: [
          { index: 0, value: 32 },
          { index: 1, value: 2.5 },
        ],
        note: '已完成选址。',
      });
    expect(p1.status).toBe(200);
    expect(p1.body).toMatchObject({
      status: 'in_progress',
      percent: 50,
      progressNote: '已完成选址。',
    });
    // A minute later: the timeline orders by time.
    stack.clock.advance(60_000);
    const p2 = await http()
      .put(`/api/subtasks/${ids.second}/progress`)
      .set(headers['agency-lead'])
      .send({ status: 'done', percent: 100, reported: [{ index: 0, value: 41 }] });
    expect(p2.body).toMatchObject({ status: 'done', colour: 'done', isOverdue: false });

    const draft = await http()
      .post(`/api/reports/${reportId}/draft-from-subtasks`)
      .set(headers['agency-lead']);
    expect(draft.status).toBe(200);
    expect(draft.body.subtaskCount).toBe(2);
    expect(draft.body.targetValues).toEqual([
      { index: 0, target: '新建5G基站', value: 73 },
      { index: 1, target: '完成投资', value: 2.5 },
    ]);
    expect(draft.body.narrative.split('\n')).toEqual([
      '本任务分解为2项子任务：已完成1项，推进中1项，未启动0项。',
      '1. 南宁市区基站建设（责任：网络发展处，期限：2020-10-31）：推进中，进度50%。已完成选址。',
      '2. 县域基站建设（责任：信息通信管理处，期限：2020-08-01）：已完成，进度100%。',
      '目标完成情况（子任务合计）：新建5G基站 73个；完成投资 2.5亿元。',
    ]);
    // Proposed, not saved: the report is as it was until the lead saves or files it.
    expect(
      await ds.query(`SELECT state, narrative, target_values FROM status_reports WHERE id = $1`, [
        reportId,
      ]),
    ).toEqual([{ state: 'pending', narrative: null, target_values: [] }]);
    const history = (await http().get(`/api/tasks/${taskId}`).set(headers.office)).body.history;
    expect(
      history
        .filter((x: { action: string }) => x.action === 'subtask.progress')
        .map((x: { after: { title: string; status: string } }) => [x.after.title, x.after.status]),
    ).toEqual([
      ['南宁市区基站建设', 'in_progress'],
      ['县域基站建设', 'done'],
    ]);
  });

  it('shows the office and the leaders the tree, and keeps an edit and a removal on the timeline', async () => {
    const edit = await http()
      .patch(`/api/subtasks/${ids.first}`)
      .set(headers['agency-lead'])
      .send({ ownerName: '网络发展处（南宁）' });
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({ ownerName: '网络发展处（南宁）', dueOn: '2020-10-31' });
    for (const who of ['office', 'leader']) {
      const tree = await http().get(`/api/tasks/${taskId}/subtasks`).set(headers[who]);
      expect(tree.status).toBe(200);
      expect(tree.body.canWrite).toBe(false);
      expect(
        tree.body.subtasks.map(
          (s: { title: string; ownerName: string; status: string; percent: number }) => [
            s.title,
            s.ownerName,
            s.status,
            s.percent,
          ],
        ),
      ).toEqual([
        ['南宁市区基站建设', '网络发展处（南宁）', 'in_progress', 50],
        ['县域基站建设', '信息通信管理处', 'done', 100],
      ]);
    }
    const gone = await http().delete(`/api/subtasks/${ids.second}`).set(headers['agency-lead']);
    expect(gone.status).toBe(204);
    expect(
      (await http().delete(`/api/subtasks/${ids.second}`).set(headers['agency-lead'])).status,
    ).toBe(404);
    const history = (await http().get(`/api/tasks/${taskId}`).set(headers.leader)).body.history;
    expect(history.map((x: { action: string }) => x.action)).toEqual(
      expect.arrayContaining(['subtask.update', 'subtask.delete']),
    );
    expect(history.find((x: { action: string }) => x.action === 'subtask.delete').after.title).toBe(
      '县域基站建设',
    );
  });

  it('refuses writes once the task is closed (409), and still shows the tree', async () => {
    await ds.query(`UPDATE tasks SET state = 'completed' WHERE id = $1`, [taskId]);
    const res = await http()
      .put(`/api/subtasks/${ids.first}/progress`)
      .set(headers['agency-lead'])
      .send({ status: 'done', percent: 100 });
    expect([res.status, res.body.error]).toEqual([409, 'SUBTASK_TASK_CLOSED']);
    expect(res.body.message).toBe('任务已办结，子任务不能再修改');
    const tree = await http().get(`/api/tasks/${taskId}/subtasks`).set(headers.office);
    expect(tree.body.subtasks.map((s: { status: string }) => s.status)).toEqual(['in_progress']);
  });
});
