import type { Citation, EscalationState, RungColour } from '@tracker/domain';
import { EntityManager } from 'typeorm';

export interface EscalationFilter {
  level?: number;
  state?: EscalationState;
  cycleId?: string;
  unitId?: string;
  documentId?: string;
  period?: string;
  /** Every escalation ever raised; by default a report shows once, at its current (latest, highest) level. */
  history?: boolean;
}

export interface EscalationViewRow {
  id: string;
  level: number;
  colour: RungColour;
  state: EscalationState;
  reason: string;
  clause: Citation | null;
  taskId: string;
  taskPath: string[];
  taskHeading: string;
  unitId: string;
  unitName: string;
  cycleId: string | null;
  period: string | null;
  reportId: string | null;
  noticeId: string | null;
  raisedAt: Date;
  reviewedAt: Date | null;
  reviewComment: string | null;
  resolvedAt: Date | null;
}

export interface EscalationKeyRow {
  id: string;
  reportId: string | null;
  state: EscalationState;
  level: number;
  colour: RungColour;
  resolvedAt: Date | null;
}

export interface NewEscalation {
  dedupKey: string;
  taskId: string;
  unitId: string;
  cycleId: string;
  reportId: string;
  noticeId: string;
  level: number;
  colour: RungColour;
  clause: Citation | null;
  reason: string;
  raisedAt: Date;
}

/** Escalations (levels 2 and 3) and the office's review of them. */
export class EscalationsRepository {
  constructor(private readonly em: EntityManager) {}

  /** Escalations by filter (or one by id), highest level and newest first. */
  views(filter: EscalationFilter = {}, id?: string): Promise<EscalationViewRow[]> {
    return this.em.query(
      `SELECT e.id, e.level, e.colour, e.state, e.reason, e.clause, e.task_id AS "taskId", t.path AS "taskPath",
              t.heading AS "taskHeading", e.unit_id AS "unitId", u.name AS "unitName", e.cycle_id AS "cycleId", c.period,
              e.report_id AS "reportId", e.notice_id AS "noticeId", e.raised_at AS "raisedAt", e.reviewed_at AS "reviewedAt",
              e.review_comment AS "reviewComment", e.resolved_at AS "resolvedAt"
         FROM escalations e JOIN tasks t ON t.id = e.task_id JOIN units u ON u.id = e.unit_id
         LEFT JOIN reporting_cycles c ON c.id = e.cycle_id
        WHERE ($1::int IS NULL OR e.level = $1::int) AND ($2::text IS NULL OR e.state = $2::text)
          AND ($3::uuid IS NULL OR e.cycle_id = $3::uuid) AND ($4::uuid IS NULL OR e.unit_id = $4::uuid)
          AND ($5::uuid IS NULL OR t.document_id = $5::uuid) AND ($6::text IS NULL OR c.period = $6::text)
          AND ($7::uuid IS NULL OR e.id = $7::uuid)
          AND (NOT $8::boolean OR NOT EXISTS (
                SELECT 1 FROM escalations h
                 WHERE h.id <> e.id AND (h.raised_at, h.level) > (e.raised_at, e.level)
                   AND (h.report_id = e.report_id
                        OR (e.report_id IS NULL AND h.report_id IS NULL AND h.task_id = e.task_id AND h.unit_id = e.unit_id))))
        ORDER BY e.level DESC, e.raised_at DESC LIMIT 1000`,
      [
        filter.level ?? null,
        filter.state ?? null,
        filter.cycleId ?? null,
        filter.unitId ?? null,
        filter.documentId ?? null,
        filter.period ?? null,
        id ?? null,
        !filter.history && !id,
      ],
    );
  }

  async lock(id: string): Promise<EscalationKeyRow | null> {
    const [row]: EscalationKeyRow[] = await this.em.query(
      `SELECT id, report_id AS "reportId", state, level, colour, resolved_at AS "resolvedAt" FROM escalations WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return row ?? null;
  }

  /** Raises an escalation once per dedup key; true when this call raised it. */
  async insert(e: NewEscalation): Promise<boolean> {
    const inserted: unknown[] = await this.em.query(
      `INSERT INTO escalations (dedup_key, task_id, unit_id, cycle_id, report_id, notice_id, level, colour, clause, reason, raised_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (dedup_key) DO NOTHING RETURNING id`,
      [
        e.dedupKey,
        e.taskId,
        e.unitId,
        e.cycleId,
        e.reportId,
        e.noticeId,
        e.level,
        e.colour,
        e.clause ? JSON.stringify(e.clause) : null,
        e.reason,
        e.raisedAt,
      ],
    );
    return inserted.length > 0;
  }

  async markSupervising(id: string, now: Date, reviewerId: string, comment: string): Promise<void> {
    await this.em.query(
      `UPDATE escalations SET state = 'supervising', reviewed_at = $2, reviewed_by = $3, review_comment = $4 WHERE id = $1`,
      [id, now, reviewerId, comment],
    );
  }

  async markResolved(
    id: string,
    now: Date,
    reviewerId: string,
    comment: string | null,
  ): Promise<void> {
    await this.em.query(
      `UPDATE escalations SET state = 'resolved', resolved_at = $2, reviewed_at = $2, reviewed_by = $3,
              review_comment = COALESCE($4, review_comment) WHERE id = $1`,
      [id, now, reviewerId, comment],
    );
  }

  /** A granted extension answers the report's open escalations. */
  async markExtendedForReport(
    reportId: string,
    now: Date,
    reviewerId: string,
    comment: string | null,
  ): Promise<void> {
    await this.em.query(
      `UPDATE escalations SET state = 'extended', reviewed_at = $2, reviewed_by = $3, review_comment = COALESCE($4, review_comment)
        WHERE report_id = $1 AND state IN ('open', 'supervising')`,
      [reportId, now, reviewerId, comment],
    );
  }
}
