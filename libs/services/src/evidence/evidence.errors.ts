import { DomainError } from '@tracker/common';

export type EvidenceErrorCode =
  | 'EVIDENCE_NOT_FOUND'
  | 'EVIDENCE_TYPE_REFUSED'
  | 'EVIDENCE_TOO_LARGE'
  | 'REPORT_NOT_FOUND'
  | 'FORBIDDEN'
  | 'VALIDATION_FAILED';
export class EvidenceError extends DomainError<EvidenceErrorCode> {}
