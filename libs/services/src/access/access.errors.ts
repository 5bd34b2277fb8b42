import { DomainError } from '@tracker/common';

export type AccessErrorCode =
  'FORBIDDEN' | 'TASK_NOT_FOUND' | 'ASSIGNMENT_NOT_FOUND' | 'UNIT_NOT_FOUND' | 'DOCUMENT_NOT_FOUND';

export class AccessError extends DomainError<AccessErrorCode> {}
