import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor, CyclesService, ReportsService } from '@tracker/services';
import { givenUser } from '../support/builders';
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

describe('pages: the assessment (考核评估) for the office, leaders and a unit', () => {
  const web = new WebRunner();
  let stack: TestStack;
  let api: INestApplication;
  let ds: DataSource;
  let documentId: string;
  const url = () => `${web.base}/assessment?document=${documentId}&period=2020-Q3`;

  beforeAll(async () => {
    stack = await createStack('2020-07-01T09:00:00+08:00');
    api = await stack.startApi();
    ds = api.get(DataSource);
    await web.start(api);
    const A = await givenUnit(ds, '评估甲厅');
    const B = await givenUnit(ds, '评估乙厅');
    const office = await givenUser(ds, 'office-e', ['office']);
    await givenUser(ds, 'leader-e', ['leader']);
    const b = await givenUser(ds, 'agency-e', ['agency'], B);
    documentId = await givenDocument(ds, { title: '评估方案' });
    const t1 = await givenTask(ds, documentId, { path: ['一'], heading: '推进园区建设' });
    const t2 = await givenTask(ds, documentId, { path: ['二'], heading: '开展示范工程' });
    await givenAssignment(ds, t1, A, 'lead', at('2020-07-01T09:00:00'));
    await givenAssignment(ds, t2, B, 'lead', at('2020-07-01T09:00:00'));
    const officeActor: Actor = {
      id: office.id,
      username: office.username,
      roles: ['office'],
      unitId: null,
      channel: 'api',
    };
    const bActor: Actor = {
      id: b.id,
      username: b.username,
      roles: ['agency'],
      unitId: B,
      channel: 'api',
    };
    const cycle = await api.get(CyclesService).open(officeActor, documentId, '2020-Q3');
    const [r]: { id: string }[] = await ds.query(
      `SELECT id FROM status_reports WHERE cycle_id = $1 AND task_id = $2`,
      [cycle.id, t2],
    );
    stack.clock.set(at('2020-09-20T10:00:00'));
    await api.get(ReportsService).submit(bActor, r.id, { narrative: '初稿' });
    await api.get(ReportsService).returnForRevision(officeActor, r.id, '请补充量化数据');
  });
  afterAll(async () => {
    await web.stop();
    await stack.close();
  });

  it('lets the office read the ranking and a breakdown, adjust a score with a reason, and export it', async () => {
    const { page, context } = await web.open();
    await web.signIn(page, 'office-e');
    await page.getByRole('navigation').getByRole('link', { name: '考核评估' }).click();
    await page.goto(url());
    const rows = page.locator('table tbody tr');
    await page.getByRole('heading', { name: '2020年第三季度得分排名' }).waitFor();
    expect(await rows.first().locator('td').allTextContents()).toEqual([
      '1',
      '评估甲厅',
      '100',
      '0',
      '0',
      '明细',
    ]);
    await page.getByRole('link', { name: '评估乙厅的计分明细' }).click();
    await page.getByRole('heading', { name: '评估乙厅：99分，第2名' }).waitFor();
    const line = page.locator('tr', { hasText: '报告被退回' });
    expect(await line.locator('td').nth(2).textContent()).toBe('-1');
    await line.getByText('请补充量化数据').waitFor();

    await page.getByRole('button', { name: '人工调整' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('调整分值').fill('3');
    await dialog.getByLabel('调整理由（必填）').fill('补报材料齐全');
    await dialog.getByRole('button', { name: '人工调整' }).click();
    await page.getByRole('heading', { name: '评估乙厅：102分，第1名' }).waitFor();
    await page.locator('tr', { hasText: '人工调整' }).getByText('补报材料齐全').waitFor();
    await web.shot(page, 'office-assessment');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 Excel' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('考核评估-评估方案-2020-Q3.xlsx');
    await context.close();
  });

  it('shows the leaders the ranking without adjusting, and a unit only its own breakdown', async () => {
    const leader = await web.open();
    await web.signIn(leader.page, 'leader-e');
    await leader.page.goto(url());
    await leader.page.getByRole('heading', { name: '2020年第三季度得分排名' }).waitFor();
    expect(await leader.page.locator('table tbody tr').count()).toBe(2);
    expect(await leader.page.getByRole('button', { name: '人工调整' }).count()).toBe(0);
    await leader.context.close();

    const unit = await web.open();
    await web.signIn(unit.page, 'agency-e');
    await unit.page.goto(url());
    await unit.page.getByRole('heading', { name: '评估乙厅：102分，第1名' }).waitFor();
    const names = await unit.page
      .locator('table')
      .first()
      .locator('tbody tr td:nth-child(2)')
      .allTextContents();
    expect(names).toEqual(['评估乙厅']);
    expect(await unit.page.getByText('评估甲厅').count()).toBe(0);
    expect(await unit.page.getByRole('button', { name: '导出 Excel' }).count()).toBe(0);
    await web.shot(unit.page, 'agency-assessment');
    await unit.context.close();
    expect(web.external).toEqual([]);
    expect(web.pageErrors).toEqual([]);
  });
});
