import * as path from 'node:path';
import { INestApplication } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { createStack, TestStack } from '../support/harness';
import { DigitalWorld, givenDigitalPlan } from '../support/amendment-fixtures';
import { WebRunner } from '../support/web-fixtures';

jest.setTimeout(120_000);

// The README's screenshots live in docs/screenshots.
const README_SHOTS = path.resolve(__dirname, '../../docs/screenshots');

describe('pages: amending a task (动态调整), its version history and the mid-term review', () => {
  const web = new WebRunner();
  let stack: TestStack;
  let api: INestApplication;
  let ds: DataSource;
  let w: DigitalWorld;

  beforeAll(async () => {
    stack = await createStack('2020-06-20T10:00:00+08:00');
    api = await stack.startApi();
    ds = api.get(DataSource);
    await web.start(api);
    w = await givenDigitalPlan(api);
  });
  afterAll(async () => {
    await web.stop();
    await stack.close();
  });

  it('lets the office amend with a reason, shows every version, and reviews the plan at mid-term', async () => {
    const { page, context } = await web.open();
    await web.signIn(page, 'office');
    await page.goto(`${web.base}/tasks/${w.taskId}`);
    const form = page.getByRole('form', { name: '任务调整（动态调整）' });
    await form.waitFor();
    await expectCount(page.locator('ol.versions li'), 1);

    // The reason is required: the browser keeps the form until it is given.
    await form.getByLabel('完成时限').fill('2020-12-31');
    await form.getByRole('button', { name: '确认调整' }).click();
    expect(await ds.query(`SELECT 1 FROM task_versions`)).toEqual([]);
    await form.getByLabel('调整理由').fill('根据工作进展调整完成时限');
    await form.getByRole('button', { name: '确认调整' }).click();
    await page.locator('ol.versions li[data-version="2"]').waitFor();
    const latest = await page.locator('ol.versions li[data-version="2"]').innerText();
    expect(latest).toContain('第2版');
    expect(latest).toContain('调整内容：完成时限');
    expect(latest).toContain('调整理由：根据工作进展调整完成时限');
    const [task]: { deadline_on: string; version: number }[] = await ds.query(
      `SELECT to_char(deadline_on, 'YYYY-MM-DD') AS deadline_on, version FROM tasks WHERE id = $1`,
      [w.taskId],
    );
    expect(task).toEqual({ deadline_on: '2020-12-31', version: 2 });
    await page.screenshot({
      path: path.join(README_SHOTS, 'office-task-amend.png'),
      fullPage: true,
    });

    // The mid-term review, from the document's page.
    stack.clock.set(new Date('2021-01-05T10:00:00+08:00'));
    // The session ran out on the business clock: sign in again.
    await web.signIn(page, 'office');
    await page.goto(`${web.base}/office/documents/${w.documentId}`);
    await page.getByRole('link', { name: '中期评估' }).click();
    await page.getByRole('heading', { name: '中期评估', level: 1 }).waitFor();
    await page.getByRole('heading', { name: '存在风险的任务' }).waitFor();
    const risky = await page.locator('section', { hasText: '存在风险的任务' }).last().innerText();
    expect(risky).toContain('一（一）');
    expect(risky).toContain('已过完成时限');
    await page.screenshot({
      path: path.join(README_SHOTS, 'office-midterm-review.png'),
      fullPage: true,
    });
    // The review as a workbook, from the page's button: the same risks, in Chinese.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出中期评估（Excel）' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^中期评估-.+-2021-01-05\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download.path());
    const atRisk = wb.getWorksheet('风险任务')!;
    expect(atRisk.getRow(3).getCell(1).value).toBe('一（一）');
    expect(atRisk.getRow(3).getCell(5).value).toBe('已过完成时限');

    // English is available.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Mid-term review', level: 1 }).waitFor();

    expect(web.external).toEqual([]);
    expect(web.pageErrors).toEqual([]);
    await context.close();
  });
});

// A small local helper: the element count settles (the page renders after its requests).
async function expectCount(locator: import('playwright-core').Locator, n: number): Promise<void> {
  await locator.nth(n - 1).waitFor();
  if ((await locator.count()) !== n) throw new Error(`expected ${n}, got ${await locator.count()}`);
}
