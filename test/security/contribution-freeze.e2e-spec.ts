import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { givenUser, loginAs } from '../support/builders';
import { createStack, TestStack } from '../support/harness';
import {
  givenAssignment,
  givenDocument,
  givenTask,
  givenUnit,
} from '../support/supervision-fixtures';

describe('supporting contributions freeze when the lead unit submits', () => {
  let stack: TestStack;
  let api: INestApplication;
  let ds: DataSource;
  const auth: Record<string, { Authorization: string }> = {};
  let reportId: string;
  const http = () => request(api.getHttpServer());

  beforeAll(async () => {
    stack = await createStack('2020-07-01T10:00:00+08:00');
    api = await stack.startApi();
    ds = api.get(DataSource);
    const lead = await givenUnit(ds, '牵头厅');
    const support = await givenUnit(ds, '配合厅');
    await givenUser(ds, 'office1', ['office']);
    await givenUser(ds, 'lead1', ['agency'], lead);
    await givenUser(ds, 'support1', ['agency'], support);
    for (const u of ['office1', 'lead1', 'support1']) auth[u] = (await loginAs(api, u)).auth;
    const documentId = await givenDocument(ds);
    const task = await givenTask(ds, documentId);
    await givenAssignment(ds, task, lead, 'lead', new Date('2020-07-01T09:00:00+08:00'));
    await givenAssignment(ds, task, support, 'support', new Date('2020-07-01T09:00:00+08:00'));
    const cycle = await http()
      .post('/api/cycles')
      .set(auth.office1)
      .send({ documentId, period: '2020-Q3' })
      .expect(201);
    reportId = (
      await http().get(`/api/cycles/${cycle.body.id}/reports`).set(auth.lead1).expect(200)
    ).body.items[0].id;
  });
  afterAll(() => stack.close());

  const contribute = (text: string) =>
    http().put(`/api/reports/${reportId}/contribution`).set(auth.support1).send({ text });
  const contributionText = async (): Promise<string> =>
    (
      (await ds.query(`SELECT text FROM report_contributions WHERE report_id = $1`, [
        reportId,
      ])) as { text: string }[]
    )[0]?.text;

  it('takes the contribution while the lead is drafting', async () => {
    await contribute('协助举办推介会2场').expect(200);
    expect(await contributionText()).toBe('协助举办推介会2场');
  });

  it('refuses a rewrite after the lead submits with 409 CONTRIBUTION_FROZEN and keeps the submitted text', async () => {
    await http()
      .post(`/api/reports/${reportId}/submit`)
      .set(auth.lead1)
      .send({ narrative: '进展顺利' })
      .expect(200);
    const res = await contribute('其实什么也没做').expect(409);
    expect(res.body).toMatchObject({
      error: 'CONTRIBUTION_FROZEN',
      message: '牵头单位已报送，配合意见不能再修改',
    });
    expect(await contributionText()).toBe('协助举办推介会2场');
    const audits = await ds.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'report.contribute' AND target_id = $1`,
      [reportId],
    );
    expect(audits[0].n).toBe(1);
  });

  it('opens contributions again when the office returns the report for revision, and freezes them once accepted', async () => {
    await http()
      .post(`/api/reports/${reportId}/return`)
      .set(auth.office1)
      .send({ comment: '请补充数据' })
      .expect(200);
    await contribute('协助举办推介会3场').expect(200);
    await http().post(`/api/reports/${reportId}/submit`).set(auth.lead1).send({}).expect(200);
    await http().post(`/api/reports/${reportId}/accept`).set(auth.office1).send({}).expect(200);
    expect((await contribute('改一下').expect(409)).body.error).toBe('CONTRIBUTION_FROZEN');
    expect(await contributionText()).toBe('协助举办推介会3场');
  });
});
