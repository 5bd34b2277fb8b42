import { DomainError } from '@tracker/common';

export type BreakdownErrorCode = 'BREAKDOWN_INVALID' | 'FORBIDDEN' | 'TASK_NOT_FOUND';
export class BreakdownError extends DomainError<BreakdownErrorCode> {}
