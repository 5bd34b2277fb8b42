import { EntityManager } from 'typeorm';

/** What a plan's end is decided from: the office's year, the text and the tasks' deadlines. */
export interface PlanRow {
  horizonYear: number | null;
  archivedAt: Date | null;
  sourceText: string;
  /** The tasks' deadlines (YYYY-MM-DD); empty when none has one. */
  deadlines: string[];
}

/** A plan's lifecycle on its document row: the last year it runs to, and archiving. */
export class PlansRepository {
  constructor(private readonly em: EntityManager) {}

  async find(documentId: string, lock = false): Promise<PlanRow | null> {
    const [row]: PlanRow[] = await this.em.query(
      `SELECT d.horizon_year AS "horizonYear", d.archived_at AS "archivedAt", coalesce(d.source_text, '') AS "sourceText",
              coalesce((SELECT array_agg(to_char(t.deadline_on, 'YYYY-MM-DD')) FROM tasks t
                         WHERE t.document_id = d.id AND t.deadline_on IS NOT NULL), '{}') AS deadlines
         FROM policy_documents d WHERE d.id = $1 ${lock ? 'FOR UPDATE OF d' : ''}`,
      [documentId],
    );
    return row ?? null;
  }

  async setHorizon(documentId: string, horizonYear: number | null): Promise<void> {
    await this.em.query(`UPDATE policy_documents SET horizon_year = $2 WHERE id = $1`, [
      documentId,
      horizonYear,
    ]);
  }

  async archive(documentId: string, at: Date, byUserId: string): Promise<void> {
    await this.em.query(
      `UPDATE policy_documents SET archived_at = $2, archived_by = $3 WHERE id = $1`,
      [documentId, at, byUserId],
    );
  }
}
