import {
  chooseRungs,
  citeClause,
  Citation,
  ClausePurpose,
  ClauseText,
  SupervisionRules,
  withDefaults,
  reportLadder,
  RungChoice,
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

/**
 * What a report's ladder raises at `now` and when it wakes next: the domain's rule (only the
 * current rung). The per-report step, the cycle's batch and its fan-out all ask this.
 */
export const ladderChoice = (
  dueAt: Date,
  rules: Required<SupervisionRules>,
  now: Date,
): RungChoice => chooseRungs(reportLadder(dueAt, rules), dueAt, now);

/** A report whose ladder raises rungs now: not filed, its task open, its cycle not closed, its unit still the lead. */
export const isChased = (
  r: Pick<ReportRow, 'state' | 'taskState' | 'cycleState' | 'owed'>,
): boolean =>
  r.state !== 'accepted' &&
  r.state !== 'submitted' &&
  r.taskState === 'open' &&
  r.cycleState !== 'closed' &&
  r.owed;
