import {
  citeClause,
  Citation,
  ClausePurpose,
  ClauseText,
  SupervisionRules,
  withDefaults,
  rulesFromClauses,
} from '@tracker/domain';
import { ReportRow, ReportsRepository } from '@tracker/database';
import { ReportContext } from '@tracker/notify';
import { EntityManager } from 'typeorm';

export type { ReportRow };

/** Loads a report; `lock` takes its row lock so a ladder step and a filing serialise. */
export function loadReport(em: EntityManager, id: string, lock = false): Promise<ReportRow | null> {
  return new ReportsRepository(em).find(id, lock);
}

/** A document's effective rules: the stored profile (the office's word) over its clauses over the defaults. */
export function effectiveRules(
  profile: Partial<SupervisionRules> | null,
  clauses: ClauseText[],
): Required<SupervisionRules> {
  return withDefaults({ ...rulesFromClauses(clauses), ...(profile ?? {}) });
}

export const rulesOf = (r: ReportRow): Required<SupervisionRules> =>
  effectiveRules(r.profile, r.clauses);

export const cite = (r: ReportRow, purpose: ClausePurpose): Citation | null =>
  citeClause(r.documentTitle, r.clauses, purpose);

export function reportContext(r: ReportRow): ReportContext {
  return {
    documentTitle: r.documentTitle,
    period: r.period,
    taskLabel: r.taskPath.join(''),
    taskHeading: r.taskHeading,
    unitName: r.unitName,
    dueAt: r.dueAt,
  };
}
