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

describe('supervision routes', () => {
  let stack: TestStack;
  let api: INestApplication;
  let ds: DataSource;
  const auth: Record<string, { Authorization: string }> = {};
  let documentId: string;
  let reportA: string;

  beforeAll(async () => {
    stack = await createStack('2020-07-01T10:00:00+08:00');
    api = await stack.startApi();
    ds = api.get(DataSource);
    const unitA = await givenUnit(ds, '甲厅');
    const unitB = await givenUnit(ds, '乙厅');
    await givenUser(ds, 'office1', ['office']);
    await givenUser(ds, 'agency-a', ['agency'], unitA);
    await givenUser(ds, 'agency-b', ['agency'], unitB);
    for (const u of ['office1', 'agency-a', 'agency-b']) auth[u] = (await loginAs(api, u)).auth;
    documentId = await givenDocument(ds);
    const t = await givenTask(ds, documentId);
    await givenAssignment(ds, t, unitA, 'lead', new Date('2020-07-01T09:00:00+08:00'));
  });
  afterAll(() => stack.close());

  const http = () => request(api.getHttpServer());

  it('lets the office open a cycle and refuses an agency with 403', async () => {
    await http()
      .post('/api/cycles')
      .set(auth['agency-a'])
      .send({ documentId, period: '2020-Q3' })
      .expect(403);
    const res = await http()
      .post('/api/cycles')
      .set(auth.office1)
      .send({ documentId, period: '2020-Q3' })
      .expect(201);
    expect(res.body).toMatchObject({ period: '2020-Q3', reports: 1, created: true });
    const list = await http().get('/api/cycles').set(auth.office1).expect(200);
    expect(list.body[0]).toMatchObject({ period: '2020-Q3', reports: 1, submissionRate: 0 });
    const reports = await http()
      .get(`/api/cycles/${res.body.id}/reports`)
      .set(auth['agency-a'])
      .expect(200);
    reportA = reports.body.items[0].id;
    expect(
      (await http().get(`/api/cycles/${res.body.id}/reports`).set(auth['agency-b']).expect(200))
        .body,
    ).toEqual({ items: [], nextCursor: null });
  });

  it('names every bad field in a 400', async () => {
    const res = await http()
      .post('/api/cycles')
      .set(auth.office1)
      .send({ documentId: 'x', period: 'Q3' })
      .expect(400);
    expect(Object.keys(res.body.fields).sort()).toEqual(['documentId', 'period']);
  });

  it('answers 404 when another unit touches a report, and lets the lead unit file it', async () => {
    await http().get(`/api/reports/${reportA}`).set(auth['agency-b']).expect(404);
    const denied = await http()
      .post(`/api/reports/${reportA}/submit`)
      .set(auth['agency-b'])
      .send({ narrative: 'x' })
      .expect(404);
    expect(denied.body.error).toBe('REPORT_NOT_FOUND');
    await http()
      .put(`/api/reports/${reportA}/draft`)
      .set(auth['agency-a'])
      .send({ progressStatus: 'on_track' })
      .expect(200);
    // A value for a target the task does not have is refused, naming the value.
    const unknownTarget = await http()
      .post(`/api/reports/${reportA}/submit`)
      .set(auth['agency-a'])
      .send({ narrative: '进展顺利', targetValues: [{ target: '指标', value: 3 }] })
      .expect(400);
    expect(Object.keys(unknownTarget.body.fields)).toEqual(['targetValues.0']);
    const filed = await http()
      .post(`/api/reports/${reportA}/submit`)
      .set(auth['agency-a'])
      .send({ narrative: '进展顺利' })
      .expect(200);
    expect(filed.body).toMatchObject({
      state: 'submitted',
      revision: 1,
      progressStatus: 'on_track',
    });
    await http().post(`/api/reports/${reportA}/accept`).set(auth['agency-a']).send({}).expect(403);
    const again = await http()
      .post(`/api/reports/${reportA}/submit`)
      .set(auth['agency-a'])
      .send({})
      .expect(409);
    expect(again.body.error).toBe('REPORT_STATE_CONFLICT');
    await http()
      .post(`/api/reports/${reportA}/accept`)
      .set(auth.office1)
      .send({ comment: '同意' })
      .expect(200);
  });

  it('keeps escalations, profiles and bulletins to the office', async () => {
    await http().get('/api/escalations').set(auth['agency-a']).expect(403);
    expect(
      (await http().get('/api/escalations?level=2').set(auth.office1).expect(200)).body,
    ).toEqual({ items: [], nextCursor: null, total: 0 });
    await http()
      .patch(`/api/documents/${documentId}/supervision-profile`)
      .set(auth['agency-a'])
      .send({ dueOffsetDays: 15 })
      .expect(403);
    const p = await http()
      .patch(`/api/documents/${documentId}/supervision-profile`)
      .set(auth.office1)
      .send({ dueOffsetDays: 15, countWorkingDays: true })
      .expect(200);
    expect(p.body).toMatchObject({
      dueOffsetDays: 15,
      countWorkingDays: true,
      cadence: 'quarterly',
    });
    const [cycle] = (await http().get('/api/cycles').set(auth.office1).expect(200)).body;
    const missing = await http()
      .get(`/api/cycles/${cycle.id}/bulletin`)
      .set(auth.office1)
      .expect(404);
    expect(missing.body.error).toBe('BULLETIN_NOT_FOUND');
    expect(
      (
        await http()
          .get(`/api/cycles/${cycle.id}/bulletin/workbook`)
          .set(auth['agency-a'])
          .expect(404)
      ).body.error,
    ).toBe('BULLETIN_NOT_FOUND');
    expect(
      (await http().get(`/api/cycles/${cycle.id}/bulletin/workbook`).set(auth.office1).expect(404))
        .body.error,
    ).toBe('BULLETIN_NOT_FOUND');
    await http().get(`/api/cycles/${cycle.id}/bulletin/download`).set(auth['agency-b']).expect(404);
  });

  it('takes an extension request from the lead unit only', async () => {
    await http()
      .post('/api/extensions')
      .set(auth['agency-b'])
      .send({ reportId: reportA, requestedDueOn: '2020-11-30', reason: '原因' })
      .expect(404);
  });
});
