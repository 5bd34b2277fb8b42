import { DomainError } from '@tracker/common';

export type DocumentErrorCode =
  | 'DOCUMENT_NOT_FOUND'
  | 'DOCUMENT_UNREADABLE'
  | 'DOCUMENT_TOO_LARGE'
  | 'DOCUMENT_REVISION'
  | 'DOCUMENT_NOT_A_REVISION';

export class DocumentError extends DomainError<DocumentErrorCode> {}
