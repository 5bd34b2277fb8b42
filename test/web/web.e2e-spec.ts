import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Actor, CyclesService, ExtensionsService, ReportsService } from '@tracker/services';
import { BrowserContext, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { givenUser, TEST_PASSWORD as PASSWORD } from '../support/builders';
import { drainQueues } from '../support/drain';
import { createStack, TestStack } from '../support/harness';
import {
  givenAssignment,
  givenDocument,
  givenTask,
  givenUnit,
} from '../support/supervision-fixtures';
import { OpenOptions, WebRunner } from '../support/web-fixtures';

const at = (s: string): Date => new Date(`${s}+08:00`);

/**
 * The web pages in a real browser (Debian's chromium, driven by playwright-core), against the real
 * API and worker: an agency acknowledges a task and files its report, the office returns it, the
 * agency resubmits, the office accepts it, reviews an escalation and opens the bulletin; the
 * leader reads the bulletin and what was raised to the leading group; the office imports a document.
 */
describe('web front end', () => {
  let stack: TestStack;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let ds: DataSource;
  let base: string;
  const web = new WebRunner();
  const { external, pageErrors } = web;
  const ids: Record<string, string> = {};

  const drain = (): Promise<unknown> =>
    drainQueues({ queuePrefix: stack.queuePrefix, now: () => stack.clock.now() });

  beforeAll(async () => {
    stack = await createStack('2020-07-01T09:00:00+08:00');
    api = await stack.startApi();
    worker = await stack.startWorker();
    ds = api.get(DataSource);
    await seed();
    await web.start(api);
    base = web.base;
  }, 120_000);

  afterAll(async () => {
    await web.stop();
    await stack?.close();
  });

  /** A document with six tasks and four lead units; 2020-Q2 ran its course (bulletin compiled), 2020-Q3 is open. */
  async function seed(): Promise<void> {
    const assignedAt = at('2020-07-01T09:00:00');
    const doc = await givenDocument(ds, { title: '广西制造业攻坚突破年行动方案' });
    ids.doc = doc;
    const unit: Record<string, string> = {
      A: await givenUnit(ds, '自治区工业和信息化厅'),
      B: await givenUnit(ds, '自治区商务厅'),
      C: await givenUnit(ds, '自治区发展改革委'),
      D: await givenUnit(ds, '自治区财政厅'),
    };
    for (const [k, id] of Object.entries(unit))
      await givenUser(ds, `agency-${k.toLowerCase()}`, ['agency'], id);
    await givenUser(ds, 'office', ['office']);
    await givenUser(ds, 'leader', ['leader']);
    const task = async (
      k: string,
      p: string[],
      heading: string,
      lead: string,
      support: string[] = [],
      opts: { deadlineOn?: string; targets?: unknown[]; body?: string } = {},
    ) => {
      ids[k] = await givenTask(ds, doc, {
        path: p,
        heading,
        deadlineOn: opts.deadlineOn ?? null,
        targets: opts.targets,
      });
      if (opts.body)
        await ds.query(`UPDATE tasks SET body = $2 WHERE id = $1`, [ids[k], opts.body]);
      ids[`${k}lead`] = await givenAssignment(ds, ids[k], unit[lead], 'lead', assignedAt);
      for (const s of support) await givenAssignment(ds, ids[k], unit[s], 'support', assignedAt);
    };
    await task('T1', ['二', '（一）', '1'], '加大招商引资力度', 'A', ['B'], {
      deadlineOn: '2020-12-31',
      targets: [
        { text: '新引进制造业企业', value: 100, unit: '家', by: '2020-12-31' },
        { text: '工业投资增长', value: 10, unit: '%', by: '2020-12-31' },
      ],
      body: '围绕重点产业链开展精准招商，全年新引进制造业企业100家以上，工业投资增长10%。（自治区工业和信息化厅牵头，自治区商务厅配合）',
    });
    await task('T2', ['二', '（一）', '2'], '推进重点技改项目', 'B', [], {
      deadlineOn: '2020-11-30',
    });
    await task('T3', ['二', '（二）', '1'], '加强煤电油气运保障', 'C');
    await task('T4', ['二', '（二）', '2'], '扶持中小企业发展', 'D', ['A']);
    await task('T5', ['二', '（三）', '1'], '培育龙头骨干企业', 'A', ['C'], {
      deadlineOn: '2020-08-15',
    });
    await task('T6', ['三', '（一）'], '持续优化营商环境', 'B', ['A']);

    const actor = async (username: string): Promise<Actor> => {
      const [u] = await ds.query(`SELECT id, roles, unit_id FROM users WHERE username = $1`, [
        username,
      ]);
      return { id: u.id, username, roles: u.roles, unitId: u.unit_id, channel: 'api' };
    };
    const office = await actor('office');
    const a = await actor('agency-a');
    const b = await actor('agency-b');
    const c = await actor('agency-c');
    const reports = worker.get(ReportsService);
    const cycles = worker.get(CyclesService);
    const reportOf = async (cycleId: string, taskId: string): Promise<string> =>
      (
        await ds.query(`SELECT id FROM status_reports WHERE cycle_id = $1 AND task_id = $2`, [
          cycleId,
          taskId,
        ])
      )[0].id;

    // 2020-Q2: A and B file (one of B's late), C and D do not and climb the ladder to the leading group.
    const q2 = await cycles.open(office, doc, '2020-Q2');
    ids.q2 = q2.id;
    await ds.query(
      `UPDATE assignments SET state = 'acknowledged', acknowledged_at = $2 WHERE id = ANY($1::uuid[]) `,
      [[ids.T5lead, ids.T2lead, ids.T6lead, ids.T3lead, ids.T4lead], at('2020-07-02T09:00:00')],
    );
    stack.clock.set(at('2020-07-06T10:00:00'));
    await reports.submit(a, await reportOf(q2.id, ids.T1), {
      progressStatus: 'on_track',
      progressPercent: 40,
      narrative: '已签约项目12个',
      targetValues: [
        { target: '新引进制造业企业', value: 38 },
        { target: '工业投资增长', value: 6.5 },
      ],
    });
    await reports.submit(a, await reportOf(q2.id, ids.T5), {
      progressStatus: 'on_track',
      narrative: '遴选龙头企业20家',
    });
    await reports.submit(b, await reportOf(q2.id, ids.T2), {
      progressStatus: 'at_risk',
      narrative: '技改项目开工35个',
    });
    for (const t of ['T1', 'T5', 'T2'])
      await reports.accept(office, await reportOf(q2.id, ids[t]), '同意');
    stack.clock.set(at('2020-07-13T10:00:00'));
    await drain();
    await reports.submit(b, await reportOf(q2.id, ids.T6), {
      progressStatus: 'on_track',
      narrative: '压缩审批时限',
    });
    await reports.accept(office, await reportOf(q2.id, ids.T6));
    for (const day of ['2020-07-16T10:00:00', '2020-07-22T10:00:00']) {
      stack.clock.set(at(day));
      await drain();
    }
    // 2020-Q3: open; B has filed T2, C asks for an extension; A has not acknowledged T1 yet.
    const q3 = await cycles.open(office, doc, '2020-Q3');
    ids.q3 = q3.id;
    await drain();
    stack.clock.set(at('2020-10-06T10:00:00'));
    await drain();
    await reports.submit(b, await reportOf(q3.id, ids.T2), {
      progressStatus: 'on_track',
      progressPercent: 70,
      narrative: '新开工技改项目48个，完成投资62亿元',
    });
    await worker
      .get(ExtensionsService)
      .request(
        c,
        await reportOf(q3.id, ids.T3),
        '2020-10-31',
        '三季度能源数据10月下旬才能统计完成',
      );
    ids.q3T1 = await reportOf(q3.id, ids.T1);
    await drain();
  }

  const open = (opts?: OpenOptions): Promise<{ context: BrowserContext; page: Page }> =>
    web.open(opts);
  const signIn = (page: Page, username: string): Promise<void> => web.signIn(page, username);
  const shot = (page: Page, name: string, fullPage = true): Promise<void> =>
    web.shot(page, name, fullPage);

  let agency: { context: BrowserContext; page: Page };
  let office: { context: BrowserContext; page: Page };

  it('serves the pages from the API server, with scripts from files under its CSP', async () => {
    const res = await fetch(`${base}/tasks`, { headers: { Accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await res.text()).toContain('<script type="module" src="/js/app.js"></script>');
    expect((await fetch(`${base}/js/app.js`)).headers.get('content-type')).toMatch(/javascript/);
    expect(
      (await fetch(`${base}/api/nothing-here`, { headers: { Accept: 'text/html' } })).status,
    ).toBe(404);
    expect(
      (await fetch(`${base}/office/reports/some-id`, { headers: { Accept: 'text/html' } })).status,
    ).toBe(200);
    // Paths that are not the pages' own are left to the rest of the app.
    expect(
      await (await fetch(`${base}/admin/queues`, { headers: { Accept: 'text/html' } })).text(),
    ).not.toContain('/js/app.js');
  });

  it('lets an agency see its tasks with RAG status and acknowledge one', async () => {
    agency = await open();
    const { page } = agency;
    await page.goto(`${base}/tasks`);
    // The page first tries to resume a session from the refresh cookie, then shows the sign-in.
    await page.waitForURL(/\/login/);
    await shot(page, 'login');
    await signIn(page, 'agency-a');
    await page.waitForURL(/\/tasks$/);
    await page.getByRole('heading', { name: '我的任务' }).waitFor();
    const row = page.locator('table tr', { hasText: '加大招商引资力度' });
    await row.getByText('红灯').or(row.getByText('黄灯')).first().waitFor();
    expect(await page.locator('table tbody tr').count()).toBe(4); // T1, T5 lead; T4, T6 support
    await shot(page, 'agency-tasks');
    await row.getByRole('button', { name: /^签收/ }).click();
    await page.locator('table tr', { hasText: '加大招商引资力度' }).getByText('已签收').waitFor();
    const [asg] = await ds.query(`SELECT state FROM assignments WHERE id = $1`, [ids.T1lead]);
    expect(asg.state).toBe('acknowledged');
  });

  it('shows the agency task list on a phone screen', async () => {
    const phone = await open({ width: 390, height: 844, isMobile: true });
    await signIn(phone.page, 'agency-a');
    await phone.page.locator('.task-card').first().waitFor();
    expect(await phone.page.locator('table').isVisible()).toBe(false);
    await shot(phone.page, 'phone-agency-tasks');
    await phone.page.locator('.task-card a', { hasText: '加大招商引资力度' }).click();
    await phone.page.getByRole('heading', { name: /加大招商引资力度/ }).waitFor();
    await shot(phone.page, 'phone-agency-task');
    await phone.context.close();
  });

  it('lets the agency file the quarterly report with its target fields', async () => {
    const { page } = agency;
    await page
      .getByRole('link', { name: /加大招商引资力度/ })
      .first()
      .click();
    await page.getByRole('heading', { name: /加大招商引资力度/ }).waitFor();
    await page.getByLabel('进度自评').selectOption('on_track');
    await page.getByLabel('完成进度（%）').fill('65');
    await page.getByLabel('新引进制造业企业').fill('71');
    await page.getByLabel('工业投资增长').fill('8.2');
    await page.getByLabel('工作进展').fill('三季度新签约制造业项目23个，累计引进企业71家。');
    await page.getByLabel('存在问题').fill('部分项目用地指标紧张。');
    await page.getByLabel('下一步工作').fill('开展产业链精准招商专项行动。');
    await shot(page, 'agency-report-form');
    await page.getByRole('button', { name: '提交报告' }).click();
    await page.locator('.badge', { hasText: '已报送待审核' }).first().waitFor();
    const [r] = await ds.query(`SELECT state, target_values FROM status_reports WHERE id = $1`, [
      ids.q3T1,
    ]);
    expect(r.state).toBe('submitted');
    expect(r.target_values).toEqual([
      { index: 0, target: '新引进制造业企业', value: 71 },
      { index: 1, target: '工业投资增长', value: 8.2 },
    ]);
  });

  it('lets the office see the cycles and return the report with a comment', async () => {
    office = await open();
    const { page } = office;
    await signIn(page, 'office');
    await page.waitForURL(/\/office\/cycles$/);
    await page.getByRole('heading', { name: '各单位报送率' }).waitFor();
    await page.locator('.chart').first().waitFor();
    await shot(page, 'office-cycles');
    await page
      .getByRole('link', { name: /二（一）1 加大招商引资力度/ })
      .first()
      .click();
    await page.getByRole('button', { name: '退回修改' }).waitFor();
    await page.getByRole('button', { name: '退回修改' }).click();
    await page.getByRole('alert').filter({ hasText: '请填写退回修改的意见' }).waitFor();
    await page.getByLabel('审核意见').fill('请补充工业投资增长的统计口径和重点项目清单。');
    await shot(page, 'office-review');
    await page.getByRole('button', { name: '退回修改' }).click();
    await page.locator('.badge', { hasText: '已退回修改' }).first().waitFor();
    const [r] = await ds.query(`SELECT state, review_comment FROM status_reports WHERE id = $1`, [
      ids.q3T1,
    ]);
    expect(r.state).toBe('returned');
  });

  it('lets the agency see the comment and resubmit', async () => {
    const { page } = agency;
    await page.reload();
    await page.getByText('请补充工业投资增长的统计口径和重点项目清单。').waitFor();
    expect(await page.getByLabel('新引进制造业企业').inputValue()).toBe('71');
    await page
      .getByLabel('工作进展')
      .fill(
        '三季度新签约制造业项目23个，累计引进企业71家；工业投资按固定资产投资统计口径增长8.2%，重点项目清单见附件。',
      );
    await shot(page, 'agency-report-returned');
    await page.getByRole('button', { name: '修改后重新提交' }).click();
    await page.locator('.badge', { hasText: '已报送待审核' }).first().waitFor();
    await page.getByRole('link', { name: '我的通知' }).click();
    await page.getByRole('heading', { name: '我的通知' }).waitFor();
    await page.getByText('报告退回').first().waitFor();
    await shot(page, 'agency-notices');
  });

  it('lets the office accept the revised report', async () => {
    const { page } = office;
    await page.reload();
    await page.getByRole('button', { name: '审核通过' }).waitFor();
    await page.getByText('第 2 版').first().waitFor();
    await page.getByLabel('审核意见').fill('同意。');
    await page.getByRole('button', { name: '审核通过' }).click();
    await page.locator('.badge', { hasText: '已审核通过' }).first().waitFor();
    const [r] = await ds.query(`SELECT state, revision FROM status_reports WHERE id = $1`, [
      ids.q3T1,
    ]);
    expect(r).toEqual({ state: 'accepted', revision: 2 });
  });

  it('lets the office review an escalation on the board', async () => {
    const { page } = office;
    await page.getByRole('link', { name: '督办看板' }).click();
    await page.getByRole('heading', { name: '督办看板' }).waitFor();
    await page.locator('.esc-card').first().waitFor();
    await page.getByText('三季度能源数据10月下旬才能统计完成').waitFor();
    await shot(page, 'office-escalations');
    // One card per report, in the lane of its current level.
    const card = page.locator('.board .esc-card', { hasText: '自治区财政厅' }).first();
    const escalationId = await card.getAttribute('data-escalation-id');
    await card.getByRole('button', { name: '下达督办单' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('督办要求').fill('请于10日内报送二季度进展并说明原因。');
    await dialog.getByRole('button', { name: '下达督办单' }).click();
    await page
      .locator(`[data-escalation-id="${escalationId}"] .badge`, { hasText: '督办中' })
      .waitFor();
    const [e] = await ds.query(`SELECT state FROM escalations WHERE id = $1`, [escalationId]);
    expect(e.state).toBe('supervising');
  });

  it('lets the office open the bulletin with its charts and download it', async () => {
    const { page } = office;
    await page.getByRole('link', { name: '报送周期' }).click();
    await page.getByRole('link', { name: '查看通报' }).first().click();
    await page.getByRole('heading', { name: /任务落实情况通报/ }).waitFor();
    expect(await page.locator('.chart').count()).toBeGreaterThanOrEqual(3);
    await page.getByText('自治区财政厅').first().waitFor();
    await shot(page, 'office-bulletin');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载通报（Markdown）' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.md$/);
    const [workbook] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载通报（Excel）' }).click(),
    ]);
    expect(workbook.suggestedFilename()).toMatch(/\.xlsx$/);
  });

  it('lets the office download the ledger', async () => {
    const { page } = office;
    await page.getByRole('link', { name: '文件与台账' }).click();
    await page.getByRole('cell', { name: /广西制造业攻坚突破年行动方案/ }).waitFor();
    await shot(page, 'office-documents');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载台账' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  });

  it('lets the office preview a document, fix a unit and import it', async () => {
    const { page } = office;
    await page.getByRole('navigation').getByRole('link', { name: '导入文件' }).click();
    await page.getByRole('heading', { name: '导入文件' }).waitFor();
    const text = [
      '关于推进中小企业数字化转型的实施方案',
      '桂政办发〔2020〕99号',
      '一、主要任务',
      '（一）实施“上云用数赋智”行动。到2020年底，推动1000家中小企业上云。（自治区工业和信息化厅牵头，自治区大数据局配合）',
      '（二）加大财政金融支持。设立数字化转型专项资金。（自治区财政厅牵头，自治区地方金融监管局配合）',
      '二、保障措施',
      '（一）加强督促检查。领导小组办公室每季度对任务落实情况进行督促检查并通报。',
    ].join('\n');
    await page.getByLabel('文件全文').fill(text);
    await page.getByLabel('文件名').fill('digital-transformation.txt');
    await page.getByRole('button', { name: '预览提取结果' }).click();
    await page.getByRole('heading', { name: '任务结构' }).waitFor();
    await shot(page, 'office-import-preview');
    const fix = page.getByLabel('将“自治区地方金融监管局”改为');
    if (await fix.count()) {
      await fix.fill('自治区财政厅');
      await page.getByRole('button', { name: '应用修改并重新预览' }).click();
      await page.getByRole('heading', { name: '任务结构' }).waitFor();
      await expect(page.getByLabel('将“自治区地方金融监管局”改为').count()).resolves.toBe(0);
    }
    await page.getByRole('button', { name: '确认导入' }).click();
    await page.getByRole('heading', { name: '导入完成' }).waitFor();
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM policy_documents WHERE source_file = 'digital-transformation.txt' OR title LIKE '%数字化转型%'`,
    );
    expect(n).toBe(1);
  });

  it('gives the leader the bulletin and what was raised to the leading group, in English too', async () => {
    const leader = await open();
    const { page } = leader;
    await signIn(page, 'leader');
    await page.waitForURL(/\/leader$/);
    await page.getByRole('heading', { name: '提请领导小组研究的事项' }).waitFor();
    await page.locator('.esc-card').first().waitFor();
    await shot(page, 'leader-home');
    await page.getByRole('link', { name: /通报/ }).first().click();
    await page.getByRole('heading', { name: /任务落实情况通报/ }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: /bulletin/ }).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    await shot(page, 'leader-bulletin-en');
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: /任务落实情况通报/ }).waitFor();
    const phone = await open({ width: 390, height: 844, isMobile: true });
    await signIn(phone.page, 'leader');
    await phone.page.getByRole('link', { name: /通报/ }).first().click();
    await phone.page.locator('.chart').first().waitFor();
    await shot(phone.page, 'phone-leader-bulletin');
    await phone.context.close();
    await leader.context.close();
  });

  it('can be used with the keyboard alone', async () => {
    const kb = await open();
    const { page } = kb;
    await page.goto(`${base}/login`);
    await page.locator('#username:focus').waitFor(); // the sign-in form takes the focus
    await page.keyboard.type('agency-b');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '我的任务' }).waitFor();
    const focusable = await page.evaluate(
      `Array.from(document.querySelectorAll('main a, main button')).every((el) => el.tabIndex >= 0)`,
    );
    expect(focusable).toBe(true);
    // Tab to the first 退回 (decline) button: Enter opens the dialog, Escape closes it; then 签收 with Enter.
    const focusedText = (): Promise<unknown> =>
      page.evaluate(`document.activeElement && document.activeElement.textContent`);
    for (let i = 0; i < 60 && (await focusedText()) !== '退回'; i += 1)
      await page.keyboard.press('Tab');
    expect(await focusedText()).toBe('退回');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.keyboard.press('Shift+Tab');
    expect(await focusedText()).toBe('签收');
    await page.keyboard.press('Enter');
    await page.locator('table tr', { hasText: '加大招商引资力度' }).getByText('已签收').waitFor();
    await kb.context.close();
  });

  it("shows the reports on the overdue rung in the board's level-1 lane, once each, with links to them", async () => {
    // 2020-Q3 was due at the end of 10 October; its overdue notices go out a day later.
    stack.clock.set(at('2020-10-13T10:00:00'));
    await drain();
    // Unfiled, with the overdue notice of their current epoch sent.
    const unfiled: { id: string }[] = await ds.query(
      `SELECT r.id FROM status_reports r WHERE r.cycle_id = $1 AND r.state IN ('pending', 'draft', 'returned')
          AND EXISTS (SELECT 1 FROM notices n WHERE n.dedup_key = 'overdue/' || r.id || '/e' || r.ladder_epoch) ORDER BY r.id`,
      [ids.q3],
    );
    expect(unfiled).toHaveLength(4);
    // A week has passed: the office signs in again.
    const { page } = await open();
    await signIn(page, 'office');
    await page.goto(`${web.base}/office/escalations`);
    const lane1 = page.locator('section.lane-1 li.esc-card');
    await page.getByRole('heading', { name: '督办看板' }).waitFor();
    await lane1.first().waitFor();
    const shown = (
      await Promise.all((await lane1.all()).map((card) => card.getAttribute('data-report-id')))
    ).sort();
    expect(shown).toEqual(unfiled.map((r) => r.id));
    await page.locator('section.lane-1 h2 .count', { hasText: String(unfiled.length) }).waitFor();
    await shot(page, 'office-escalations-overdue');
    await lane1.first().getByRole('link', { name: '查看报告' }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/office/reports/${shown[0]}`);
  });

  it('made no request to any host but the tracker, and threw no script errors', async () => {
    await agency?.context.close();
    await office?.context.close();
    expect(external).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
