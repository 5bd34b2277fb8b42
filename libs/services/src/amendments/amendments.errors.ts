import { DomainError } from '@tracker/common';

export type AmendmentErrorCode =
  | 'AMENDMENT_NO_CHANGE'
  | 'AMENDMENT_INVALID'
  | 'TASK_NOT_FOUND'
  | 'TASK_STATE_CONFLICT'
  | 'UNIT_NOT_FOUND'
  | 'FORBIDDEN'
  | 'VALIDATION_FAILED';

export class AmendmentError extends DomainError<AmendmentErrorCode> {}
