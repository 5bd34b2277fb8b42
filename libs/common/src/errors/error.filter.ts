import {
  ArgumentsHost,
  BadRequestException,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { redactUrl } from '../logging/redact';
import { DomainError } from './domain-error';
import { ERRORS, ErrorCode, HTTP_STATUS_CODES } from './error-codes';

/**
 * One shape for every error: `error` is the code, `message` what a person reads (Chinese),
 * `messageEn` the same in English, `detail` the specific reason (names the record or the field).
 */
export interface ErrorBody {
  error: string;
  message: string;
  messageEn?: string;
  detail?: string;
  fields?: Record<string, string[]>;
  requestId?: string;
}

function bodyFor(code: ErrorCode, detail?: string, extra?: Record<string, unknown>): ErrorBody {
  const spec = ERRORS[code];
  const withDetail = detail && detail !== spec.en ? { detail } : {};
  return { error: code, message: spec.zh, messageEn: spec.en, ...withDetail, ...(extra ?? {}) };
}

function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ERRORS, code);
}

/** One shape for every error body; 5xx bodies stay generic and the stack goes to the log. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(ErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request & { id?: string }>();
    const { status, body } = this.toBody(exception);
    // A failed sign-in body stays byte-identical for an unknown username and a wrong password
    // (no enumeration); its request id is still in the x-request-id header.
    body.requestId = req.id && body.error !== 'INVALID_CREDENTIALS' ? String(req.id) : undefined;
    if (status >= 500) {
      this.logger.error(
        { err: exception, requestId: body.requestId, path: redactUrl(req.url) },
        'request failed',
      );
    } else {
      this.logger.warn({
        code: body.error,
        status,
        path: redactUrl(req.url),
        requestId: body.requestId,
      });
    }
    if (res.headersSent) return;
    // A DomainError that says when to come back (a full pool, a rate limit) says it the standard way too.
    const retryAfter =
      exception instanceof DomainError
        ? exception.details?.retryAfterSeconds
        : isPoolExhausted(exception)
          ? POOL_RETRY_AFTER_SECONDS
          : undefined;
    if (typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
    res.status(status).json(body);
  }

  private toBody(exception: unknown): { status: number; body: ErrorBody } {
    if (exception instanceof DomainError) {
      const code: ErrorCode = isErrorCode(exception.code) ? exception.code : 'INTERNAL';
      return {
        status: ERRORS[code].status,
        body: bodyFor(code, exception.message, exception.details),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      // Terminus health results carry their own body: keep it, a monitor reads it.
      if (
        typeof response === 'object' &&
        response !== null &&
        'details' in response &&
        'status' in response
      ) {
        return { status, body: response as unknown as ErrorBody };
      }
      const raw =
        typeof response === 'object' && response !== null
          ? (response as Record<string, unknown>)
          : {};
      if (isErrorCode(raw.error) && 'fields' in raw) {
        const { error, message, ...rest } = raw;
        return {
          status,
          body: bodyFor(error, typeof message === 'string' ? message : undefined, rest),
        };
      }
      const detail =
        typeof response === 'string' ? response : String(raw.message ?? exception.message);
      const code: ErrorCode = isErrorCode(raw.error)
        ? raw.error
        : exception instanceof BadRequestException
          ? 'VALIDATION_FAILED'
          : (HTTP_STATUS_CODES[status] ?? 'INTERNAL');
      return { status, body: status >= 500 ? bodyFor('INTERNAL') : bodyFor(code, detail) };
    }
    // Every database connection busy for DB_POOL_WAIT_MS: the server is busy, come back shortly.
    if (isPoolExhausted(exception))
      return { status: HttpStatus.SERVICE_UNAVAILABLE, body: bodyFor('SERVER_BUSY') };
    // Redis away (ioredis gave up or refuses to queue): a dependency is down, not a bug.
    if (isRedisUnavailable(exception))
      return { status: HttpStatus.SERVICE_UNAVAILABLE, body: bodyFor('DEPENDENCY_UNAVAILABLE') };
    return { status: HttpStatus.INTERNAL_SERVER_ERROR, body: bodyFor('INTERNAL') };
  }
}

/** How long a client is asked to wait when no database connection came free in time. */
export const POOL_RETRY_AFTER_SECONDS = 2;

/**
 * node-postgres' pool waited DB_POOL_WAIT_MS for a free connection (or for a new one to open)
 * and gave up: too many requests at once, not a bug.
 */
export function isPoolExhausted(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return /^timeout exceeded when trying to connect$|^Connection terminated due to connection timeout$/.test(
    error.message,
  );
}

function isRedisUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (
    error.name === 'MaxRetriesPerRequestError' ||
    /enableOfflineQueue|Connection is closed|Command timed out|ECONNREFUSED .*:\d+$/.test(
      error.message,
    )
  );
}
