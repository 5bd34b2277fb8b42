import { addDays } from '../shanghai-time';

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
