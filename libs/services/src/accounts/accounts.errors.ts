import { DomainError } from '@tracker/common';

export type AccountErrorCode =
  | 'USER_NOT_FOUND'
  | 'UNIT_NOT_FOUND'
  | 'USERNAME_TAKEN'
  | 'PASSWORD_TOO_WEAK'
  | 'ACCOUNT_UNIT_REQUIRED'
  | 'ACCOUNT_SELF_LOCKOUT'
  | 'ROLE_SELF_GRANT'
  | 'CURRENT_PASSWORD_WRONG';

export class AccountError extends DomainError<AccountErrorCode> {}
