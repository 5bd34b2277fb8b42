import { EntityManager } from 'typeorm';
import { SqlParams } from './sql';

/** A report that has had its overdue notice (level 1) at its current ladder epoch and stands on no higher rung. */
export interface OverdueReportRow {
  report_id: string;
  task_id: string;
  unit_id: string;
  cycle_id: string;
  document_id: string;
  path: string[];
  heading: string;
  unit_name: string;
  period: string;
  due_at: Date;
  state: string;
  notice_id: string;
  raised_at: Date;
}

export interface OverdueWatchFilter {
  documentId?: string;
  cycleId?: string;
  unitId?: string;
  limit: number;
}

/**
 * The board's level-1 lane: reports past their due time whose overdue notice has gone out (looked up by its unique dedup key) and that have
 * not been filed, accepted or raised to supervision (level 2) since. One row per report, read from the
 * ladder's own records (the notice of the current epoch), never from a second copy of the ladder's timing.
 */
export class OverdueWatchRepository {
  constructor(private readonly em: EntityManager) {}

  async list(filter: OverdueWatchFilter): Promise<OverdueReportRow[]> {
    const p = new SqlParams();
    const where: string[] = [
      `r.state IN ('pending', 'draft', 'returned')`,
      `c.state = 'open'`,
      `t.state = 'open'`,
    ];
    if (filter.documentId) where.push(`c.document_id = ${p.add(filter.documentId)}::uuid`);
    if (filter.cycleId) where.push(`r.cycle_id = ${p.add(filter.cycleId)}::uuid`);
    if (filter.unitId) where.push(`r.unit_id = ${p.add(filter.unitId)}::uuid`);
    const limit = p.add(filter.limit);
    return this.em.query(
      `SELECT r.id AS report_id, r.task_id, r.unit_id, r.cycle_id, c.document_id, t.path, t.heading, u.name AS unit_name,
              c.period, r.due_at, r.state, n.id AS notice_id, n.created_at AS raised_at
         FROM status_reports r
         JOIN reporting_cycles c ON c.id = r.cycle_id
         JOIN notices n ON n.dedup_key = 'overdue/' || r.id || '/e' || r.ladder_epoch
         JOIN tasks t ON t.id = r.task_id
         JOIN units u ON u.id = r.unit_id
        WHERE ${where.join(' AND ')}
          AND NOT EXISTS (SELECT 1 FROM notices h
                           WHERE h.dedup_key IN ('supervision/' || r.id || '/e' || r.ladder_epoch, 'leading_group/' || r.id || '/e' || r.ladder_epoch))
        ORDER BY r.due_at, n.created_at, r.id
        LIMIT ${limit}`,
      p.values,
    );
  }
}
