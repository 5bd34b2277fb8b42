import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobProducer } from '@tracker/queue';
import { CyclesService, DigestsService, ReportsService } from '@tracker/services';
import { drainQueues } from '../support/drain';
import { createStack, TestStack } from '../support/harness';
import { givenMailUser, MailUser } from '../support/mail-fixtures';
import { SmtpSink } from '../support/smtp-sink';
import {
  givenAssignment,
  givenDocument,
  givenTask,
  givenUnit,
} from '../support/supervision-fixtures';

const at = (s: string): Date => new Date(`${s}+08:00`);

describe('digests: short, per agency, office and leaders; none when there is nothing to say', () => {
  const sink = new SmtpSink();
  let stack: TestStack;
  let worker: INestApplicationContext;
  let ds: DataSource;
  const u: Record<string, MailUser> = {};
  const task: Record<string, string> = {};
  const drain = (): Promise<unknown> =>
    drainQueues({ queuePrefix: stack.queuePrefix, now: () => stack.clock.now() });

  async function runDigest(cadence: 'daily' | 'weekly', when: string) {
    await drain();
    sink.clear();
    stack.clock.set(at(when));
    await worker
      .get(JobProducer)
      .add('digest-run', { cadence, periodEnd: stack.clock.now().toISOString() });
    await drain();
    await sink.settle();
    return sink.messages;
  }

  beforeAll(async () => {
    await sink.start();
    stack = await createStack('2020-07-01T09:00:00+08:00');
    worker = await stack.startWorker({
      ...sink.env(),
      MAIL_RETRY_DELAY_MS: '200',
      PUBLIC_URL: 'https://tracker.test',
    });
    ds = worker.get(DataSource);
    const A = await givenUnit(ds, '自治区商务厅');
    const B = await givenUnit(ds, '自治区卫生健康委');
    const S = await givenUnit(ds, '自治区财政厅');
    const Q = await givenUnit(ds, '自治区体育局');
    u.a = await givenMailUser(ds, { roles: ['agency'], unitId: A, name: 'sw-a' });
    u.aWeekly = await givenMailUser(ds, {
      roles: ['agency'],
      unitId: A,
      name: 'sw-weekly',
      prefs: { reminder: 'weekly' },
    });
    u.b = await givenMailUser(ds, { roles: ['agency'], unitId: B, name: 'wj-b' });
    u.s = await givenMailUser(ds, { roles: ['agency'], unitId: S, name: 'cz-s' });
    u.q = await givenMailUser(ds, { roles: ['agency'], unitId: Q, name: 'ty-q' });
    u.office = await givenMailUser(ds, { roles: ['office'], name: 'bgs' });
    u.leader = await givenMailUser(ds, { roles: ['leader'], name: 'ld' });
    const doc = await givenDocument(ds, { title: '促进消费扩容提质行动方案' });
    const assigned = at('2020-07-01T09:00:00');
    task.T1 = await givenTask(ds, doc, { path: ['一', '（一）'], heading: '培育消费新场景' });
    task.T2 = await givenTask(ds, doc, {
      path: ['一', '（二）'],
      heading: '完善商贸流通体系',
      deadlineOn: '2020-09-30',
    });
    task.T3 = await givenTask(ds, doc, { path: ['二', '（一）'], heading: '发展健康消费' });
    await givenAssignment(ds, task.T1, A, 'lead', assigned);
    await givenAssignment(ds, task.T1, S, 'support', assigned);
    await givenAssignment(ds, task.T2, A, 'lead', assigned);
    await givenAssignment(ds, task.T3, B, 'lead', assigned);
    stack.clock.set(at('2020-07-01T10:00:00'));
    await worker
      .get(JobProducer)
      .add('cycles-open-due', { requestedAt: stack.clock.now().toISOString() });
    await drain();
    const [cycle] = await worker.get(CyclesService).list({ documentId: doc });
    const [r3] = (await ds.query(
      `SELECT id FROM status_reports WHERE cycle_id = $1 AND task_id = $2`,
      [cycle.id, task.T3],
    )) as { id: string }[];
    stack.clock.set(at('2020-09-28T10:00:00'));
    await worker.get(ReportsService).submit(u.b, r3.id, { narrative: '初稿' });
    await worker.get(ReportsService).returnForRevision(u.office, r3.id, '请补充数据');
  });
  afterAll(async () => {
    await stack.close();
    await sink.stop();
  });

  it('sends each agency its weekly digest: due within 14 days, overdue, awaiting acknowledgement, returned', async () => {
    const mails = await runDigest('weekly', '2020-10-05T08:00:00');
    const to = (x: MailUser) => mails.filter((m) => m.to.includes(x.email));

    const [a] = to(u.a);
    expect(a.subject).toBe('【每周汇总】自治区商务厅 2020-10-05');
    expect(a.text).toContain(
      '■ 十四日内到期\n- 《促进消费扩容提质行动方案》任务一（一）“培育消费新场景”，到期2020-10-10，2020年第三季度进展报告\n',
    );
    expect(a.text).toContain(
      '■ 已逾期\n- 《促进消费扩容提质行动方案》任务一（二）“完善商贸流通体系”，应于2020-09-30，完成时限\n',
    );
    expect(a.text).toContain(`https://tracker.test/tasks/${task.T1}`);
    expect(a.text).toContain('Due within 14 days');
    expect(a.html).toContain(`href="https://tracker.test/tasks/${task.T2}"`);

    const [s] = to(u.s);
    expect(s.subject).toBe('【每周汇总】自治区财政厅 2020-10-05');
    expect(s.text).toContain(
      '■ 待签收的配合任务\n- 《促进消费扩容提质行动方案》任务一（一）“培育消费新场景”，分派于2020-07-01',
    );

    const [b] = to(u.b);
    expect(b.text).toContain(
      '■ 被退回需修改的报告\n- 《促进消费扩容提质行动方案》任务二（一）“发展健康消费”，退回于2020-09-28，2020年第三季度进展报告\n',
    );

    // Nothing to say: no digest for the unit without tasks, nor weekly ones for the office and leaders.
    expect(to(u.q)).toEqual([]);
    expect(to(u.office)).toEqual([]);
    expect(to(u.leader)).toEqual([]);
    expect(mails).toHaveLength(4); // a, aWeekly, s, b
  });

  it('never sends a period twice', async () => {
    await worker
      .get(JobProducer)
      .add('digest-run', { cadence: 'weekly', periodEnd: at('2020-10-05T09:00:00').toISOString() });
    const again = await worker.get(DigestsService).run('weekly', at('2020-10-05T10:00:00'));
    expect(again.created).toBe(0);
    await drain();
    await sink.settle();
    expect(sink.messages).toHaveLength(4);
  });

  it('sends the office its daily digest of cycle progress; leaders with nothing raised get none', async () => {
    const mails = await runDigest('daily', '2020-10-06T08:00:00');
    expect(mails.map((m) => m.to).flat()).toEqual([u.office.email]);
    expect(mails[0].subject).toBe('【每日汇总】督查督办 2020-10-06');
    expect(mails[0].text).toContain(
      '■ 本期报告进度\n- 《促进消费扩容提质行动方案》2020年第三季度：应报3份，已报0份，已通过0份，截止2020-10-10',
    );
  });

  it('puts a notice a member chose to get weekly into the weekly digest instead of mailing it at once', async () => {
    sink.clear();
    stack.clock.set(at('2020-10-08T00:00:00'));
    await drain();
    await sink.settle();
    const reminders = sink.messages.filter((m) => m.subject.startsWith('【提醒】2020年第三季度'));
    // A's two reports (T1, T2) and B's: to A's other member and to B, not to the one who chose weekly.
    expect(reminders.flatMap((m) => m.to).sort()).toEqual([u.a.email, u.a.email, u.b.email].sort());
    const mails = await runDigest('weekly', '2020-10-12T08:00:00');
    const digests = mails.filter((m) => m.subject.startsWith('【每周汇总】'));
    const [weekly] = digests.filter((m) => m.to.includes(u.aWeekly.email));
    expect(weekly.text).toContain(
      '■ 提醒汇总\n- 2020-10-08 【提醒】2020年第三季度进展报告将于2020-10-10截止',
    );
    const [a] = digests.filter((m) => m.to.includes(u.a.email));
    expect(a.text).not.toContain('提醒汇总');
  });

  it('tells the office of new escalations and the leaders of what was raised to them', async () => {
    stack.clock.set(at('2020-10-21T00:00:00'));
    await drain();
    const mails = await runDigest('daily', '2020-10-21T08:00:00');
    const [leader] = mails.filter((m) => m.to.includes(u.leader.email));
    expect(leader.subject).toBe('【每日汇总】督查督办 2020-10-21');
    expect(leader.text).toContain(
      '■ 提请领导小组研究的事项\n- 《促进消费扩容提质行动方案》任务一（一）“培育消费新场景”（自治区商务厅），提请于2020-10-21，提请领导小组\n',
    );
    const [office] = mails.filter((m) => m.to.includes(u.office.email));
    expect(office.text).toContain('■ 新增督办与升级事项');
    expect(office.text).toContain(
      '《促进消费扩容提质行动方案》任务二（一）“发展健康消费”（自治区卫生健康委），提出于2020-10-21，提请领导小组\n',
    );
  });
});
