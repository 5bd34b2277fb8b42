import { DomainError } from '@tracker/common';

export type EscalationErrorCode =
  'ESCALATION_NOT_FOUND' | 'ESCALATION_ALREADY_RESOLVED' | 'EXTENSION_NOT_LATER';
export class EscalationError extends DomainError<EscalationErrorCode> {}
