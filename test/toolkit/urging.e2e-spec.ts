import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { drainMail } from '../support/drain';
import { createStack, TEST_PUBLIC_URL, TestStack } from '../support/harness';
import { loginAs } from '../support/builders';
import { givenWorld, World } from '../support/world';

describe('urging (催办): the office urges a unit on a task', () => {
  let stack: TestStack;
  let api: INestApplication;
  let ds: DataSource;
  let w: World;
  const http = () => request(api.getHttpServer());
  const settle = () =>
    drainMail({ queuePrefix: stack.queuePrefix, now: () => stack.clock.now() }, ds, stack.smtp);
  // Access tokens live 15 minutes of business time: sign in again after moving the clock.
  const moveClock = async (iso: string) => {
    stack.clock.set(new Date(iso));
    for (const [who, username] of [
      ['office', 'office'],
      ['leader', 'leader'],
      ['agencyA', 'agency-a'],
      ['agencyB', 'agency-b'],
    ] as const) {
      w.headers[who] = (await loginAs(api, username)).auth;
    }
  };
  const mailsTo = (username: string) =>
    stack.smtp.to(`${username}@example.gov.cn`).filter((m) => m.subject.includes('催办'));

  beforeAll(async () => {
    stack = await createStack('2020-07-06T10:00:00+08:00');
    api = await stack.startApi();
    await stack.startWorker();
    ds = api.get(DataSource);
    w = await givenWorld(api);
  });
  afterAll(() => stack.close());

  it('refuses agencies, leaders and admins, and changes nothing', async () => {
    for (const who of ['agencyA', 'agencyB', 'leader', 'admin'] as const) {
      const res = await http()
        .post(`/api/tasks/${w.tasks.t1.id}/urgings`)
        .set(w.headers[who])
        .send({ unitId: w.units.A.id });
      expect([who, res.status]).toEqual([who, 403]);
    }
    expect(
      (await http().post(`/api/tasks/${w.tasks.t1.id}/urgings`).send({ unitId: w.units.A.id }))
        .status,
    ).toBe(401);
    expect(await ds.query(`SELECT * FROM urgings`)).toEqual([]);
  });

  it('names a missing unit field, refuses a unit that holds no part of the task, and 404s a missing task', async () => {
    const bad = await http()
      .post(`/api/tasks/${w.tasks.t1.id}/urgings`)
      .set(w.headers.office)
      .send({ comment: '快' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields)).toEqual(['unitId']);
    const notHers = await http()
      .post(`/api/tasks/${w.tasks.t1.id}/urgings`)
      .set(w.headers.office)
      .send({ unitId: w.units.C.id });
    expect(notHers.status).toBe(422);
    expect(notHers.body.error).toBe('URGE_TARGET_INVALID');
    const missing = await http()
      .post('/api/tasks/00000000-0000-4000-8000-000000000000/urgings')
      .set(w.headers.office)
      .send({ unitId: w.units.A.id });
    expect(missing.status).toBe(404);
  });

  it('mails the unit once at once, records it on the timeline and in the audit, and refuses a second urge the same day', async () => {
    const res = await http()
      .post(`/api/tasks/${w.tasks.t1.id}/urgings`)
      .set(w.headers.office)
      .send({ unitId: w.units.A.id, comment: '请本周内报送进展' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      taskId: w.tasks.t1.id,
      unit: { id: w.units.A.id, name: '自治区工业和信息化厅' },
      comment: '请本周内报送进展',
      urgedOn: '2020-07-06',
    });
    await settle();
    const mails = mailsTo('agency-a');
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('【催办】请加快推进任务一（一）');
    expect(mails[0].text).toContain('推进智能制造');
    expect(mails[0].text).toContain('意见：请本周内报送进展');
    expect(mails[0].text).toContain(`${TEST_PUBLIC_URL}/tasks/${w.tasks.t1.id}`);
    // Only the urged unit is mailed: not the supporting unit, not the office.
    expect(mailsTo('agency-b')).toHaveLength(0);
    expect(mailsTo('office')).toHaveLength(0);

    const inbox = await http()
      .get(`/api/me/notices?taskId=${w.tasks.t1.id}&kind=urge`)
      .set(w.headers.agencyA);
    expect(inbox.status).toBe(200);
    expect(JSON.stringify(inbox.body)).toContain('【催办】请加快推进任务一（一）');

    const detail = await http().get(`/api/tasks/${w.tasks.t1.id}`).set(w.headers.office);
    const urged = detail.body.history.filter((h: { action: string }) => h.action === 'task.urge');
    expect(urged).toHaveLength(1);
    expect(urged[0]).toMatchObject({
      actorName: 'office',
      after: {
        unitId: w.units.A.id,
        unitName: '自治区工业和信息化厅',
        comment: '请本周内报送进展',
      },
    });
    const audit = await ds.query(
      `SELECT action, target_type, target_id FROM audit_log WHERE action = 'task.urge'`,
    );
    expect(audit).toEqual([{ action: 'task.urge', target_type: 'task', target_id: w.tasks.t1.id }]);

    // Later the same business day: refused with the Chinese message, nothing more mailed.
    await moveClock('2020-07-06T23:30:00+08:00');
    const again = await http()
      .post(`/api/tasks/${w.tasks.t1.id}/urgings`)
      .set(w.headers.office)
      .send({ unitId: w.units.A.id });
    expect(again.status).toBe(429);
    expect(again.body).toMatchObject({
      error: 'URGE_LIMITED',
      message: '今天已催办过该单位的这项任务，请明天再催办',
      nextAllowedOn: '2020-07-07',
    });
    await settle();
    expect(mailsTo('agency-a')).toHaveLength(1);
    expect(await ds.query(`SELECT count(*)::int AS n FROM urgings`)).toEqual([{ n: 1 }]);

    // Another unit on the same task is a separate limit.
    const other = await http()
      .post(`/api/tasks/${w.tasks.t1.id}/urgings`)
      .set(w.headers.office)
      .send({ unitId: w.units.B.id });
    expect(other.status).toBe(201);
    await settle();
    expect(mailsTo('agency-b')).toHaveLength(1);
  });

  it('allows the next business day (the clock moved past midnight Asia/Shanghai), and lists a unit only its own urgings', async () => {
    await moveClock('2020-07-07T00:05:00+08:00');
    const res = await http()
      .post(`/api/tasks/${w.tasks.t1.id}/urgings`)
      .set(w.headers.office)
      .send({ unitId: w.units.A.id });
    expect(res.status).toBe(201);
    expect(res.body.urgedOn).toBe('2020-07-07');
    await settle();
    expect(mailsTo('agency-a')).toHaveLength(2);

    const all = await http().get(`/api/tasks/${w.tasks.t1.id}/urgings`).set(w.headers.leader);
    expect(
      all.body.map((u: { unit: { id: string }; urgedOn: string }) => [u.unit.id, u.urgedOn]),
    ).toEqual([
      [w.units.A.id, '2020-07-07'],
      [w.units.B.id, '2020-07-06'],
      [w.units.A.id, '2020-07-06'],
    ]);
    const own = await http().get(`/api/tasks/${w.tasks.t1.id}/urgings`).set(w.headers.agencyB);
    expect(own.body.map((u: { unit: { id: string } }) => u.unit.id)).toEqual([w.units.B.id]);
    // Not agency A's or B's task: the same 404 as a missing one.
    expect(
      (await http().get(`/api/tasks/${w.tasks.t3.id}/urgings`).set(w.headers.agencyA)).status,
    ).toBe(404);
  });

  it('lets exactly one of two simultaneous urges through, and mails once', async () => {
    const before = mailsTo('agency-b').length;
    const both = await Promise.all(
      [1, 2].map(() =>
        http()
          .post(`/api/tasks/${w.tasks.t2.id}/urgings`)
          .set(w.headers.office)
          .send({ unitId: w.units.B.id }),
      ),
    );
    expect(both.map((r) => r.status).sort()).toEqual([201, 429]);
    await settle();
    expect(mailsTo('agency-b')).toHaveLength(before + 1);
    expect(
      await ds.query(
        `SELECT count(*)::int AS n FROM notices WHERE kind = 'urge' AND task_id = $1`,
        [w.tasks.t2.id],
      ),
    ).toEqual([{ n: 1 }]);
  });

  it('cannot be switched off: the urge kind is always mailed at once', async () => {
    const res = await http()
      .put('/api/me/notice-preferences/urge')
      .set(w.headers.agencyA)
      .send({ preference: 'off' });
    expect(res.status).toBe(422);
    expect(res.body.error).toBe('NOTICE_PREFERENCE_LOCKED');
  });
});
