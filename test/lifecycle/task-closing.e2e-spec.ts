import ExcelJS from 'exceljs';
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
  noticesOf,
} from '../support/supervision-fixtures';

const at = (s: string): Date => new Date(`${s}+08:00`);

describe("a task's whole life: completion requested, returned, closed (销号), and off the ladder", () => {
  let stack: TestStack;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let ds: DataSource;
  const auth: Record<string, { Authorization: string }> = {};
  const drain = (): Promise<unknown> =>
    drainQueues({ queuePrefix: stack.queuePrefix, now: () => stack.clock.now() });
  const http = () => request(api.getHttpServer());
  let documentId: string;
  let cycleId: string;
  const task: Record<string, string> = {};
  const report: Record<string, string> = {};

  beforeAll(async () => {
    stack = await createStack('2020-07-01T10:00:00+08:00');
    api = await stack.startApi({ JWT_ACCESS_TTL: '3650d', JWT_REFRESH_TTL: '3650d' });
    worker = await stack.startWorker();
    ds = api.get(DataSource);
    const unitA = await givenUnit(ds, '牵头甲厅');
    const unitB = await givenUnit(ds, '牵头乙厅');
    const unitS = await givenUnit(ds, '配合丙厅');
    await givenLoginUser(ds, 'office1', ['office']);
    await givenLoginUser(ds, 'leader1', ['leader']);
    await givenLoginUser(ds, 'agency-a', ['agency'], unitA);
    await givenLoginUser(ds, 'agency-b', ['agency'], unitB);
    await givenLoginUser(ds, 'agency-s', ['agency'], unitS);
    for (const u of ['office1', 'leader1', 'agency-a', 'agency-b', 'agency-s'])
      auth[u] = (await loginAs(api, u)).auth;
    documentId = await givenDocument(ds, { title: '全生命周期方案' });
    task.done = await givenTask(ds, documentId, {
      heading: '建成示范园区',
      deadlineOn: '2020-12-31',
    });
    task.other = await givenTask(ds, documentId, {
      heading: '培育龙头企业',
      deadlineOn: '2020-12-31',
    });
    await givenAssignment(ds, task.done, unitA, 'lead', at('2020-07-01T09:00:00'));
    await givenAssignment(ds, task.done, unitS, 'support', at('2020-07-01T09:00:00'));
    await givenAssignment(ds, task.other, unitB, 'lead', at('2020-07-01T09:00:00'));
    const opened = await http()
      .post('/api/cycles')
      .set(auth.office1)
      .send({ documentId, period: '2020-Q3' })
      .expect(201);
    cycleId = opened.body.id;
    await drain();
    for (const r of (
      await http().get(`/api/cycles/${cycleId}/reports`).set(auth.office1).expect(200)
    ).body.items as { id: string; taskId: string }[]) {
      report[r.taskId === task.done ? 'done' : 'other'] = r.id;
    }
  });
  afterAll(() => stack.close());

  it('lets only the lead unit ask, and only with a filed report', async () => {
    const early = await http()
      .post(`/api/reports/${report.done}/completion-request`)
      .set(auth['agency-a'])
      .expect(409);
    expect(early.body.error).toBe('REPORT_STATE_CONFLICT');
    stack.clock.set(at('2020-09-20T10:00:00'));
    await http()
      .post(`/api/reports/${report.done}/submit`)
      .set(auth['agency-a'])
      .send({ progressStatus: 'completed', progressPercent: 100, narrative: '示范园区已建成投运' })
      .expect(200);
    await http()
      .post(`/api/reports/${report.done}/completion-request`)
      .set(auth['agency-b'])
      .expect(404);
    await http()
      .post(`/api/reports/${report.done}/completion-request`)
      .set(auth['agency-s'])
      .expect(404);
    await http()
      .post(`/api/reports/${report.done}/completion-request`)
      .set(auth.office1)
      .expect(403);
    const res = await http()
      .post(`/api/reports/${report.done}/completion-request`)
      .set(auth['agency-a'])
      .expect(200);
    expect(res.body).toMatchObject({
      taskId: task.done,
      stage: 'requested',
      state: 'open',
      completionReportId: report.done,
      requestingUnit: { name: '牵头甲厅' },
    });
    const queue = await http().get('/api/completion-requests').set(auth.office1).expect(200);
    expect(queue.body.map((c: { taskId: string }) => c.taskId)).toEqual([task.done]);
    await http().get('/api/completion-requests').set(auth['agency-a']).expect(403);
  });

  it('lets the office return the request with a comment the lead unit reads; the task stays open', async () => {
    await http()
      .post(`/api/tasks/${task.done}/return-completion`)
      .set(auth['agency-a'])
      .send({ comment: 'x' })
      .expect(403);
    const bad = await http()
      .post(`/api/tasks/${task.done}/return-completion`)
      .set(auth.office1)
      .send({})
      .expect(400);
    expect(Object.keys(bad.body.fields)).toEqual(['comment']);
    const res = await http()
      .post(`/api/tasks/${task.done}/return-completion`)
      .set(auth.office1)
      .send({ comment: '请补充验收材料' })
      .expect(200);
    expect(res.body).toMatchObject({ stage: 'returned', state: 'open', comment: '请补充验收材料' });
    const seen = await http()
      .get(`/api/tasks/${task.done}/completion`)
      .set(auth['agency-a'])
      .expect(200);
    expect(seen.body).toMatchObject({ stage: 'returned', comment: '请补充验收材料' });
    await http().get(`/api/tasks/${task.done}/completion`).set(auth['agency-b']).expect(404);
    const notAsked = await http()
      .post(`/api/tasks/${task.done}/close`)
      .set(auth.office1)
      .send({})
      .expect(409);
    expect(notAsked.body.error).toBe('TASK_STATE_CONFLICT');
  });

  it('closes the task (销号) when the office verifies it, audited, and lists show it closed', async () => {
    await http()
      .post(`/api/reports/${report.done}/completion-request`)
      .set(auth['agency-a'])
      .expect(200);
    await http().post(`/api/tasks/${task.done}/close`).set(auth['agency-a']).send({}).expect(403);
    await http().post(`/api/tasks/${task.done}/close`).set(auth.leader1).send({}).expect(403);
    const res = await http()
      .post(`/api/tasks/${task.done}/close`)
      .set(auth.office1)
      .send({ comment: '经核验，同意销号' })
      .expect(200);
    expect(res.body).toMatchObject({
      stage: 'closed',
      state: 'completed',
      comment: '经核验，同意销号',
    });
    expect(res.body.closedAt).toBe(at('2020-09-20T10:00:00').toISOString());
    const again = await http()
      .post(`/api/tasks/${task.done}/close`)
      .set(auth.office1)
      .send({})
      .expect(409);
    expect(again.body.error).toBe('TASK_STATE_CONFLICT');
    const audit: { action: string; actor: string }[] = await ds.query(
      `SELECT a.action, u.username AS actor FROM audit_log a JOIN users u ON u.id = a.actor_id WHERE a.target_id = $1`,
      [task.done],
    );
    expect(audit.map((a) => `${a.action} by ${a.actor}`).sort()).toEqual([
      'task.close by office1',
      'task.completion.request by agency-a',
      'task.completion.request by agency-a',
      'task.completion.return by office1',
    ]);
    expect(
      (await http().get(`/api/reports/${report.done}`).set(auth.office1).expect(200)).body.state,
    ).toBe('accepted');
    const mine = await http().get('/api/me/tasks').set(auth['agency-a']).expect(200);
    const items = (mine.body.items ?? mine.body) as {
      task: { id: string; state: string; isOverdue: boolean };
    }[];
    expect(items.find((i) => i.task.id === task.done)?.task).toMatchObject({
      state: 'completed',
      isOverdue: false,
    });
    expect(
      (await http().get('/api/completion-requests').set(auth.office1).expect(200)).body,
    ).toEqual([]);
  });

  it('tells the office of each completion request and the lead unit of each decision, in the inbox', async () => {
    const inbox = async (user: string, kind: string) =>
      (
        (await http().get(`/api/me/notices?kind=${kind}`).set(auth[user]).expect(200)).body
          .items as { title: string; body: string; taskId: string }[]
      ).map((n) => ({ title: n.title, taskId: n.taskId }));
    // Asked twice (once returned, once closed): two requests to the office, two decisions to the lead.
    expect(await inbox('office1', 'completion_request')).toEqual([
      { title: '【办结申请】牵头甲厅申请任务二（1）销号', taskId: task.done },
      { title: '【办结申请】牵头甲厅申请任务二（1）销号', taskId: task.done },
    ]);
    const decisions = await inbox('agency-a', 'completion_decision');
    expect(decisions.map((n) => n.title).sort()).toEqual(
      ['【办结申请退回】任务二（1）未通过核验', '【已销号】任务二（1）经核验销号'].sort(),
    );
    // Neither reaches anyone else: not the other lead, not the supporting unit.
    expect(await inbox('agency-b', 'completion_decision')).toEqual([]);
    expect(await inbox('agency-s', 'completion_decision')).toEqual([]);
    expect(await inbox('agency-a', 'completion_request')).toEqual([]);
  });

  it('raises no reminder, overdue, acknowledgement or deadline notice for the closed task, while the open one climbs', async () => {
    for (const day of ['2020-10-08', '2020-10-12', '2020-10-16']) {
      stack.clock.set(at(`${day}T01:00:00`));
      await drain();
    }
    const rungs = await noticesOf(
      ds,
      `kind IN ('reminder', 'overdue', 'supervision', 'leading_group', 'ack_reminder', 'ack_overdue') AND task_id = $1`,
      [task.done],
    );
    expect(rungs).toEqual([]);
    expect(
      (
        await noticesOf(ds, `kind IN ('reminder', 'overdue', 'supervision') AND task_id = $1`, [
          task.other,
        ])
      ).map((n) => n.kind),
    ).toEqual(['reminder', 'overdue', 'supervision']);
    stack.clock.set(at('2021-01-05T02:00:00'));
    await worker
      .get(JobProducer)
      .add('deadline-sweep', { requestedAt: stack.clock.now().toISOString() });
    await drain();
    expect(await noticesOf(ds, `kind = 'deadline_overdue' AND task_id = $1`, [task.done])).toEqual(
      [],
    );
    expect(
      (await noticesOf(ds, `kind = 'deadline_overdue' AND task_id = $1`, [task.other])).length,
    ).toBeGreaterThan(0);
  });

  it('opens no report for the closed task in later cycles', async () => {
    const next = await http()
      .post('/api/cycles')
      .set(auth.office1)
      .send({ documentId, period: '2020-Q4' })
      .expect(201);
    const reports = (
      await http().get(`/api/cycles/${next.body.id}/reports`).set(auth.office1).expect(200)
    ).body.items as { taskId: string }[];
    expect(reports.map((r) => r.taskId)).toEqual([task.other]);
  });

  it('counts the closed task as done in the bulletin and the ledger', async () => {
    // The open task reached the leading group on 21 October, which completed the cycle.
    const bulletin = await http()
      .get(`/api/cycles/${cycleId}/bulletin`)
      .set(auth.office1)
      .expect(200);
    const content = bulletin.body.content ?? bulletin.body;
    expect(content.totals).toMatchObject({
      reports: 2,
      accepted: 1,
      escalatedToLeadingGroup: 1,
      closed: 1,
    });
    expect(content.closedTasks.map((t: { taskId: string }) => t.taskId)).toEqual([task.done]);
    const md = await http()
      .get(`/api/cycles/${cycleId}/bulletin/download`)
      .set(auth.office1)
      .expect(200);
    expect(md.text).toContain('已销号（办结）任务 1 项');

    const res = await http()
      .get(`/api/ledger/documents/${documentId}`)
      .set(auth.office1)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as ArrayBuffer);
    const cells: string[] = [];
    wb.worksheets[0].eachRow((row) => cells.push((row.values as unknown[]).map(String).join('|')));
    expect(cells.find((c) => c.includes('建成示范园区'))).toContain('【已销号 2020-09-20】');
    expect(cells.find((c) => c.includes('培育龙头企业'))).not.toContain('已销号');
  });
});
