import type { Request, Response } from 'express';

/** The refresh token's cookie: httpOnly, SameSite=Strict, sent only to the sign-in routes. */
export const REFRESH_COOKIE = 'tracker_refresh';
const COOKIE_PATH = '/api/auth';

export function readRefreshCookie(req: Request): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === REFRESH_COOKIE && value.length) {
      try {
        return decodeURIComponent(value.join('=')) || undefined;
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * Max-Age rather than Expires: the browser's clock decides, and the server's expiry (by the
 * tracker's Clock) is checked on every refresh anyway. Secure whenever the request came over https.
 */
export function setRefreshCookie(req: Request, res: Response, token: string, ttlMs: number): void {
  res.cookie(REFRESH_COOKIE, token, {
    httpOnly: true,
    secure: req.secure,
    sameSite: 'strict',
    path: COOKIE_PATH,
    maxAge: ttlMs,
  });
}

export function clearRefreshCookie(req: Request, res: Response): void {
  res.clearCookie(REFRESH_COOKIE, {
    httpOnly: true,
    secure: req.secure,
    sameSite: 'strict',
    path: COOKIE_PATH,
  });
}
