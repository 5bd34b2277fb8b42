import type { ClauseText, SupervisionRules } from '@tracker/domain';
import { EntityManager } from 'typeorm';

/** A document's supervision profile as stored: the office's changes and the clauses of its text. */
export interface SupervisionSource {
  profile: Partial<SupervisionRules> | null;
  clauses: ClauseText[];
}

export interface CycleKey {
  id: string;
  state: string;
  dueAt: Date;
}

export interface CycleSummaryRow {
  id: string;
  documentId: string;
  documentTitle: string | null;
  period: string;
  state: string;
  opensAt: Date;
  dueAt: Date;
  reports: number;
  submitted: number;
  accepted: number;
  onTime: number;
  hasBulletin: boolean;
}

/** A report as a cycle preview counts it: an existing one, or one that opening would add. */
export interface PreviewReportRow {
  dueAt: Date;
  state: string;
  /** The rungs already raised in the report's current ladder epoch. */
  raised: string[] | null;
}

// The lead assignments a cycle files reports for: held, on the document's open tasks.
const OPEN_LEAD_TASKS = `FROM tasks t JOIN assignments a ON a.task_id = t.id AND a.role = 'lead' AND a.state IN ('pending', 'acknowledged')
        WHERE t.document_id = $DOC AND t.is_task AND t.state = 'open'`;

/** Reporting cycles and the reports they open, with the document's supervision profile. */
export class CyclesRepository {
  constructor(private readonly em: EntityManager) {}

  async supervisionOf(documentId: string, lock = false): Promise<SupervisionSource | null> {
    const [row]: SupervisionSource[] = await this.em.query(
      `SELECT supervision_profile AS profile, supervision_clauses AS clauses FROM policy_documents WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [documentId],
    );
    return row ?? null;
  }

  async saveProfile(documentId: string, profile: Partial<SupervisionRules>): Promise<void> {
    await this.em.query(`UPDATE policy_documents SET supervision_profile = $2 WHERE id = $1`, [
      documentId,
      JSON.stringify(profile),
    ]);
  }

  /** Documents the daily run opens cycles for: not archived, with an open task that has a lead unit. */
  documentsDue(): Promise<(SupervisionSource & { id: string })[]> {
    return this.em.query(
      `SELECT d.id, d.supervision_profile AS profile, d.supervision_clauses AS clauses FROM policy_documents d
        WHERE d.archived_at IS NULL AND EXISTS (SELECT 1 FROM tasks t JOIN assignments a ON a.task_id = t.id AND a.role = 'lead'
                       WHERE t.document_id = d.id AND t.is_task AND t.state = 'open')`,
    );
  }

  /** Inserts the cycle unless it exists; true when this call created it. */
  async insertOpen(
    documentId: string,
    period: string,
    opensAt: Date,
    dueAt: Date,
    now: Date,
  ): Promise<boolean> {
    const inserted: unknown[] = await this.em.query(
      `INSERT INTO reporting_cycles (document_id, period, opens_at, due_at, state, opened_at)
       VALUES ($1, $2, $3, $4, 'open', $5)
       ON CONFLICT (document_id, period) DO NOTHING RETURNING id`,
      [documentId, period, opensAt, dueAt, now],
    );
    return inserted.length > 0;
  }

  async lockByPeriod(documentId: string, period: string): Promise<CycleKey | null> {
    const [row]: CycleKey[] = await this.em.query(
      `SELECT id, state, due_at AS "dueAt" FROM reporting_cycles WHERE document_id = $1 AND period = $2 FOR UPDATE`,
      [documentId, period],
    );
    return row ?? null;
  }

  async findByPeriod(
    documentId: string,
    period: string,
  ): Promise<{ id: string; dueAt: Date } | null> {
    const [row]: { id: string; dueAt: Date }[] = await this.em.query(
      `SELECT id, due_at AS "dueAt" FROM reporting_cycles WHERE document_id = $1 AND period = $2`,
      [documentId, period],
    );
    return row ?? null;
  }

  /** Whether the period's cycle exists and has opened (a scheduled one has not). */
  async isOpened(documentId: string, period: string): Promise<boolean> {
    const rows: unknown[] = await this.em.query(
      `SELECT 1 FROM reporting_cycles WHERE document_id = $1 AND period = $2 AND state <> 'scheduled'`,
      [documentId, period],
    );
    return rows.length > 0;
  }

  async markOpen(cycleId: string, at: Date): Promise<void> {
    await this.em.query(
      `UPDATE reporting_cycles SET state = 'open', opened_at = $2 WHERE id = $1`,
      [cycleId, at],
    );
  }

  /** One report per open task of the document and lead unit it names (set-based, idempotent); the number added. */
  async addMissingReports(
    cycleId: string,
    documentId: string,
    dueAt: Date,
    now: Date,
  ): Promise<number> {
    const added: unknown[] = await this.em.query(
      `INSERT INTO status_reports (cycle_id, task_id, unit_id, due_at, updated_at)
       SELECT $1, t.id, a.unit_id, $2, $4
         ${OPEN_LEAD_TASKS.replace('$DOC', '$3')}
       ON CONFLICT (cycle_id, task_id, unit_id) DO NOTHING RETURNING id`,
      [cycleId, dueAt, documentId, now],
    );
    return added.length;
  }

  /** Closes the document's cycles that are not closed; the number closed. */
  async closeAllOf(documentId: string, at: Date): Promise<number> {
    const closed: unknown[] = await this.em.query(
      `UPDATE reporting_cycles SET state = 'closed', closed_at = $2 WHERE document_id = $1 AND state <> 'closed' RETURNING id`,
      [documentId, at],
    );
    return closed.length;
  }

  /** Cycles with their report counts, newest first. */
  summaries(filter: { documentId?: string; period?: string } = {}): Promise<CycleSummaryRow[]> {
    return this.em.query(
      `SELECT c.id, c.document_id AS "documentId", d.title AS "documentTitle", c.period, c.state,
              c.opens_at AS "opensAt", c.due_at AS "dueAt",
              count(r.id)::int AS reports,
              count(r.first_submitted_at)::int AS submitted,
              count(*) FILTER (WHERE r.state = 'accepted')::int AS accepted,
              count(*) FILTER (WHERE r.first_submitted_at <= r.due_at)::int AS "onTime",
              EXISTS (SELECT 1 FROM bulletins b WHERE b.cycle_id = c.id) AS "hasBulletin"
         FROM reporting_cycles c JOIN policy_documents d ON d.id = c.document_id
         LEFT JOIN status_reports r ON r.cycle_id = c.id
        WHERE ($1::uuid IS NULL OR c.document_id = $1::uuid) AND ($2::text IS NULL OR c.period = $2::text)
        GROUP BY c.id, d.title ORDER BY c.opens_at DESC, d.title`,
      [filter.documentId ?? null, filter.period ?? null],
    );
  }

  /** The reports a cycle has and those opening it would add (due at `dueAt`), with the rungs raised so far. */
  previewReports(
    cycleId: string | null,
    documentId: string,
    dueAt: Date,
  ): Promise<PreviewReportRow[]> {
    return this.em.query(
      `SELECT r.due_at AS "dueAt", r.state,
              (SELECT array_agg(split_part(n.dedup_key, '/', 1)) FROM notices n WHERE n.report_id = r.id
                 AND n.dedup_key LIKE '%/e' || r.ladder_epoch) AS raised
         FROM status_reports r WHERE r.cycle_id = $1
       UNION ALL
       SELECT $3::timestamptz, 'pending', NULL
         ${OPEN_LEAD_TASKS.replace('$DOC', '$2')}
          AND NOT EXISTS (SELECT 1 FROM status_reports r WHERE r.cycle_id = $1 AND r.task_id = t.id AND r.unit_id = a.unit_id)`,
      [cycleId, documentId, dueAt],
    );
  }

  /** Who a document's bulletin is mailed to: the office, the leaders and members of units holding its tasks. */
  async bulletinRecipientCount(documentId: string): Promise<number> {
    const [{ recipients }]: { recipients: number }[] = await this.em.query(
      `SELECT count(*)::int AS recipients FROM users u
        WHERE NOT u.is_disabled AND ('office' = ANY(u.roles) OR 'leader' = ANY(u.roles) OR u.unit_id IN (
          SELECT a.unit_id FROM assignments a JOIN tasks t ON t.id = a.task_id
           WHERE t.document_id = $1 AND a.state IN ('pending', 'acknowledged')))`,
      [documentId],
    );
    return recipients;
  }

  async hasBulletin(cycleId: string): Promise<boolean> {
    const rows: unknown[] = await this.em.query(`SELECT 1 FROM bulletins WHERE cycle_id = $1`, [
      cycleId,
    ]);
    return rows.length > 0;
  }
}
