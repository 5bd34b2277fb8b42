import type { Citation, EscalationState, RungColour } from '@tracker/domain';
import { EntityManager } from 'typeorm';
import { SqlParams } from './sql';

export interface EscalationFilter {
  level?: number;
  state?: EscalationState;
  cycleId?: string;
  unitId?: string;
  documentId?: string;
  period?: string;
  /** Only the unresolved ones (open, extended, supervising). */
  active?: boolean;
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

/** The sort key of the escalation board: level, raised at (whole microseconds since the epoch), id. */
export type EscalationKey = [number, string, string];

// Microseconds since the epoch back to the instant, exactly (no floating point on the way).
const MICROS_TO_TS = (param: string): string =>
  `(timestamptz 'epoch' + ${param}::bigint * interval '1 microsecond')`;

const VIEW_SELECT = `
  SELECT e.id, e.level, e.colour, e.state, e.reason, e.clause, e.task_id AS "taskId", t.path AS "taskPath",
         t.heading AS "taskHeading", e.unit_id AS "unitId", u.name AS "unitName", e.cycle_id AS "cycleId", c.period,
         e.report_id AS "reportId", e.notice_id AS "noticeId", e.raised_at AS "raisedAt", e.reviewed_at AS "reviewedAt",
         e.review_comment AS "reviewComment", e.resolved_at AS "resolvedAt",
         ((extract(epoch FROM e.raised_at) * 1000000)::bigint)::text AS "kRaisedAt"
    FROM escalations e JOIN tasks t ON t.id = e.task_id JOIN units u ON u.id = e.unit_id
    LEFT JOIN reporting_cycles c ON c.id = e.cycle_id`;

/** The filter's conditions on `e` (escalations), `t` (tasks) and `c` (cycles). */
function filterSql(p: SqlParams, f: EscalationFilter): string[] {
  const where = ['true'];
  if (f.level !== undefined) where.push(`e.level = ${p.add(f.level)}::int`);
  if (f.state) where.push(`e.state = ${p.add(f.state)}::text`);
  if (f.active) where.push(`e.state <> 'resolved'`);
  if (f.cycleId) where.push(`e.cycle_id = ${p.add(f.cycleId)}::uuid`);
  if (f.unitId) where.push(`e.unit_id = ${p.add(f.unitId)}::uuid`);
  if (f.documentId) where.push(`t.document_id = ${p.add(f.documentId)}::uuid`);
  if (f.period) where.push(`c.period = ${p.add(f.period)}::text`);
  // By default a report shows once, at its current (latest, highest) escalation.
  if (!f.history)
    where.push(`NOT EXISTS (
      SELECT 1 FROM escalations h
       WHERE h.id <> e.id AND (h.raised_at, h.level) > (e.raised_at, e.level)
         AND (h.report_id = e.report_id
              OR (e.report_id IS NULL AND h.report_id IS NULL AND h.task_id = e.task_id AND h.unit_id = e.unit_id)))`);
  return where;
}

function stripKey({
  kRaisedAt: _k,
  ...row
}: EscalationViewRow & { kRaisedAt?: string }): EscalationViewRow {
  return row;
}

/** Escalations (levels 2 and 3) and the office's review of them. */
export class EscalationsRepository {
  constructor(private readonly em: EntityManager) {}

  /** One escalation as the board shows it. */
  async view(id: string): Promise<EscalationViewRow | null> {
    const p = new SqlParams();
    const [row]: (EscalationViewRow & { kRaisedAt: string })[] = await this.em.query(
      `${VIEW_SELECT} WHERE e.id = ${p.add(id)}`,
      p.values,
    );
    return row ? stripKey(row) : null;
  }

  /**
   * A page of escalations by filter, highest level first, then newest, then id (all descending),
   * after the key `after`: one statement, `limit` rows and the key of the next page.
   */
  async page(
    filter: EscalationFilter,
    after: EscalationKey | null,
    limit: number,
  ): Promise<{ rows: EscalationViewRow[]; next: EscalationKey | null }> {
    const p = new SqlParams();
    const where = filterSql(p, filter);
    if (after) {
      const [level, raisedMicros, id] = after;
      where.push(
        `(e.level, e.raised_at, e.id) < (${p.add(level)}::int, ${MICROS_TO_TS(p.add(raisedMicros))}, ${p.add(id)}::uuid)`,
      );
    }
    const rows: (EscalationViewRow & { kRaisedAt: string })[] = await this.em.query(
      `${VIEW_SELECT} WHERE ${where.join(' AND ')}
        ORDER BY e.level DESC, e.raised_at DESC, e.id DESC LIMIT ${p.add(limit + 1)}`,
      p.values,
    );
    const more = rows.length > limit;
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      rows: page.map(stripKey),
      next: more && last ? [last.level, last.kRaisedAt, last.id] : null,
    };
  }

  /** How many escalations the filter holds (a statement of its own, for the board's lane counts). */
  async count(filter: EscalationFilter): Promise<number> {
    const p = new SqlParams();
    const where = filterSql(p, filter);
    const [row]: { n: number }[] = await this.em.query(
      `SELECT count(*)::int AS n FROM escalations e JOIN tasks t ON t.id = e.task_id
         LEFT JOIN reporting_cycles c ON c.id = e.cycle_id WHERE ${where.join(' AND ')}`,
      p.values,
    );
    return row.n;
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

  /** `insert` for many (a batch of rungs) in one statement; returns how many were new. */
  async insertMany(rows: NewEscalation[]): Promise<number> {
    if (rows.length === 0) return 0;
    const inserted: unknown[] = await this.em.query(
      `INSERT INTO escalations (dedup_key, task_id, unit_id, cycle_id, report_id, notice_id, level, colour, clause, reason, raised_at)
       SELECT e.dedup_key, e.task_id, e.unit_id, e.cycle_id, e.report_id, e.notice_id, e.level, e.colour, e.clause, e.reason, e.raised_at
         FROM jsonb_to_recordset($1::jsonb) AS e(dedup_key text, task_id uuid, unit_id uuid, cycle_id uuid, report_id uuid,
              notice_id uuid, level int, colour text, clause jsonb, reason text, raised_at timestamptz)
       ON CONFLICT (dedup_key) DO NOTHING RETURNING id`,
      [
        JSON.stringify(
          rows.map((e) => ({
            dedup_key: e.dedupKey,
            task_id: e.taskId,
            unit_id: e.unitId,
            cycle_id: e.cycleId,
            report_id: e.reportId,
            notice_id: e.noticeId,
            level: e.level,
            colour: e.colour,
            clause: e.clause,
            reason: e.reason,
            raised_at: e.raisedAt,
          })),
        ),
      ],
    );
    return inserted.length;
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
