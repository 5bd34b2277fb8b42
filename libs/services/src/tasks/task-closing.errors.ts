import { DomainError } from '@tracker/common';

export type TaskClosingErrorCode =
  'TASK_NOT_FOUND' | 'REPORT_NOT_FOUND' | 'REPORT_STATE_CONFLICT' | 'TASK_STATE_CONFLICT';
export class TaskClosingError extends DomainError<TaskClosingErrorCode> {}
