import {
  ArgumentsHost,
  BadRequestException,
  HttpException,
  NotFoundException,
} from '@nestjs/common';
import { DomainError } from './domain-error';
import { ERRORS } from './error-codes';
import { ErrorFilter } from './error.filter';

function answer(exception: unknown): {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
} {
  const out = {
    status: 0,
    body: {} as Record<string, unknown>,
    headers: {} as Record<string, string>,
  };
  const res = {
    headersSent: false,
    setHeader(name: string, value: string) {
      out.headers[name] = value;
    },
    status(code: number) {
      out.status = code;
      return this;
    },
    json(body: Record<string, unknown>) {
      out.body = body;
    },
  };
  const host = {
    switchToHttp: () => ({ getResponse: () => res, getRequest: () => ({ url: '/x' }) }),
  };
  new ErrorFilter().catch(exception, host as unknown as ArgumentsHost);
  return out;
}

describe('ErrorFilter', () => {
  it('gives every catalogued code a Chinese message first and the English one beside it', () => {
    for (const [code, spec] of Object.entries(ERRORS)) {
      expect(spec.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(spec.en).toMatch(/^[\x20-\x7e]+$/);
      expect(spec.status).toBeGreaterThanOrEqual(400);
      expect(code).toMatch(/^[A-Z_]+$/);
    }
  });

  it('answers a domain error with its catalogued status and messages, the specific reason as detail', () => {
    const { status, body } = answer(new DomainError('REPORT_NOT_FOUND', 'Report r-1 not found'));
    expect(status).toBe(404);
    expect(body).toEqual({
      error: 'REPORT_NOT_FOUND',
      message: '未找到该进展报告',
      messageEn: 'Report not found',
      detail: 'Report r-1 not found',
    });
  });

  it('answers a full database pool (no connection within DB_POOL_WAIT_MS) with 503 and Retry-After, not 500', () => {
    for (const message of [
      'timeout exceeded when trying to connect',
      'Connection terminated due to connection timeout',
    ]) {
      const { status, body, headers } = answer(new Error(message));
      expect(status).toBe(503);
      expect(body).toMatchObject({ error: 'SERVER_BUSY', message: '系统繁忙，请稍后再试' });
      expect(headers['Retry-After']).toBe('2');
    }
    expect(answer(new Error('relation "x" does not exist')).status).toBe(500);
  });

  it('keeps the named fields of a validation failure', () => {
    const ex = new BadRequestException({
      error: 'VALIDATION_FAILED',
      message: 'Invalid fields: a',
      fields: { a: ['must be a string'] },
    });
    const { status, body } = answer(ex);
    expect(status).toBe(400);
    expect(body).toMatchObject({
      error: 'VALIDATION_FAILED',
      message: '提交的内容有误',
      fields: { a: ['must be a string'] },
    });
  });

  it('maps a bare HTTP exception by its status and hides the reason of a 5xx', () => {
    expect(answer(new NotFoundException('Cannot GET /nope')).body).toMatchObject({
      error: 'NOT_FOUND',
      message: '未找到',
    });
    const failed = answer(new HttpException('boom at line 3', 502));
    expect(failed.body).toEqual({
      error: 'INTERNAL',
      message: '系统内部错误',
      messageEn: 'Internal error',
    });
    expect(answer(new Error('secret stack')).status).toBe(500);
  });
});
