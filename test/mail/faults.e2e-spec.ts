import { INestApplication, INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { MailDeliveryService, MailOutboxService, NoticesService } from '@tracker/services';
import { givenUser as givenLoginUser, loginAs } from '../support/builders';
import { createStack, TestStack } from '../support/harness';
import { givenMailUser, untilRow } from '../support/mail-fixtures';
import { drainMail } from '../support/drain';
import { SmtpSink } from '../support/smtp-sink';
import { givenUnit } from '../support/supervision-fixtures';

describe('mail while the SMTP server is down', () => {
  const sink = new SmtpSink();
  let stack: TestStack;
  let worker: INestApplicationContext;
  let api: INestApplication;
  let ds: DataSource;
  let office: Record<string, string>;
  let agency: Record<string, string>;
  let unitId: string;

  const raise = async (key: string, unitMembers: string[]): Promise<string[]> =>
    ds.transaction(async (em) => {
      const r = await worker.get(NoticesService).raise(em, {
        dedupKey: `test/${key}`,
        kind: 'overdue',
        level: 1,
        colour: 'yellow',
        clause: null,
        recipients: { unitMembers },
        text: {
          title: `【催办】测试${key}`,
          body: `正文${key}`,
          titleEn: `Overdue ${key}`,
          bodyEn: `Body ${key}`,
        },
      });
      return r.emailDeliveryIds;
    });

  beforeAll(async () => {
    await sink.start();
    stack = await createStack('2020-10-12T09:00:00+08:00');
    const env = { ...sink.env(), MAIL_RETRY_DELAY_MS: '150', PUBLIC_URL: 'https://tracker.test' };
    worker = await stack.startWorker(env);
    api = await stack.startApi(env);
    ds = worker.get(DataSource);
    unitId = await givenUnit(ds, '自治区交通运输厅');
    for (let i = 0; i < 3; i += 1)
      await givenMailUser(ds, { roles: ['agency'], unitId, name: `jt-${i}` });
    await givenLoginUser(ds, 'mail-office', ['office']);
    await givenLoginUser(ds, 'mail-agency', ['agency'], unitId);
    office = (await loginAs(api, 'mail-office')).auth;
    agency = (await loginAs(api, 'mail-agency')).auth;
  });
  afterAll(async () => {
    await stack.close();
    await sink.stop();
  });

  it('retries with backoff while SMTP is down, shows the failures to the office, then delivers every mail exactly once', async () => {
    await sink.stop();
    const ids = [
      ...(await raise('a', [unitId])),
      ...(await raise('b', [unitId])),
      ...(await raise('c', [unitId])),
    ];
    expect(ids).toHaveLength(12); // 3 notices × (3 members + the signed-in agency account)
    await untilRow<{ a: number }>(
      ds,
      `SELECT min(attempts)::int AS a FROM notice_deliveries WHERE channel = 'email'`,
      [],
      (r) => r.a >= 2,
      20_000,
    );

    const failed = await request(api.getHttpServer())
      .get('/api/deliveries/failed')
      .set(office)
      .expect(200);
    expect(failed.body.items).toHaveLength(12);
    expect(failed.body.nextCursor).toBeNull();
    expect(failed.body.items[0]).toMatchObject({
      type: 'notice',
      state: 'retrying',
      noticeKind: 'overdue',
      lastError: expect.stringMatching(/ECONNREFUSED|connect/i),
    });
    await request(api.getHttpServer()).get('/api/deliveries/failed').set(agency).expect(403);

    await sink.start();
    await untilRow<{ n: number }>(
      ds,
      `SELECT count(*)::int AS n FROM notice_deliveries WHERE channel = 'email' AND sent_at IS NULL`,
      [],
      (r) => r.n === 0,
      20_000,
    );
    await sink.settle();
    expect(sink.messages).toHaveLength(12);
    const byRecipientAndSubject = new Set(sink.messages.map((m) => `${m.to.join()}|${m.subject}`));
    expect(byRecipientAndSubject.size).toBe(12);
    expect(
      (await request(api.getHttpServer()).get('/api/deliveries/failed').set(office).expect(200))
        .body,
    ).toEqual({ items: [], nextCursor: null });

    // Again, by every route a duplicate could take: a re-enqueue, the relay, a direct retry of the job's work.
    await worker
      .get(MailOutboxService)
      .enqueue(ids.map((deliveryId) => ({ name: 'mail-deliver' as const, deliveryId })));
    await worker.get(MailOutboxService).relay();
    await expect(
      worker.get(MailDeliveryService).deliverNotice(ids[0], { attempt: 9, isLast: false }),
    ).resolves.toBe('skipped');
    await drainMail({ queuePrefix: stack.queuePrefix, now: () => stack.clock.now() }, ds, sink);
    expect(sink.messages).toHaveLength(12);
  });

  it('records a delivery whose last attempt failed as failed, for the office', async () => {
    await sink.stop();
    const lonely = await givenMailUser(ds, {
      roles: ['agency'],
      unitId: await givenUnit(ds, '自治区水利厅'),
      name: 'sl-0',
    });
    // A row with no job yet (as if the enqueue was lost), so nothing races this test for it.
    const [notice] = (await ds.query(`SELECT id FROM notices WHERE dedup_key = 'test/a'`)) as {
      id: string;
    }[];
    const [{ id }] = (await ds.query(
      `INSERT INTO notice_deliveries (notice_id, user_id, channel) VALUES ($1, $2, 'email') RETURNING id`,
      [notice.id, lonely.id],
    )) as { id: string }[];
    // What the processor does on the job's 8th and last attempt.
    await expect(
      worker.get(MailDeliveryService).deliverNotice(id, { attempt: 8, isLast: true }),
    ).rejects.toThrow();
    const failed = await request(api.getHttpServer())
      .get('/api/deliveries/failed')
      .set(office)
      .expect(200);
    expect(failed.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id,
          state: 'failed',
          email: lonely.email,
          subject: '【催办】测试a',
        }),
      ]),
    );
    await sink.start();
  });
});
