import { DomainError } from '@tracker/common';

export type AuthErrorCode = 'INVALID_CREDENTIALS' | 'TOKEN_INVALID' | 'UNAUTHENTICATED';

export class AuthError extends DomainError<AuthErrorCode> {}

/** One message for an unknown username and a wrong password (no user enumeration). */
export const invalidCredentials = (): AuthError =>
  new AuthError('INVALID_CREDENTIALS', 'Wrong username or password');
