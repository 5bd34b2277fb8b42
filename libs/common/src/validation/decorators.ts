import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  registerDecorator,
  ValidationOptions,
} from 'class-validator';
import { PERIOD_PATTERN } from '@tracker/domain';
import { CONTROL_CHARS, CONTROL_CHARS_MESSAGE, LINE_CONTROL_CHARS } from './text';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD: 2027-02-30 and 2027-13-45 are refused, not rolled over. */
export function isDateOnly(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE_ONLY.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2999 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** `@IsDateOnly()`: a real date (YYYY-MM-DD) between 1900 and 2999. */
export function IsDateOnly(options: ValidationOptions = {}): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isDateOnly',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must be a date (YYYY-MM-DD)', ...options },
      validator: { validate: (value: unknown) => isDateOnly(value) },
    });
}

/** No control characters (tab and line breaks allowed where `multiline`). */
export function NoControlChars(
  multiline = false,
  options: ValidationOptions = {},
): PropertyDecorator {
  const pattern = multiline ? CONTROL_CHARS : LINE_CONTROL_CHARS;
  return (target, propertyName) =>
    registerDecorator({
      name: 'noControlChars',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: multiline ? CONTROL_CHARS_MESSAGE : 'must be one line without control characters',
        ...options,
      },
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !pattern.test(value),
      },
    });
}

export interface TextOptions {
  min?: number;
  max: number;
  /** Tab and line breaks allowed (comments, narratives). */
  multiline?: boolean;
  optional?: boolean;
}

/** A string of bounded length without control characters; documented in OpenAPI too. */
export function IsText({
  min = 0,
  max,
  multiline = false,
  optional = false,
}: TextOptions): PropertyDecorator {
  return applyDecorators(
    ...(optional
      ? [
          IsOptional(),
          ApiPropertyOptional({ type: String, minLength: min || undefined, maxLength: max }),
        ]
      : [ApiProperty({ type: String, minLength: min || undefined, maxLength: max })]),
    IsString({ message: 'must be text' }),
    ...(min > 0 ? [MinLength(min)] : []),
    MaxLength(max),
    NoControlChars(multiline),
  );
}

const DIGITS = /^-?\d{1,15}$/;

/**
 * A whole number from a query string, within [min, max]. Only plain digits are read ("1e20",
 * "0x10", "1.5" and "" are refused), so the value is always a safe integer.
 */
export function IntQuery(min: number, max: number, description?: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: 'integer', minimum: min, maximum: max, description }),
    IsOptional(),
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' && DIGITS.test(value) ? Number(value) : value,
    ),
    IsInt({ message: `must be a whole number from ${min} to ${max}` }),
    Min(min, { message: `must be a whole number from ${min} to ${max}` }),
    Max(max, { message: `must be a whole number from ${min} to ${max}` }),
  );
}

export interface PeriodOptions {
  optional?: boolean;
  /** Narrower than the domain's periods, e.g. the assessment's quarters and years. */
  pattern?: RegExp;
  message?: string;
  description?: string;
  example?: string;
}

/** `@IsPeriod()`: a reporting period as libs/domain writes it (2020-Q3, 2020-H1, 2020-M07, 2020-Y). */
export function IsPeriod({
  optional = false,
  pattern = PERIOD_PATTERN,
  message = 'must be a period like 2020-Q3',
  description,
  example = '2020-Q3',
}: PeriodOptions = {}): PropertyDecorator {
  const doc = { type: String, example, description, pattern: pattern.source };
  return applyDecorators(
    ...(optional ? [IsOptional(), ApiPropertyOptional(doc)] : [ApiProperty(doc)]),
    Matches(pattern, { message }),
  );
}

export interface OneOfOptions {
  optional?: boolean;
  description?: string;
  /** Replaces class-validator's "must be one of the following values: …". */
  message?: string;
  default?: string;
}

/**
 * `@IsOneOf(TASK_STATES)`: one of a vocabulary's values (the const lists of libs/domain), checked
 * and documented as an OpenAPI enum from the same list.
 */
export function IsOneOf(
  values: readonly string[],
  { optional = false, description, message, default: byDefault }: OneOfOptions = {},
): PropertyDecorator {
  const doc = { enum: [...values], description, default: byDefault };
  return applyDecorators(
    ...(optional ? [IsOptional(), ApiPropertyOptional(doc)] : [ApiProperty(doc)]),
    IsIn(values, message ? { message } : {}),
  );
}
