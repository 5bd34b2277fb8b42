import type { ErrorCode } from './error-codes';

/**
 * Every error a service throws has a code from the catalogue (`ERRORS`); one filter maps it to
 * its HTTP status and its Chinese and English messages. `message` is the specific detail for
 * logs and for the `detail` field of the answer.
 */
export class DomainError<C extends ErrorCode = ErrorCode> extends Error {
  constructor(
    readonly code: C,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
