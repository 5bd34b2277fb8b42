import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CyclesService } from '@tracker/services';
import { givenUser as givenLoginUser } from '../support/builders';
import { createStack, TestStack } from '../support/harness';
import {
  givenAssignment,
  givenDocument,
  givenTask,
  givenUnit,
} from '../support/supervision-fixtures';
import { WebRunner } from '../support/web-fixtures';

jest.setTimeout(120_000);
const at = (s: string): Date => new Date(`${s}+08:00`);

describe('pages: the lead unit splits its task into sub-tasks, reports from them; the office sees the tree', () => {
  const web = new WebRunner();
  let stack: TestStack;
  let api: INestApplication;
  let ds: DataSource;
  let taskId: string;
  let reportId: string;

  beforeAll(async () => {
    stack = await createStack('2020-08-03T10:00:00+08:00');
    api = await stack.startApi();
    ds = api.get(DataSource);
    await web.start(api);
    const lead = await givenUnit(ds, '分解甲厅');
    await givenLoginUser(ds, 'office-d', ['office']);
    await givenLoginUser(ds, 'agency-d', ['agency'], lead);
    const doc = await givenDocument(ds, { title: '分解方案' });
    taskId = await givenTask(ds, doc, {
      path: ['二', '（三）'],
      heading: '推进企业上云',
      deadlineOn: '2020-12-31',
      targets: [{ text: '新增上云企业', value: 1000, unit: '家', by: null }],
    });
    await givenAssignment(ds, taskId, lead, 'lead', at('2020-07-01T09:00:00'));
    const cycle = await api.get(CyclesService).open(null, doc, '2020-Q3');
    [{ id: reportId }] = await ds.query(`SELECT id FROM status_reports WHERE cycle_id = $1`, [
      cycle.id,
    ]);
  });
  afterAll(async () => {
    await web.stop();
    await stack.close();
  });

  it('adds two sub-tasks, records their progress, fills the report from them and submits it', async () => {
    const { page, context } = await web.open();
    await web.signIn(page, 'agency-d');
    await page.goto(`${web.base}/tasks/${taskId}`);
    const add = async (title: string, owner: string, due: string, share: string) => {
      await page.getByRole('button', { name: '添加子任务' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('子任务名称').fill(title);
      await dialog.getByLabel('责任处室或责任人').fill(owner);
      await dialog.getByLabel('完成期限').fill(due);
      await dialog.getByLabel('分解目标：新增上云企业（家）').fill(share);
      await dialog.getByRole('button', { name: '保存' }).click();
      await page.getByText(`已添加子任务：${title}`).waitFor();
    };
    await add('工业企业上云', '信息化推进处', '2020-11-30', '600');
    await add('服务业企业上云', '软件服务业处', '2020-07-31', '400');
    await page
      .locator('tr[data-subtask]', { hasText: '服务业企业上云' })
      .getByText('已逾期')
      .waitFor();

    const progress = async (title: string, status: string, percent: string, value: string) => {
      await page.getByRole('button', { name: `记录进展：${title}` }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('状态').selectOption({ label: status });
      await dialog.getByLabel('完成进度（%）').fill(percent);
      await dialog.getByLabel('已完成：新增上云企业（家）').fill(value);
      await dialog.getByRole('button', { name: '保存' }).click();
      await page.getByText(`已记录进展：${title}`).waitFor();
    };
    await progress('工业企业上云', '推进中', '60', '350');
    await progress('服务业企业上云', '推进中', '80', '420');

    await page.getByRole('button', { name: '汇总子任务进展' }).click();
    await page.getByText('已按子任务进展填入进展情况和目标值').waitFor();
    const narrative = page.locator('textarea[name="narrative"]');
    expect(await narrative.inputValue()).toContain(
      '本任务分解为2项子任务：已完成0项，推进中2项，未启动0项，其中1项已逾期。',
    );
    expect(await page.locator('input[name="target-0"]').inputValue()).toBe('770');
    // The lead edits before filing.
    await narrative.fill(`${await narrative.inputValue()}\n下一步加快工业企业上云。`);
    await web.shot(page, 'agency-subtasks');
    await page.getByRole('button', { name: '提交报告' }).click();
    await page.getByText('报告已提交').first().waitFor();
    const [row] = await ds.query(
      `SELECT state, narrative, target_values FROM status_reports WHERE id = $1`,
      [reportId],
    );
    expect(row.state).toBe('submitted');
    expect(row.narrative).toContain(
      '1. 工业企业上云（责任：信息化推进处，期限：2020-11-30）：推进中，进度60%。',
    );
    expect(row.narrative).toContain('下一步加快工业企业上云。');
    expect(row.target_values).toEqual([{ index: 0, target: '新增上云企业', value: 770 }]);
    await context.close();
  });

  it('shows the office the tree on the task page, read-only, with the overdue one marked', async () => {
    const { page, context } = await web.open();
    await web.signIn(page, 'office-d');
    await page.goto(`${web.base}/tasks/${taskId}`);
    const rows = page.locator('tr[data-subtask]');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(2);
    const first = rows.filter({ hasText: '工业企业上云' }).first();
    await first.getByText('信息化推进处').waitFor();
    await first.getByText('推进中').waitFor();
    await first.getByText('60%').waitFor();
    expect(await first.getByText('已逾期').count()).toBe(0);
    const second = rows.filter({ hasText: '服务业企业上云' });
    await second.getByText('已逾期').waitFor();
    await second.getByText('80%').waitFor();
    expect(await page.getByRole('button', { name: '添加子任务' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /记录进展/ }).count()).toBe(0);
    await page.locator('ol.history li', { hasText: '分解子任务' }).first().waitFor();
    await web.shot(page, 'office-subtasks');
    await context.close();
  });
});
