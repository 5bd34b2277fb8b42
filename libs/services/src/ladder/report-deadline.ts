import { EntityManager } from 'typeorm';
import { LadderTarget } from './ladder-jobs.service';
import { ReportRow, rulesOf } from './report-row';

/** TypeORM's postgres driver answers UPDATE … RETURNING with [rows, count]. */
export function returnedRows<T>(result: unknown): T[] {
  const r = result as unknown[];
  return (Array.isArray(r[0]) ? r[0] : r) as T[];
}

/**
 * Moves a report's due time and starts a new ladder epoch, in the caller's transaction. Jobs timed
 * for the old epoch find the epoch changed and do nothing; the caller re-times after commit.
 */
export async function moveReportDue(
  em: EntityManager,
  r: ReportRow,
  dueAt: Date,
  now: Date,
): Promise<{ target: LadderTarget; oldEpoch: number }> {
  const [row] = returnedRows<{ ladder_epoch: number }>(
    await em.query(
      `UPDATE status_reports SET due_at = $2, ladder_epoch = ladder_epoch + 1, updated_at = $3 WHERE id = $1 RETURNING ladder_epoch`,
      [r.id, dueAt, now],
    ),
  );
  return {
    oldEpoch: r.ladderEpoch,
    target: { id: r.id, cycleId: r.cycleId, ladderEpoch: row.ladder_epoch, dueAt, rules: rulesOf(r) },
  };
}

export const ladderTarget = (r: ReportRow): LadderTarget => ({
  id: r.id,
  cycleId: r.cycleId,
  ladderEpoch: r.ladderEpoch,
  dueAt: r.dueAt,
  rules: rulesOf(r),
});
