import { isBeyondHorizon, planHorizonYear } from '@tracker/domain';
import { PlansRepository } from '@tracker/database';
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
export async function loadPlanState(
  em: EntityManager,
  documentId: string,
  lock = false,
): Promise<PlanState | null> {
  const doc = await new PlansRepository(em).find(documentId, lock);
  if (!doc) return null;
  const fromText = planHorizonYear(doc.sourceText, doc.deadlines);
  return {
    documentId,
    horizonYear: doc.horizonYear ?? fromText,
    horizonFromText: fromText,
    horizonSetByOffice: doc.horizonYear,
    archivedAt: doc.archivedAt,
  };
}

/** Why a cycle for this period may not open, or null when it may. */
export function cycleRefusal(
  plan: PlanState,
  period: string,
): 'DOCUMENT_ARCHIVED' | 'PERIOD_BEYOND_HORIZON' | null {
  if (plan.archivedAt) return 'DOCUMENT_ARCHIVED';
  if (isBeyondHorizon(period, plan.horizonYear)) return 'PERIOD_BEYOND_HORIZON';
  return null;
}
