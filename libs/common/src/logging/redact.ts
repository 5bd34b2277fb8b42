/** Query parameters whose values are credentials: one-time acknowledge tokens and the like. */
const SECRET_PARAMS =
  /([?&](?:token|refreshToken|accessToken|access_token|secret|key|password)=)[^&#]*/gi;
/** The calendar feed's file name is its secret. */
const FEED_PATH = /(\/calendar\/feeds\/)[^/?#]+/gi;

export const REDACTED = '[redacted]';

/** A URL or path fit for the log: secrets in the path and the query string replaced. */
export function redactUrl(url: string | undefined): string | undefined {
  if (typeof url !== 'string') return url;
  return url.replace(SECRET_PARAMS, `$1${REDACTED}`).replace(FEED_PATH, `$1${REDACTED}`);
}

/** The same for a parsed query object (pino-http logs `req.query` beside the URL). */
export function redactQuery(query: unknown): unknown {
  if (!query || typeof query !== 'object') return query;
  return Object.fromEntries(
    Object.entries(query as Record<string, unknown>).map(([k, v]) => [
      k,
      /^(?:token|refreshToken|accessToken|access_token|secret|key|password|file)$/i.test(k)
        ? REDACTED
        : v,
    ]),
  );
}
