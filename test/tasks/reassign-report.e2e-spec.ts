import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { CyclesService } from '@tracker/services';
import { givenUser, loginAs } from '../support/builders';
import { createStack, TestStack } from '../support/harness';
import {
  givenAssignment,
  givenDocument,
  givenTask,
  givenUnit,
} from '../support/supervision-fixtures';

describe('reassigning a declined lead moves its open report to the new lead', () => {
  let stack: TestStack;
  let api: INestApplication;
  let ds: DataSource;
  const http = (): ReturnType<typeof request> => request(api.getHttpServer());

  beforeAll(async () => {
    stack = await createStack('2020-07-01T10:00:00+08:00');
    api = await stack.startApi();
    ds = api.get(DataSource);
  });
  afterAll(() => stack.close());

  /** The report UIDs a unit's calendar feed lists. */
  async function calendarReports(unitId: string, auth: Record<string, string>): Promise<string[]> {
    const link = await http().get(`/api/calendar/units/${unitId}`).set(auth).expect(200);
    const path = new URL(link.body.url as string).pathname;
    const feed = await http().get(path).expect(200);
    return [...(feed.text as string).matchAll(/UID:report-([0-9a-f-]+)@tracker/g)].map((m) => m[1]);
  }

  it('the former lead loses the report, its draft and its extension request; the new lead files it', async () => {
    const oldUnit = await givenUnit(ds, '自治区发展改革委');
    const newUnit = await givenUnit(ds, '自治区自然资源厅');
    await givenUser(ds, 'fg-agency', ['agency'], oldUnit);
    await givenUser(ds, 'zr-agency', ['agency'], newUnit);
    await givenUser(ds, 'ra-office', ['office']);
    const oldLead = (await loginAs(api, 'fg-agency')).auth;
    const newLead = (await loginAs(api, 'zr-agency')).auth;
    const office = (await loginAs(api, 'ra-office')).auth;
    const documentId = await givenDocument(ds);
    const taskId = await givenTask(ds, documentId, { heading: '推进国土空间规划' });
    const assignmentId = await givenAssignment(
      ds,
      taskId,
      oldUnit,
      'lead',
      new Date('2020-07-01T09:00:00+08:00'),
    );
    const cycle = await api.get(CyclesService).open(null, documentId, '2020-Q3');
    const [{ id: reportId }] = (await ds.query(
      `SELECT id FROM status_reports WHERE cycle_id = $1`,
      [cycle.id],
    )) as { id: string }[];

    // The old lead drafts and asks for more time, then declines the task.
    await http()
      .put(`/api/reports/${reportId}/draft`)
      .set(oldLead)
      .send({ narrative: '规划编制已启动' })
      .expect(200);
    const ext = await http()
      .post('/api/extensions')
      .set(oldLead)
      .send({ reportId, requestedDueOn: '2020-10-31', reason: '数据尚未汇总' })
      .expect(201);
    expect(await calendarReports(oldUnit, oldLead)).toEqual([reportId]);
    await http()
      .post(`/api/assignments/${assignmentId}/decline`)
      .set(oldLead)
      .send({ reason: '职能已划转' })
      .expect(200);
    // Only the office reassigns.
    await http()
      .post(`/api/assignments/${assignmentId}/reassign`)
      .set(oldLead)
      .send({ unitIds: [newUnit] })
      .expect(403);
    await http()
      .post(`/api/assignments/${assignmentId}/reassign`)
      .set(office)
      .send({ unitIds: [newUnit] })
      .expect(200);

    // The former lead can no longer read, draft, submit or extend it, and its calendar drops it.
    await http().get(`/api/reports/${reportId}`).set(oldLead).expect(404);
    await http()
      .put(`/api/reports/${reportId}/draft`)
      .set(oldLead)
      .send({ narrative: '旧单位' })
      .expect(404);
    await http()
      .post(`/api/reports/${reportId}/submit`)
      .set(oldLead)
      .send({ narrative: '旧单位' })
      .expect(404);
    await http()
      .post('/api/extensions')
      .set(oldLead)
      .send({ reportId, requestedDueOn: '2020-11-15', reason: '旧单位' })
      .expect(404);
    expect((await http().get('/api/extensions').set(oldLead).expect(200)).body).toEqual([]);
    expect(await calendarReports(oldUnit, oldLead)).toEqual([]);

    // The new lead has it, with the draft and the pending extension request, and files it.
    const got = await http().get(`/api/reports/${reportId}`).set(newLead).expect(200);
    expect(got.body).toMatchObject({
      id: reportId,
      unitId: newUnit,
      state: 'draft',
      narrative: '规划编制已启动',
    });
    expect((await http().get('/api/extensions').set(newLead).expect(200)).body).toEqual([
      expect.objectContaining({ id: ext.body.id, state: 'pending' }),
    ]);
    expect(await calendarReports(newUnit, newLead)).toEqual([reportId]);
    await http()
      .put(`/api/reports/${reportId}/draft`)
      .set(newLead)
      .send({ narrative: '新牵头单位接手' })
      .expect(200);
    const filed = await http()
      .post(`/api/reports/${reportId}/submit`)
      .set(newLead)
      .send({ progressPercent: 20 })
      .expect(200);
    expect(filed.body).toMatchObject({
      id: reportId,
      unitId: newUnit,
      state: 'submitted',
      narrative: '新牵头单位接手',
    });
    const [move] = await ds.query(
      `SELECT before, after FROM audit_log WHERE action = 'report.move' AND target_id = $1`,
      [reportId],
    );
    expect(move).toEqual({
      before: { unitId: oldUnit },
      after: { unitId: newUnit, reassignment: assignmentId },
    });
  });
});
