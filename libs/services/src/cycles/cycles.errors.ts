import { DomainError } from '@tracker/common';

export type CycleErrorCode =
  | 'CYCLE_NOT_FOUND'
  | 'DOCUMENT_NOT_FOUND'
  | 'PERIOD_INVALID'
  | 'PROFILE_INVALID'
  | 'DOCUMENT_ARCHIVED'
  | 'PERIOD_BEYOND_HORIZON';
export class CycleError extends DomainError<CycleErrorCode> {}
