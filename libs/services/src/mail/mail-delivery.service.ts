import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  appConfig,
  AppConfig,
  decodeCursor,
  DomainError,
  encodeCursor,
  KeysetPage,
  PAGE_LIMIT,
} from '@tracker/common';
import { Clock, CLOCK, NoticeKind, pageLinks, shanghaiDate } from '@tracker/domain';
import {
  MailMessage,
  MailTransport,
  renderInvitationMail,
  renderNoticeMail,
} from '@tracker/notify';
import {
  MailOutboxRepository,
  MailTable,
  UnitAccountsRepository,
  UnsentMailRow,
} from '@tracker/database';
import { JobProducer } from '@tracker/queue';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../access/actor';
import { ActionLinksService } from '../action-links/action-links.service';
import { AuditService } from '../audit/audit.service';
import { MailOutboxService } from './mail-outbox.service';

export class DeliveryError extends DomainError<'DELIVERY_NOT_FOUND' | 'DELIVERY_ALREADY_SENT'> {}

/** A mail the office sent off again: its row is reset and its job re-enqueued after the commit. */
export interface RetriedDelivery {
  id: string;
  type: 'notice' | 'digest';
  previousAttempts: number;
  previousError: string | null;
}

export type DeliveryOutcome = 'done' | 'skipped';

/** Where the attempt stands: the last one records the delivery as failed for the office to see. */
export interface AttemptInfo {
  attempt: number;
  isLast: boolean;
}

/** A failed or still-retrying mail, for the office. */
export interface FailedDeliveryView {
  id: string;
  type: 'notice' | 'digest';
  /** retrying: BullMQ tries again; failed: every attempt failed; stalled: unsent with no live job (lost or failed for good in Redis). */
  state: 'retrying' | 'failed' | 'stalled';
  recipientId: string;
  recipientName: string;
  email: string | null;
  subject: string;
  noticeId: string | null;
  noticeKind: NoticeKind | null;
  taskId: string | null;
  attempts: number;
  lastError: string | null;
  failedAt: Date | null;
  createdAt: Date;
}

/** The Message-ID of one delivery or digest row: derived from its id and the public host, the same on every attempt. */
export function deliveryMessageId(table: MailTable, id: string, publicUrl: string): string {
  const host = new URL(publicUrl).hostname || 'tracker.invalid';
  const kind =
    table === 'digests'
      ? 'digest'
      : table === 'account_invitations'
        ? 'invitation'
        : table === 'subtask_mails'
          ? 'subtask'
          : 'notice';
  return `<${kind}.${id}@${host}>`;
}

/** An unsent row this old with no job in Redis is stalled, not merely between commit and enqueue. */
const STALLED_AFTER_MS = 60_000;

/** Kinds whose mail carries a one-click acknowledge link for the supporting unit's members. */
const ACK_KINDS: readonly NoticeKind[] = ['ack_request', 'ack_reminder'];

/**
 * Sends one email delivery or one digest exactly once: the row is locked, a row already sent is
 * skipped, and `sent_at` is set in the same transaction as the send. A failure is recorded on the
 * row (attempts, last_error; failed_at once the last retry failed) and rethrown so BullMQ retries.
 */
@Injectable()
export class MailDeliveryService {
  private readonly logger = new Logger(MailDeliveryService.name);

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(appConfig.KEY) private readonly app: AppConfig,
    private readonly transport: MailTransport,
    private readonly links: ActionLinksService,
    private readonly outbox: MailOutboxService,
    private readonly audit: AuditService,
    private readonly jobs: JobProducer,
  ) {}

  async deliverNotice(deliveryId: string, attempt: AttemptInfo): Promise<DeliveryOutcome> {
    return this.sendLocked('notice_deliveries', deliveryId, attempt, async (em) => {
      const row = await new MailOutboxRepository(em).lockNoticeMail(deliveryId);
      if (!row || row.sentAt) return null;
      if (row.isDisabled || !row.email)
        return { unsendable: 'recipient is disabled or has no email address' };
      let ack: { url: string; expiresAt: Date } | null = null;
      if (
        ACK_KINDS.includes(row.kind) &&
        row.assignmentId &&
        row.assignmentState === 'pending' &&
        row.assignmentRole === 'support' &&
        row.assignmentUnitId === row.unitId
      ) {
        ack = await this.links.issueAcknowledge(em, row.assignmentId, row.userId, row.id);
      }
      return {
        message: renderNoticeMail(
          { email: row.email, displayName: row.displayName, locale: row.locale },
          {
            kind: row.kind,
            title: row.title,
            body: row.body,
            titleEn: row.titleEn,
            bodyEn: row.bodyEn,
            taskUrl: row.taskId ? pageLinks(this.app.publicUrl).task(row.taskId) : null,
            bulletinUrl:
              row.kind === 'bulletin' && row.cycleId
                ? pageLinks(this.app.publicUrl).bulletin(row.cycleId)
                : null,
            pageUrl: row.linkPath ? pageLinks(this.app.publicUrl).path(row.linkPath) : null,
            acknowledgeUrl: ack?.url ?? null,
            acknowledgeExpiresOn: ack ? shanghaiDate(ack.expiresAt) : null,
            inboxUrl: pageLinks(this.app.publicUrl).inbox(),
          },
        ),
      };
    });
  }

  async deliverDigest(digestId: string, attempt: AttemptInfo): Promise<DeliveryOutcome> {
    return this.sendLocked('digests', digestId, attempt, async (em) => {
      const row = await new MailOutboxRepository(em).lockDigestMail(digestId);
      if (!row || row.sentAt) return null;
      if (row.isDisabled || !row.email)
        return { unsendable: 'recipient is disabled or has no email address' };
      const to = `"${row.displayName.replace(/["\\]/g, '')}" <${row.email}>`;
      return { message: { to, subject: row.subject, text: row.bodyText, html: row.bodyHtml } };
    });
  }

  /** Sends one sub-task's mail to its owner, exactly once. */
  async deliverSubtaskMail(mailId: string, attempt: AttemptInfo): Promise<DeliveryOutcome> {
    return this.sendLocked('subtask_mails', mailId, attempt, async (em) => {
      const row = await new MailOutboxRepository(em).lockSubtaskMail(mailId);
      if (!row || row.sentAt) return null;
      return {
        message: { to: row.toEmail, subject: row.subject, text: row.bodyText, html: row.bodyHtml },
      };
    });
  }

  /** Sends one account invitation; an accepted invitation is not sent any more. */
  async deliverInvitation(invitationId: string, attempt: AttemptInfo): Promise<DeliveryOutcome> {
    return this.sendLocked('account_invitations', invitationId, attempt, async (em) => {
      const row = await new UnitAccountsRepository(em).lockForMail(invitationId);
      if (!row || row.sentAt || row.acceptedAt) return null;
      const welcomeUrl = this.links.invitationUrl(row.id, row.tokenHash);
      // Signed with a key no longer configured: no link could work.
      if (!welcomeUrl)
        return { unsendable: 'the invitation was signed with a key that is no longer configured' };
      return {
        message: renderInvitationMail({
          email: row.email,
          unitName: row.unitName,
          documentTitle: row.documentTitle,
          inviterName: row.inviterName,
          welcomeUrl,
          expiresOn: shanghaiDate(row.expiresAt),
        }),
      };
    });
  }

  /**
   * One transaction: lock the row (a concurrent job for it skips), render, send, mark sent. The send
   * happens while the row is locked, so two workers never both send it.
   */
  private async sendLocked(
    table: MailTable,
    id: string,
    attempt: AttemptInfo,
    load: (em: EntityManager) => Promise<{ message: MailMessage } | { unsendable: string } | null>,
  ): Promise<DeliveryOutcome> {
    let failure: Error | null = null;
    const outcome = await this.dataSource.transaction(async (em): Promise<DeliveryOutcome> => {
      const loaded = await load(em);
      if (!loaded) return 'skipped';
      const outbox = new MailOutboxRepository(em);
      if ('unsendable' in loaded) {
        await outbox.markUnsendable(table, id, this.clock.now(), loaded.unsendable);
        return 'skipped';
      }
      try {
        // A stable Message-ID: a resend after a crash between the SMTP server's accept and our
        // commit carries the same identity, so the copy is recognisably the same mail.
        const headers = {
          'X-Tracker-Mail': `${table}/${id}`,
          'Message-ID': deliveryMessageId(table, id, this.app.publicUrl),
        };
        await this.transport.send({ ...loaded.message, headers });
      } catch (error: unknown) {
        failure = error instanceof Error ? error : new Error(String(error));
        await outbox.recordFailure(
          table,
          id,
          failure.message.slice(0, 500),
          attempt.isLast,
          this.clock.now(),
        );
        return 'skipped';
      }
      await outbox.markSent(table, id, this.clock.now());
      return 'done';
    });
    if (failure) {
      const err = failure as Error;
      this.logger.warn(
        { table, id, attempt: attempt.attempt, isLast: attempt.isLast, err: err.message },
        'mail send failed',
      );
      throw err;
    }
    return outcome;
  }

  /**
   * The office sends a failed (or still retrying) mail again: `failed_at` and the last error are
   * cleared, `attempts` starts from 0, and the job is re-enqueued once this commits (replacing the
   * finished one of the same id). The send itself keeps its exactly-once guard (row lock, `sent_at`).
   */
  async retry(actor: Actor, id: string): Promise<RetriedDelivery> {
    return this.dataSource.transaction(async (em) => {
      // Waits for a send in progress on this row, so a mail being sent right now is seen as sent.
      const outbox = new MailOutboxRepository(em);
      const row = await outbox.lockRetryable(id);
      if (!row) throw new DeliveryError('DELIVERY_NOT_FOUND', `No mail ${id}`);
      if (row.sentAt)
        throw new DeliveryError('DELIVERY_ALREADY_SENT', `Mail ${id} was already sent`);
      const { table } = row;
      const type = table === 'notice_deliveries' ? 'notice' : 'digest';
      await outbox.resetForRetry(table, id);
      await this.audit.record(em, {
        actorId: actor.id,
        actorUnitId: actor.unitId,
        action: 'delivery.retry',
        targetType: table,
        targetId: id,
        before: {
          attempts: row.attempts,
          lastError: row.lastError,
          failedAt: row.failedAt?.toISOString() ?? null,
        },
        after: { attempts: 0 },
        channel: actor.channel,
        requestId: actor.requestId,
      });
      await this.outbox.afterCommit(em, [
        type === 'notice'
          ? { name: 'mail-deliver', deliveryId: id, replace: true }
          : { name: 'digest-deliver', digestId: id, replace: true },
      ]);
      return { id, type, previousAttempts: row.attempts, previousError: row.lastError };
    });
  }

  /**
   * Mails that failed, are still being retried, or are owed with no live job in Redis (lost, or
   * failed for good after stalling in a crash loop: no attempt ever recorded an error), newest
   * first (the office's view), a page at a time (`limit`, at most PAGE_LIMIT.MAX), after the
   * previous page's cursor. A row younger than STALLED_AFTER_MS may still be on its way to the queue.
   */
  async listFailed(
    q: { limit?: number; cursor?: string } = {},
  ): Promise<KeysetPage<FailedDeliveryView>> {
    const limit = Math.min(q.limit ?? PAGE_LIMIT.DEFAULT, PAGE_LIMIT.MAX);
    const after = q.cursor ? decodeCursor(q.cursor, DELIVERY_KEY) : null;
    const settled = new Date(this.clock.now().getTime() - STALLED_AFTER_MS);
    // Retrying mails without an error yet are read but not shown: read a few pages' worth, and
    // continue the next page from the last row read when too few were shown.
    const scan = limit * 5;
    const rows = await new MailOutboxRepository(this.dataSource.manager).unsent(
      scan,
      settled,
      after ? [after[0], after[1]] : null,
    );
    // Concurrent reads on one connection are pipelined: one round trip for the page.
    const live = await Promise.all(
      rows.map(async (r) => {
        if (r.failedAt) return true;
        const state =
          r.type === 'notice'
            ? await this.jobs.state('mail-deliver', { deliveryId: r.id })
            : await this.jobs.state('digest-deliver', { digestId: r.id });
        return state !== 'unknown' && state !== 'failed';
      }),
    );
    const listed = rows
      .map((r, i) => ({
        r,
        state: r.failedAt
          ? ('failed' as const)
          : !live[i]
            ? ('stalled' as const)
            : ('retrying' as const),
      }))
      .filter(({ r, state }) => state !== 'retrying' || r.lastError !== null);
    const shown = listed.slice(0, limit);
    const last =
      listed.length > limit
        ? shown[shown.length - 1].r
        : rows.length === scan
          ? rows[rows.length - 1]
          : null;
    return {
      items: shown.map(({ r, state }) => toFailedView(r, state)),
      nextCursor: last ? encodeCursor([last.kCreatedAt, last.id]) : null,
    };
  }
}

const DELIVERY_KEY = ['micros', 'uuid'] as const;

function toFailedView(r: UnsentMailRow, state: FailedDeliveryView['state']): FailedDeliveryView {
  return {
    id: r.id,
    type: r.type,
    state,
    recipientId: r.userId,
    recipientName: r.displayName,
    email: r.email,
    subject: r.subject,
    noticeId: r.noticeId,
    noticeKind: r.kind,
    taskId: r.taskId,
    attempts: r.attempts,
    lastError: r.lastError,
    failedAt: r.failedAt,
    createdAt: r.createdAt,
  };
}
