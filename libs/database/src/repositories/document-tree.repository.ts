import { EntityManager } from 'typeorm';

export interface TreeRow {
  id: string;
  parent_id: string | null;
  path: string[];
  heading: string;
  is_task: boolean;
  state: string;
  deadline_on: string | null;
  deadline_text: string | null;
  lead_units: string[];
  support_units: string[];
  late_reports: number;
  due_soon_reports: number;
  returned_reports: number;
  pending_acks: number;
}

/**
 * A document's numbered items in order with, per task, its units and the counts its colour is
 * decided by: one statement for the whole tree (aggregates per task, no query per node).
 */
export class DocumentTreeRepository {
  constructor(private readonly em: EntityManager) {}

  rows(documentId: string, now: Date): Promise<TreeRow[]> {
    return this.em.query(
      `SELECT t.id, t.parent_id, t.path, t.heading, t.is_task, t.state,
              to_char(t.deadline_on, 'YYYY-MM-DD') AS deadline_on, t.deadline_text,
              coalesce(a.lead_units, '{}') AS lead_units, coalesce(a.support_units, '{}') AS support_units,
              coalesce(a.pending_acks, 0) AS pending_acks,
              coalesce(r.late, 0) AS late_reports, coalesce(r.due_soon, 0) AS due_soon_reports, coalesce(r.returned, 0) AS returned_reports
         FROM tasks t
         LEFT JOIN LATERAL (
           SELECT array_agg(un.name ORDER BY x.ordinal) FILTER (WHERE x.role = 'lead') AS lead_units,
                  array_agg(un.name ORDER BY x.ordinal) FILTER (WHERE x.role = 'support') AS support_units,
                  count(*) FILTER (WHERE x.state = 'pending' AND x.role = 'support')::int AS pending_acks
             FROM assignments x JOIN units un ON un.id = x.unit_id
            WHERE x.task_id = t.id AND x.state IN ('pending', 'acknowledged', 'declined')
         ) a ON t.is_task
         LEFT JOIN LATERAL (
           SELECT count(*) FILTER (WHERE s.state IN ('pending', 'draft', 'returned') AND s.due_at <= $2)::int AS late,
                  count(*) FILTER (WHERE s.state IN ('pending', 'draft', 'returned') AND s.due_at > $2 AND s.due_at <= $2 + interval '7 days')::int AS due_soon,
                  count(*) FILTER (WHERE s.state = 'returned')::int AS returned
             FROM status_reports s JOIN reporting_cycles c ON c.id = s.cycle_id
            WHERE s.task_id = t.id AND c.state = 'open'
         ) r ON t.is_task
        WHERE t.document_id = $1
        ORDER BY t.ordinal`,
      [documentId, now],
    );
  }
}
