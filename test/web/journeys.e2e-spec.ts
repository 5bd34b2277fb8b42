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

const at = (s: string): Date => new Date(`${s}+08:00`);

/**
 * Each role's journey starts from the mail it receives and follows its links in a real browser:
 * the supporting unit acknowledges one task and declines another (and can still open it), the lead
 * files a report whose two targets share their text, the office and the leaders follow escalation
 * mail to task pages of their own, and every link of every mail sent opens for its recipient.
 */
describe('journeys from the mail each role receives', () => {
  const sink = new SmtpSink();
  const web = new WebRunner();
  let stack: TestStack;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let ds: DataSource;
  const ids: Record<string, string> = {};
  /** Recipient address → username, to sign in as whoever a mail went to. */
  const userOf = new Map<string, string>();

  const drain = async (): Promise<void> => {
    await drainQueues({ queuePrefix: stack.queuePrefix, now: () => stack.clock.now() });
    await sink.settle();
  };
  const mailTo = (username: string): ReceivedMail[] => sink.to(`${username}@example.gov.cn`);
  /** Links in a mail's text that point into the tracker. */
  const linksIn = (m: ReceivedMail): string[] =>
    [...new Set(m.text.match(/https?:\/\/[^\s)）"'<>]+/g) ?? [])].filter((u) =>
      u.startsWith(web.base),
    );
  const timeline: string[] = [];

  beforeAll(async () => {
    await sink.start();
    stack = await createStack('2020-07-01T09:00:00+08:00');
    api = await stack.startApi();
    await web.start(api);
    ds = api.get(DataSource);
    const A = await givenUnit(ds, '自治区工业和信息化厅');
    const S = await givenUnit(ds, '自治区财政厅');
    const users: [string, Actor['roles'], string | null][] = [
      ['lead-a', ['agency'], A],
      ['support-s', ['agency'], S],
      ['office', ['office'], null],
      ['leader', ['leader'], null],
    ];
    for (const [name, roles, unit] of users) {
      await givenUser(ds, name, roles, unit);
      userOf.set(`${name}@example.gov.cn`, name);
    }
    await ds.query(`UPDATE users SET is_unit_head = true WHERE username = 'lead-a'`);
    ids.doc = await givenDocument(ds, { title: '广西制造业攻坚突破年行动方案' });
    // Two targets of one sentence: the same text, two numbers.
    const same = '到2020年，新增自治区级示范企业';
    ids.T1 = await givenTask(ds, ids.doc, {
      path: ['二', '（一）', '1'],
      heading: '推进智能制造',
      targets: [
        { text: same, value: 10, unit: '家', by: '2020-12-31' },
        { text: same, value: 20, unit: '家', by: '2020-12-31' },
      ],
    });
    ids.T2 = await givenTask(ds, ids.doc, {
      path: ['二', '（一）', '2'],
      heading: '推动工业互联网发展',
    });
    const assigned = at('2020-07-01T09:00:00');
    ids.T1lead = await givenAssignment(ds, ids.T1, A, 'lead', assigned);
    ids.T1support = await givenAssignment(ds, ids.T1, S, 'support', assigned);
    ids.T2lead = await givenAssignment(ds, ids.T2, A, 'lead', assigned);
    ids.T2support = await givenAssignment(ds, ids.T2, S, 'support', assigned);
    // Links in mail point at the pages this browser opens.
    worker = await stack.startWorker({
      ...sink.env(),
      MAIL_RETRY_DELAY_MS: '200',
      PUBLIC_URL: web.base,
    });
    await worker.get(LadderJobsService).ensureAckLadders(ids.doc);
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
    // Not signed in: the page asks for the account and then returns to where the link pointed.
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('button', { name: '退出登录' }).waitFor();
    await page.locator('main h1').first().waitFor();
    return page;
  }

  it('lets the supporting unit follow its acknowledgement mail, acknowledge one task, decline the other and still open it', async () => {
    const mails = mailTo('support-s');
    expect(mails.length).toBeGreaterThan(0);
    const links = mails.flatMap(linksIn);
    // One mail per unit and import lists its tasks: its link goes to a task, the task list or the inbox.
    const taskLink =
      links.find((u) => u.endsWith(`/tasks/${ids.T1}`)) ??
      links.find((u) => !new URL(u).pathname.startsWith('/api/'));
    expect(taskLink).toBeDefined();
    const page = await openAs('support-s', taskLink as string);
    await page.goto(`${web.base}/tasks/${ids.T1}`);
    await page.getByRole('heading', { name: /推进智能制造/ }).waitFor();
    await page.getByRole('button', { name: '签收', exact: true }).first().click();
    await page.getByText('已签收').first().waitFor();

    await page.goto(`${web.base}/tasks/${ids.T2}`);
    await page.getByRole('heading', { name: /推动工业互联网发展/ }).waitFor();
    await page.getByRole('button', { name: '退回', exact: true }).first().click();
    await page.getByLabel('退回理由').fill('本厅不承担工业互联网平台建设职责');
    await page.locator('dialog').getByRole('button', { name: '退回' }).click();
    await page.getByText('已退回，等待办公室改派').first().waitFor();
    // The declined task's page still opens, with what was declined and why, in Chinese.
    await page.reload();
    await page.getByRole('heading', { name: /推动工业互联网发展/ }).waitFor();
    await page.getByText('本厅不承担工业互联网平台建设职责').first().waitFor();
    expect(await page.getByText('出错了').count()).toBe(0);
    const states = await ds.query(
      `SELECT id, state FROM assignments WHERE id = ANY($1::uuid[]) ORDER BY state`,
      [[ids.T1support, ids.T2support]],
    );
    expect(states).toEqual([
      { id: ids.T1support, state: 'acknowledged' },
      { id: ids.T2support, state: 'declined' },
    ]);
    await page.context().close();
    timeline.push('support');
  });

  it('sends the decline to the office, whose link opens the task page with the unit to reassign', async () => {
    await drain();
    const declineMail = mailTo('office').find((m) => m.subject.includes('退回'));
    expect(declineMail).toBeDefined();
    const link = linksIn(declineMail as ReceivedMail).find((u) => u.endsWith(`/tasks/${ids.T2}`));
    expect(link).toBeDefined();
    const page = await openAs('office', link as string);
    await page.getByRole('heading', { name: /推动工业互联网发展/ }).waitFor();
    const row = page.locator('tr', { hasText: '自治区财政厅' });
    await row.getByText('本厅不承担工业互联网平台建设职责').waitFor();
    await row.getByRole('link', { name: '去改派' }).waitFor();
    // The history shows the decline with who did it.
    await page.getByText('support-s · 退回').waitFor();
    await page.context().close();
  });

  it('lets the lead file a report whose two targets share their text, each keeping its own number', async () => {
    const office = {
      id: (await ds.query(`SELECT id FROM users WHERE username = 'office'`))[0].id,
      username: 'office',
      roles: ['office'],
      unitId: null,
      channel: 'api',
    } as Actor;
    const cycle = await worker.get(CyclesService).open(office, ids.doc, '2020-Q3');
    ids.cycle = cycle.id;
    await drain();
    const { page } = await web.open();
    await web.signIn(page, 'lead-a', TEST_PASSWORD);
    await page.goto(`${web.base}/tasks/${ids.T1}`);
    await page.locator('#target-0').fill('4');
    await page.locator('#target-1').fill('9');
    await page.getByLabel('工作进展').fill('已认定示范企业4家，培育对象9家');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText('草稿已保存').first().waitFor();
    await page.reload();
    await page.locator('#target-1').waitFor();
    expect([
      await page.locator('#target-0').inputValue(),
      await page.locator('#target-1').inputValue(),
    ]).toEqual(['4', '9']);
    await page.getByRole('button', { name: '提交报告' }).click();
    await page.getByText('报告已提交').first().waitFor();
    const [r] = await ds.query(
      `SELECT target_values FROM status_reports WHERE cycle_id = $1 AND task_id = $2`,
      [ids.cycle, ids.T1],
    );
    expect(
      r.target_values.map((v: { index: number; value: number }) => [v.index, v.value]),
    ).toEqual([
      [0, 4],
      [1, 9],
    ]);
    await page.context().close();
  });

  it('lets the office and the leaders follow escalation mail to the task, the leaders read-only with the bulletin', async () => {
    // T2's report is never filed: past due it climbs to supervision (督办) and the leading group.
    for (const day of ['2020-10-12T10:00:00', '2020-10-16T10:00:00', '2020-10-21T10:00:00']) {
      stack.clock.set(at(day));
      await drain();
    }
    const supervision = mailTo('office').find((m) => m.subject.startsWith('【督办】'));
    expect(supervision).toBeDefined();
    const officePage = await openAs(
      'office',
      linksIn(supervision as ReceivedMail).find((u) => u.endsWith(`/tasks/${ids.T2}`)) as string,
    );
    await officePage.getByRole('heading', { name: /推动工业互联网发展/ }).waitFor();
    await officePage
      .getByText(/督办升级 · 督办/)
      .first()
      .waitFor();
    await officePage.context().close();

    const raised = mailTo('leader').find((m) => m.subject.includes('提请领导小组'));
    expect(raised).toBeDefined();
    const leaderPage = await openAs(
      'leader',
      linksIn(raised as ReceivedMail).find((u) => u.endsWith(`/tasks/${ids.T2}`)) as string,
    );
    await leaderPage.getByRole('heading', { name: /推动工业互联网发展/ }).waitFor();
    await leaderPage.getByText('领导同志查阅，不可修改').waitFor();
    await leaderPage
      .getByText(/督办升级 · 提请领导小组/)
      .first()
      .waitFor();
    expect(await leaderPage.getByRole('button', { name: /审核|退回|签收/ }).count()).toBe(0);
    expect(await leaderPage.getByRole('link', { name: '审核' }).count()).toBe(0);
    await leaderPage.context().close();
  });

  it('mails the leaders the bulletin once every report is accepted or raised, and links it from the task page', async () => {
    const { page: officePage } = await web.open();
    await web.signIn(officePage, 'office', TEST_PASSWORD);
    const [report] = await ds.query(
      `SELECT id FROM status_reports WHERE cycle_id = $1 AND task_id = $2`,
      [ids.cycle, ids.T1],
    );
    await officePage.goto(`${web.base}/office/reports/${report.id}`);
    await officePage.getByRole('button', { name: '审核通过' }).click();
    await officePage.getByText('报告已审核通过').first().waitFor();
    await officePage.context().close();
    await drain();

    const bulletin = mailTo('leader').find((m) => m.subject.includes('通报'));
    expect(bulletin).toBeDefined();
    const link = linksIn(bulletin as ReceivedMail).find((u) =>
      u.endsWith(`/bulletins/${ids.cycle}`),
    );
    expect(link).toBeDefined();
    const page = await openAs('leader', link as string);
    await page.getByRole('heading', { level: 1, name: /2020年第三季度/ }).waitFor();
    // The quarter's assessment is part of the bulletin, and leads to the points behind each score.
    const assessment = page.locator('section', {
      has: page.getByRole('heading', { name: '考核评估（2020年第三季度）' }),
    });
    await assessment.getByRole('row').nth(1).waitFor();
    expect(await assessment.getByRole('row').count()).toBeGreaterThan(1);
    await assessment.getByRole('link', { name: '查看计分明细' }).click();
    await page.waitForURL(/\/assessment\?document=.*&period=2020-Q3$/);
    await page.getByRole('heading', { name: /2020年第三季度得分排名/ }).waitFor();
    await page.goto(`${web.base}/tasks/${ids.T2}`);
    await page.getByRole('link', { name: '通报' }).click();
    await page.waitForURL(`${web.base}/bulletins/${ids.cycle}`);
    await page.context().close();
  });

  it("opens every link of every mail sent for the mail's recipient, with no error page", async () => {
    await drain();
    const visits = new Map<string, Set<string>>();
    for (const m of sink.messages) {
      for (const to of m.to) {
        const user = userOf.get(to);
        if (!user) continue;
        for (const link of linksIn(m)) {
          const set = visits.get(user) ?? new Set<string>();
          set.add(link);
          visits.set(user, set);
        }
      }
    }
    expect([...visits.keys()].sort()).toEqual(['leader', 'lead-a', 'office', 'support-s'].sort());
    const failures: string[] = [];
    for (const [user, links] of visits) {
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
  it('lets the office find a task from the search box by a two-character word and open it', async () => {
    const { page } = await web.open();
    await web.signIn(page, 'office', TEST_PASSWORD);
    await page.getByRole('searchbox', { name: '搜索任务、报告和文件' }).first().fill('智能');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '“智能”的搜索结果' }).waitFor();
    // The results page is an address of its own: reloading or sharing it shows the same results.
    const results = page.url();
    expect((await page.reload())?.status()).toBe(200);
    await page.getByRole('heading', { name: '“智能”的搜索结果' }).waitFor();
    expect(page.url()).toBe(results);
    await page
      .getByRole('link', { name: /推进智能制造/ })
      .first()
      .click();
    await page.getByRole('heading', { name: /推进智能制造/ }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/tasks/${ids.T1}`);
    await web.shot(page, 'office-search');
    await page.context().close();
    expect(web.pageErrors).toEqual([]);
  });
});
