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
import { DomainError } from './domain-error';
import { ERROR_STATUS, ErrorCode } from './error-codes';

export interface ErrorBody {
  error: string;
  message: string;
  fields?: Record<string, string[]>;
  requestId?: string;
}

const HTTP_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'DOCUMENT_TOO_LARGE',
  429: 'RATE_LIMITED',
  503: 'DEPENDENCY_UNAVAILABLE',
};

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
      this.logger.error({ err: exception, requestId: body.requestId, path: req.url }, 'request failed');
    } else {
      this.logger.warn({ code: body.error, status, path: req.url, requestId: body.requestId });
    }
    if (!res.headersSent) res.status(status).json(body);
  }

  private toBody(exception: unknown): { status: number; body: ErrorBody } {
    if (exception instanceof DomainError) {
      const status = (ERROR_STATUS as Record<string, number>)[exception.code] ?? HttpStatus.BAD_REQUEST;
      return { status, body: { error: exception.code, message: exception.message, ...(exception.details ?? {}) } };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      // Terminus health results carry their own body: keep it, a monitor reads it.
      if (typeof response === 'object' && response !== null && 'details' in response && 'status' in response) {
        return { status, body: response as unknown as ErrorBody };
      }
      if (typeof response === 'object' && response !== null && 'error' in response && 'fields' in response) {
        return { status, body: response as ErrorBody };
      }
      const message =
        typeof response === 'string'
          ? response
          : String((response as { message?: unknown }).message ?? exception.message);
      const code = exception instanceof BadRequestException ? 'VALIDATION_FAILED' : HTTP_CODES[status] ?? 'INTERNAL';
      return { status, body: { error: code, message: status >= 500 ? 'Internal error' : message } };
    }
    return {
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      body: { error: 'INTERNAL', message: 'Internal error' },
    };
  }
}
