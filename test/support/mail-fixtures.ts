import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Actor } from '@tracker/services';

export interface MailUser extends Actor {
  email: string;
}

/** A user with an email address (and optionally preferences and a locale) for the mail specs. */
export async function givenMailUser(
  ds: DataSource,
  opts: {
    roles: string[];
    unitId?: string | null;
    isUnitHead?: boolean;
    name?: string;
    prefs?: Record<string, string>;
    locale?: string;
  },
): Promise<MailUser> {
  const username = opts.name ?? `u-${randomUUID().slice(0, 8)}`;
  const email = `${username}@example.gov.cn`;
  const [row] = (await ds.query(
    `INSERT INTO users (username, display_name, password_hash, roles, unit_id, is_unit_head, email, notice_preferences, locale)
     VALUES ($1, $1, 'x', $2::text[], $3, $4, $5, $6, $7) RETURNING id`,
    [
      username,
      opts.roles,
      opts.unitId ?? null,
      opts.isUnitHead ?? false,
      email,
      JSON.stringify(opts.prefs ?? {}),
      opts.locale ?? 'zh-CN',
    ],
  )) as { id: string }[];
  return {
    id: row.id,
    username,
    roles: opts.roles as Actor['roles'],
    unitId: opts.unitId ?? null,
    channel: 'api',
    email,
  };
}

/**
 * Polls PostgreSQL until `done` holds. Mail retries wait out a real (short) backoff configured by
 * MAIL_RETRY_DELAY_MS, so there is no business clock to move here.
 */
export async function untilRow<R extends Record<string, unknown>>(
  ds: { query: (sql: string, params?: unknown[]) => Promise<unknown> },
  sql: string,
  params: unknown[],
  done: (row: R) => boolean,
  timeoutMs = 30_000,
): Promise<R> {
  const stopAt = Date.now() + timeoutMs;
  for (;;) {
    const [row] = (await ds.query(sql, params)) as R[];
    if (done(row)) return row;
    if (Date.now() > stopAt) throw new Error(`timed out waiting: ${JSON.stringify(row)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
