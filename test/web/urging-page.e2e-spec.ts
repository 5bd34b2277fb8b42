import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { givenUser as givenLoginUser } from '../support/builders';
import { drainMail } from '../support/drain';
import { createStack, TEST_PUBLIC_URL, TestStack } from '../support/harness';
import {
  givenAssignment,
  givenDocument,
  givenTask,
  givenUnit,
} from '../support/supervision-fixtures';
import { WebRunner } from '../support/web-fixtures';

jest.setTimeout(120_000);
const at = (s: string): Date => new Date(`${s}+08:00`);

describe('pages: the office urges (催办) a unit from the task page; the mail link opens the task', () => {
  const web = new WebRunner();
  let stack: TestStack;
  let api: INestApplication;
  let ds: DataSource;
  let taskId: string;

  beforeAll(async () => {
    stack = await createStack('2020-08-03T10:00:00+08:00');
    api = await stack.startApi();
    await stack.startWorker();
    ds = api.get(DataSource);
    await web.start(api);
    const lead = await givenUnit(ds, '催办甲厅');
    const support = await givenUnit(ds, '催办乙厅');
    await givenLoginUser(ds, 'office-u', ['office']);
    await givenLoginUser(ds, 'agency-u', ['agency'], lead);
    await givenLoginUser(ds, 'agency-s', ['agency'], support);
    const doc = await givenDocument(ds, { title: '催办方案' });
    taskId = await givenTask(ds, doc, { path: ['三', '（二）'], heading: '建设智慧园区' });
    await givenAssignment(ds, taskId, lead, 'lead', at('2020-07-01T09:00:00'));
    await givenAssignment(ds, taskId, support, 'support', at('2020-07-01T09:00:00'));
  });
  afterAll(async () => {
    await web.stop();
    await stack.close();
  });

  it('urges with a comment, shows it on the timeline, refuses a second urge today on the page', async () => {
    const { page, context } = await web.open();
    await web.signIn(page, 'office-u');
    await page.goto(`${web.base}/tasks/${taskId}`);
    await page.getByRole('button', { name: '催办催办甲厅' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('催办意见（可选）').fill('请于本周五前报送进展');
    await dialog.getByRole('button', { name: '发出催办' }).click();
    await page.getByText('已催办催办甲厅').waitFor();
    await page
      .locator('ol.history li', { hasText: '催办' })
      .filter({ hasText: 'office-u' })
      .waitFor();
    await web.shot(page, 'office-task-urge');

    await page.getByRole('button', { name: '催办催办甲厅' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '发出催办' }).click();
    await page.getByText('今天已催办过该单位的这项任务，请明天再催办').waitFor();
    expect(await ds.query(`SELECT count(*)::int AS n FROM urgings`)).toEqual([{ n: 1 }]);
    await context.close();
  });

  it("opens the task from the unit's mail link", async () => {
    await drainMail(
      { queuePrefix: stack.queuePrefix, now: () => stack.clock.now() },
      ds,
      stack.smtp,
    );
    const mails = stack.smtp
      .to('agency-u@example.gov.cn')
      .filter((m) => m.subject.startsWith('【催办】'));
    expect(mails).toHaveLength(1);
    expect(
      stack.smtp.to('agency-s@example.gov.cn').filter((m) => m.subject.startsWith('【催办】')),
    ).toHaveLength(0);
    const link = /https:\/\/tracker\.test\/tasks\/[0-9a-f-]+/.exec(mails[0].text)?.[0];
    expect(link).toBe(`${TEST_PUBLIC_URL}/tasks/${taskId}`);

    const { page, context } = await web.open();
    await web.signIn(page, 'agency-u');
    await page.goto(link!.replace(TEST_PUBLIC_URL, web.base));
    await page
      .getByRole('heading', { name: /建设智慧园区/ })
      .first()
      .waitFor();
    // The urging is among the task's notices, chip 催办 and its title.
    const notice = page.locator('ul.notices li', { hasText: '【催办】请加快推进任务三（二）' });
    await notice.waitFor();
    expect(await notice.locator('.chip').textContent()).toBe('催办');
    await context.close();
    expect(web.external).toEqual([]);
    // The one refusal the first test provoked (the second urge the same day) is the only console error.
    expect(web.pageErrors).toEqual([
      'Failed to load resource: the server responded with a status of 429 (Too Many Requests)',
    ]);
  });
});
