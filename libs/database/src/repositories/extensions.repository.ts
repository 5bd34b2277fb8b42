import type { ExtensionState } from '@tracker/domain';
import { EntityManager } from 'typeorm';

export interface ExtensionRow {
  id: string;
  reportId: string | null;
  taskId: string;
  unitId: string;
  /** YYYY-MM-DD */
  requestedDueOn: string;
  reason: string;
  state: ExtensionState;
  decidedAt: Date | null;
  decisionComment: string | null;
  createdAt: Date;
}

export interface NewExtension {
  taskId: string;
  unitId: string;
  reportId: string;
  requestedBy: string;
  requestedDueOn: string;
  reason: string;
  createdAt: Date;
}

/** Extension requests (延期申请): asked by the lead unit, decided by the office. */
export class ExtensionsRepository {
  constructor(private readonly em: EntityManager) {}

  async pendingFor(reportId: string): Promise<{ id: string } | null> {
    const [row]: { id: string }[] = await this.em.query(
      `SELECT id FROM extension_requests WHERE report_id = $1 AND state = 'pending'`,
      [reportId],
    );
    return row ?? null;
  }

  /** The reports' pending requests follow the reports to their new unit. */
  async movePendingToUnit(reportIds: string[], unitId: string): Promise<void> {
    await this.em.query(
      `UPDATE extension_requests SET unit_id = $2 WHERE report_id = ANY($1::uuid[]) AND state = 'pending'`,
      [reportIds, unitId],
    );
  }

  async insert(e: NewExtension): Promise<string> {
    const [row]: { id: string }[] = await this.em.query(
      `INSERT INTO extension_requests (task_id, unit_id, report_id, requested_by, requested_due_on, reason, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [e.taskId, e.unitId, e.reportId, e.requestedBy, e.requestedDueOn, e.reason, e.createdAt],
    );
    return row.id;
  }

  async lock(
    id: string,
  ): Promise<{ reportId: string; requestedDueOn: string; state: ExtensionState } | null> {
    const [row]: { reportId: string; requestedDueOn: string; state: ExtensionState }[] =
      await this.em.query(
        `SELECT report_id AS "reportId", to_char(requested_due_on, 'YYYY-MM-DD') AS "requestedDueOn", state FROM extension_requests WHERE id = $1 FOR UPDATE`,
        [id],
      );
    return row ?? null;
  }

  async decide(
    id: string,
    state: 'approved' | 'rejected',
    deciderId: string,
    at: Date,
    comment: string | null,
  ): Promise<void> {
    await this.em.query(
      `UPDATE extension_requests SET state = $5, decided_by = $2, decided_at = $3, decision_comment = $4 WHERE id = $1`,
      [id, deciderId, at, comment, state],
    );
  }

  list(f: { id?: string; state?: ExtensionState; unitIds?: string[] }): Promise<ExtensionRow[]> {
    return this.em.query(
      `SELECT id, report_id AS "reportId", task_id AS "taskId", unit_id AS "unitId",
              to_char(requested_due_on, 'YYYY-MM-DD') AS "requestedDueOn", reason, state,
              decided_at AS "decidedAt", decision_comment AS "decisionComment", created_at AS "createdAt"
         FROM extension_requests
        WHERE ($1::uuid IS NULL OR id = $1::uuid) AND ($2::text IS NULL OR state = $2::text) AND ($3::uuid[] IS NULL OR unit_id = ANY($3::uuid[]))
        ORDER BY created_at DESC`,
      [f.id ?? null, f.state ?? null, f.unitIds ?? null],
    );
  }
}
