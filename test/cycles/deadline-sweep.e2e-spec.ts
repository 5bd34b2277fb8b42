import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeadlineSweepService } from '@tracker/services';
import { drainMail } from '../support/drain';
import { createStack, TestStack } from '../support/harness';
import { givenMailUser, MailUser } from '../support/mail-fixtures';
import {
  givenAssignment,
  givenDocument,
  givenTask,
  givenUnit,
  noticesOf,
} from '../support/supervision-fixtures';

describe('DeadlineSweepService.sweep', () => {
  let stack: TestStack;
  let worker: INestApplicationContext;
  let ds: DataSource;
  const drain = (): Promise<void> =>
    drainMail({ queuePrefix: stack.queuePrefix, now: () => stack.clock.now() }, ds, stack.smtp);

  beforeAll(async () => {
    stack = await createStack('2020-07-01T09:00:00+08:00');
    worker = await stack.startWorker({ MAIL_RETRY_DELAY_MS: '50' });
    ds = worker.get(DataSource);
  });
  afterAll(() => stack.close());

  it('tells a task long past its deadline at levels 1, 2 and 3 at once, by mail through the notice service, once', async () => {
    const unitId = await givenUnit(ds, '自治区住房城乡建设厅');
    const member = await givenMailUser(ds, { roles: ['agency'], unitId, name: 'zj-member' });
    // The head turned deadline notices off: level 1 stays in the inbox, levels 2 and 3 cannot be switched off.
    const head = await givenMailUser(ds, {
      roles: ['agency'],
      unitId,
      isUnitHead: true,
      name: 'zj-head',
      prefs: { deadline_overdue: 'off' },
    });
    const office = await givenMailUser(ds, { roles: ['office'], name: 'zj-office' });
    const leader = await givenMailUser(ds, { roles: ['leader'], name: 'zj-leader' });
    const other = await givenMailUser(ds, {
      roles: ['agency'],
      unitId: await givenUnit(ds, '自治区林业局'),
      name: 'ly-member',
    });
    const documentId = await givenDocument(ds, { title: '城镇老旧小区改造实施方案' });
    const taskId = await givenTask(ds, documentId, {
      path: ['三', '（二）'],
      heading: '完成老旧小区改造',
      deadlineOn: '2020-06-30',
    });
    await givenAssignment(ds, taskId, unitId, 'lead', new Date('2020-03-01T09:00:00+08:00'));

    // 2020-07-20: 20 days late, past the overdue (1), supervision (5) and leading-group (10) days.
    stack.clock.set(new Date('2020-07-20T01:30:00+08:00'));
    expect(await worker.get(DeadlineSweepService).sweep()).toEqual({ notices: 3, escalations: 2 });
    await drain();

    const notices = await noticesOf(ds, 'task_id = $1', [taskId]);
    expect(notices.map((n) => [n.kind, n.level, n.title])).toEqual(
      [
        ['deadline_overdue', 1, '【逾期】任务三（二）已过完成时限2020-06-30'],
        ['deadline_overdue', 2, '【督办】任务三（二）已过完成时限2020-06-30'],
        ['deadline_overdue', 3, '【提请领导小组】任务三（二）已过完成时限2020-06-30'],
      ].map(([k, l, t]) => [k, l, t]),
    );
    const subjects = (u: MailUser): string[] =>
      stack.smtp
        .to(u.email)
        .map((m) => m.subject)
        .sort();
    expect(subjects(member)).toEqual(['【逾期】任务三（二）已过完成时限2020-06-30']);
    expect(subjects(head)).toEqual([
      '【提请领导小组】任务三（二）已过完成时限2020-06-30',
      '【督办】任务三（二）已过完成时限2020-06-30',
    ]);
    expect(subjects(office)).toEqual([
      '【提请领导小组】任务三（二）已过完成时限2020-06-30',
      '【督办】任务三（二）已过完成时限2020-06-30',
    ]);
    expect(subjects(leader)).toEqual(['【提请领导小组】任务三（二）已过完成时限2020-06-30']);
    expect(subjects(other)).toEqual([]);
    const mail = stack.smtp.to(office.email)[0];
    expect(mail.text).toContain(`https://tracker.test/tasks/${taskId}`);
    // The inbox has the level-1 notice for the head too (the preference only stops its mail).
    const [{ n: headInbox }] = await ds.query(
      `SELECT count(*)::int AS n FROM notice_deliveries d JOIN notices n ON n.id = d.notice_id WHERE d.user_id = $1 AND d.channel = 'inapp' AND n.task_id = $2`,
      [head.id, taskId],
    );
    expect(headInbox).toBe(3);
    const esc = await ds.query(
      `SELECT level, reason FROM escalations WHERE task_id = $1 ORDER BY level`,
      [taskId],
    );
    expect(esc).toEqual([
      { level: 2, reason: 'task_deadline_passed' },
      { level: 3, reason: 'task_deadline_passed' },
    ]);
    const [task] = await ds.query(`SELECT deadline_overdue_at FROM tasks WHERE id = $1`, [taskId]);
    expect(task.deadline_overdue_at).not.toBeNull();

    // The next day's sweep finds nothing new and sends nothing.
    const before = stack.smtp.messages.length;
    stack.clock.set(new Date('2020-07-21T01:30:00+08:00'));
    expect(await worker.get(DeadlineSweepService).sweep()).toEqual({ notices: 0, escalations: 0 });
    await drain();
    expect(stack.smtp.messages.length).toBe(before);
  });

  it('raises each rung once as it becomes due day by day, also when two sweeps run at once', async () => {
    const unitId = await givenUnit(ds, '自治区水利厅');
    await givenMailUser(ds, { roles: ['agency'], unitId, name: 'sl-member' });
    await givenMailUser(ds, { roles: ['agency'], unitId, isUnitHead: true, name: 'sl-head' });
    const documentId = await givenDocument(ds, { title: '水利改革发展实施方案' });
    const taskIds: string[] = [];
    for (const n of [1, 2, 3]) {
      const taskId = await givenTask(ds, documentId, {
        path: ['四', `（${n}）`],
        heading: `水利任务${n}`,
        deadlineOn: '2020-09-30',
      });
      await givenAssignment(ds, taskId, unitId, 'lead', new Date('2020-03-01T09:00:00+08:00'));
      taskIds.push(taskId);
    }
    const sweep = worker.get(DeadlineSweepService);
    const levels = async (): Promise<number[]> =>
      (await noticesOf(ds, 'task_id = ANY($1::uuid[])', [taskIds])).map((n) => n.level).sort();
    const rungs = async (): Promise<number[]> =>
      (
        await ds.query(
          `SELECT deadline_rung FROM assignments WHERE task_id = ANY($1::uuid[]) ORDER BY deadline_rung`,
          [taskIds],
        )
      ).map((r: { deadline_rung: number }) => r.deadline_rung);

    // 2020-10-02: one day late, level 1 only; two sweeps at once tell each task once between them.
    stack.clock.set(new Date('2020-10-02T01:30:00+08:00'));
    const [a, b] = await Promise.all([sweep.sweep(), sweep.sweep()]);
    expect(a.notices + b.notices).toBe(3);
    expect(await levels()).toEqual([1, 1, 1]);
    expect(await rungs()).toEqual([1, 1, 1]);
    expect(await sweep.sweep()).toEqual({ notices: 0, escalations: 0 });

    // 2020-10-06: five days late, level 2 (an escalation each) and nothing again at level 1.
    stack.clock.set(new Date('2020-10-06T01:30:00+08:00'));
    expect(await sweep.sweep()).toEqual({ notices: 3, escalations: 3 });
    expect(await levels()).toEqual([1, 1, 1, 2, 2, 2]);
    expect(await rungs()).toEqual([2, 2, 2]);
    expect(await sweep.sweep()).toEqual({ notices: 0, escalations: 0 });
    await drain();
  });
});
