import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { givenUser, loginAs } from '../support/builders';
import { createStack, TestStack } from '../support/harness';
import { givenBulkDocument } from '../support/supervision-fixtures';
import { WebRunner } from '../support/web-fixtures';

jest.setTimeout(120_000);

describe("pages: a cycle's reports a page at a time", () => {
  const web = new WebRunner();
  let stack: TestStack;
  let api: INestApplication;
  let ds: DataSource;
  let cycleId: string;
  let manyUnitId: string;

  beforeAll(async () => {
    stack = await createStack('2020-07-01T10:00:00+08:00');
    api = await stack.startApi();
    ds = api.get(DataSource);
    await web.start(api);
    await givenUser(ds, 'office-l', ['office']);
    const documentId = await givenBulkDocument(ds, 120, 6);
    const office = (await loginAs(api, 'office-l')).auth;
    const opened = await request(api.getHttpServer())
      .post('/api/cycles')
      .set(office)
      .send({ documentId, period: '2020-Q3' })
      .expect(201);
    expect(opened.body.reports).toBe(120);
    cycleId = opened.body.id;
    // A unit that leads 130 tasks of one plan.
    const many = await givenBulkDocument(ds, 130, 1);
    const [unit]: { unit_id: string }[] = await ds.query(
      `SELECT DISTINCT a.unit_id FROM assignments a JOIN tasks t ON t.id = a.task_id WHERE t.document_id = $1`,
      [many],
    );
    manyUnitId = unit.unit_id;
    await givenUser(ds, 'many-l', ['agency'], manyUnitId);
  });
  afterAll(async () => {
    await web.stop();
    await stack.close();
  });

  it('shows the first 50 reports of the cycle and loads 50 more at a time, never the whole list', async () => {
    const { page } = await web.open();
    const asked: string[] = [];
    page.on('request', (req) => {
      const url = new URL(req.url());
      if (url.pathname.endsWith('/reports')) asked.push(url.search);
    });
    await web.signIn(page, 'office-l');
    await page.goto(`${web.base}/office/cycles/${cycleId}`);
    const rows = page.locator('tr[data-report-id]');
    const more = page.getByRole('button', { name: '加载更多' });
    await rows.nth(49).waitFor();
    expect(await rows.count()).toBe(50);
    expect(await rows.first().locator('td').first().textContent()).toMatch(/批量任务1$/);
    await more.click();
    await rows.nth(99).waitFor();
    expect(await rows.count()).toBe(100);
    await more.click();
    await rows.nth(119).waitFor();
    await more.waitFor({ state: 'hidden' });
    expect(await rows.count()).toBe(120);
    const ids = await Promise.all((await rows.all()).map((r) => r.getAttribute('data-report-id')));
    expect(new Set(ids).size).toBe(120);
    expect(await rows.last().locator('td').first().textContent()).toMatch(/批量任务120$/);
    // Every list request asks for one page: the overview shown after signing in (its first page of
    // reports to review and of late ones), then the cycle page's three.
    const queries = asked.map((q) => new URLSearchParams(q));
    expect(queries.every((q) => Number(q.get('limit')) > 0 && Number(q.get('limit')) <= 50)).toBe(
      true,
    );
    const cyclePage = queries.filter((q) => !q.has('state') && !q.has('late'));
    expect(cyclePage.map((q) => [q.get('limit'), q.has('cursor')])).toEqual([
      ['50', false],
      ['50', true],
      ['50', true],
    ]);
  });

  it("shows a unit with 130 tasks its first 100, the server's count and colours, and the next page", async () => {
    const { page } = await web.open();
    await web.signIn(page, 'many-l');
    await page.goto(`${web.base}/tasks`);
    const rows = page.locator('tr[data-task-id]');
    await rows.nth(99).waitFor();
    expect(await rows.count()).toBe(100);
    await page.getByText('共 130 项；本页').waitFor();
    await page.getByText('第 1/2 页（共 130 项）').waitFor();
    // Not yet acknowledged: the server says amber, and why.
    expect(await rows.first().locator('td').first().innerText()).toContain('黄灯');
    expect(await rows.first().locator('td').first().locator('[title]').getAttribute('title')).toBe(
      '待签收',
    );
    await page.getByRole('link', { name: '下一页' }).click();
    await page.getByText('第 2/2 页（共 130 项）').waitFor();
    await expectRows(rows, 30);
    expect(new URL(page.url()).searchParams.get('page')).toBe('2');
    expect(await page.getByRole('link', { name: '下一页' }).count()).toBe(0);
  });

  it('made no request to any host but the tracker, and threw no script errors', () => {
    expect(web.external).toEqual([]);
    expect(web.pageErrors).toEqual([]);
  });
});

/** The list has settled at exactly `n` rows (it renders after its request). */
async function expectRows(rows: import('playwright-core').Locator, n: number): Promise<void> {
  await rows.nth(n - 1).waitFor();
  await rows.nth(n).waitFor({ state: 'detached' });
  expect(await rows.count()).toBe(n);
}
