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

  it('made no request to any host but the tracker, and threw no script errors', () => {
    expect(web.external).toEqual([]);
    expect(web.pageErrors).toEqual([]);
  });
});
