import { INestApplication, INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { NoticesService } from '@tracker/services';
import { givenUser as givenLoginUser, loginAs } from '../support/builders';
import { createStack, TestStack } from '../support/harness';
import { givenMailUser, MailUser, untilRow } from '../support/mail-fixtures';
import { drainMail } from '../support/drain';
import { SmtpSink } from '../support/smtp-sink';
import { givenUnit } from '../support/supervision-fixtures';

describe('the office retries a failed mail', () => {
  const sink = new SmtpSink();
  let stack: TestStack;
  let worker: INestApplicationContext;
  let api: INestApplication;
  let ds: DataSource;
  let office: Record<string, string>;
  let agency: Record<string, string>;
  let recipient: MailUser;
  let deliveryId: string;
  let unitId: string;
  const http = () => request(api.getHttpServer());

  beforeAll(async () => {
    await sink.start();
    stack = await createStack('2020-10-12T09:00:00+08:00');
    // 8 attempts from 20 ms: every retry is spent within about three seconds.
    const env = { ...sink.env(), MAIL_RETRY_DELAY_MS: '20', PUBLIC_URL: 'https://tracker.test' };
    worker = await stack.startWorker(env);
    api = await stack.startApi(env);
    ds = worker.get(DataSource);
    unitId = await givenUnit(ds, '自治区交通运输厅');
    recipient = await givenMailUser(ds, { roles: ['agency'], unitId, name: 'jt-retry' });
    await givenLoginUser(ds, 'retry-office', ['office']);
    await givenLoginUser(ds, 'retry-agency', ['agency'], await givenUnit(ds, '自治区水利厅'));
    office = (await loginAs(api, 'retry-office')).auth;
    agency = (await loginAs(api, 'retry-agency')).auth;
  });
  afterAll(async () => {
    await stack.close();
    await sink.stop();
  });

  it('fails after the last attempt while SMTP is down, then goes out exactly once when the office retries', async () => {
    await sink.stop();
    const ids = await ds.transaction(async (em) => {
      const r = await worker.get(NoticesService).raise(em, {
        dedupKey: 'test/retry',
        kind: 'overdue',
        level: 1,
        colour: 'yellow',
        clause: null,
        recipients: { unitMembers: [unitId] },
        text: {
          title: '【催办】重发测试',
          body: '正文',
          titleEn: 'Overdue (retry)',
          bodyEn: 'Body',
        },
      });
      return r.emailDeliveryIds;
    });
    expect(ids).toHaveLength(1);
    deliveryId = ids[0];
    const failedRow = await untilRow<Record<string, unknown>>(
      ds,
      `SELECT attempts, failed_at FROM notice_deliveries WHERE id = $1`,
      [deliveryId],
      (r) => r.failed_at !== null,
    );
    expect(failedRow.attempts).toBe(8);

    const listed = await http().get('/api/deliveries/failed').set(office).expect(200);
    expect(listed.body.nextCursor).toBeNull();
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        id: deliveryId,
        state: 'failed',
        attempts: 8,
        email: recipient.email,
      }),
    ]);

    // Only the office may retry; an agency is refused and nothing changes.
    const refused = await http()
      .post(`/api/deliveries/${deliveryId}/retry`)
      .set(agency)
      .expect(403);
    expect(refused.body.error).toBe('FORBIDDEN');
    await http().post(`/api/deliveries/${deliveryId}/retry`).expect(401);
    expect(
      (await ds.query(`SELECT failed_at FROM notice_deliveries WHERE id = $1`, [deliveryId]))[0]
        .failed_at,
    ).not.toBeNull();
    await http()
      .post('/api/deliveries/00000000-0000-4000-8000-000000000000/retry')
      .set(office)
      .expect(404)
      .expect((res) => expect(res.body.error).toBe('DELIVERY_NOT_FOUND'));

    await sink.start();
    const retried = await http()
      .post(`/api/deliveries/${deliveryId}/retry`)
      .set(office)
      .expect(200);
    expect(retried.body).toMatchObject({
      id: deliveryId,
      type: 'notice',
      state: 'queued',
      previousAttempts: 8,
      previousError: expect.stringMatching(/ECONNREFUSED|connect/i),
    });

    const sent = await untilRow<Record<string, unknown>>(
      ds,
      `SELECT sent_at, attempts, failed_at, last_error FROM notice_deliveries WHERE id = $1`,
      [deliveryId],
      (r) => r.sent_at !== null,
    );
    expect(sent).toMatchObject({ attempts: 1, failed_at: null, last_error: null });
    await drainMail({ queuePrefix: stack.queuePrefix, now: () => stack.clock.now() }, ds, sink);
    expect(sink.to(recipient.email).map((m) => m.subject)).toEqual([
      expect.stringContaining('重发测试'),
    ]);
    expect((await http().get('/api/deliveries/failed').set(office).expect(200)).body).toEqual({
      items: [],
      nextCursor: null,
    });

    // A second retry of a sent mail is refused, and sends nothing.
    const again = await http().post(`/api/deliveries/${deliveryId}/retry`).set(office).expect(409);
    expect(again.body.error).toBe('DELIVERY_ALREADY_SENT');
    await drainMail({ queuePrefix: stack.queuePrefix, now: () => stack.clock.now() }, ds, sink);
    expect(sink.to(recipient.email)).toHaveLength(1);

    const audit = (await ds.query(
      `SELECT a.action, a.target_type, a.before, a.after, u.username FROM audit_log a JOIN users u ON u.id = a.actor_id
        WHERE a.target_id = $1`,
      [deliveryId],
    )) as {
      action: string;
      target_type: string;
      before: Record<string, unknown>;
      after: Record<string, unknown>;
      username: string;
    }[];
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'delivery.retry',
        target_type: 'notice_deliveries',
        username: 'retry-office',
        before: expect.objectContaining({ attempts: 8 }),
        after: { attempts: 0 },
      }),
    ]);
  });
});
