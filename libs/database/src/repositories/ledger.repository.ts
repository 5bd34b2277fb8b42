import type { AssignmentRole, AssignmentState } from '@tracker/domain';
import { EntityManager } from 'typeorm';
import { HELD_ASSIGNMENT_STATES } from './sql';
import { UNIT_CHAIN_SQL } from './sql';

export interface LedgerTaskRow {
  id: string;
  documentTitle: string | null;
  taskPath: string[];
  heading: string;
  body: string;
  /** YYYY-MM-DD */
  deadlineOn: string | null;
  deadlineText: string | null;
}

/** A task in a unit's ledger, with the unit's own assignment of it. */
export interface UnitLedgerTaskRow extends LedgerTaskRow {
  ownRole: AssignmentRole;
  ownState: AssignmentState;
  ownAcknowledgedAt: Date | null;
}

export interface LedgerAssignmentRow {
  taskId: string;
  unitName: string;
  role: AssignmentRole;
  state: AssignmentState;
}

export interface LatestReportRow {
  taskId: string;
  period: string;
  progressStatus: string | null;
  narrative: string | null;
}

const TASK = `t.id, d.title AS "documentTitle", t.path AS "taskPath", t.heading, t.body,
              to_char(t.deadline_on, 'YYYY-MM-DD') AS "deadlineOn", t.deadline_text AS "deadlineText"`;

/** The task ledger (台账): a document's or a unit's tasks with their units, acknowledgements and latest reports. */
export class LedgerRepository {
  constructor(private readonly em: EntityManager) {}

  async document(
    documentId: string,
  ): Promise<{ title: string | null; docNumber: string | null } | null> {
    const [row]: { title: string | null; docNumber: string | null }[] = await this.em.query(
      `SELECT d.title, d.doc_number AS "docNumber" FROM policy_documents d WHERE d.id = $1`,
      [documentId],
    );
    return row ?? null;
  }

  /** The document's tasks in order; `unitIds` given: only those the units hold. */
  documentTasks(documentId: string, unitIds: string[] | null): Promise<LedgerTaskRow[]> {
    const scoped = unitIds
      ? `AND EXISTS (SELECT 1 FROM assignments a WHERE a.task_id = t.id AND a.state IN ${HELD_ASSIGNMENT_STATES}
                  AND a.unit_id = ANY($2::uuid[]))`
      : '';
    return this.em.query(
      `SELECT ${TASK}
         FROM tasks t JOIN policy_documents d ON d.id = t.document_id
        WHERE t.document_id = $1 AND t.is_task ${scoped}
        ORDER BY t.ordinal`,
      unitIds ? [documentId, unitIds] : [documentId],
    );
  }

  /** The unit and its former names (empty when there is no such unit). */
  unitChain(unitId: string): Promise<{ id: string; name: string }[]> {
    return this.em.query(
      `WITH chain AS (${UNIT_CHAIN_SQL}) SELECT u.id, u.name FROM chain JOIN units u ON u.id = chain.id`,
      [unitId],
    );
  }

  /** Tasks the units hold, across documents, one row per assignment. */
  unitTasks(unitIds: string[]): Promise<UnitLedgerTaskRow[]> {
    return this.em.query(
      `SELECT ${TASK}, a.role AS "ownRole", a.state AS "ownState", a.acknowledged_at AS "ownAcknowledgedAt"
         FROM assignments a JOIN tasks t ON t.id = a.task_id JOIN policy_documents d ON d.id = t.document_id
        WHERE a.unit_id = ANY($1::uuid[]) AND a.state IN ${HELD_ASSIGNMENT_STATES}
        ORDER BY d.issued_on NULLS LAST, d.id, t.ordinal, a.role`,
      [unitIds],
    );
  }

  assignments(taskIds: string[]): Promise<LedgerAssignmentRow[]> {
    return this.em.query(
      `SELECT a.task_id AS "taskId", un.name AS "unitName", a.role, a.state
         FROM assignments a JOIN units un ON un.id = a.unit_id
        WHERE a.task_id = ANY($1::uuid[]) AND a.state IN ${HELD_ASSIGNMENT_STATES}
        ORDER BY a.ordinal, un.name`,
      [taskIds],
    );
  }

  /** Each task's latest filed report (submitted, accepted or returned). */
  latestReports(taskIds: string[]): Promise<LatestReportRow[]> {
    return this.em.query(
      `SELECT DISTINCT ON (r.task_id) r.task_id AS "taskId", c.period, r.progress_status AS "progressStatus", r.narrative
         FROM status_reports r JOIN reporting_cycles c ON c.id = r.cycle_id
        WHERE r.task_id = ANY($1::uuid[]) AND r.state IN ('submitted', 'accepted', 'returned')
        ORDER BY r.task_id, r.submitted_at DESC NULLS LAST`,
      [taskIds],
    );
  }

  /** Those of the tasks the office closed (销号), with when. */
  closedTasks(taskIds: string[]): Promise<{ id: string; completedAt: Date }[]> {
    return this.em.query(
      `SELECT id, completed_at AS "completedAt" FROM tasks WHERE id = ANY($1::uuid[]) AND state = 'completed'`,
      [taskIds],
    );
  }
}
