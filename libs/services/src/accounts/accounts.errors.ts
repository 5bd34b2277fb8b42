import { DomainError } from '@tracker/common';

export type AccountErrorCode =
  | 'USER_NOT_FOUND'
  | 'UNIT_NOT_FOUND'
  | 'USERNAME_TAKEN'
  | 'PASSWORD_TOO_WEAK'
  | 'ACCOUNT_UNIT_REQUIRED'
  | 'ACCOUNT_SELF_LOCKOUT'
  | 'ROLE_SELF_GRANT'
  | 'CURRENT_PASSWORD_WRONG'
  | 'DOCUMENT_NOT_FOUND'
  | 'UNIT_NOT_IN_DOCUMENT'
  | 'INVITATION_INVALID'
  | 'INVITATION_EXPIRED'
  | 'INVITATION_USED';

export class AccountError extends DomainError<AccountErrorCode> {}
