import { DomainError } from '@tracker/common';

export type SubtaskErrorCode =
  | 'SUBTASK_NOT_FOUND'
  | 'SUBTASK_LEAD_ONLY'
  | 'SUBTASK_TASK_CLOSED'
  | 'TASK_NOT_FOUND'
  | 'REPORT_NOT_FOUND'
  | 'VALIDATION_FAILED';
export class SubtaskError extends DomainError<SubtaskErrorCode> {}
