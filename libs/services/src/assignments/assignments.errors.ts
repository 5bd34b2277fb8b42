import { DomainError } from '@tracker/common';

export type AssignmentErrorCode =
  'ASSIGNMENT_NOT_FOUND' | 'ASSIGNMENT_STATE_CONFLICT' | 'UNIT_NOT_FOUND';

export class AssignmentError extends DomainError<AssignmentErrorCode> {}
