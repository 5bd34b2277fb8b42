import type { Citation, NoticeKind, RungColour } from '@tracker/domain';
import { EntityManager } from 'typeorm';

export interface InboxItemRow {
  id: string;
  kind: NoticeKind;
  level: number;
  colour: RungColour;
  title: string;
  body: string;
  titleEn: string | null;
  bodyEn: string | null;
  clause: Citation | null;
  taskId: string | null;
  reportId: string | null;
  linkPath: string | null;
  dedupKey: string;
  createdAt: Date;
  readAt: Date | null;
}

export interface InboxQuery {
  userId: string;
  kind: NoticeKind | null;
  taskId: string | null;
  unreadOnly: boolean;
  after: InboxKey | null;
  limit: number;
}

/** The inbox's sort key: when the notice reached the user (whole microseconds since the epoch), the notice id. */
export type InboxKey = [string, string];

// A user's in-app deliveries, narrowed by kind and task ($1 user, $2 kind, $3 task).
const MINE = `d.user_id = $1 AND d.channel = 'inapp'
       AND ($2::text IS NULL OR n.kind = $2) AND ($3::uuid IS NULL OR n.task_id = $3)`;

/** The in-app inbox: a user's notices (their in-app deliveries), read marks and mail preferences. */
export class InboxRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * A page of the user's notices, newest first (then by notice id, both descending), after the
   * key `after`: one statement, served by the inbox index in its order.
   */
  async page(q: InboxQuery): Promise<{ rows: InboxItemRow[]; next: InboxKey | null }> {
    const after = q.after
      ? `AND (d.created_at, d.notice_id) < (timestamptz 'epoch' + $6::bigint * interval '1 microsecond', $7::uuid)`
      : '';
    const rows: (InboxItemRow & { kCreatedAt: string })[] = await this.em.query(
      `SELECT n.id, n.kind, n.level, n.colour, n.title, n.body, n.title_en AS "titleEn", n.body_en AS "bodyEn", n.clause,
              n.task_id AS "taskId", n.report_id AS "reportId", n.link_path AS "linkPath", n.dedup_key AS "dedupKey",
              n.created_at AS "createdAt", d.read_at AS "readAt", ((extract(epoch FROM d.created_at) * 1000000)::bigint)::text AS "kCreatedAt"
         FROM notice_deliveries d JOIN notices n ON n.id = d.notice_id
        WHERE ${MINE} AND (NOT $4::boolean OR d.read_at IS NULL) ${after}
        ORDER BY d.created_at DESC, d.notice_id DESC LIMIT $5`,
      [q.userId, q.kind, q.taskId, q.unreadOnly, q.limit + 1, ...(q.after ?? [])],
    );
    const more = rows.length > q.limit;
    const page = rows.slice(0, q.limit).map(({ kCreatedAt, ...r }) => ({ r, kCreatedAt }));
    const last = page[page.length - 1];
    return {
      rows: page.map((x) => x.r),
      next: more && last ? [last.kCreatedAt, last.r.id] : null,
    };
  }

  async counts(
    q: Pick<InboxQuery, 'userId' | 'kind' | 'taskId'>,
  ): Promise<{ total: number; unread: number }> {
    const [row]: { total: number; unread: number }[] = await this.em.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE d.read_at IS NULL)::int AS unread
         FROM notice_deliveries d JOIN notices n ON n.id = d.notice_id WHERE ${MINE}`,
      [q.userId, q.kind, q.taskId],
    );
    return row;
  }

  /** Marks the user's in-app delivery of a notice read (the first read time stays); null when they have none. */
  async markRead(noticeId: string, userId: string, at: Date): Promise<Date | null> {
    const rows: { readAt: Date }[] = await this.em.query(
      // Through a CTE: TypeORM returns [rows, count] for a bare UPDATE … RETURNING on PostgreSQL.
      `WITH marked AS (UPDATE notice_deliveries SET read_at = coalesce(read_at, $3)
        WHERE notice_id = $1 AND user_id = $2 AND channel = 'inapp' RETURNING read_at) SELECT read_at AS "readAt" FROM marked`,
      [noticeId, userId, at],
    );
    return rows[0]?.readAt ?? null;
  }

  /** Marks every unread in-app delivery of the user read; how many. */
  async markAllRead(userId: string, at: Date): Promise<number> {
    const rows: unknown[] = await this.em.query(
      `WITH marked AS (UPDATE notice_deliveries SET read_at = $2 WHERE user_id = $1 AND channel = 'inapp' AND read_at IS NULL RETURNING id)
       SELECT id FROM marked`,
      [userId, at],
    );
    return rows.length;
  }

  /** The user's mail preference per notice kind, as stored (kinds not set are absent). */
  async preferences<P extends string>(userId: string): Promise<Partial<Record<string, P>>> {
    const [row]: { preferences: Partial<Record<string, P>> | null }[] = await this.em.query(
      `SELECT notice_preferences AS preferences FROM users WHERE id = $1`,
      [userId],
    );
    return row?.preferences ?? {};
  }

  async mergePreferences(userId: string, changes: Partial<Record<string, string>>): Promise<void> {
    await this.em.query(
      `UPDATE users SET notice_preferences = notice_preferences || $2::jsonb WHERE id = $1`,
      [userId, JSON.stringify(changes)],
    );
  }
}
