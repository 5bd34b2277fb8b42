import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { givenUser as givenLoginUser, loginAs } from '../support/builders';
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

describe('pages: acknowledge all, ask to close a task, close it (销号)', () => {
  const web = new WebRunner();
  let stack: TestStack;
  let api: INestApplication;
  let ds: DataSource;
  const a: Record<string, string> = {};
  let leadTask: string;
  let reportId: string;

  beforeAll(async () => {
    stack = await createStack('2020-09-20T10:00:00+08:00');
    api = await stack.startApi();
    ds = api.get(DataSource);
    await web.start(api);
    const unitA = await givenUnit(ds, '页面甲厅');
    const other = await givenUnit(ds, '页面乙厅');
    await givenLoginUser(ds, 'office-p', ['office']);
    await givenLoginUser(ds, 'agency-p', ['agency'], unitA);
    const doc = await givenDocument(ds, { title: '页面方案' });
    leadTask = await givenTask(ds, doc, { heading: '建设数字园区' });
    await givenAssignment(ds, leadTask, unitA, 'lead', at('2020-07-01T09:00:00'));
    for (const [k, heading] of [
      ['s1', '配合任务甲'],
      ['s2', '配合任务乙'],
    ]) {
      const task = await givenTask(ds, doc, { heading });
      await givenAssignment(ds, task, other, 'lead', at('2020-07-01T09:00:00'));
      a[k] = await givenAssignment(ds, task, unitA, 'support', at('2020-07-01T09:00:00'));
    }
    const office = (await loginAs(api, 'office-p')).auth;
    const agency = (await loginAs(api, 'agency-p')).auth;
    const cycle = await request(api.getHttpServer())
      .post('/api/cycles')
      .set(office)
      .send({ documentId: doc, period: '2020-Q3' })
      .expect(201);
    const reports = (
      await request(api.getHttpServer())
        .get(`/api/cycles/${cycle.body.id}/reports`)
        .set(agency)
        .expect(200)
    ).body.items as { id: string }[];
    reportId = reports[0].id;
    await request(api.getHttpServer())
      .post(`/api/reports/${reportId}/submit`)
      .set(agency)
      .send({ progressStatus: 'completed', progressPercent: 100, narrative: '园区已建成' })
      .expect(200);
  });
  afterAll(async () => {
    await web.stop();
    await stack.close();
  });

  const state = async (id: string): Promise<string> =>
    (
      (await ds.query(`SELECT state FROM assignments WHERE id = $1`, [id])) as { state: string }[]
    )[0].state;

  it('lets the agency acknowledge all its pending tasks but the one it unticks', async () => {
    const { page, context } = await web.open();
    await web.signIn(page, 'agency-p');
    await page.goto(`${web.base}/tasks`);
    await page.getByRole('button', { name: '全部签收（3项）' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/配合任务乙/).uncheck();
    await dialog.getByRole('button', { name: '签收所选任务' }).click();
    await page.getByText('已签收 2 项，1 项待逐项处理').waitFor();
    expect([await state(a.s1), await state(a.s2)]).toEqual(['acknowledged', 'pending']);
    await context.close();
  });

  it('lets the lead unit ask to close its task from the task page, and the office close it from the review', async () => {
    const agency = await web.open();
    await web.signIn(agency.page, 'agency-p');
    await agency.page.goto(`${web.base}/tasks/${leadTask}`);
    await agency.page.getByRole('button', { name: '申请办结' }).click();
    await agency.page.getByText('已申请办结，待办公室核验').waitFor();
    await agency.context.close();

    const office = await web.open();
    await web.signIn(office.page, 'office-p');
    await office.page.goto(`${web.base}/office/reports/${reportId}`);
    await office.page.getByRole('button', { name: '核验销号' }).click();
    const dialog = office.page.getByRole('dialog');
    await dialog.getByLabel('办公室意见').fill('经核验同意销号');
    await dialog.getByRole('button', { name: '核验销号' }).click();
    await office.page.getByText('已销号', { exact: true }).waitFor();
    const [task] = await ds.query(`SELECT state, completion_comment FROM tasks WHERE id = $1`, [
      leadTask,
    ]);
    expect(task).toEqual({ state: 'completed', completion_comment: '经核验同意销号' });
    await office.context.close();
    expect(web.pageErrors).toEqual([]);
    expect(web.external).toEqual([]);
  });
});
