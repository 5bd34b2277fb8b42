import type { IncomingMessage, ServerResponse } from 'node:http';
import { ERRORS, ErrorCode, findControlChars, HTTP_STATUS_CODES } from '@tracker/common';
import express from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { checkJsonShape, JsonShapeLimits } from './json-shape';

/** The size of a request body each kind of route accepts (bytes, after decompression). */
export const BODY_LIMITS = {
  /** Sign-in, refresh, password help, the emailed acknowledge link and account invitations: anonymous, and a few fields at most. */
  anonymous: 16 * 1024,
  /** Everything else a signed-in person sends: a report is at most a few 20 000-character texts. */
  json: 256 * 1024,
  /** A whole policy document (5 MiB of text, or its base64) for preview or import, signed in only. */
  document: 8 * 1024 * 1024,
  /** A breakdown table (分解表) to import: an .xlsx of at most 1 MiB in base64, signed in only. */
  breakdown: 2 * 1024 * 1024,
} as const;

export const JSON_SHAPE: JsonShapeLimits = { maxDepth: 8, maxItems: 1000 };

/** Per-route answer deadlines (ms): past them the client gets 503 REQUEST_TIMEOUT. */
export const REQUEST_TIMEOUTS = { default: 15_000, slow: 60_000 } as const;

const ANONYMOUS_ROUTES =
  /^\/api\/(?:auth\/(?:login|refresh|password-help)|action-links\/|invitations\/)/;
// A revised text of an imported document comes with the same size as a first import.
const DOCUMENT_ROUTES = /^\/api\/documents(?:\/preview|\/[^/]+\/revisions)?\/?$/;
const BREAKDOWN_IMPORT_ROUTE = /^\/api\/tasks\/[^/]+\/breakdown\/import\/?$/;
/** Routes that legitimately take long: extraction of a whole document, ledgers and workbooks. */
const SLOW_ROUTES =
  /^\/api\/(?:documents(?:\/preview|\/[^/]+\/revisions)?\/?$|ledger\/|cycles\/[^/]+\/bulletin\/workbook)/;

type ParseError = Error & { type?: string; status?: number; limit?: number; charset?: string };

class BodyShapeError extends Error {
  readonly status = 400;
  readonly type = 'entity.too.complex';
}

function verifyShape(_req: IncomingMessage, _res: ServerResponse, buf: Buffer): void {
  const problem = checkJsonShape(buf, JSON_SHAPE);
  if (!problem) return;
  throw new BodyShapeError(
    problem.reason === 'depth'
      ? `JSON nested deeper than ${JSON_SHAPE.maxDepth} levels (at byte ${problem.at})`
      : `a JSON array or object with more than ${JSON_SHAPE.maxItems} items (at byte ${problem.at})`,
  );
}

function limitFor(req: Request): number {
  const path = req.originalUrl.split('?')[0];
  if (ANONYMOUS_ROUTES.test(path)) return BODY_LIMITS.anonymous;
  // The large limit only for a request that carries credentials: an anonymous client never gets
  // an 8 MB body parsed only to be told 401 afterwards.
  if (DOCUMENT_ROUTES.test(path) && req.method === 'POST' && req.headers.authorization)
    return BODY_LIMITS.document;
  if (BREAKDOWN_IMPORT_ROUTE.test(path) && req.method === 'POST' && req.headers.authorization)
    return BODY_LIMITS.breakdown;
  return BODY_LIMITS.json;
}

export function errorBody(
  code: ErrorCode,
  detail: string | undefined,
  req: Request,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const spec = ERRORS[code];
  const requestId = (req as Request & { id?: unknown }).id ?? req.header('x-request-id');
  return {
    error: code,
    message: spec.zh,
    messageEn: spec.en,
    ...(detail ? { detail } : {}),
    ...extra,
    ...(requestId ? { requestId: String(requestId) } : {}),
  };
}

function makeParsers(limit: number): RequestHandler[] {
  return [
    express.json({
      limit,
      type: ['application/json', 'application/*+json'],
      verify: verifyShape,
      strict: true,
    }),
    // The acknowledge confirm page posts a plain form; flat pairs only.
    express.urlencoded({ limit, extended: false, parameterLimit: 50 }),
  ];
}

const PARSERS = {
  [BODY_LIMITS.anonymous]: makeParsers(BODY_LIMITS.anonymous),
  [BODY_LIMITS.json]: makeParsers(BODY_LIMITS.json),
  [BODY_LIMITS.document]: makeParsers(BODY_LIMITS.document),
  [BODY_LIMITS.breakdown]: makeParsers(BODY_LIMITS.breakdown),
};

/**
 * Body parsing with limits before any work: the size per route, UTF-8 only, and for JSON the
 * nesting depth and width checked on the raw bytes before JSON.parse. Then every string in the
 * body and the query is checked for control characters, before guards (sign-in's passport
 * strategy reads the body before any validation pipe runs).
 *
 * The function names matter: Nest skips its own default parsers when middleware named
 * `jsonParser` / `urlencodedParser` is already mounted.
 */
export function requestParsers(): RequestHandler[] {
  const jsonParser: RequestHandler = (req, res, next) => {
    const type = req.headers['content-type'];
    if (type && /json|urlencoded/i.test(type)) {
      const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(type)?.[1]?.toLowerCase();
      if (charset && charset !== 'utf-8' && charset !== 'utf8') {
        res
          .status(415)
          .json(
            errorBody(
              'UNSUPPORTED_MEDIA_TYPE',
              `charset "${charset}" is not accepted; send UTF-8`,
              req,
            ),
          );
        return;
      }
    }
    PARSERS[limitFor(req)][0](req, res, next);
  };
  const urlencodedParser: RequestHandler = (req, res, next) =>
    PARSERS[limitFor(req)][1](req, res, next);
  const controlChars: RequestHandler = (req, res, next) => {
    const fields = [
      ...findControlChars(req.body),
      ...findControlChars(req.query).map((q) => `query.${q}`),
    ];
    if (fields.length === 0) return next();
    res.status(400).json(
      errorBody('VALIDATION_FAILED', `Invalid fields: ${fields.join(', ')}`, req, {
        fields: Object.fromEntries(
          fields.map((f) => [f.replace(/^query\./, ''), ['must not contain control characters']]),
        ),
      }),
    );
  };
  return [jsonParser, urlencodedParser, controlChars];
}

const PARSE_ERRORS: Record<string, ErrorCode> = {
  'entity.too.large': 'PAYLOAD_TOO_LARGE',
  'parameters.too.many': 'BODY_TOO_COMPLEX',
  'entity.too.complex': 'BODY_TOO_COMPLEX',
  'entity.parse.failed': 'BODY_MALFORMED',
  'charset.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
  'encoding.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
  'request.size.invalid': 'BODY_MALFORMED',
  'request.aborted': 'BODY_MALFORMED',
};

/** Body-parser failures keep their 4xx status and get the API's error body (never a 500). */
export function requestErrorHandler() {
  return (err: ParseError, req: Request, res: Response, next: NextFunction): void => {
    const status = typeof err.status === 'number' ? err.status : 0;
    if (res.headersSent || status < 400 || status >= 500) return next(err);
    // A 400 from the parser is about the bytes (a broken gzip stream), never about a field.
    const code: ErrorCode =
      PARSE_ERRORS[err.type ?? ''] ??
      (status === 400 ? 'BODY_MALFORMED' : HTTP_STATUS_CODES[status]) ??
      'BODY_MALFORMED';
    const detail =
      err.type === 'entity.too.large'
        ? `the body may be at most ${Math.floor((err.limit ?? 0) / 1024)} KiB for ${req.method} ${req.path}`
        : err.type === 'entity.parse.failed'
          ? 'the body is not valid JSON'
          : err.message;
    res.status(ERRORS[code].status).json(errorBody(code, detail, req));
  };
}

/** Answers 503 REQUEST_TIMEOUT when a handler has not answered in time (the work itself is not cut off). */
export function requestTimeout(): RequestHandler {
  return (req, res, next) => {
    const ms = SLOW_ROUTES.test(req.originalUrl.split('?')[0])
      ? REQUEST_TIMEOUTS.slow
      : REQUEST_TIMEOUTS.default;
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      res.status(503).setHeader('Retry-After', '5');
      res.json(errorBody('REQUEST_TIMEOUT', `no answer within ${ms / 1000} s`, req));
    }, ms);
    timer.unref();
    res.once('close', () => clearTimeout(timer));
    res.once('finish', () => clearTimeout(timer));
    next();
  };
}

/**
 * Nothing the API answers is cached by a browser or proxy unless the route says otherwise
 * (the calendar feed): answers are personal or signed-in content.
 */
export function noStore(): RequestHandler {
  return (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  };
}
