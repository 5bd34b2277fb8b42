import { isBeyondHorizon, planHorizonYear } from '@tracker/domain';
import { EntityManager } from 'typeorm';

/** Where a plan stands: its last year (the office's, else its text's) and whether it is archived. */
export interface PlanState {
  documentId: string;
  horizonYear: number | null;
  horizonFromText: number | null;
  horizonSetByOffice: number | null;
  archivedAt: Date | null;
}

/** Reads a plan's state; null when the document does not exist. */
export async function loadPlanState(em: EntityManager, documentId: string, lock = false): Promise<PlanState | null> {
  const [doc] = (await em.query(
    `SELECT d.horizon_year, d.archived_at, d.source_text,
            (SELECT array_agg(to_char(t.deadline_on, 'YYYY-MM-DD')) FROM tasks t WHERE t.document_id = d.id AND t.deadline_on IS NOT NULL) AS deadlines
       FROM policy_documents d WHERE d.id = $1 ${lock ? 'FOR UPDATE OF d' : ''}`,
    [documentId],
  )) as { horizon_year: number | null; archived_at: Date | null; source_text: string; deadlines: string[] | null }[];
  if (!doc) return null;
  const fromText = planHorizonYear(doc.source_text ?? '', doc.deadlines ?? []);
  return {
    documentId,
    horizonYear: doc.horizon_year ?? fromText,
    horizonFromText: fromText,
    horizonSetByOffice: doc.horizon_year,
    archivedAt: doc.archived_at,
  };
}

/** Why a cycle for this period may not open, or null when it may. */
export function cycleRefusal(plan: PlanState, period: string): 'DOCUMENT_ARCHIVED' | 'PERIOD_BEYOND_HORIZON' | null {
  if (plan.archivedAt) return 'DOCUMENT_ARCHIVED';
  if (isBeyondHorizon(period, plan.horizonYear)) return 'PERIOD_BEYOND_HORIZON';
  return null;
}
