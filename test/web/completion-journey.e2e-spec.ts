import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Actor, CyclesService, LadderJobsService } from '@tracker/services';
import { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { givenUser, TEST_PASSWORD } from '../support/builders';
import { drainQueues } from '../support/drain';
import { createStack, TestStack } from '../support/harness';
import { ReceivedMail, SmtpSink } from '../support/smtp-sink';
import {
  givenAssignment,
  givenDocument,
  givenTask,
  givenUnit,
} from '../support/supervision-fixtures';
import { WebRunner } from '../support/web-fixtures';

/**
 * A task's end, walked from the mail each step sends: the lead files, the office returns the
 * report, the lead follows the 【退回】 mail, resubmits it as completed and asks to close the task;
 * the office follows the 【办结申请】 mail to the task page and closes it (销号); the lead's
 * 【已销号】 mail opens the closed task. Every link of every mail opens for its recipient.
 */
describe('journey: from the report to the closed task, by the mail each step sends', () => {
  const sink = new SmtpSink();
  const web = new WebRunner();
  let stack: TestStack;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let ds: DataSource;
  let taskId: string;
  let reportId: string;
  const userOf = new Map<string, string>();

  const drain = async (): Promise<void> => {
    await drainQueues({ queuePrefix: stack.queuePrefix, now: () => stack.clock.now() });
    await sink.settle();
  };
  const mailTo = (username: string): ReceivedMail[] => sink.to(`${username}@example.gov.cn`);
  const linksIn = (m: ReceivedMail): string[] =>
    [...new Set(m.text.match(/https?:\/\/[^\s)）"'<>]+/g) ?? [])].filter((u) =>
      u.startsWith(web.base),
    );
  const taskLink = (m: ReceivedMail | undefined): string => {
    expect(m).toBeDefined();
    const link = linksIn(m as ReceivedMail).find((u) => u.endsWith(`/tasks/${taskId}`));
    expect(link).toBeDefined();
    return link as string;
  };

  beforeAll(async () => {
    await sink.start();
    stack = await createStack('2020-07-01T09:00:00+08:00');
    api = await stack.startApi();
    await web.start(api);
    ds = api.get(DataSource);
    const unit = await givenUnit(ds, '自治区商务厅');
    for (const [name, roles, unitId] of [
      ['lead-c', ['agency'], unit],
      ['office-c', ['office'], null],
    ] as [string, Actor['roles'], string | null][]) {
      await givenUser(ds, name, roles, unitId);
      userOf.set(`${name}@example.gov.cn`, name);
    }
    const doc = await givenDocument(ds, { title: '广西外贸稳规模优结构行动方案' });
    taskId = await givenTask(ds, doc, {
      path: ['三', '（二）'],
      heading: '建设跨境电商综合试验区',
    });
    await givenAssignment(ds, taskId, unit, 'lead', new Date('2020-07-01T01:00:00Z'));
    worker = await stack.startWorker({
      ...sink.env(),
      MAIL_RETRY_DELAY_MS: '200',
      PUBLIC_URL: web.base,
    });
    await worker.get(LadderJobsService).ensureAckLadders(doc);
    const [office] = await ds.query(`SELECT id FROM users WHERE username = 'office-c'`);
    const actor = {
      id: office.id,
      username: 'office-c',
      roles: ['office'],
      unitId: null,
      channel: 'api',
    } as Actor;
    const cycle = await worker.get(CyclesService).open(actor, doc, '2020-Q3');
    const [report] = await ds.query(
      `SELECT id, due_at FROM status_reports WHERE cycle_id = $1 AND task_id = $2`,
      [cycle.id, taskId],
    );
    reportId = report.id;
    await drain();
    // The lead's first mail is the reminder, three days before the report is due.
    stack.clock.set(new Date(new Date(report.due_at).getTime() - 3 * 86_400_000 + 3_600_000));
    await drain();
  }, 120_000);

  afterAll(async () => {
    await web.stop();
    await stack?.close();
    await sink.stop();
  });

  async function openAs(username: string, url: string): Promise<Page> {
    const { page } = await web.open();
    await page.goto(url);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('button', { name: '退出登录' }).waitFor();
    await page.locator('main h1').first().waitFor();
    return page;
  }

  it('lets the lead follow its mail to the task and file the report', async () => {
    const first = mailTo('lead-c').find((m) =>
      linksIn(m).some((u) => u.endsWith(`/tasks/${taskId}`)),
    );
    const page = await openAs('lead-c', taskLink(first));
    await page.getByRole('heading', { name: /建设跨境电商综合试验区/ }).waitFor();
    await page.getByLabel('工作进展').fill('试验区方案已报批');
    await page.getByRole('button', { name: '提交报告' }).click();
    await page.getByText('报告已提交').first().waitFor();
    await page.context().close();
  });

  it('lets the office return the report with a comment', async () => {
    const { page } = await web.open();
    await web.signIn(page, 'office-c', TEST_PASSWORD);
    await page.goto(`${web.base}/office/reports/${reportId}`);
    await page.getByLabel('审核意见').fill('请补充试验区获批情况');
    await page.getByRole('button', { name: '退回修改' }).click();
    await page.getByText('报告已退回修改').first().waitFor();
    await page.context().close();
    await drain();
  });

  it('lets the lead follow the return mail, resubmit the report as completed and ask to close the task', async () => {
    const returned = mailTo('lead-c').find((m) => m.subject.startsWith('【退回】'));
    expect(returned?.text).toContain('请补充试验区获批情况');
    const page = await openAs('lead-c', taskLink(returned));
    await page.getByText('请补充试验区获批情况').first().waitFor();
    await page.getByLabel('进度自评').selectOption({ label: '已完成' });
    await page.getByLabel('完成进度（%）').fill('100');
    await page.getByLabel('工作进展').fill('试验区已获国务院批复设立，建设任务全部完成');
    await page.getByRole('button', { name: '修改后重新提交' }).click();
    await page.getByText('报告已提交').first().waitFor();
    await page.getByRole('button', { name: '申请办结' }).click();
    await page.getByText('已申请办结，待办公室核验').waitFor();
    await page.context().close();
    const [r] = await ds.query(`SELECT state, revision FROM status_reports WHERE id = $1`, [
      reportId,
    ]);
    expect(r).toEqual({ state: 'submitted', revision: 2 });
    await drain();
  });

  it('lets the office follow the completion-request mail to the task page and close the task there', async () => {
    const request = mailTo('office-c').find((m) => m.subject.startsWith('【办结申请】'));
    expect(request?.subject).toContain('自治区商务厅');
    const page = await openAs('office-c', taskLink(request));
    await page.getByRole('heading', { name: /建设跨境电商综合试验区/ }).waitFor();
    await page.getByRole('button', { name: '核验销号' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('办公室意见').fill('经核验，同意销号');
    await dialog.getByRole('button', { name: '核验销号' }).click();
    await page.getByText('已销号', { exact: true }).first().waitFor();
    await page.context().close();
    const [task] = await ds.query(`SELECT state, completion_comment FROM tasks WHERE id = $1`, [
      taskId,
    ]);
    expect(task).toEqual({ state: 'completed', completion_comment: '经核验，同意销号' });
    // The report that asked is accepted with the closing.
    const [r] = await ds.query(`SELECT state FROM status_reports WHERE id = $1`, [reportId]);
    expect(r.state).toBe('accepted');
    await drain();
  });

  it("tells the lead by mail that its task is closed, and the mail's link opens the closed task", async () => {
    const closed = mailTo('lead-c').filter((m) => m.subject.startsWith('【已销号】'));
    expect(closed).toHaveLength(1);
    expect(closed[0].text).toContain('经核验，同意销号');
    const page = await openAs('lead-c', taskLink(closed[0]));
    await page.getByRole('heading', { name: /建设跨境电商综合试验区/ }).waitFor();
    await page.getByText('已销号').first().waitFor();
    expect(await page.getByRole('button', { name: '提交报告' }).count()).toBe(0);
    await page.context().close();
  });

  it('opens every link of every mail sent for its recipient, with no error page', async () => {
    const failures: string[] = [];
    for (const [address, user] of userOf) {
      const links = new Set(sink.to(address).flatMap(linksIn));
      expect(links.size).toBeGreaterThan(0);
      const { page } = await web.open();
      await web.signIn(page, user, TEST_PASSWORD);
      for (const link of links) {
        const url = new URL(link);
        if (url.pathname.startsWith('/api/')) {
          const res = await page.request.get(link);
          if (res.status() !== 200) failures.push(`${user} ${link} → ${res.status()}`);
          continue;
        }
        await page.goto(link);
        await page.locator('main h1').first().waitFor();
        const heading = await page.locator('main h1').first().innerText();
        if (/出错了|无权访问|未找到/.test(heading) || new URL(page.url()).pathname !== url.pathname)
          failures.push(`${user} ${link} → ${heading} at ${page.url()}`);
      }
      await page.context().close();
    }
    expect(failures).toEqual([]);
    expect(web.pageErrors).toEqual([]);
    expect(web.external).toEqual([]);
  });
});
