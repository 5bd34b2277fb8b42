import { DomainError } from '@tracker/common';

export type ReportErrorCode =
  'REPORT_NOT_FOUND' | 'REPORT_STATE_CONFLICT' | 'CONTRIBUTION_FROZEN' | 'VALIDATION_FAILED';
export class ReportError extends DomainError<ReportErrorCode> {}
