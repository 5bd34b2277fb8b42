import type { Role } from '@tracker/domain';
import { EntityManager } from 'typeorm';

/** A stored one-click link (by its token's hash) with the account it acts as. */
export interface ActionTokenRow {
  id: string;
  action: string;
  subjectId: string;
  userId: string;
  expiresAt: Date;
  usedAt: Date | null;
  username: string;
  roles: Role[];
  unitId: string | null;
  isDisabled: boolean;
}

export interface NewActionToken {
  tokenHash: string;
  action: string;
  subjectId: string;
  userId: string;
  expiresAt: Date;
}

/** Action links from mail (`action_tokens`): issued once per token, spent once. */
export class ActionLinksRepository {
  constructor(private readonly em: EntityManager) {}

  /** Stores the token unless it is stored already; its expiry as stored (a reissue keeps the first). */
  async issue(t: NewActionToken): Promise<Date> {
    await this.em.query(
      `INSERT INTO action_tokens (token_hash, action, subject_id, user_id, expires_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (token_hash) DO NOTHING`,
      [t.tokenHash, t.action, t.subjectId, t.userId, t.expiresAt],
    );
    const [row]: { expiresAt: Date }[] = await this.em.query(
      `SELECT expires_at AS "expiresAt" FROM action_tokens WHERE token_hash = $1`,
      [t.tokenHash],
    );
    return row.expiresAt;
  }

  /** The token with this hash, locked so a second use waits and then sees it spent. */
  async lockByHash(tokenHash: string): Promise<ActionTokenRow | null> {
    const [row]: ActionTokenRow[] = await this.em.query(
      `SELECT t.id, t.action, t.subject_id AS "subjectId", t.user_id AS "userId", t.expires_at AS "expiresAt",
              t.used_at AS "usedAt", u.username, u.roles, u.unit_id AS "unitId", u.is_disabled AS "isDisabled"
         FROM action_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1 FOR UPDATE OF t`,
      [tokenHash],
    );
    return row ?? null;
  }

  async markUsed(id: string, at: Date): Promise<void> {
    await this.em.query(`UPDATE action_tokens SET used_at = $2 WHERE id = $1`, [id, at]);
  }
}
