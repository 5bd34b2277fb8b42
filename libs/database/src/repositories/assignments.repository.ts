import type { AssignmentRole, AssignmentState } from '@tracker/domain';
import { EntityManager } from 'typeorm';
import { HELD_ASSIGNMENT_STATES } from './sql';

/** An assignment with its unit's name, as its readers see it. */
export interface AssignmentViewRow {
  id: string;
  taskId: string;
  unitId: string;
  unitName: string;
  role: AssignmentRole;
  state: AssignmentState;
  acknowledgedAt: Date | null;
  declinedAt: Date | null;
  declineReason: string | null;
  createdAt: Date;
}

const VIEW_SQL = `SELECT a.id, a.task_id AS "taskId", a.unit_id AS "unitId", un.name AS "unitName", a.role, a.state,
  a.acknowledged_at AS "acknowledgedAt", a.declined_at AS "declinedAt", a.decline_reason AS "declineReason",
  a.created_at AS "createdAt"
  FROM assignments a JOIN units un ON un.id = a.unit_id`;

/** Assignments (牵头 / 配合): their views, acknowledgements and import marks. */
export class AssignmentsRepository {
  constructor(private readonly em: EntityManager) {}

  async view(id: string): Promise<AssignmentViewRow | null> {
    const [row]: AssignmentViewRow[] = await this.em.query(`${VIEW_SQL} WHERE a.id = $1`, [id]);
    return row ?? null;
  }

  /** Every assignment of the task (reassigned ones too), lead first, in the document's order. */
  ofTask(taskId: string): Promise<AssignmentViewRow[]> {
    return this.em.query(`${VIEW_SQL} WHERE a.task_id = $1 ORDER BY a.role, a.ordinal, un.name`, [
      taskId,
    ]);
  }

  /** The held (not reassigned) assignments of some tasks, in the document's order. */
  heldOfTasks(taskIds: string[]): Promise<AssignmentViewRow[]> {
    return this.em.query(
      `${VIEW_SQL} WHERE a.task_id = ANY($1::uuid[]) AND a.state IN ${HELD_ASSIGNMENT_STATES}
        ORDER BY a.ordinal, un.name`,
      [taskIds],
    );
  }

  /** Declined assignments waiting for the office, oldest decline first. */
  declined(): Promise<AssignmentViewRow[]> {
    return this.em.query(`${VIEW_SQL} WHERE a.state = 'declined' ORDER BY a.declined_at, a.id`);
  }

  /**
   * The units' assignments of open tasks, locked in id order: the named ones (any state), or
   * with `ids` null every pending one.
   */
  lockOfUnits(
    unitIds: string[],
    ids: string[] | null,
  ): Promise<{ id: string; state: AssignmentState }[]> {
    return this.em.query(
      `SELECT a.id, a.state FROM assignments a JOIN tasks t ON t.id = a.task_id
        WHERE a.unit_id = ANY($1::uuid[]) AND t.state = 'open'
          AND ($2::uuid[] IS NULL OR a.id = ANY($2::uuid[])) AND ($2::uuid[] IS NOT NULL OR a.state = 'pending')
        ORDER BY a.id FOR UPDATE OF a`,
      [unitIds, ids],
    );
  }

  async acknowledgeMany(ids: string[], at: Date, userId: string): Promise<void> {
    await this.em.query(
      `UPDATE assignments SET state = 'acknowledged', acknowledged_at = $2, acknowledged_by = $3 WHERE id = ANY($1::uuid[])`,
      [ids, at, userId],
    );
  }

  /** How many assignments the document's tasks have (every state). */
  async countOfDocument(documentId: string): Promise<number> {
    const [{ assignments }]: { assignments: number }[] = await this.em.query(
      `SELECT count(*)::int AS assignments FROM assignments a JOIN tasks t ON t.id = a.task_id WHERE t.document_id = $1`,
      [documentId],
    );
    return assignments;
  }
}
