import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { DomainError } from '../errors/domain-error';
import { IntQuery } from '../validation/decorators';

/** Page sizes of the keyset-paged lists: a page holds `DEFAULT` items unless asked, never more than `MAX`. */
export const PAGE_LIMIT = { DEFAULT: 50, MAX: 200 } as const;

/** One page of a keyset-paged list: `nextCursor` asks for the page after it, null on the last. */
export interface KeysetPage<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * What a part of a sort key may be: a whole number, a text, a UUID, or an instant as whole
 * microseconds since the epoch (a decimal string: PostgreSQL keeps microseconds, a Date only
 * milliseconds, and a key that loses precision would skip or repeat rows).
 */
export type CursorPart = 'int' | 'text' | 'uuid' | 'micros';
type PartValue<P extends CursorPart> = P extends 'int' ? number : string;
export type CursorValues<S extends readonly CursorPart[]> = { [K in keyof S]: PartValue<S[K]> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MICROS = /^-?\d{1,17}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** Longer than any key of ours (a task number, a unit name and an id); refused before decoding. */
export const CURSOR_MAX_LENGTH = 1024;

/** The opaque cursor of a sort key: base64url of its JSON array. */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

function refuse(why: string): DomainError<'VALIDATION_FAILED'> {
  return new DomainError('VALIDATION_FAILED', `cursor: ${why}`, {
    fields: { cursor: ['must be a nextCursor from the previous page of this list'] },
  });
}

function partOk(p: CursorPart, v: unknown): boolean {
  switch (p) {
    case 'int':
      return typeof v === 'number' && Number.isSafeInteger(v);
    case 'text':
      return typeof v === 'string' && v.length <= 500;
    case 'uuid':
      return typeof v === 'string' && UUID.test(v);
    case 'micros':
      return typeof v === 'string' && MICROS.test(v);
  }
}

/**
 * Reads a cursor back into its sort key, checking every part against `shape`. A garbled or
 * forged cursor is a 400 VALIDATION_FAILED naming the field `cursor`, never a failed query.
 */
export function decodeCursor<const S extends readonly CursorPart[]>(
  raw: string,
  shape: S,
): CursorValues<S> {
  if (raw.length > CURSOR_MAX_LENGTH || !BASE64URL.test(raw)) throw refuse('not base64url');
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw refuse('not a JSON key');
  }
  if (!Array.isArray(values) || values.length !== shape.length)
    throw refuse(`not a key of ${shape.length} parts`);
  shape.forEach((p, i) => {
    if (!partOk(p, values[i])) throw refuse(`part ${i} is not a ${p}`);
  });
  return values as CursorValues<S>;
}

/** `limit` of a keyset-paged list: 1 to 200, default 50. */
export const LimitQuery = (): PropertyDecorator =>
  IntQuery(1, PAGE_LIMIT.MAX, `page size, default ${PAGE_LIMIT.DEFAULT}`);

/** `cursor` of a keyset-paged list: the previous page's `nextCursor`; checked in full when read. */
export const CursorQuery = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({
      type: String,
      maxLength: CURSOR_MAX_LENGTH,
      description: 'nextCursor of the previous page; absent for the first page',
    }),
    IsOptional(),
    IsString({ message: 'must be a nextCursor from the previous page of this list' }),
    MaxLength(CURSOR_MAX_LENGTH, {
      message: 'must be a nextCursor from the previous page of this list',
    }),
    Matches(BASE64URL, { message: 'must be a nextCursor from the previous page of this list' }),
  );
