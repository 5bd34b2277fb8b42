import { randomUUID } from 'node:crypto';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ActionLinksService, MailDeliveryService, MailOutboxService } from '@tracker/services';
import {
  givenAssignment,
  givenDocument,
  givenTask,
  givenUnit,
  givenUser,
  loginAs,
} from '../support/builders';
import { drainMail } from '../support/drain';
import { createStack, TestStack } from '../support/harness';
import { untilRow } from '../support/mail-fixtures';
import { SmtpSink } from '../support/smtp-sink';

/**
 * The invitation mail goes the way of every mail: its row is the outbox, the send is retried while
 * SMTP is down (each failure recorded on the row), and however often the job is enqueued again,
 * relayed or run by hand, the invitee gets one mail.
 */
describe('invitation mail through a real SMTP server', () => {
  const sink = new SmtpSink();
  let stack: TestStack;
  let worker: INestApplicationContext;
  let api: INestApplication;
  let ds: DataSource;
  let office: Record<string, string>;
  let documentId: string;
  let unitId: string;
  const drain = () =>
    drainMail({ queuePrefix: stack.queuePrefix, now: () => stack.clock.now() }, ds, sink);
  const invite = async (email: string): Promise<string> => {
    const res = await request(api.getHttpServer())
      .post(`/api/documents/${documentId}/unit-accounts`)
      .set(office)
      .send({ items: [{ unitId, mode: 'invite', email }] })
      .expect(201);
    return res.body[0].invitation.id as string;
  };

  beforeAll(async () => {
    await sink.start();
    stack = await createStack('2020-10-12T09:00:00+08:00');
    const env = { ...sink.env(), MAIL_RETRY_DELAY_MS: '150', PUBLIC_URL: 'https://tracker.test' };
    worker = await stack.startWorker(env);
    api = await stack.startApi(env);
    ds = worker.get(DataSource);
    unitId = (await givenUnit(ds, '自治区交通运输厅')).id;
    documentId = (await givenDocument(ds, { title: '交通强区建设实施方案' })).id;
    await givenAssignment(
      ds,
      (await givenTask(ds, documentId, { heading: '建设西部陆海新通道' })).id,
      unitId,
      'lead',
    );
    await givenUser(ds, 'mail-office', ['office']);
    office = (await loginAs(api, 'mail-office')).auth;
  });
  afterAll(async () => {
    await stack.close();
    await sink.stop();
  });

  it('retries while SMTP is down, records each failure on the invitation, then delivers it once by every route a duplicate could take', async () => {
    await sink.stop();
    const id = await invite('jtt@example.gov.cn');
    const failing = await untilRow<{
      attempts: number;
      last_error: string | null;
      sent_at: Date | null;
    }>(
      ds,
      `SELECT attempts, last_error, sent_at FROM account_invitations WHERE id = $1`,
      [id],
      (r) => r.attempts >= 2,
      20_000,
    );
    expect(failing).toMatchObject({
      sent_at: null,
      last_error: expect.stringMatching(/ECONNREFUSED|connect/i),
    });

    await sink.start();
    await untilRow<{ sent: boolean }>(
      ds,
      `SELECT sent_at IS NOT NULL AS sent FROM account_invitations WHERE id = $1`,
      [id],
      (r) => r.sent,
      20_000,
    );
    await sink.settle();
    expect(sink.to('jtt@example.gov.cn')).toHaveLength(1);
    const [mail] = sink.to('jtt@example.gov.cn');
    expect(mail.subject).toBe('邀请开通账号：自治区交通运输厅（督查督办系统）');
    expect(mail.messageId).toBe(`<invitation.${id}@tracker.test>`);
    expect(mail.text).toContain('《交通强区建设实施方案》');

    await worker.get(MailOutboxService).enqueue([{ name: 'invitation-deliver', invitationId: id }]);
    await worker.get(MailOutboxService).relay();
    await expect(
      worker.get(MailDeliveryService).deliverInvitation(id, { attempt: 9, isLast: false }),
    ).resolves.toBe('skipped');
    await drain();
    expect(sink.to('jtt@example.gov.cn')).toHaveLength(1);
  });

  it('sends an invitation whose job was lost once the relay re-derives it from PostgreSQL', async () => {
    // A row committed without its job (as if the enqueue was lost, or Redis flushed).
    const id = randomUUID();
    const expiresAt = new Date(stack.clock.now().getTime() + 86_400_000);
    await ds.query(
      `INSERT INTO account_invitations (id, unit_id, document_id, email, token_hash, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        id,
        unitId,
        documentId,
        'jtt-lost@example.gov.cn',
        worker.get(ActionLinksService).invitationToken(id).tokenHash,
        expiresAt,
      ],
    );
    expect(await worker.get(MailOutboxService).relay()).toBe(1);
    await untilRow<{ sent: boolean }>(
      ds,
      `SELECT sent_at IS NOT NULL AS sent FROM account_invitations WHERE id = $1`,
      [id],
      (r) => r.sent,
      20_000,
    );
    await sink.settle();
    expect(sink.to('jtt-lost@example.gov.cn')).toHaveLength(1);
    // Nothing left to relay.
    expect(await worker.get(MailOutboxService).relay()).toBe(0);
  });

  it('shows the office an invitation whose mail failed for good, so that it invites again', async () => {
    await sink.stop();
    const id = await invite('jtt-gone@example.gov.cn');
    await untilRow<{ attempts: number }>(
      ds,
      `SELECT attempts FROM account_invitations WHERE id = $1`,
      [id],
      (r) => r.attempts >= 1,
      20_000,
    );
    // The last attempt, by hand: its failure is recorded as final.
    await expect(
      worker.get(MailDeliveryService).deliverInvitation(id, { attempt: 8, isLast: true }),
    ).rejects.toThrow();
    const [row] = await ds.query(`SELECT failed_at FROM account_invitations WHERE id = $1`, [id]);
    expect(row.failed_at).not.toBeNull();
    const listed = await request(api.getHttpServer())
      .get(`/api/documents/${documentId}/unit-accounts`)
      .set(office)
      .expect(200);
    // The two invitations mailed above are still pending; this one is not.
    expect(listed.body[0]).toMatchObject({ unitId, failedInvitations: 1, pendingInvitations: 2 });
    await sink.start();
  });
});
