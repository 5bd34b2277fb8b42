import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobProducer } from '@tracker/queue';
import {
  AssignmentsService,
  CyclesService,
  ExtensionsService,
  ReportsService,
} from '@tracker/services';
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
const PUBLIC_URL = 'https://tracker.test';

describe('notice mail: each kind reaches the right inboxes, once, in Chinese first', () => {
  const sink = new SmtpSink();
  let stack: TestStack;
  let worker: INestApplicationContext;
  let ds: DataSource;
  const u: Record<string, MailUser> = {};
  let t1: string;
  let t2: string;
  let asgS: string;
  const report: Record<string, string> = {};

  /** Lets the clock's due jobs run and the mails arrive; returns what arrived since the last step. */
  async function step(
    clockAt?: string,
  ): Promise<{ subject: string; to: string[]; text: string; html: string }[]> {
    sink.clear();
    if (clockAt) stack.clock.set(at(clockAt));
    await drainQueues({ queuePrefix: stack.queuePrefix, now: () => stack.clock.now() });
    await sink.settle();
    return sink.messages.map((m) => ({ subject: m.subject, to: m.to, text: m.text, html: m.html }));
  }
  const recipients = (mails: { to: string[] }[]): string[] => mails.flatMap((m) => m.to).sort();
  const emails = (...names: string[]): string[] => names.map((n) => u[n].email).sort();

  beforeAll(async () => {
    await sink.start();
    stack = await createStack('2020-07-01T09:00:00+08:00');
    worker = await stack.startWorker({ ...sink.env(), MAIL_RETRY_DELAY_MS: '200', PUBLIC_URL });
    ds = worker.get(DataSource);
    const A = await givenUnit(ds, '自治区商务厅');
    const B = await givenUnit(ds, '自治区发展改革委');
    const S = await givenUnit(ds, '自治区财政厅');
    u.aMember = await givenMailUser(ds, { roles: ['agency'], unitId: A, name: 'a-member' });
    // The head switched overdue and supervision notices off: only the first is honoured.
    u.aHead = await givenMailUser(ds, {
      roles: ['agency'],
      unitId: A,
      isUnitHead: true,
      name: 'a-head',
      prefs: { overdue: 'off', supervision: 'off' },
    });
    u.bMember = await givenMailUser(ds, { roles: ['agency'], unitId: B, name: 'b-member' });
    u.sMember = await givenMailUser(ds, { roles: ['agency'], unitId: S, name: 's-member' });
    u.sWeekly = await givenMailUser(ds, {
      roles: ['agency'],
      unitId: S,
      name: 's-weekly',
      prefs: { ack_reminder: 'weekly' },
    });
    u.office = await givenMailUser(ds, { roles: ['office'], name: 'office' });
    u.leader = await givenMailUser(ds, { roles: ['leader'], name: 'leader', locale: 'en' });
    const documentId = await givenDocument(ds, { title: '推动外贸稳规模优结构实施方案' });
    t1 = await givenTask(ds, documentId, { path: ['三', '（一）'], heading: '培育外贸新业态' });
    t2 = await givenTask(ds, documentId, { path: ['三', '（二）'], heading: '稳定重点产业链' });
    await givenAssignment(ds, t1, A, 'lead', at('2020-07-01T09:00:00'));
    asgS = await givenAssignment(ds, t1, S, 'support', at('2020-07-01T09:00:00'));
    await givenAssignment(ds, t2, B, 'lead', at('2020-07-01T09:00:00'));
    stack.clock.set(at('2020-07-01T10:00:00'));
    await worker
      .get(JobProducer)
      .add('cycles-open-due', { requestedAt: stack.clock.now().toISOString() });
    await step();
    const [cycle] = await worker.get(CyclesService).list({ documentId });
    const rows: { id: string; task_id: string }[] = await ds.query(
      `SELECT id, task_id FROM status_reports WHERE cycle_id = $1`,
      [cycle.id],
    );
    for (const r of rows) report[r.task_id === t1 ? 'T1' : 'T2'] = r.id;
  });
  afterAll(async () => {
    await stack.close();
    await sink.stop();
  });

  it('asks the supporting unit to acknowledge, with a task link and a one-click link; a deferring member is not mailed', async () => {
    const mails = await step('2020-07-04T10:00:00');
    expect(recipients(mails)).toEqual(emails('sMember'));
    const [m] = mails;
    expect(m.subject).toBe('【提醒】请签收配合任务三（一）');
    expect(m.text.indexOf('请及时签收')).toBeLessThan(m.text.indexOf('please acknowledge'));
    expect(m.text).toContain(`${PUBLIC_URL}/tasks/${t1}`);
    expect(m.text).toContain(
      `${PUBLIC_URL}/api/action-links/acknowledge?assignment=${asgS}&token=`,
    );
    expect(m.html).toContain(`href="${PUBLIC_URL}/tasks/${t1}"`);
    // The weekly-digest member still has it in the app.
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM notice_deliveries d JOIN notices x ON x.id = d.notice_id WHERE x.kind = 'ack_reminder' AND d.user_id = $1 AND d.channel = 'inapp'`,
      [u.sWeekly.id],
    );
    expect(n).toBe(1);
  });

  it('tells the lead unit and the office when the supporting unit has not acknowledged after 7 days', async () => {
    const mails = await step('2020-07-08T10:00:00');
    expect(recipients(mails)).toEqual(emails('aMember', 'aHead', 'office'));
    expect(mails[0].subject).toBe('【催办】自治区财政厅未签收配合任务三（一）');
  });

  it('tells the lead unit when its report is returned, and the office of an extension request', async () => {
    stack.clock.set(at('2020-09-20T10:00:00'));
    const reports = worker.get(ReportsService);
    await reports.submit(u.bMember, report.T2, { progressStatus: 'on_track', narrative: '初稿' });
    await reports.returnForRevision(u.office, report.T2, '请补充数据');
    let mails = await step();
    expect(recipients(mails)).toEqual(emails('bMember'));
    expect(mails[0].subject).toBe('【退回】2020年第三季度进展报告需修改');
    expect(mails[0].text).toContain('请补充数据');

    await worker.get(ExtensionsService).request(u.bMember, report.T2, '2020-10-20', '数据尚未汇总');
    mails = await step();
    expect(recipients(mails)).toEqual(emails('office'));
    expect(mails[0].subject).toBe('【延期申请】自治区发展改革委申请任务三（二）延期至2020-10-20');
    expect(mails[0].text).toContain(`${PUBLIC_URL}/tasks/${t2}`);
    await reports.submit(u.bMember, report.T2, { narrative: '修改稿' });
    await reports.accept(u.office, report.T2);
    await step();
  });

  it('reminds the lead unit 3 days before the due time', async () => {
    const mails = await step('2020-10-08T00:00:00');
    expect(recipients(mails)).toEqual(emails('aMember', 'aHead'));
    // Due at 2020-10-11 00:00, i.e. by the end of 10 October: the text names the last day to file on.
    expect(mails[0].subject).toBe('【提醒】2020年第三季度进展报告将于2020-10-10截止');
  });

  it('chases the lead unit the day after, except the member who switched overdue notices off', async () => {
    const mails = await step('2020-10-12T00:00:00');
    expect(recipients(mails)).toEqual(emails('aMember'));
    expect(mails[0].subject).toBe('【催办】2020年第三季度进展报告已逾期');
  });

  it('sends the supervision notice to the head and the office at once, although the head switched it off', async () => {
    const mails = await step('2020-10-16T00:00:00');
    expect(recipients(mails)).toEqual(emails('aHead', 'office'));
    expect(mails[0].subject).toBe('【督办】自治区商务厅2020年第三季度进展报告逾期未报');
  });

  it('raises it to the leaders (English first for a leader who chose English), then mails the bulletin to the leaders and every unit', async () => {
    const mails = await step('2020-10-21T00:00:00');
    const raised = mails.filter(
      (m) => m.subject.includes('领导小组') || m.subject.startsWith('Raised'),
    );
    expect(recipients(raised)).toEqual(emails('aHead', 'office', 'leader'));
    const toLeader = raised.find((m) => m.to.includes(u.leader.email))!;
    expect(toLeader.subject).toBe("Raised to the leading group: 自治区商务厅's 2020-Q3 report");
    expect(toLeader.text.indexOf('raised to the leading group')).toBeLessThan(
      toLeader.text.indexOf('提请领导小组研究'),
    );

    const bulletin = mails.filter(
      (m) => m.subject.includes('通报') || m.subject.startsWith('Bulletin'),
    );
    expect(recipients(bulletin)).toEqual(
      emails('aMember', 'aHead', 'bMember', 'sMember', 'sWeekly', 'office', 'leader'),
    );
    expect(bulletin.find((m) => m.to.includes(u.office.email))!.subject).toBe(
      '【通报】《推动外贸稳规模优结构实施方案》2020年第三季度任务落实情况通报',
    );
  });

  it('tells the office when a unit declines its assignment', async () => {
    await worker.get(AssignmentsService).decline(u.sMember, asgS, '不属于本单位职责');
    const mails = await step();
    expect(recipients(mails)).toEqual(emails('office'));
    expect(mails[0].subject).toBe('自治区财政厅退回任务三（一）');
    expect(mails[0].text).toContain('不属于本单位职责');
  });

  it('sent every email delivery exactly once', async () => {
    const [{ unsent, dupes }] = await ds.query(
      `SELECT count(*) FILTER (WHERE sent_at IS NULL)::int AS unsent,
              (SELECT count(*)::int FROM (SELECT 1 FROM notice_deliveries WHERE channel = 'email' GROUP BY notice_id, user_id HAVING count(*) > 1) x) AS dupes
         FROM notice_deliveries WHERE channel = 'email'`,
    );
    expect({ unsent, dupes }).toEqual({ unsent: 0, dupes: 0 });
  });
});
