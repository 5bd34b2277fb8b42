import type { NoticeKind } from '@tracker/domain';
import { EntityManager } from 'typeorm';

/** The tables whose rows are mail to send (each with sent_at, attempts, last_error, failed_at). */
export type MailTable = 'notice_deliveries' | 'digests' | 'account_invitations' | 'subtask_mails';

/** An email delivery of a notice with what its mail needs: the notice, the recipient, the assignment. */
export interface NoticeMailRow {
  id: string;
  sentAt: Date | null;
  userId: string;
  kind: NoticeKind;
  title: string;
  body: string;
  titleEn: string | null;
  bodyEn: string | null;
  taskId: string | null;
  cycleId: string | null;
  assignmentId: string | null;
  linkPath: string | null;
  email: string | null;
  displayName: string;
  locale: string;
  isDisabled: boolean;
  unitId: string | null;
  assignmentState: string | null;
  assignmentUnitId: string | null;
  assignmentRole: string | null;
}

/** A sub-task's mail to its owner, rendered when it was handed down. */
export interface SubtaskMailRow {
  id: string;
  sentAt: Date | null;
  toEmail: string;
  subject: string;
  bodyText: string;
  bodyHtml: string;
}

export interface DigestMailRow {
  id: string;
  sentAt: Date | null;
  subject: string;
  bodyText: string;
  bodyHtml: string;
  email: string | null;
  displayName: string;
  isDisabled: boolean;
}

/** Where a mail row stands, for the office's retry. */
export interface RetryableMailRow {
  table: 'notice_deliveries' | 'digests';
  id: string;
  sentAt: Date | null;
  attempts: number;
  lastError: string | null;
  failedAt: Date | null;
}

/** An unsent email delivery or digest that failed, is being retried, or waited long. */
export interface UnsentMailRow {
  id: string;
  type: 'notice' | 'digest';
  userId: string;
  displayName: string;
  email: string | null;
  subject: string;
  noticeId: string | null;
  kind: NoticeKind | null;
  taskId: string | null;
  attempts: number;
  lastError: string | null;
  failedAt: Date | null;
  createdAt: Date;
}

/** The sort key of the unsent mail list: created at (whole microseconds since the epoch), id; newest first. */
export type UnsentMailKey = [string, string];

const RETRY_COLUMNS = `id, sent_at AS "sentAt", attempts, last_error AS "lastError", failed_at AS "failedAt"`;

/**
 * The mail outbox: email deliveries, digests and invitations as rows to send exactly once. A
 * send locks its row (a concurrent job for it skips), and records the outcome on the row.
 */
export class MailOutboxRepository {
  constructor(private readonly em: EntityManager) {}

  /** The email delivery, locked; null when missing or another send holds it. */
  async lockNoticeMail(deliveryId: string): Promise<NoticeMailRow | null> {
    const [row]: NoticeMailRow[] = await this.em.query(
      `SELECT d.id, d.sent_at AS "sentAt", d.user_id AS "userId", n.kind, n.title, n.body, n.title_en AS "titleEn",
              n.body_en AS "bodyEn", n.task_id AS "taskId", n.cycle_id AS "cycleId", n.assignment_id AS "assignmentId",
              n.link_path AS "linkPath", u.email, u.display_name AS "displayName", u.locale, u.is_disabled AS "isDisabled", u.unit_id AS "unitId",
              a.state AS "assignmentState", a.unit_id AS "assignmentUnitId", a.role AS "assignmentRole"
         FROM notice_deliveries d JOIN notices n ON n.id = d.notice_id JOIN users u ON u.id = d.user_id
         LEFT JOIN assignments a ON a.id = n.assignment_id
        WHERE d.id = $1 AND d.channel = 'email'
        FOR UPDATE OF d SKIP LOCKED`,
      [deliveryId],
    );
    return row ?? null;
  }

  /** The sub-task mail, locked; null when missing or another send holds it. */
  async lockSubtaskMail(id: string): Promise<SubtaskMailRow | null> {
    const [row]: SubtaskMailRow[] = await this.em.query(
      `SELECT id, sent_at AS "sentAt", to_email AS "toEmail", subject, body_text AS "bodyText", body_html AS "bodyHtml"
         FROM subtask_mails WHERE id = $1 FOR UPDATE SKIP LOCKED`,
      [id],
    );
    return row ?? null;
  }

  async insertSubtaskMail(row: {
    subtaskId: string;
    toEmail: string;
    subject: string;
    bodyText: string;
    bodyHtml: string;
    at: Date;
  }): Promise<string> {
    const [{ id }]: { id: string }[] = await this.em.query(
      `INSERT INTO subtask_mails (subtask_id, to_email, subject, body_text, body_html, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [row.subtaskId, row.toEmail, row.subject, row.bodyText, row.bodyHtml, row.at],
    );
    return id;
  }

  async unsentSubtaskMailIds(limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.em.query(
      `SELECT id FROM subtask_mails WHERE sent_at IS NULL AND failed_at IS NULL ORDER BY created_at LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.id);
  }

  /** The digest, locked; null when missing or another send holds it. */
  async lockDigestMail(digestId: string): Promise<DigestMailRow | null> {
    const [row]: DigestMailRow[] = await this.em.query(
      `SELECT g.id, g.sent_at AS "sentAt", g.subject, g.body_text AS "bodyText", g.body_html AS "bodyHtml", u.email,
              u.display_name AS "displayName", u.is_disabled AS "isDisabled"
         FROM digests g JOIN users u ON u.id = g.user_id WHERE g.id = $1 FOR UPDATE OF g SKIP LOCKED`,
      [digestId],
    );
    return row ?? null;
  }

  /** A mail that can never be sent: failed for good, with the reason. */
  async markUnsendable(table: MailTable, id: string, at: Date, reason: string): Promise<void> {
    await this.em.query(`UPDATE ${table} SET failed_at = $2, last_error = $3 WHERE id = $1`, [
      id,
      at,
      reason,
    ]);
  }

  /** A failed attempt; the last one also sets failed_at. */
  async recordFailure(
    table: MailTable,
    id: string,
    error: string,
    isLast: boolean,
    at: Date,
  ): Promise<void> {
    await this.em.query(
      `UPDATE ${table} SET attempts = attempts + 1, last_error = $2, failed_at = CASE WHEN $3::boolean THEN $4::timestamptz ELSE NULL END WHERE id = $1`,
      [id, error, isLast, at],
    );
  }

  async markSent(table: MailTable, id: string, at: Date): Promise<void> {
    await this.em.query(
      `UPDATE ${table} SET sent_at = $2, attempts = attempts + 1, last_error = NULL, failed_at = NULL WHERE id = $1`,
      [id, at],
    );
  }

  /**
   * The email delivery or digest of this id, locked (waiting for a send in progress on it, so a
   * mail being sent right now is seen as sent); null when neither exists.
   */
  async lockRetryable(id: string): Promise<RetryableMailRow | null> {
    const [notice]: Omit<RetryableMailRow, 'table'>[] = await this.em.query(
      `SELECT ${RETRY_COLUMNS} FROM notice_deliveries WHERE id = $1 AND channel = 'email' FOR UPDATE`,
      [id],
    );
    if (notice) return { table: 'notice_deliveries', ...notice };
    const [digest]: Omit<RetryableMailRow, 'table'>[] = await this.em.query(
      `SELECT ${RETRY_COLUMNS} FROM digests WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return digest ? { table: 'digests', ...digest } : null;
  }

  /** Clears the failure and the attempt count, so the send starts again. */
  async resetForRetry(table: RetryableMailRow['table'], id: string): Promise<void> {
    await this.em.query(
      `UPDATE ${table} SET failed_at = NULL, attempts = 0, last_error = NULL WHERE id = $1`,
      [id],
    );
  }

  /**
   * Unsent email deliveries and digests that failed, recorded an error, or were created before
   * `settled`, newest first.
   */
  unsent(
    limit: number,
    settled: Date,
    after: UnsentMailKey | null = null,
  ): Promise<(UnsentMailRow & { kCreatedAt: string })[]> {
    // The key is tested in each branch, so each reads from its position on (keyset, not offset).
    const key = (alias: string): string =>
      after
        ? `AND (${alias}.created_at, ${alias}.id) < ((timestamptz 'epoch' + $3::bigint * interval '1 microsecond'), $4::uuid)`
        : '';
    return this.em.query(
      `SELECT * FROM (
         SELECT d.id, 'notice' AS type, d.user_id AS "userId", u.display_name AS "displayName", u.email, n.title AS subject,
                n.id AS "noticeId", n.kind, n.task_id AS "taskId", d.attempts, d.last_error AS "lastError",
                d.failed_at AS "failedAt", d.created_at AS "createdAt",
                ((extract(epoch FROM d.created_at) * 1000000)::bigint)::text AS "kCreatedAt"
           FROM notice_deliveries d JOIN notices n ON n.id = d.notice_id JOIN users u ON u.id = d.user_id
          WHERE d.channel = 'email' AND d.sent_at IS NULL
            AND (d.failed_at IS NOT NULL OR d.last_error IS NOT NULL OR d.created_at < $2) ${key('d')}
         UNION ALL
         SELECT g.id, 'digest', g.user_id, u.display_name, u.email, g.subject, NULL, NULL, NULL, g.attempts, g.last_error,
                g.failed_at, g.created_at, ((extract(epoch FROM g.created_at) * 1000000)::bigint)::text
           FROM digests g JOIN users u ON u.id = g.user_id
          WHERE g.sent_at IS NULL AND (g.failed_at IS NOT NULL OR g.last_error IS NOT NULL OR g.created_at < $2) ${key('g')}
       ) f ORDER BY f."createdAt" DESC, f.id DESC LIMIT $1`,
      after ? [limit, settled, after[0], after[1]] : [limit, settled],
    );
  }

  /** Unsent email deliveries with no final failure, oldest first (the outbox relay). */
  async unsentDeliveryIds(limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.em.query(
      `SELECT id FROM notice_deliveries
        WHERE channel = 'email' AND sent_at IS NULL AND failed_at IS NULL
        ORDER BY created_at LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.id);
  }

  /** Unsent digests with no final failure, oldest first (the outbox relay). */
  async unsentDigestIds(limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.em.query(
      `SELECT id FROM digests WHERE sent_at IS NULL AND failed_at IS NULL ORDER BY created_at LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.id);
  }
}
