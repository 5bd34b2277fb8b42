import { INestApplication } from '@nestjs/common';
import { MINUTE } from '@tracker/domain';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { loginAs } from '../support/builders';
import { createStack, TestStack } from '../support/harness';
import { givenWorld, World } from '../support/world';

interface AuditRow {
  at: Date;
  action: string;
  actor_id: string | null;
  actor_unit_id: string | null;
  target_type: string;
  target_id: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  request_id: string | null;
}

describe('acknowledge (签收), decline (退回) and the office reassigning', () => {
  let stack: TestStack;
  let api: INestApplication;
  let ds: DataSource;
  let w: World;
  const http = () => request(api.getHttpServer());
  const auditOf = (targetId: string): Promise<AuditRow[]> =>
    ds.query(
      `SELECT * FROM audit_log WHERE target_type = 'assignment' AND target_id = $1 ORDER BY id`,
      [targetId],
    );
  const userId = async (username: string): Promise<string> =>
    (await ds.query(`SELECT id FROM users WHERE username = $1`, [username]))[0].id;

  beforeAll(async () => {
    stack = await createStack('2020-07-02T09:30:00+08:00');
    api = await stack.startApi({ JWT_ACCESS_TTL: '1d' });
    ds = api.get(DataSource);
    w = await givenWorld(api);
  });
  afterAll(() => stack.close());

  it('acknowledges, records who and when from the clock, and audits before and after', async () => {
    const res = await http()
      .post(`/api/assignments/${w.asg.t1B.id}/acknowledge`)
      .set(w.headers.agencyB)
      .expect(200);
    expect(res.body).toMatchObject({
      id: w.asg.t1B.id,
      state: 'acknowledged',
      acknowledgedAt: '2020-07-02T01:30:00.000Z',
      role: 'support',
    });

    const [entry, ...more] = await auditOf(w.asg.t1B.id);
    expect(more).toHaveLength(0);
    expect(entry).toMatchObject({
      action: 'assignment.acknowledge',
      actor_id: await userId('agency-b'),
      actor_unit_id: w.units.B.id,
      before: { state: 'pending', acknowledgedAt: null },
      after: { state: 'acknowledged', acknowledgedAt: '2020-07-02T01:30:00.000Z' },
    });
    expect(entry.at.toISOString()).toBe('2020-07-02T01:30:00.000Z');
    expect(entry.request_id).toEqual(expect.any(String));

    // Again: nothing changes and nothing more is audited.
    await http()
      .post(`/api/assignments/${w.asg.t1B.id}/acknowledge`)
      .set(w.headers.agencyB)
      .expect(200);
    expect(await auditOf(w.asg.t1B.id)).toHaveLength(1);
  });

  it('refuses a decline without a reason, naming the field, and unknown fields', async () => {
    const none = await http()
      .post(`/api/assignments/${w.asg.t2B.id}/decline`)
      .set(w.headers.agencyB)
      .send({})
      .expect(400);
    expect(none.body).toMatchObject({
      error: 'VALIDATION_FAILED',
      fields: { reason: expect.any(Array) },
    });
    const extra = await http()
      .post(`/api/assignments/${w.asg.t2B.id}/decline`)
      .set(w.headers.agencyB)
      .send({ reason: '不属于本单位职责', state: 'acknowledged' })
      .expect(400);
    expect(Object.keys(extra.body.fields)).toEqual(['state']);
  });

  it('declines with a reason: audited, the office notified in-app, listed for reassignment', async () => {
    stack.clock.advance(60 * MINUTE);
    const res = await http()
      .post(`/api/assignments/${w.asg.t2B.id}/decline`)
      .set(w.headers.agencyB)
      .send({ reason: '  该项工作由自治区财政厅负责  ' })
      .expect(200);
    expect(res.body).toMatchObject({
      state: 'declined',
      declineReason: '该项工作由自治区财政厅负责',
    });

    const [entry] = await auditOf(w.asg.t2B.id);
    expect(entry).toMatchObject({
      action: 'assignment.decline',
      before: { state: 'pending', declineReason: null },
      after: { state: 'declined', declineReason: '该项工作由自治区财政厅负责' },
    });

    const notices = await ds.query(
      `SELECT n.kind, n.title, n.unit_id, d.user_id, d.channel FROM notices n JOIN notice_deliveries d ON d.notice_id = n.id
        WHERE n.assignment_id = $1 ORDER BY d.channel`,
      [w.asg.t2B.id],
    );
    // In the office's inbox, and by email (the office account has an address).
    expect(notices).toEqual([
      {
        kind: 'decline',
        title: expect.stringContaining('自治区科技厅退回任务一（二）'),
        unit_id: w.units.B.id,
        user_id: await userId('office'),
        channel: 'email',
      },
      {
        kind: 'decline',
        title: expect.stringContaining('自治区科技厅退回任务一（二）'),
        unit_id: w.units.B.id,
        user_id: await userId('office'),
        channel: 'inapp',
      },
    ]);

    const declined = await http()
      .get('/api/assignments/declined')
      .set(w.headers.office)
      .expect(200);
    expect(declined.body.map((a: { id: string }) => a.id)).toEqual([w.asg.t2B.id]);

    // Declined is final for the unit: no acknowledging or declining again.
    const again = await http()
      .post(`/api/assignments/${w.asg.t2B.id}/acknowledge`)
      .set(w.headers.agencyB)
      .expect(409);
    expect(again.body.error).toBe('ASSIGNMENT_STATE_CONFLICT');
  });

  it('lets the office reassign only declined assignments, to existing units that do not hold the task', async () => {
    const pending = await http()
      .post(`/api/assignments/${w.asg.t1A.id}/reassign`)
      .set(w.headers.office)
      .send({ unitIds: [w.units.C.id] })
      .expect(409);
    expect(pending.body.error).toBe('ASSIGNMENT_STATE_CONFLICT');
    const taken = await http()
      .post(`/api/assignments/${w.asg.t2B.id}/reassign`)
      .set(w.headers.office)
      .send({ unitIds: [w.units.A0.id] })
      .expect(409);
    expect(taken.body.detail).toContain('自治区工业和信息化委');
    await http()
      .post(`/api/assignments/${w.asg.t2B.id}/reassign`)
      .set(w.headers.office)
      .send({ unitIds: ['00000000-0000-4000-8000-000000000000'] })
      .expect(404)
      .expect((r) => expect(r.body.error).toBe('UNIT_NOT_FOUND'));
    const bad = await http()
      .post(`/api/assignments/${w.asg.t2B.id}/reassign`)
      .set(w.headers.office)
      .send({ unitIds: ['x'] })
      .expect(400);
    expect(bad.body.fields).toHaveProperty('unitIds');
  });

  it('reassigns: the new unit sees and acknowledges the task, the declining unit no longer sees it, all audited', async () => {
    const res = await http()
      .post(`/api/assignments/${w.asg.t2B.id}/reassign`)
      .set(w.headers.office)
      .send({ unitIds: [w.units.C.id], note: '按职责调整' })
      .expect(200);
    expect(res.body.declined).toMatchObject({ id: w.asg.t2B.id, state: 'reassigned' });
    expect(res.body.created).toEqual([
      expect.objectContaining({
        unit: { id: w.units.C.id, name: '自治区财政厅' },
        role: 'lead',
        state: 'pending',
      }),
    ]);
    const newId = res.body.created[0].id as string;

    const officeId = await userId('office');
    const [reassign] = await auditOf(w.asg.t2B.id).then((rows) =>
      rows.filter((r) => r.action === 'assignment.reassign'),
    );
    expect(reassign).toMatchObject({
      actor_id: officeId,
      before: { state: 'declined' },
      after: { state: 'reassigned', reassignedTo: [w.units.C.id], note: '按职责调整' },
    });
    const [created] = await auditOf(newId);
    expect(created).toMatchObject({
      action: 'assignment.create',
      actor_id: officeId,
      before: null,
      after: { unitId: w.units.C.id, reassignedFrom: w.asg.t2B.id },
    });

    await http().get(`/api/tasks/${w.tasks.t2.id}`).set(w.headers.agencyB).expect(404);
    const c = (await loginAs(api, 'agency-c')).auth;
    const detail = await http().get(`/api/tasks/${w.tasks.t2.id}`).set(c).expect(200);
    expect(detail.body.leadUnits).toEqual([{ id: w.units.C.id, name: '自治区财政厅' }]);
    expect(detail.body.history.map((h: { action: string }) => h.action)).toEqual(
      expect.arrayContaining(['assignment.decline', 'assignment.create', 'assignment.reassign']),
    );
    await http().post(`/api/assignments/${newId}/acknowledge`).set(c).expect(200);
  });

  it('keeps the audit log append-only', async () => {
    await expect(ds.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
  });
});
