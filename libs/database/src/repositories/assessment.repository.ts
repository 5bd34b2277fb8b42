import type { AssessmentEventKind, AssessmentScheme } from '@tracker/domain';
import { EntityManager } from 'typeorm';
import { HELD_ASSIGNMENT_STATES as HELD } from './sql';

/** One event behind a point, as the audit log, the ladder's notices and the escalations recorded it. */
export interface AssessmentEventRow {
  kind: AssessmentEventKind;
  unit_id: string;
  at: Date;
  period: string | null;
  on: string | null;
  level: number | null;
  points: string | null;
  task_id: string | null;
  report_id: string | null;
  source_type: string;
  source_id: string;
  note: string | null;
  path: string[] | null;
  heading: string | null;
}

const DAY = (col: string): string => `to_char((${col}) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`;

/**
 * Reads for assessment (考核评估). Events are derived, never stored: a late report is one the ladder
 * recorded as past due (its first `overdue` notice or escalation); each escalation row is a rung
 * reached; returns, declines and closings come from the audit log; adjustments carry their reason.
 */
export class AssessmentRepository {
  constructor(private readonly em: EntityManager) {}

  async documentTitle(documentId: string): Promise<{ title: string | null } | null> {
    const [row]: { title: string | null }[] = await this.em.query(
      `SELECT title FROM policy_documents WHERE id = $1`,
      [documentId],
    );
    return row ?? null;
  }

  /**
   * Units holding a part (lead or support, not reassigned away) of the document's tasks. A task
   * amended (动态调整) counts the units of its versions in force by `until` (a period's end), so a
   * past period scores the units that held the parts then, not the ones an amendment brought in.
   */
  async units(
    documentId: string,
    until: Date | null = null,
  ): Promise<{ id: string; name: string }[]> {
    return this.em.query(
      `SELECT DISTINCT un.id, un.name FROM units un
        WHERE un.id IN (SELECT a.unit_id FROM assignments a JOIN tasks t ON t.id = a.task_id
                         WHERE t.document_id = $1 AND a.state IN ${HELD}
                           AND NOT EXISTS (SELECT 1 FROM task_versions v WHERE v.task_id = t.id)
                        UNION
                        SELECT unnest(v.lead_unit_ids || v.support_unit_ids) FROM task_versions v JOIN tasks t ON t.id = v.task_id
                         WHERE t.document_id = $1 AND (v.version = 1 OR v.effective_from <= coalesce($2::timestamptz, 'infinity')))
        ORDER BY un.name`,
      [documentId, until],
    );
  }

  async events(documentId: string): Promise<AssessmentEventRow[]> {
    return this.em.query(
      `WITH doc_tasks AS (SELECT id, deadline_on, state FROM tasks WHERE document_id = $1),
            reports AS (
              SELECT r.id, r.task_id, r.unit_id, c.period FROM status_reports r JOIN reporting_cycles c ON c.id = r.cycle_id
               WHERE c.document_id = $1)
       SELECT ev.*, t.path, t.heading FROM (
         (SELECT DISTINCT ON (x.report_id) 'late_report' AS kind, r.unit_id, x.at, r.period, NULL AS on, NULL::int AS level,
                 NULL::numeric AS points, r.task_id, r.id AS report_id, x.source_type, x.source_id, NULL AS note
            FROM (
              SELECT n.report_id, n.created_at AS at, 'notice' AS source_type, n.id::text AS source_id
                FROM notices n JOIN doc_tasks t ON t.id = n.task_id WHERE n.kind = 'overdue' AND n.report_id IS NOT NULL
              UNION ALL
              SELECT e.report_id, e.raised_at, 'escalation', e.id::text
                FROM escalations e JOIN doc_tasks t ON t.id = e.task_id WHERE e.report_id IS NOT NULL
            ) x JOIN reports r ON r.id = x.report_id
           ORDER BY x.report_id, x.at, x.source_id)
         UNION ALL
         SELECT 'escalation_rung', e.unit_id, e.raised_at, r.period, CASE WHEN r.id IS NULL THEN ${DAY('e.raised_at')} END, e.level, NULL,
                e.task_id, e.report_id, 'escalation', e.id::text, e.reason
           FROM escalations e JOIN doc_tasks t ON t.id = e.task_id LEFT JOIN reports r ON r.id = e.report_id
         UNION ALL
         SELECT 'report_returned', r.unit_id, l.at, r.period, NULL, NULL, NULL, r.task_id, r.id, 'audit_log', l.id::text, l.after ->> 'comment'
           FROM audit_log l JOIN reports r ON l.target_type = 'status_report' AND l.target_id = r.id::text
          WHERE l.action = 'report.return'
         UNION ALL
         SELECT 'decline_unreassigned', a.unit_id, l.at, NULL, ${DAY('l.at')}, NULL, NULL, a.task_id, NULL, 'audit_log', l.id::text, a.decline_reason
           FROM assignments a JOIN doc_tasks t ON t.id = a.task_id
           JOIN audit_log l ON l.target_type = 'assignment' AND l.target_id = a.id::text AND l.action = 'assignment.decline'
          WHERE a.state = 'declined'
         UNION ALL
         SELECT 'completed_on_time', a.unit_id, l.at, NULL, ${DAY('l.at')}, NULL, NULL, t.id, NULL, 'audit_log', l.id::text, NULL
           FROM doc_tasks t
           JOIN audit_log l ON l.target_type = 'task' AND l.target_id = t.id::text AND l.action = 'task.close'
           JOIN assignments a ON a.task_id = t.id AND a.role = 'lead' AND a.state IN ('pending', 'acknowledged')
           -- The deadline in force when the office closed it (an amendment since changes no past period).
           CROSS JOIN LATERAL (SELECT (coalesce((SELECT ARRAY[v.deadline_on] FROM task_versions v
                                                  WHERE v.task_id = t.id AND (v.version = 1 OR v.effective_from <= l.at)
                                                  ORDER BY v.version DESC LIMIT 1), ARRAY[t.deadline_on]))[1] AS deadline_on) dl
          WHERE t.state = 'completed' AND (dl.deadline_on IS NULL OR (l.at AT TIME ZONE 'Asia/Shanghai')::date <= dl.deadline_on)
         UNION ALL
         SELECT 'urged', g.unit_id, g.urged_at, NULL, to_char(g.urged_on, 'YYYY-MM-DD'), NULL, NULL, g.task_id, NULL, 'urging', g.id::text, g.comment
           FROM urgings g JOIN doc_tasks t ON t.id = g.task_id
         UNION ALL
         SELECT 'adjustment', j.unit_id, j.created_at, j.period, NULL, NULL, j.points, NULL, NULL, 'assessment_adjustment', j.id::text, j.reason
           FROM assessment_adjustments j WHERE j.document_id = $1
       ) ev LEFT JOIN tasks t ON t.id = ev.task_id
       ORDER BY ev.at, ev.source_id`,
      [documentId],
    );
  }

  async scheme(
    documentId: string,
  ): Promise<{ scheme: AssessmentScheme; updated_at: Date; updated_by: string | null } | null> {
    const [row] = await this.em.query(
      `SELECT scheme, updated_at, updated_by FROM assessment_schemes WHERE document_id = $1`,
      [documentId],
    );
    return row ?? null;
  }

  async saveScheme(
    documentId: string,
    scheme: AssessmentScheme,
    by: string,
    at: Date,
  ): Promise<void> {
    await this.em.query(
      `INSERT INTO assessment_schemes (document_id, scheme, updated_at, updated_by) VALUES ($1, $2::jsonb, $3, $4)
       ON CONFLICT (document_id) DO UPDATE SET scheme = EXCLUDED.scheme, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
      [documentId, JSON.stringify(scheme), at, by],
    );
  }

  async insertAdjustment(a: {
    documentId: string;
    unitId: string;
    period: string;
    points: number;
    reason: string;
    createdBy: string;
    at: Date;
  }): Promise<string> {
    const [row]: { id: string }[] = await this.em.query(
      `INSERT INTO assessment_adjustments (document_id, unit_id, period, points, reason, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [a.documentId, a.unitId, a.period, a.points, a.reason, a.createdBy, a.at],
    );
    return row.id;
  }
}
