/**
 * An escalation is unique per report, due time (ladder epoch) and level: the dedup key says so, and
 * the database's unique index on it makes a retried or concurrent rung raise it once.
 */
export const escalationKey = (reportId: string, epoch: number, level: number): string =>
  `escalation/${reportId}/e${epoch}/L${level}`;

/**
 * SQL: the report aliased `r` has been raised to the leading group (level 3) for its current due
 * time. The same key as escalationKey, built in SQL so set-based queries can test it.
 */
export const reachedLeadingGroupSql = (r = 'r'): string =>
  `EXISTS (SELECT 1 FROM escalations e WHERE e.dedup_key = 'escalation/' || ${r}.id || '/e' || ${r}.ladder_epoch || '/L3')`;

/**
 * A report's ladder notice is unique per rung, report and due time (ladder epoch): the per-report
 * step and the cycle's batch raise it under this key, so whichever runs second raises nothing.
 */
export const rungNoticeKey = (rung: string, reportId: string, epoch: number): string =>
  `${rung}/${reportId}/e${epoch}`;

/** SQL: rungNoticeKey for the report aliased `r` and the rung named by the SQL expression `rung`. */
export const rungNoticeKeySql = (rung: string, r = 'r'): string =>
  `${rung} || '/' || ${r}.id || '/e' || ${r}.ladder_epoch`;
