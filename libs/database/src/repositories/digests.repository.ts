import type { Role } from '@tracker/domain';
import { EntityManager } from 'typeorm';
import { UNIT_CHAIN_SQL } from './sql';

/** One line of a digest section, as read. */
export interface DigestItemRow {
  taskId: string;
  taskPath: string[];
  heading: string;
  unitName: string | null;
  /** A day (YYYY-MM-DD) or an instant. */
  at: Date | string;
  documentTitle: string | null;
  /** What the extra note is: a report's period, a task's deadline, an escalation's level. */
  noteKind: 'period' | 'deadline' | 'level' | null;
  note: string | number | null;
}

export interface DigestRecipientRow {
  id: string;
  email: string;
  displayName: string;
  locale: string;
  roles: Role[];
  unitId: string | null;
  unitName: string | null;
}

export interface CycleProgressRow {
  documentTitle: string | null;
  period: string;
  dueOn: string;
  reports: number;
  submitted: number;
  accepted: number;
}

export interface DeferredNoticeRow {
  title: string;
  titleEn: string | null;
  createdAt: Date;
  taskId: string | null;
}

export interface NewDigest {
  userId: string;
  cadence: string;
  period: string;
  subject: string;
  text: string;
  html: string;
  createdAt: Date;
}

// The task's document title, for items of several documents in one digest.
const DOC_TITLE = `(SELECT d.title FROM policy_documents d WHERE d.id = t.document_id) AS "documentTitle"`;

// A report due at 2020-10-11 00:00 (+08) is due "by 10 October": show the last day, not the instant.
const DUE_DAY = `to_char((r.due_at - interval '1 millisecond') AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`;

const ITEM = `t.id AS "taskId", t.path AS "taskPath", t.heading`;

/** The reads behind each digest section, and the digests written. */
export class DigestsRepository {
  constructor(private readonly em: EntityManager) {}

  /** Every enabled user with an email address. */
  recipients(): Promise<DigestRecipientRow[]> {
    return this.em.query(
      `SELECT u.id, u.email, u.display_name AS "displayName", u.locale, u.roles, u.unit_id AS "unitId", un.name AS "unitName"
         FROM users u LEFT JOIN units un ON un.id = u.unit_id
        WHERE NOT u.is_disabled AND coalesce(u.email, '') <> '' ORDER BY u.id`,
    );
  }

  /** The unit's (and its former names') reports still to file in open cycles, due by `horizon`; overdue when due by `now`. */
  reportsDue(
    unitId: string,
    now: Date,
    horizon: Date,
  ): Promise<(DigestItemRow & { overdue: boolean })[]> {
    return this.em.query(
      `WITH chain AS (${UNIT_CHAIN_SQL})
       SELECT ${ITEM}, NULL AS "unitName", ${DUE_DAY} AS at, ${DOC_TITLE}, 'period' AS "noteKind", c.period AS note, r.due_at <= $2 AS overdue
         FROM status_reports r JOIN reporting_cycles c ON c.id = r.cycle_id JOIN tasks t ON t.id = r.task_id
        WHERE r.unit_id IN (SELECT id FROM chain) AND c.state = 'open' AND t.state = 'open'
          AND r.state IN ('pending', 'draft', 'returned') AND r.due_at <= $3
        ORDER BY r.due_at, t.path`,
      [unitId, now, horizon],
    );
  }

  /** Deadlines of open tasks the unit leads, up to `lastDay`; overdue when before `today`. Archived plans are left out. */
  deadlinesDue(
    unitId: string,
    today: string,
    lastDay: string,
  ): Promise<(DigestItemRow & { overdue: boolean })[]> {
    return this.em.query(
      `WITH chain AS (${UNIT_CHAIN_SQL})
       SELECT DISTINCT ${ITEM}, NULL AS "unitName", to_char(t.deadline_on, 'YYYY-MM-DD') AS at,
              ${DOC_TITLE}, 'deadline' AS "noteKind", NULL AS note, t.deadline_on < $2::date AS overdue
         FROM tasks t JOIN assignments a ON a.task_id = t.id
        WHERE a.unit_id IN (SELECT id FROM chain) AND a.role = 'lead' AND a.state IN ('pending', 'acknowledged')
          AND t.state = 'open' AND t.deadline_on IS NOT NULL AND t.deadline_on <= $3::date
          -- An archived plan tells nobody anything.
          AND NOT EXISTS (SELECT 1 FROM policy_documents pd WHERE pd.id = t.document_id AND pd.archived_at IS NOT NULL)
        ORDER BY at, "taskPath"`,
      [unitId, today, lastDay],
    );
  }

  /** Supporting tasks the unit has not acknowledged yet. */
  awaitingAck(unitId: string): Promise<DigestItemRow[]> {
    return this.em.query(
      `WITH chain AS (${UNIT_CHAIN_SQL})
       SELECT ${ITEM}, NULL AS "unitName", a.created_at AS at, ${DOC_TITLE}, NULL AS "noteKind", NULL AS note
         FROM assignments a JOIN tasks t ON t.id = a.task_id
        WHERE a.unit_id IN (SELECT id FROM chain) AND a.role = 'support' AND a.state = 'pending' AND t.state = 'open'
          AND NOT a.is_preexisting AND NOT EXISTS (SELECT 1 FROM policy_documents pd WHERE pd.id = t.document_id AND pd.archived_at IS NOT NULL)
        ORDER BY a.created_at, t.path`,
      [unitId],
    );
  }

  /** The unit's reports returned for revision in open cycles. */
  returnedReports(unitId: string): Promise<DigestItemRow[]> {
    return this.em.query(
      `WITH chain AS (${UNIT_CHAIN_SQL})
       SELECT ${ITEM}, NULL AS "unitName", coalesce(r.reviewed_at, r.updated_at) AS at, ${DOC_TITLE}, 'period' AS "noteKind", c.period AS note
         FROM status_reports r JOIN reporting_cycles c ON c.id = r.cycle_id JOIN tasks t ON t.id = r.task_id
        WHERE r.unit_id IN (SELECT id FROM chain) AND r.state = 'returned' AND c.state = 'open'
        ORDER BY at, t.path`,
      [unitId],
    );
  }

  /** Escalations of at least `minLevel` raised in (from, to]. */
  escalationsRaised(from: Date, to: Date, minLevel: number): Promise<DigestItemRow[]> {
    return this.em.query(
      `SELECT ${ITEM}, u.name AS "unitName", e.raised_at AS at, ${DOC_TITLE}, 'level' AS "noteKind", e.level AS note
         FROM escalations e JOIN tasks t ON t.id = e.task_id JOIN units u ON u.id = e.unit_id
        WHERE e.raised_at > $1 AND e.raised_at <= $2 AND e.level >= $3
        ORDER BY e.level DESC, e.raised_at, t.path`,
      [from, to, minLevel],
    );
  }

  /** Open cycles with their counts, soonest due first. */
  cycleProgress(): Promise<CycleProgressRow[]> {
    return this.em.query(
      `SELECT d.title AS "documentTitle", c.period, to_char((c.due_at - interval '1 millisecond') AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS "dueOn",
              count(r.id)::int AS reports,
              count(r.id) FILTER (WHERE r.state IN ('submitted', 'accepted'))::int AS submitted,
              count(r.id) FILTER (WHERE r.state = 'accepted')::int AS accepted
         FROM reporting_cycles c JOIN policy_documents d ON d.id = c.document_id
         LEFT JOIN status_reports r ON r.cycle_id = c.id
        WHERE c.state = 'open'
        GROUP BY c.id, d.title, c.period, c.due_at ORDER BY c.due_at, d.title`,
    );
  }

  /** The user's in-app notices of (from, to] whose kind they chose to get in the `cadence` digest (never supervision or escalations). */
  deferredNotices(
    userId: string,
    cadence: string,
    from: Date,
    to: Date,
  ): Promise<DeferredNoticeRow[]> {
    return this.em.query(
      `SELECT n.title, n.title_en AS "titleEn", n.created_at AS "createdAt", n.task_id AS "taskId"
         FROM notice_deliveries d JOIN notices n ON n.id = d.notice_id JOIN users u ON u.id = d.user_id
        WHERE d.user_id = $1 AND d.channel = 'inapp' AND n.created_at > $2 AND n.created_at <= $3
          AND u.notice_preferences ->> n.kind = $4
          AND n.kind NOT IN ('supervision', 'leading_group') AND n.level < 2
        ORDER BY n.created_at, n.id`,
      [userId, from, to, cadence],
    );
  }

  /** Writes the digest once per (user, cadence, period); its id, or null when it was already written. */
  async insert(d: NewDigest): Promise<string | null> {
    const rows: { id: string }[] = await this.em.query(
      `INSERT INTO digests (user_id, cadence, period, subject, body_text, body_html, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (user_id, cadence, period) DO NOTHING RETURNING id`,
      [d.userId, d.cadence, d.period, d.subject, d.text, d.html, d.createdAt],
    );
    return rows[0]?.id ?? null;
  }
}
