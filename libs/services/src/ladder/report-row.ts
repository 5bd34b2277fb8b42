import {
  citeClause,
  Citation,
  ClausePurpose,
  ClauseText,
  ReportState,
  SupervisionRules,
  TaskState,
  withDefaults,
  rulesFromClauses,
  CycleState,
} from '@tracker/domain';
import { ReportContext } from '@tracker/notify';
import { EntityManager } from 'typeorm';

/** A report with what the ladder, the review and the notices need to know about it. */
export interface ReportRow {
  id: string;
  cycleId: string;
  taskId: string;
  unitId: string;
  state: ReportState;
  dueAt: Date;
  ladderEpoch: number;
  firstSubmittedAt: Date | null;
  period: string;
  cycleState: CycleState;
  cycleDueAt: Date;
  taskState: TaskState;
  taskPath: string[];
  taskHeading: string;
  documentId: string;
  documentTitle: string | null;
  profile: Partial<SupervisionRules> | null;
  clauses: ClauseText[];
  unitName: string;
}

const SELECT = `
  SELECT r.id, r.cycle_id, r.task_id, r.unit_id, r.state, r.due_at, r.ladder_epoch, r.first_submitted_at,
         c.period, c.state AS cycle_state, c.due_at AS cycle_due_at, t.state AS task_state, t.path AS task_path,
         t.heading AS task_heading, d.id AS document_id, d.title AS document_title,
         d.supervision_profile AS profile, d.supervision_clauses AS clauses, u.name AS unit_name
    FROM status_reports r
    JOIN reporting_cycles c ON c.id = r.cycle_id
    JOIN tasks t ON t.id = r.task_id
    JOIN policy_documents d ON d.id = c.document_id
    JOIN units u ON u.id = r.unit_id`;

type Raw = Record<string, unknown>;

function toRow(r: Raw): ReportRow {
  return {
    id: r.id as string,
    cycleId: r.cycle_id as string,
    taskId: r.task_id as string,
    unitId: r.unit_id as string,
    state: r.state as ReportState,
    dueAt: r.due_at as Date,
    ladderEpoch: r.ladder_epoch as number,
    firstSubmittedAt: (r.first_submitted_at as Date | null) ?? null,
    period: r.period as string,
    cycleState: r.cycle_state as CycleState,
    cycleDueAt: r.cycle_due_at as Date,
    taskState: r.task_state as TaskState,
    taskPath: r.task_path as string[],
    taskHeading: r.task_heading as string,
    documentId: r.document_id as string,
    documentTitle: (r.document_title as string | null) ?? null,
    profile: (r.profile as Partial<SupervisionRules> | null) ?? null,
    clauses: (r.clauses as ClauseText[] | null) ?? [],
    unitName: r.unit_name as string,
  };
}

/** Loads a report; `lock` takes its row lock so a ladder step and a filing serialise. */
export async function loadReport(em: EntityManager, id: string, lock = false): Promise<ReportRow | null> {
  const rows: Raw[] = await em.query(`${SELECT} WHERE r.id = $1 ${lock ? 'FOR UPDATE OF r' : ''}`, [id]);
  return rows[0] ? toRow(rows[0]) : null;
}

/** A document's effective rules: the stored profile (the office's word) over its clauses over the defaults. */
export function effectiveRules(profile: Partial<SupervisionRules> | null, clauses: ClauseText[]): Required<SupervisionRules> {
  return withDefaults({ ...rulesFromClauses(clauses), ...(profile ?? {}) });
}

export const rulesOf = (r: ReportRow): Required<SupervisionRules> => effectiveRules(r.profile, r.clauses);

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
