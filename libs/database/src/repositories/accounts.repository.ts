import type { Role } from '@tracker/domain';
import { EntityManager } from 'typeorm';
import { RefreshToken } from '../entities';

/** An account with its unit's name. */
export interface AccountRow {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  roles: Role[];
  unitId: string | null;
  unitName: string | null;
  isUnitHead: boolean;
  isDisabled: boolean;
}

export interface AccountListQuery {
  role?: Role;
  unitId?: string;
  isDisabled?: boolean;
  /** Part of the username, name, email or unit name. */
  q?: string;
  limit: number;
  offset: number;
}

/** What a valid access token's session signs in as. */
export interface SessionAccountRow {
  id: string;
  username: string;
  roles: Role[];
  unitId: string | null;
}

const ACCOUNT_SQL = `SELECT u.id, u.username, u.display_name AS "displayName", u.email, u.roles, u.unit_id AS "unitId",
  un.name AS "unitName", u.is_unit_head AS "isUnitHead", u.is_disabled AS "isDisabled"
  FROM users u LEFT JOIN units un ON un.id = u.unit_id`;

/** Accounts (users) and their sessions (refresh tokens). */
export class AccountsRepository {
  constructor(private readonly em: EntityManager) {}

  async find(id: string): Promise<AccountRow | null> {
    const [row]: AccountRow[] = await this.em.query(`${ACCOUNT_SQL} WHERE u.id = $1`, [id]);
    return row ?? null;
  }

  /** A page of accounts, staff first, then by username, with how many match. */
  async page(q: AccountListQuery): Promise<{ rows: AccountRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (v: unknown): string => {
      params.push(v);
      return `$${params.length}`;
    };
    if (q.role) where.push(`${param(q.role)} = ANY(u.roles)`);
    if (q.unitId) where.push(`u.unit_id = ${param(q.unitId)}`);
    if (q.isDisabled !== undefined) where.push(`u.is_disabled = ${param(q.isDisabled)}`);
    if (q.q) {
      const like = param(`%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(
        `(u.username ILIKE ${like} OR u.display_name ILIKE ${like} OR u.email ILIKE ${like} OR un.name ILIKE ${like})`,
      );
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }]: { total: number }[] = await this.em.query(
      `SELECT count(*)::int AS total FROM users u LEFT JOIN units un ON un.id = u.unit_id ${clause}`,
      params,
    );
    const rows: AccountRow[] = await this.em.query(
      `${ACCOUNT_SQL} ${clause} ORDER BY (u.unit_id IS NOT NULL), u.username LIMIT ${q.limit} OFFSET ${q.offset}`,
      params,
    );
    return { rows, total };
  }

  /** Enabled accounts with their unit's name, staff first, then by username (the CLI's list). */
  listEnabled(): Promise<{ username: string; unit: string | null; roles: Role[] }[]> {
    return this.em.query(
      `SELECT u.username, un.name AS unit, u.roles FROM users u LEFT JOIN units un ON un.id = u.unit_id
        WHERE NOT u.is_disabled
        ORDER BY (u.unit_id IS NOT NULL), u.username`,
    );
  }

  async countActiveAdmins(): Promise<number> {
    const [{ admins }]: { admins: number }[] = await this.em.query(
      `SELECT count(*)::int AS admins FROM users WHERE 'admin' = ANY(roles) AND NOT is_disabled`,
    );
    return admins;
  }

  /** Whether the users table exists (the database is migrated) and holds an account. */
  async hasAny(): Promise<boolean> {
    const [{ ready }]: { ready: boolean }[] = await this.em.query(
      `SELECT to_regclass('public.users') IS NOT NULL AS ready`,
    );
    if (!ready) return false;
    const [{ n }]: { n: number }[] = await this.em.query(`SELECT count(*)::int AS n FROM users`);
    return n > 0;
  }

  /**
   * The enabled account an access token names, when its token version still matches and its
   * session has a refresh token neither revoked nor expired at `now`.
   */
  async sessionAccount(
    userId: string,
    tokenVersion: number,
    sessionId: string,
    now: Date,
  ): Promise<SessionAccountRow | null> {
    const [row]: SessionAccountRow[] = await this.em.query(
      `SELECT u.id, u.username, u.roles, u.unit_id AS "unitId" FROM users u
        WHERE u.id = $1 AND NOT u.is_disabled AND u.token_version = $2
          AND EXISTS (SELECT 1 FROM refresh_tokens r
                       WHERE r.session_id = $3 AND r.user_id = u.id AND r.revoked_at IS NULL AND r.expires_at > $4)`,
      [userId, tokenVersion, sessionId, now],
    );
    return row ?? null;
  }

  /** The refresh token with this hash, row-locked (two refreshes with one token serialise). */
  lockRefreshToken(tokenHash: string): Promise<RefreshToken | null> {
    return this.em
      .getRepository(RefreshToken)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.token_hash = :hash', { hash: tokenHash })
      .getOne();
  }

  /** Revokes the session's live refresh tokens (only the user's, when given); how many. */
  async revokeSession(sessionId: string, at: Date, userId?: string): Promise<number> {
    const qb = this.em
      .createQueryBuilder()
      .update(RefreshToken)
      .set({ revokedAt: at })
      .where('session_id = :sessionId AND revoked_at IS NULL', { sessionId });
    if (userId) qb.andWhere('user_id = :userId', { userId });
    return (await qb.execute()).affected ?? 0;
  }

  /** Revokes the user's live refresh tokens of every session but `keepSessionId`; how many. */
  async revokeOtherSessions(userId: string, at: Date, keepSessionId?: string): Promise<number> {
    const qb = this.em
      .createQueryBuilder()
      .update(RefreshToken)
      .set({ revokedAt: at })
      .where('user_id = :userId AND revoked_at IS NULL', { userId });
    if (keepSessionId) qb.andWhere('session_id <> :sessionId', { sessionId: keepSessionId });
    return (await qb.execute()).affected ?? 0;
  }
}
