import { INestApplication, INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { Actor, AssignmentsService } from '@tracker/services';
import { BrowserContext, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { givenUser, loginAs } from '../support/builders';
import { createStack, TestStack } from '../support/harness';
import { drainMail } from '../support/drain';
import { SmtpSink } from '../support/smtp-sink';
import {
  givenAssignment,
  givenDocument,
  givenTask,
  givenUnit,
} from '../support/supervision-fixtures';
import { WebRunner } from '../support/web-fixtures';

const at = (s: string): Date => new Date(`${s}+08:00`);

/** Polls until `check` returns a value (real time: the worker sends mail on its own). */
async function until<T>(
  check: () => Promise<T | null | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const stopAt = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > stopAt) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The office's housekeeping pages and everyone's settings, in a real browser against the real api
 * and worker (mail goes to an in-process SMTP server): reassigning a declined task, sending a failed
 * mail again, a document's supervision profile and opening a cycle by hand, notice preferences and
 * the calendar feed URL; and the agency task list reading each task's current report from the list.
 */
describe('web: office housekeeping and settings', () => {
  const sink = new SmtpSink();
  const web = new WebRunner();
  let stack: TestStack;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let ds: DataSource;
  const ids: Record<string, string> = {};
  let office: { context: BrowserContext; page: Page };
  let agency: { context: BrowserContext; page: Page };

  beforeAll(async () => {
    await sink.start();
    stack = await createStack('2020-07-01T09:00:00+08:00');
    const env = { ...sink.env(), MAIL_RETRY_DELAY_MS: '50' };
    api = await stack.startApi(env);
    worker = await stack.startWorker(env);
    ds = api.get(DataSource);
    await seed();
    await web.start(api);
  }, 120_000);

  afterAll(async () => {
    await web.stop();
    await stack?.close();
    await sink.stop();
  });

  /** One document, four units; B has declined the task it leads (T2); a mail to A's member has failed for good. */
  async function seed(): Promise<void> {
    const assignedAt = at('2020-07-01T09:00:00');
    ids.doc = await givenDocument(ds, { title: '广西数字经济发展三年行动计划' });
    const unit: Record<string, string> = {
      A: await givenUnit(ds, '自治区工业和信息化厅'),
      B: await givenUnit(ds, '自治区商务厅'),
      C: await givenUnit(ds, '自治区财政厅'),
      D: await givenUnit(ds, '自治区大数据发展局'),
    };
    Object.assign(ids, { unitA: unit.A, unitB: unit.B, unitC: unit.C, unitD: unit.D });
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
      deadlineOn: string | null = null,
    ) => {
      ids[k] = await givenTask(ds, ids.doc, { path: p, heading, deadlineOn });
      ids[`${k}lead`] = await givenAssignment(ds, ids[k], unit[lead], 'lead', assignedAt);
      for (const s of support)
        ids[`${k}${s}`] = await givenAssignment(ds, ids[k], unit[s], 'support', assignedAt);
    };
    await task('T1', ['一', '（一）'], '建设工业互联网平台', 'A', ['B'], '2020-12-31');
    await task('T2', ['一', '（二）'], '发展跨境电子商务', 'B', ['A'], '2021-06-30');
    await task('T3', ['二', '（一）'], '设立数字经济专项资金', 'C', [], '2020-11-30');
    await task('T4', ['二', '（二）'], '推进政务数据共享', 'A', []);

    const [b] = await ds.query(`SELECT id, roles, unit_id FROM users WHERE username = 'agency-b'`);
    const agencyB: Actor = {
      id: b.id,
      username: 'agency-b',
      roles: b.roles,
      unitId: b.unit_id,
      channel: 'api',
    };
    await worker
      .get(AssignmentsService)
      .decline(
        agencyB,
        ids.T2lead,
        '跨境电商工作由自治区商务厅牵头的部门已调整，建议改由自治区大数据发展局牵头。',
      );

    // A mail whose every attempt failed (as if SMTP had been down for hours): no job left for it.
    const [notice] = await until(async () => {
      const rows = (await ds.query(`SELECT id FROM notices WHERE kind = 'decline' LIMIT 1`)) as {
        id: string;
      }[];
      return rows.length ? rows : null;
    });
    const [a] = await ds.query(`SELECT id FROM users WHERE username = 'agency-a'`);
    const [{ id }] = await ds.query(
      `INSERT INTO notice_deliveries (notice_id, user_id, channel, attempts, last_error, failed_at)
       VALUES ($1, $2, 'email', 8, 'connect ECONNREFUSED 127.0.0.1:1025', $3) RETURNING id`,
      [notice.id, a.id, at('2020-07-01T11:00:00')],
    );
    ids.failedDelivery = id;
  }

  it('lets the office reassign a declined task to another unit', async () => {
    office = await web.open();
    const { page } = office;
    await web.signIn(page, 'office');
    await page.getByRole('navigation').getByRole('link', { name: '退回改派' }).click();
    await page.getByRole('heading', { name: '退回改派' }).waitFor();
    const row = page.locator('tr', { hasText: '发展跨境电子商务' });
    await row.getByText('建议改由自治区大数据发展局牵头').waitFor();
    await row.getByText('自治区商务厅').first().waitFor();
    await web.shot(page, 'office-declines');
    await row.getByRole('button', { name: /^改派/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('筛选单位').fill('大数据');
    await expect(dialog.getByLabel('自治区财政厅').isVisible()).resolves.toBe(false);
    // A unit already holding the task (A supports it) is not offered.
    await expect(dialog.getByLabel('自治区工业和信息化厅').count()).resolves.toBe(0);
    await dialog.getByLabel('自治区大数据发展局').check();
    await dialog.getByLabel('改派说明（可选）').fill('按职责调整改派。');
    await web.shot(page, 'office-declines-dialog', false);
    await dialog.getByRole('button', { name: '改派' }).click();
    await page.getByText('没有待改派的退回任务。').waitFor();
    const rows = await ds.query(
      `SELECT a.state, a.role, u.name FROM assignments a JOIN units u ON u.id = a.unit_id WHERE a.task_id = $1 AND a.role = 'lead' ORDER BY a.created_at`,
      [ids.T2],
    );
    expect(rows).toEqual([
      { state: 'reassigned', role: 'lead', name: '自治区商务厅' },
      { state: 'pending', role: 'lead', name: '自治区大数据发展局' },
    ]);
  });

  it('refuses a reassignment without a unit', async () => {
    const [b] = await ds.query(`SELECT id, roles, unit_id FROM users WHERE username = 'agency-a'`);
    await worker
      .get(AssignmentsService)
      .decline(
        { id: b.id, username: 'agency-a', roles: b.roles, unitId: b.unit_id, channel: 'api' },
        ids.T4lead,
        '不属于本单位职责。',
      );
    const { page } = office;
    await page.reload();
    const row = page.locator('tr', { hasText: '推进政务数据共享' });
    await row.getByRole('button', { name: /^改派/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '改派' }).click();
    // The form's own validation keeps the dialog open and sends nothing.
    await page.waitForTimeout(200);
    await expect(dialog.isVisible()).resolves.toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    const [a] = await ds.query(`SELECT state FROM assignments WHERE id = $1`, [ids.T4lead]);
    expect(a.state).toBe('declined');
  });

  it('lets the office send a failed mail again, and it arrives once', async () => {
    const { page } = office;
    await page.getByRole('navigation').getByRole('link', { name: '邮件投递' }).click();
    await page.getByRole('heading', { name: '邮件投递' }).waitFor();
    const row = page.locator(`tr[data-delivery-id="${ids.failedDelivery}"]`);
    await row.getByText('已失败').waitFor();
    await row.getByText('ECONNREFUSED').waitFor();
    await web.shot(page, 'office-mail');
    const before = sink.to('agency-a@example.gov.cn').length;
    await row.getByRole('button', { name: /^重新发送/ }).click();
    await page.getByText('没有发送失败的邮件。').waitFor();
    const sent = await until(async () => {
      const [d] = await ds.query(
        `SELECT sent_at, attempts, failed_at FROM notice_deliveries WHERE id = $1`,
        [ids.failedDelivery],
      );
      return d.sent_at ? d : null;
    });
    expect(sent).toMatchObject({ attempts: 1, failed_at: null });
    await drainMail({ queuePrefix: stack.queuePrefix, now: () => stack.clock.now() }, ds, sink);
    expect(sink.to('agency-a@example.gov.cn')).toHaveLength(before + 1);
    const [audit] = await ds.query(`SELECT action FROM audit_log WHERE target_id = $1`, [
      ids.failedDelivery,
    ]);
    expect(audit.action).toBe('delivery.retry');
  });

  it("lets the office edit a document's supervision profile and open a cycle by hand", async () => {
    const { page } = office;
    await page.getByRole('navigation').getByRole('link', { name: '文件与台账' }).click();
    await page.getByRole('link', { name: '督办规则与周期' }).first().click();
    await page.getByRole('heading', { name: '广西数字经济发展三年行动计划' }).waitFor();
    await page.getByRole('heading', { name: '督办规则' }).waitFor();
    expect(await page.getByLabel('报送周期').inputValue()).toBe('quarterly');
    await page.getByLabel('截止天数').fill('15');
    await page.getByLabel('按工作日计算').check();
    await page.getByLabel('提醒', { exact: true }).fill('5');
    await page.getByLabel('催办', { exact: true }).fill('2');
    await page.getByLabel('督办', { exact: true }).fill('7');
    await page.getByLabel('提请领导小组', { exact: true }).fill('12');
    await page.getByRole('button', { name: '保存督办规则' }).click();
    await page.getByText('督办规则已保存').waitFor();
    const [doc] = await ds.query(
      `SELECT supervision_profile AS p FROM policy_documents WHERE id = $1`,
      [ids.doc],
    );
    expect(doc.p).toMatchObject({
      dueOffsetDays: 15,
      countWorkingDays: true,
      reminderDaysBefore: 5,
      overdueDaysAfter: 2,
      supervisionDaysAfter: 7,
      leadingGroupDaysAfter: 12,
    });
    expect(doc.p).not.toHaveProperty('cadence');
    await page.getByLabel('截止天数').waitFor();
    expect(await page.getByLabel('截止天数').inputValue()).toBe('15');

    // A bad period is refused by the form; the current quarter is suggested.
    expect(await page.getByLabel('周期', { exact: true }).inputValue()).toBe('2020-Q3');
    await web.shot(page, 'office-document-profile');
    await page.getByRole('button', { name: '开启周期' }).click();
    await page.getByText(/已开启 2020年第三季度 报送周期，应报 \d+ 份/).waitFor();
    await page.getByRole('link', { name: '2020年第三季度' }).waitFor();
    const [cycle] = await ds.query(
      `SELECT c.state, to_char(c.due_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS due,
        (SELECT count(*)::int FROM status_reports r WHERE r.cycle_id = c.id) AS reports
      FROM reporting_cycles c WHERE c.document_id = $1 AND c.period = '2020-Q3'`,
      [ids.doc],
    );
    // Q3 ends 2020-09-30; 15 working days later (past the National Day holiday) is 2020-10-28, due at its end.
    expect(cycle).toEqual({ state: 'open', due: '2020-10-29', reports: 3 });
    await page.getByText('2020-10-28').first().waitFor();
    // Opening it again creates nothing twice.
    await page.getByRole('button', { name: '开启周期' }).click();
    await page.getByText('2020年第三季度 报送周期此前已开启').waitFor();
  });

  it('asks before opening a quarter past its due time, says what goes out at once, and raises only the current rung', async () => {
    const { page } = office;
    await page.getByLabel('周期', { exact: true }).fill('2020-Q1');
    await page.getByRole('button', { name: '开启周期' }).click();
    const dialog = page.getByRole('dialog', { name: '该周期的报送截止时间已过' });
    await dialog.waitFor();
    // Q1 was due on 2020-04-22 (15 working days past the Qingming holiday): by 2020-07-01 every report stands on the top rung.
    await dialog.getByText('2020年第一季度的报送截止日为 2020-04-22').waitFor();
    await dialog.getByText('立即提请领导小组 3 条').waitFor();
    await dialog.getByText(/已越过的较低档次 \d+ 条不再补发/).waitFor();
    expect(await dialog.getByText('立即发出督办通知').count()).toBe(0);
    await web.shot(page, 'office-late-cycle-confirm');
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(
      await ds.query(
        `SELECT id FROM reporting_cycles WHERE document_id = $1 AND period = '2020-Q1'`,
        [ids.doc],
      ),
    ).toEqual([]);

    await page.getByRole('button', { name: '开启周期' }).click();
    await dialog.getByRole('button', { name: '确认开启' }).click();
    await page.getByText('已开启 2020年第一季度 报送周期，应报 3 份').waitFor();
    const raised = await until(async () => {
      const rows = (await ds.query(
        `SELECT n.kind, count(*)::int AS n FROM notices n JOIN reporting_cycles c ON c.id = n.cycle_id
          WHERE c.document_id = $1 AND c.period = '2020-Q1' AND n.kind = ANY($2::text[]) GROUP BY n.kind`,
        // The ladder's rungs only: the bulletin, compiled once every report is raised, is no rung.
        [ids.doc, ['reminder', 'overdue', 'supervision', 'leading_group']],
      )) as { kind: string; n: number }[];
      return rows.some((r) => r.kind === 'leading_group' && r.n === 3) ? rows : null;
    });
    // One notice per report, at its current rung; none of the rungs below it is replayed.
    expect(raised).toEqual([{ kind: 'leading_group', n: 3 }]);

    await page.goto(`${web.base}/office/escalations`);
    const lane = (level: number) => page.locator(`section.lane-${level} li.esc-card`);
    await lane(3).first().waitFor();
    expect(await lane(3).count()).toBe(3);
    expect(await lane(2).count()).toBe(0);
  });

  it("lets the office correct a document's title and number after import, audited, and shows the new title", async () => {
    const { page } = office;
    await page.getByRole('navigation').getByRole('link', { name: '文件与台账' }).click();
    await page.getByRole('link', { name: '督办规则与周期' }).first().click();
    await page.getByRole('heading', { name: '广西数字经济发展三年行动计划' }).waitFor();
    const form = page.getByRole('form', { name: '修改文件信息' });
    await form.getByLabel('标题').fill('广西壮族自治区数字经济发展三年行动计划（2018—2020年）');
    await form.getByLabel('文号').fill('桂政办发〔2018〕98号');
    await form.getByRole('button', { name: '修改文件信息' }).click();
    await page.getByText('文件信息已保存').waitFor();
    await page
      .getByRole('heading', { name: '广西壮族自治区数字经济发展三年行动计划（2018—2020年）' })
      .waitFor();
    const [doc] = await ds.query(`SELECT title, doc_number FROM policy_documents WHERE id = $1`, [
      ids.doc,
    ]);
    expect(doc).toEqual({
      title: '广西壮族自治区数字经济发展三年行动计划（2018—2020年）',
      doc_number: '桂政办发〔2018〕98号',
    });
    const audits = await ds.query(
      `SELECT action, after FROM audit_log WHERE target_id = $1 AND action = 'document.update_facts'`,
      [ids.doc],
    );
    expect(audits).toEqual([
      expect.objectContaining({
        after: expect.objectContaining({
          title: '广西壮族自治区数字经济发展三年行动计划（2018—2020年）',
        }),
      }),
    ]);
    // Saving again with nothing changed writes nothing.
    await form.getByRole('button', { name: '修改文件信息' }).click();
    await page.getByText('没有修改').waitFor();
    expect(
      await ds.query(
        `SELECT id FROM audit_log WHERE target_id = $1 AND action = 'document.update_facts'`,
        [ids.doc],
      ),
    ).toHaveLength(1);
  });

  it('lets an agency choose how each notice kind is mailed, with supervision locked', async () => {
    agency = await web.open();
    const { page } = agency;
    await web.signIn(page, 'agency-a');
    await page.getByRole('navigation').getByRole('link', { name: '通知设置' }).click();
    await page.getByRole('heading', { name: '通知设置' }).waitFor();
    await page.getByLabel('逾期', { exact: true }).selectOption('daily');
    await page.getByText('“逾期”改为每日摘要').waitFor();
    await page.getByLabel('提醒', { exact: true }).selectOption('off');
    await page.getByText('“提醒”改为不发邮件').waitFor();
    for (const kind of ['supervision', 'leading_group']) {
      const row = page.locator(`tr[data-kind="${kind}"]`);
      await row.getByText('始终即时发送').waitFor();
      expect(await row.locator('select').count()).toBe(0);
    }
    const [u] = await ds.query(
      `SELECT notice_preferences AS p FROM users WHERE username = 'agency-a'`,
    );
    expect(u.p).toMatchObject({ overdue: 'daily', reminder: 'off' });
    await page.reload();
    expect(await page.getByLabel('逾期', { exact: true }).inputValue()).toBe('daily');
  });

  it("gives an agency its unit's calendar feed URL, and a new one on request", async () => {
    const { page } = agency;
    const urlBox = page.getByLabel('自治区工业和信息化厅的订阅地址');
    await urlBox.waitFor();
    const first = await urlBox.inputValue();
    expect(first).toMatch(/\/api\/calendar\/feeds\/[A-Za-z0-9_-]{20,64}\.ics$/);
    const feedPath = (u: string): string => new URL(u).pathname;
    const feed = await fetch(`${web.base}${feedPath(first)}`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toContain('text/calendar');
    expect(await feed.text()).toContain('建设工业互联网平台');
    await web.shot(page, 'agency-settings');
    await page.getByRole('button', { name: '更换地址' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '更换地址' }).click();
    await page.getByText('已更换订阅地址，旧地址已失效').waitFor();
    const second = await urlBox.inputValue();
    expect(second).not.toBe(first);
    expect((await fetch(`${web.base}${feedPath(first)}`)).status).toBe(404);
    expect((await fetch(`${web.base}${feedPath(second)}`)).status).toBe(200);
  });

  it("lets the office get any unit's calendar URL", async () => {
    const { page } = office;
    await page.getByRole('navigation').getByRole('link', { name: '通知设置' }).click();
    await page.getByLabel('单位', { exact: true }).selectOption({ label: '自治区财政厅' });
    await page.getByRole('button', { name: '获取订阅地址' }).click();
    expect(await page.getByLabel('自治区财政厅的订阅地址').inputValue()).toMatch(/\.ics$/);
  });

  it('shows the settings on a phone', async () => {
    const phone = await web.open({ width: 390, height: 844, isMobile: true });
    await web.signIn(phone.page, 'agency-a');
    await phone.page.goto(`${web.base}/settings`);
    await phone.page.getByLabel('自治区工业和信息化厅的订阅地址').waitFor();
    await web.shot(phone.page, 'phone-agency-settings');
    await phone.context.close();
  });

  it("lists an agency's tasks with each current report in one request, with no request per task", async () => {
    const res = await request(api.getHttpServer())
      .get('/api/me/tasks?pageSize=100')
      .set((await loginAs(api, 'agency-a')).auth)
      .expect(200);
    const byHeading = Object.fromEntries(
      (res.body.items as { task: { heading: string }; currentReport: unknown }[]).map((i) => [
        i.task.heading,
        i.currentReport,
      ]),
    );
    const [q3] = await ds.query(
      `SELECT id FROM reporting_cycles WHERE document_id = $1 AND period = '2020-Q3'`,
      [ids.doc],
    );
    const reportOf = async (task: string, unit: string): Promise<string> =>
      (
        await ds.query(
          `SELECT id FROM status_reports WHERE cycle_id = $1 AND task_id = $2 AND unit_id = $3`,
          [q3.id, task, unit],
        )
      )[0].id;
    // A leads T1: its own report; A supports T2: the report of its new lead unit D.
    expect(byHeading['建设工业互联网平台']).toEqual({
      id: await reportOf(ids.T1, ids.unitA),
      period: '2020-Q3',
      state: 'pending',
      dueAt: '2020-10-28T16:00:00.000Z',
      progressStatus: null,
    });
    expect(byHeading['发展跨境电子商务']).toMatchObject({
      id: await reportOf(ids.T2, ids.unitD),
      state: 'pending',
    });

    const { page } = agency;
    const perTask: string[] = [];
    page.on('request', (req) => {
      if (/\/api\/tasks\/[0-9a-f-]{36}/.test(req.url())) perTask.push(req.url());
    });
    await page.getByRole('navigation').getByRole('link', { name: '我的任务' }).click();
    const row = page.locator('table tr', { hasText: '建设工业互联网平台' });
    await row.getByText('待填报').waitFor();
    await row.getByText('2020年第三季度 · 截止 2020-10-28').waitFor();
    await web.shot(page, 'agency-tasks-current-report');
    expect(perTask).toEqual([]);
  });

  it('made no request to any host but the tracker, and threw no script errors', async () => {
    await agency?.context.close();
    await office?.context.close();
    expect(web.external).toEqual([]);
    expect(web.pageErrors).toEqual([]);
  });
});
