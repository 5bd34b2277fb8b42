import { DomainError } from '@tracker/common';

export type ExtensionErrorCode =
  'EXTENSION_NOT_FOUND' | 'EXTENSION_STATE_CONFLICT' | 'EXTENSION_NOT_LATER' | 'REPORT_NOT_FOUND';
export class ExtensionError extends DomainError<ExtensionErrorCode> {}
