import { gzip } from 'node:zlib';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** Answers smaller than this go out as they are: gzip would cost more than the bytes it saves. */
export const COMPRESS_FROM_BYTES = 16 * 1024;

/**
 * Gzips large API answers (a cycle's reports, a ledger's rows) for clients that accept it. The
 * work runs on libuv's thread pool, off the event loop, at a fast level; small answers, answers
 * already encoded and clients that do not ask for gzip are untouched.
 */
export function compressLarge(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return next();
    const send = res.send.bind(res);
    res.send = (body?: unknown): Response => {
      res.send = send;
      const raw =
        typeof body === 'string' ? Buffer.from(body) : Buffer.isBuffer(body) ? body : null;
      if (
        !raw ||
        raw.length < COMPRESS_FROM_BYTES ||
        res.getHeader('Content-Encoding') ||
        req.method === 'HEAD'
      )
        return send(body);
      // Keep the type express would have set for the uncompressed text (res.json sets it first).
      if (!res.getHeader('Content-Type')) res.type(typeof body === 'string' ? 'html' : 'bin');
      gzip(raw, { level: 1 }, (error, zipped) => {
        if (error) return send(body);
        res.setHeader('Content-Encoding', 'gzip');
        res.append('Vary', 'Accept-Encoding');
        send(zipped);
      });
      return res;
    };
    next();
  };
}
