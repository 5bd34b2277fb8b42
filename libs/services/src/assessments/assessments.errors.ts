import { DomainError } from '@tracker/common';

export type AssessmentErrorCode =
  'DOCUMENT_NOT_FOUND' | 'UNIT_NOT_FOUND' | 'FORBIDDEN' | 'VALIDATION_FAILED';
export class AssessmentError extends DomainError<AssessmentErrorCode> {}
