import { DomainError } from '@tracker/common';

export type PlanErrorCode = 'DOCUMENT_NOT_FOUND' | 'DOCUMENT_ARCHIVED' | 'PLAN_HORIZON_INVALID';
export class PlanError extends DomainError<PlanErrorCode> {}
