import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { givenDigitalPlan, DigitalWorld } from '../support/amendment-fixtures';
import { loginAs } from '../support/builders';
import { drainQueues } from '../support/drain';
import { createStack, TestStack } from '../support/harness';

// A lead unit that an amendment removes without a successor, after it had started its report:
// the draft stays as history, but the ladder no longer chases the unit for it and it does not
// hold up the cycle's bulletin. The lead that stays is chased as before.
describe('amending away one of two lead units after it started its report', () => {
  let stack: TestStack;
  let api: INestApplication;
  let ds: DataSource;
  let w: DigitalWorld;
  let office: { Authorization: string };
  let cycleId: string;
  const http = () => request(api.getHttpServer());
  const drain = () => drainQueues({ queuePrefix: stack.queuePrefix, now: () => stack.clock.now() });
  const reportOf = async (unitId: string): Promise<{ id: string; state: string }> => {
    const [row]: { id: string; state: string }[] = await ds.query(
      `SELECT id, state FROM status_reports WHERE cycle_id = $1 AND task_id = $2 AND unit_id = $3`,
      [cycleId, w.taskId, unitId],
    );
    return row;
  };
  const noticeKeys = async (reportId: string): Promise<string[]> =>
    (
      (await ds.query(`SELECT dedup_key FROM notices WHERE report_id = $1 ORDER BY dedup_key`, [
        reportId,
      ])) as { dedup_key: string }[]
    ).map((n) => n.dedup_key);
  const amend = async (leadUnitIds: string[], reason: string): Promise<void> => {
    await http()
      .post(`/api/tasks/${w.taskId}/amendments`)
      .set(office)
      .send({ leadUnitIds, reason })
      .expect(201);
  };

  beforeAll(async () => {
    stack = await createStack('2020-07-02T10:00:00+08:00');
    api = await stack.startApi();
    await stack.startWorker();
    ds = api.get(DataSource);
    w = await givenDigitalPlan(api);
    office = (await loginAs(api, 'office')).auth;
    await drain();
    await amend([w.units.bdb, w.units.kjt], '增加自治区科技厅共同牵头');
    cycleId = (
      await http()
        .post('/api/cycles')
        .set(office)
        .send({ documentId: w.documentId, period: '2020-Q3' })
        .expect(201)
    ).body.id;
    await drain();
  });
  afterAll(() => stack.close());

  it('keeps the draft as history, stops chasing it and compiles the bulletin without it', async () => {
    const bdb = await loginAs(api, 'bdb');
    const draft = await reportOf(w.units.bdb);
    await http()
      .put(`/api/reports/${draft.id}/draft`)
      .set(bdb.auth)
      .send({ narrative: '已完成平台建设方案初稿' })
      .expect(200);

    await amend([w.units.kjt], '改由自治区科技厅牵头');
    await drain();
    expect(await reportOf(w.units.bdb)).toEqual({ id: draft.id, state: 'draft' });
    // The removed unit no longer reads or files it.
    await http().get(`/api/reports/${draft.id}`).set(bdb.auth).expect(404);
    const kept = await reportOf(w.units.kjt);
    const before = await noticeKeys(draft.id);

    // Past the quarter's due time: the lead that stayed is told it is overdue, the removed one nothing.
    stack.clock.set(new Date('2020-10-13T10:00:00+08:00'));
    await drain();
    expect(await noticeKeys(draft.id)).toEqual(before);
    expect(await noticeKeys(kept.id)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^overdue\//)]),
    );

    // The reports still owed are filed and accepted: the draft does not hold up the bulletin.
    const cycleReports: { id: string; unit_id: string }[] = await ds.query(
      `SELECT id, unit_id FROM status_reports WHERE cycle_id = $1 AND id <> $2`,
      [cycleId, draft.id],
    );
    expect(cycleReports).toHaveLength(2);
    office = (await loginAs(api, 'office')).auth;
    for (const r of cycleReports) {
      const user = r.unit_id === w.units.kjt ? 'kjt' : 'gxt';
      await http()
        .post(`/api/reports/${r.id}/submit`)
        .set((await loginAs(api, user)).auth)
        .send({ narrative: '按计划推进' })
        .expect(200);
      await http().post(`/api/reports/${r.id}/accept`).set(office).send({}).expect(200);
    }
    await drain();
    await http().get(`/api/cycles/${cycleId}/bulletin`).set(office).expect(200);
    const [{ n }]: { n: number }[] = await ds.query(
      `SELECT count(*)::int AS n FROM notices WHERE report_id = $1`,
      [draft.id],
    );
    expect(n).toBe(before.length);
  });
});
