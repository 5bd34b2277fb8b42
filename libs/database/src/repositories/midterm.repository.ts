import type { TaskTarget } from '../entities/task.entity';
import { EntityManager } from 'typeorm';

export interface MidtermTaskRow {
  taskId: string;
  path: string[];
  heading: string;
  state: string;
  deadlineOn: string | null;
  targets: TaskTarget[];
  leadUnits: { id: string; name: string }[];
  /** The latest filed report's status and figures (by the cycle's due time), if any. */
  progressStatus: string | null;
  targetValues: { index?: number; target?: string; value: number | null }[];
}

/** 中期评估: a document's tasks with the latest figures their leads filed. */
export class MidtermRepository {
  constructor(private readonly em: EntityManager) {}

  async document(documentId: string): Promise<{
    id: string;
    title: string | null;
    issuedOn: string | null;
    importedAt: Date;
  } | null> {
    const [row] = await this.em.query(
      `SELECT id, title, to_char(issued_on, 'YYYY-MM-DD') AS "issuedOn", imported_at AS "importedAt"
         FROM policy_documents WHERE id = $1`,
      [documentId],
    );
    return row ?? null;
  }

  tasks(documentId: string): Promise<MidtermTaskRow[]> {
    return this.em.query(
      `SELECT t.id AS "taskId", t.path, t.heading, t.state, to_char(t.deadline_on, 'YYYY-MM-DD') AS "deadlineOn", t.targets,
              coalesce((SELECT json_agg(json_build_object('id', u.id, 'name', u.name) ORDER BY a.ordinal)
                          FROM assignments a JOIN units u ON u.id = a.unit_id
                         WHERE a.task_id = t.id AND a.role = 'lead' AND a.state IN ('pending', 'acknowledged', 'declined')), '[]') AS "leadUnits",
              lr.progress_status AS "progressStatus", coalesce(lr.target_values, '[]') AS "targetValues"
         FROM tasks t
         LEFT JOIN LATERAL (SELECT r.progress_status, r.target_values FROM status_reports r JOIN reporting_cycles c ON c.id = r.cycle_id
                             WHERE r.task_id = t.id AND r.first_submitted_at IS NOT NULL
                             ORDER BY c.due_at DESC, r.submitted_at DESC NULLS LAST LIMIT 1) lr ON true
        WHERE t.document_id = $1 AND t.is_task AND t.state <> 'cancelled'
        ORDER BY t.ordinal`,
      [documentId],
    );
  }
}
