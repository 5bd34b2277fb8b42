import { INestApplication } from '@nestjs/common';
import { BulletinsService } from '@tracker/services';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { loginAs } from '../support/builders';
import {
  breakdownWorkbook,
  CityWorld,
  fileAndAcceptAll,
  givenCityPlan,
} from '../support/breakdown-fixtures';
import { createStack, TestStack } from '../support/harness';
import { WebRunner } from '../support/web-fixtures';

jest.setTimeout(120_000);

describe('pages: the office imports a breakdown table (各地分解) on the task page; a city reports against its share', () => {
  const web = new WebRunner();
  let stack: TestStack;
  let api: INestApplication;
  let ds: DataSource;
  let w: CityWorld;

  beforeAll(async () => {
    stack = await createStack('2020-07-06T10:00:00+08:00');
    api = await stack.startApi();
    ds = api.get(DataSource);
    await web.start(api);
    w = await givenCityPlan(api);
    const office = (await loginAs(api, 'office')).auth;
    await request(api.getHttpServer())
      .post('/api/cycles')
      .set(office)
      .send({ documentId: w.documentId, period: '2020-Q3' })
      .expect(201);
  });
  afterAll(async () => {
    await web.stop();
    await stack.close();
  });

  it('imports the .xlsx and shows the per-locality table; an unknown city is named by its row', async () => {
    const { page, context } = await web.open();
    await web.signIn(page, 'office');
    await page.goto(`${web.base}/tasks/${w.taskId}`);
    const card = page.locator('section.card', {
      has: page.getByRole('heading', { name: '各地分解' }),
    });
    await card.getByText('尚未填写分解表。').waitFor();

    // A table naming a city that holds no part of the task is refused, nothing saved.
    await card.getByLabel('Excel 文件（.xlsx）').setInputFiles({
      name: '分解表.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await breakdownWorkbook([
        ['南宁市', 60, 100],
        ['深圳市', 5, 5],
      ]),
    });
    await card.getByRole('button', { name: '导入分解表' }).click();
    await card
      .getByRole('alert')
      .getByText(/第4行：“深圳市”不是本任务的地区/)
      .waitFor();
    expect(await ds.query(`SELECT count(*)::int AS n FROM task_breakdown_shares`)).toEqual([
      { n: 0 },
    ]);

    await card.getByLabel('Excel 文件（.xlsx）').setInputFiles({
      name: '分解表.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await breakdownWorkbook([
        ['南宁市', 60, 100],
        ['柳州市', 50, 90],
      ]),
    });
    await card.getByRole('button', { name: '导入分解表' }).click();
    await page.getByText('分解表已保存').waitFor();
    const fresh = page.locator('section.card', {
      has: page.getByRole('heading', { name: '各地分解' }),
    });
    const nanning = fresh.locator('.breakdown-localities tr', { hasText: '南宁市人民政府' });
    await nanning.waitFor();
    expect((await nanning.locator('td').first().textContent())?.replace(/\s+/g, '')).toBe(
      '—/60家—',
    );
    const totals = fresh.locator('.breakdown-totals tbody tr').first();
    expect(await totals.locator('td').allTextContents()).toEqual([
      '2020年新增规上工业企业300家',
      '300家',
      '110家',
      '—',
      '—',
      '0/2',
    ]);
    // The grid shows the imported shares.
    expect(
      await fresh
        .getByLabel('南宁市人民政府：2020年新增规上工业企业300家', { exact: true })
        .inputValue(),
    ).toBe('60');
    await web.shot(page, 'office-task-breakdown');
    await context.close();
  });

  it("shows Nanning its own share on its report form; after it files, the office sees the city's progress", async () => {
    const { page, context } = await web.open();
    await web.signIn(page, 'nanning');
    await page.goto(`${web.base}/tasks/${w.taskId}`);
    const hint = page.locator('.target-field', { hasText: '2020年新增规上工业企业300家' }).first();
    await hint.locator('.my-share').getByText('本地区目标 60家').waitFor();
    await expect(hint.textContent()).resolves.toContain('全任务目标 300家');
    await web.shot(page, 'agency-report-breakdown-share');
    await context.close();

    const [{ id: reportId }] = await ds.query(
      `SELECT id FROM status_reports WHERE task_id = $1 AND unit_id = $2`,
      [w.taskId, w.units.nanning],
    );
    await request(api.getHttpServer())
      .post(`/api/reports/${reportId}/submit`)
      .set((await loginAs(api, 'nanning')).auth)
      .send({
        narrative: '已新增45家',
        targetValues: [{ index: 0, target: '2020年新增规上工业企业300家', value: 45 }],
      })
      .expect(200);

    const office = await web.open();
    await web.signIn(office.page, 'leader');
    await office.page.goto(`${web.base}/tasks/${w.taskId}`);
    const row = office.page.locator('.breakdown-localities tr', { hasText: '南宁市人民政府' });
    await row.getByText('75.0%').waitFor();
    // Leaders read the roll-up and have no grid to edit.
    expect(await office.page.locator('.breakdown-grid').count()).toBe(0);
    await office.page.locator('.breakdown-chart figure[role="img"]').first().waitFor();
    await office.context.close();
  });

  it("shows the bulletin's per-locality section to the leader", async () => {
    const [{ id: cycleId }] = await ds.query(
      `SELECT id FROM reporting_cycles WHERE period = '2020-Q3'`,
    );
    await fileAndAcceptAll(api, cycleId, {});
    await api.get(BulletinsService).compileIfComplete(cycleId);
    const { page, context } = await web.open();
    await web.signIn(page, 'leader');
    await page.goto(`${web.base}/bulletins/${cycleId}`);
    const card = page.locator('section.card', {
      has: page.getByRole('heading', { name: '各地分解完成情况' }),
    });
    // One table per target: the first is 新增规上工业企业 (家).
    const row = card.locator('tr', { hasText: '南宁市人民政府' }).first();
    await row.waitFor();
    expect(await row.locator('td').allTextContents()).toEqual([
      '南宁市人民政府',
      '60家',
      '45家',
      '75.0%',
    ]);
    await card.locator('tr.total', { hasText: '合计' }).getByText('110家').waitFor();
    await web.shot(page, 'leader-bulletin-breakdown');
    await context.close();
    expect(web.external).toEqual([]);
    // No script errors; the only failed request a page may log is the refused import (400).
    expect(web.pageErrors.filter((e) => !e.includes('status of 400 (Bad Request)'))).toEqual([]);
  });
});
