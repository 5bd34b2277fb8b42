import { ReportsRepository } from '@tracker/database';
import { EntityManager } from 'typeorm';
import { LadderTarget } from './ladder-jobs.service';
import { ReportRow, rulesOf } from './report-row';

// Kept here for the callers that import it from the ladder; it lives in libs/database.
export { returnedRows } from '@tracker/database';

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
  const ladderEpoch = await new ReportsRepository(em).moveDue(r.id, dueAt, now);
  return {
    oldEpoch: r.ladderEpoch,
    target: { id: r.id, cycleId: r.cycleId, ladderEpoch, dueAt, rules: rulesOf(r) },
  };
}

export const ladderTarget = (r: ReportRow): LadderTarget => ({
  id: r.id,
  cycleId: r.cycleId,
  ladderEpoch: r.ladderEpoch,
  dueAt: r.dueAt,
  rules: rulesOf(r),
});
