import { addDays } from '../shanghai-time';
import { FILEABLE_REPORT_STATES } from '../vocabulary';

/** The colour of a task as offices read it: red late, amber needs action soon, green on track, done closed. */
export const STATUS_COLOURS = ['red', 'amber', 'green', 'done'] as const;
export type StatusColour = (typeof STATUS_COLOURS)[number];

export interface TaskStatusFacts {
  state: string;
  /** YYYY-MM-DD, Asia/Shanghai. */
  deadlineOn: string | null;
  /** Today, YYYY-MM-DD, Asia/Shanghai. */
  today: string;
  /** Reports not filed and past their due time. */
  lateReports: number;
  /** Reports due within 7 days and not filed. */
  dueSoonReports: number;
  returnedReports: number;
  pendingAcknowledgements: number;
}

/** One rule for a whole task's colour (every unit's part of it), used wherever the server colours a task. */
export function taskStatusColour(f: TaskStatusFacts): StatusColour {
  if (f.state !== 'open') return 'done';
  if (f.lateReports > 0 || (f.deadlineOn !== null && f.deadlineOn < f.today)) return 'red';
  if (f.pendingAcknowledgements > 0 || f.returnedReports > 0 || f.dueSoonReports > 0)
    return 'amber';
  if (f.deadlineOn !== null && f.deadlineOn <= addDays(f.today, 30)) return 'amber';
  return 'green';
}

/** Why a unit's part of a task has its colour (the pages show each reason's words). */
export const PART_STATUS_REASONS = [
  'closed',
  'reportLate',
  'taskOverdue',
  'delayed',
  'ack',
  'returned',
  'dueSoon',
  'deadlineSoon',
  'atRisk',
  'onTrack',
] as const;
export type PartStatusReason = (typeof PART_STATUS_REASONS)[number];

export interface PartStatus {
  colour: Exclude<StatusColour, 'done'>;
  reason: PartStatusReason;
}

export interface PartStatusFacts {
  taskState: string;
  /** YYYY-MM-DD, Asia/Shanghai. */
  deadlineOn: string | null;
  /** Today, YYYY-MM-DD, Asia/Shanghai. */
  today: string;
  assignmentState: string;
  /** The report that matters now for the part (the unit's own as lead, the lead's as support). */
  report: { state: string; dueAt: Date; progressStatus: string | null } | null;
  now: Date;
}

const REPORT_DUE_SOON_MS = 7 * 86_400_000;

/**
 * One unit's part of a task, as its clerk reads it in "my tasks" and on the task page: red when
 * the report is late, the task past its deadline or reported delayed; amber when something needs
 * doing (acknowledge, a returned report, a report due within 7 days, a deadline within 30 days,
 * reported at risk); green otherwise. Computed on the server and returned with each task.
 */
export function partStatus(f: PartStatusFacts): PartStatus {
  const r = f.report;
  const toFile = r !== null && (FILEABLE_REPORT_STATES as readonly string[]).includes(r.state);
  const dueIn = r ? r.dueAt.getTime() - f.now.getTime() : Infinity;
  if (f.taskState !== 'open') return { colour: 'green', reason: 'closed' };
  if (toFile && dueIn <= 0) return { colour: 'red', reason: 'reportLate' };
  if (f.deadlineOn !== null && f.deadlineOn < f.today)
    return { colour: 'red', reason: 'taskOverdue' };
  if (r?.progressStatus === 'delayed') return { colour: 'red', reason: 'delayed' };
  if (f.assignmentState === 'pending') return { colour: 'amber', reason: 'ack' };
  if (r?.state === 'returned') return { colour: 'amber', reason: 'returned' };
  if (toFile && dueIn < REPORT_DUE_SOON_MS) return { colour: 'amber', reason: 'dueSoon' };
  if (f.deadlineOn !== null && f.deadlineOn <= addDays(f.today, 30))
    return { colour: 'amber', reason: 'deadlineSoon' };
  if (r?.progressStatus === 'at_risk') return { colour: 'amber', reason: 'atRisk' };
  return { colour: 'green', reason: 'onTrack' };
}
