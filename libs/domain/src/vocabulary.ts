// Persisted enum-like values: string-literal unions with a const list for validation and CHECKs.
export const ROLES = ['agency', 'office', 'leader', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ASSIGNMENT_ROLES = ['lead', 'support'] as const;
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];

export const ASSIGNMENT_STATES = ['pending', 'acknowledged', 'declined', 'reassigned'] as const;
export type AssignmentState = (typeof ASSIGNMENT_STATES)[number];

export const UNIT_LEVELS = ['national', 'province', 'city', 'county', 'other'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

export const UNIT_KINDS = ['department', 'government', 'enterprise', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNITS_SOURCES = ['own', 'inherited', 'none'] as const;
export type UnitsSource = (typeof UNITS_SOURCES)[number];

export const TASK_STATES = ['open', 'completed', 'cancelled'] as const;
export type TaskState = (typeof TASK_STATES)[number];

export const CYCLE_STATES = ['scheduled', 'open', 'closed'] as const;
export type CycleState = (typeof CYCLE_STATES)[number];

export const REPORT_STATES = ['pending', 'draft', 'submitted', 'returned', 'accepted'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

/** Report states its lead unit can still draft and file. */
export const FILEABLE_REPORT_STATES = [
  'pending',
  'draft',
  'returned',
] as const satisfies readonly ReportState[];

export const PROGRESS_STATUSES = ['on_track', 'at_risk', 'delayed', 'completed'] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

export const NOTICE_KINDS = [
  'reminder',
  'overdue',
  'supervision',
  'leading_group',
  'ack_request',
  'ack_reminder',
  'ack_overdue',
  'deadline_overdue',
  'decline',
  'extension_request',
  'extension_decision',
  'report_returned',
  'bulletin',
  'urge',
  'completion_request',
  'completion_decision',
  'password_help',
  'password_reset',
  'task_amended',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** Rungs as offices colour them: blue (reminder) → yellow → orange → red. */
export const RUNG_COLOURS = ['blue', 'yellow', 'orange', 'red'] as const;
export type RungColour = (typeof RUNG_COLOURS)[number];

export const ESCALATION_STATES = ['open', 'extended', 'supervising', 'resolved'] as const;
export type EscalationState = (typeof ESCALATION_STATES)[number];

export const EXTENSION_STATES = ['pending', 'approved', 'rejected'] as const;
export type ExtensionState = (typeof EXTENSION_STATES)[number];

export const DELIVERY_CHANNELS = ['inapp', 'email'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/** SQL CHECK body for a column restricted to a const list. */
export function sqlIn(column: string, values: readonly string[]): string {
  return `"${column}" IN (${values.map((v) => `'${v}'`).join(', ')})`;
}

/** What each escalation level is called, the one place pages, mail and digests take it from. */
export const ESCALATION_LEVEL_NAMES: Record<1 | 2 | 3, { zh: string; en: string }> = {
  1: { zh: '催办', en: 'chased' },
  2: { zh: '督办', en: 'under supervision' },
  3: { zh: '提请领导小组', en: 'raised to the leading group' },
};

export const escalationLevelName = (level: number): { zh: string; en: string } =>
  ESCALATION_LEVEL_NAMES[Math.min(3, Math.max(1, Math.trunc(level))) as 1 | 2 | 3];

/** What each escalation state is called (bulletins, workbooks, pages). */
export const ESCALATION_STATE_NAMES: Record<EscalationState, { zh: string; en: string }> = {
  open: { zh: '待处理', en: 'open' },
  extended: { zh: '已准予延期', en: 'extended' },
  supervising: { zh: '督办中', en: 'under supervision' },
  resolved: { zh: '已办结', en: 'resolved' },
};

export const escalationStateName = (state: string): { zh: string; en: string } =>
  ESCALATION_STATE_NAMES[state as EscalationState] ?? { zh: state, en: state };
