import {
  AssignmentRole,
  AssignmentState,
  ProgressStatus,
  ReportState,
  TaskState,
} from '@tracker/domain';
import type { AssignmentViewRow } from '@tracker/database';

export const TASK_SORTS = ['number', 'deadline', 'document'] as const;
export type TaskSort = (typeof TASK_SORTS)[number];

export interface TaskFilter {
  documentId?: string;
  /** The task's own state. */
  status?: TaskState;
  /** Deadline (完成时限) strictly before this date (YYYY-MM-DD). */
  dueBefore?: string;
  /** Open tasks whose deadline has passed (today in Asia/Shanghai, from the Clock). */
  overdue?: boolean;
  /** Tasks an office user wants for one unit (and its former names). */
  unitId?: string;
  sort?: TaskSort;
  order?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
}

export interface MyTaskFilter extends Omit<TaskFilter, 'unitId'> {
  role?: AssignmentRole;
  ackState?: AssignmentState;
}

export interface UnitRef {
  id: string;
  name: string;
}

export interface TaskSummary {
  id: string;
  documentId: string;
  documentTitle: string | null;
  number: string;
  path: string[];
  heading: string;
  deadlineOn: string | null;
  deadlineText: string | null;
  state: TaskState;
  isOverdue: boolean;
  leadUnits: UnitRef[];
  supportUnits: UnitRef[];
}

export interface AssignmentView {
  id: string;
  taskId: string;
  unit: UnitRef;
  role: AssignmentRole;
  state: AssignmentState;
  acknowledgedAt: Date | null;
  declinedAt: Date | null;
  declineReason: string | null;
  createdAt: Date;
}

/**
 * The report that matters for an assignment now: the unit's own (lead) or the lead unit's
 * (support), from the latest cycle by due time; null before any cycle has opened.
 */
export interface CurrentReportView {
  id: string;
  period: string;
  state: ReportState;
  dueAt: Date;
  progressStatus: ProgressStatus | null;
}

export interface MyTask {
  assignment: AssignmentView;
  task: TaskSummary;
  currentReport: CurrentReportView | null;
}

export interface PagedResult<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface TaskReportView {
  id: string;
  cycleId: string;
  period: string;
  /** The cycle's bulletin has been compiled (the leaders' page for it opens). */
  hasBulletin: boolean;
  unit: UnitRef;
  state: ReportState;
  dueAt: Date;
  progressStatus: ProgressStatus | null;
  progressPercent: number | null;
  narrative: string | null;
  problems: string | null;
  nextSteps: string | null;
  submittedAt: Date | null;
  reviewedAt: Date | null;
}

export interface TaskNoticeView {
  id: string;
  kind: string;
  level: number;
  colour: string;
  title: string;
  unit: UnitRef | null;
  createdAt: Date;
}

export interface TaskHistoryEntry {
  at: Date;
  action: string;
  actorId: string | null;
  actorName: string | null;
  targetType: string;
  targetId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface TaskDetail extends TaskSummary {
  /** The assignment the agency actor's unit (or a former name of it) holds; null for everyone else. */
  yourAssignmentId: string | null;
  /** The report that matters now for that assignment (the earliest still to be filed, else the latest); null without one. */
  yourReportId: string | null;
  body: string;
  targets: { text: string; value: number | null; unit: string | null; by: string | null }[];
  document: { id: string; title: string | null; docNumber: string | null; issuer: string | null };
  assignments: AssignmentView[];
  reports: TaskReportView[];
  notices: TaskNoticeView[];
  history: TaskHistoryEntry[];
}

/** The numbering label offices write: ["四","（一）","1"] → 四（一）1. */
export const taskNumber = (path: string[]): string => path.join('');

export function toAssignmentView(r: AssignmentViewRow): AssignmentView {
  return {
    id: r.id,
    taskId: r.taskId,
    unit: { id: r.unitId, name: r.unitName },
    role: r.role,
    state: r.state,
    acknowledgedAt: r.acknowledgedAt,
    declinedAt: r.declinedAt,
    declineReason: r.declineReason,
    createdAt: r.createdAt,
  };
}
