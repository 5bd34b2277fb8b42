// Compiled by `npm run typecheck` (not run): each `@ts-expect-error` below fails the typecheck the
// day the compiler stops refusing the line under it, so the catalogue's guarantees cannot rot.
import { HttpStatus } from '@nestjs/common';
import { DomainError } from './domain-error';
import type { ErrorSpec } from './error-codes';

// @ts-expect-error a code needs a Chinese and an English message beside its status
export const withoutMessages = { NEW_CODE: { status: HttpStatus.BAD_REQUEST } } satisfies Record<
  string,
  ErrorSpec
>;

// @ts-expect-error a code needs a status
export const withoutStatus = { NEW_CODE: { zh: '新', en: 'new' } } satisfies Record<
  string,
  ErrorSpec
>;

// @ts-expect-error a service cannot throw a code that is not in the catalogue
export const unknownCode = new DomainError('NO_SUCH_CODE', 'detail');
