import { DomainError } from '@tracker/common';

export type UrgingErrorCode =
  'URGE_LIMITED' | 'URGE_TARGET_INVALID' | 'FORBIDDEN' | 'TASK_NOT_FOUND';
export class UrgingError extends DomainError<UrgingErrorCode> {}
