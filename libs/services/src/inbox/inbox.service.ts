import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError } from '@tracker/common';
import { Citation, Clock, CLOCK, NOTICE_KINDS, NoticeKind, RungColour } from '@tracker/domain';
import { DataSource } from 'typeorm';
import { Actor } from '../access/actor';
import { DEFAULT_PREFERENCE, isLocked, NoticePreference } from '../mail/mail-policy';

export class InboxError extends DomainError<'NOTICE_NOT_FOUND' | 'NOTICE_PREFERENCE_LOCKED'> {}

export interface InboxFilter {
  kind?: NoticeKind;
  taskId?: string;
  unread?: boolean;
  limit?: number;
  offset?: number;
}

export interface InboxItem {
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
  createdAt: Date;
  readAt: Date | null;
}

export interface InboxPage {
  items: InboxItem[];
  total: number;
  unread: number;
}

export interface NoticePreferenceView {
  kind: NoticeKind;
  preference: NoticePreference;
  /** Supervision notices and escalations cannot be switched off and always go out at once. */
  locked: boolean;
}

/** The in-app inbox of the signed-in user, and their email preferences per notice kind. */
@Injectable()
export class InboxService {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async list(actor: Actor, f: InboxFilter): Promise<InboxPage> {
    const where = `d.user_id = $1 AND d.channel = 'inapp'
       AND ($2::text IS NULL OR n.kind = $2) AND ($3::uuid IS NULL OR n.task_id = $3)`;
    const params = [actor.id, f.kind ?? null, f.taskId ?? null];
    const rows: Row[] = await this.dataSource.query(
      `SELECT n.id, n.kind, n.level, n.colour, n.title, n.body, n.title_en, n.body_en, n.clause, n.task_id, n.report_id,
              n.created_at, d.read_at
         FROM notice_deliveries d JOIN notices n ON n.id = d.notice_id
        WHERE ${where} AND (NOT $4::boolean OR d.read_at IS NULL)
        ORDER BY n.created_at DESC, n.id LIMIT $5 OFFSET $6`,
      [...params, f.unread ?? false, Math.min(f.limit ?? 50, 200), f.offset ?? 0],
    );
    const [counts] = (await this.dataSource.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE d.read_at IS NULL)::int AS unread
         FROM notice_deliveries d JOIN notices n ON n.id = d.notice_id WHERE ${where}`,
      params,
    )) as { total: number; unread: number }[];
    return {
      items: rows.map((r) => ({
        id: r.id, kind: r.kind, level: r.level, colour: r.colour, title: r.title, body: r.body, titleEn: r.title_en,
        bodyEn: r.body_en, clause: r.clause, taskId: r.task_id, reportId: r.report_id, createdAt: r.created_at, readAt: r.read_at,
      })),
      total: counts.total,
      unread: counts.unread,
    };
  }

  /** Marks one of my notices read (idempotent); someone else's notice reads as not found. */
  async markRead(actor: Actor, noticeId: string): Promise<{ id: string; readAt: Date }> {
    const rows: { read_at: Date }[] = await this.dataSource.query(
      // Through a CTE: TypeORM returns [rows, count] for a bare UPDATE … RETURNING on PostgreSQL.
      `WITH marked AS (UPDATE notice_deliveries SET read_at = coalesce(read_at, $3)
        WHERE notice_id = $1 AND user_id = $2 AND channel = 'inapp' RETURNING read_at) SELECT read_at FROM marked`,
      [noticeId, actor.id, this.clock.now()],
    );
    if (!rows[0]) throw new InboxError('NOTICE_NOT_FOUND', `Notice ${noticeId} not found`);
    return { id: noticeId, readAt: rows[0].read_at };
  }

  async markAllRead(actor: Actor): Promise<{ marked: number }> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH marked AS (UPDATE notice_deliveries SET read_at = $2 WHERE user_id = $1 AND channel = 'inapp' AND read_at IS NULL RETURNING id)
       SELECT id FROM marked`,
      [actor.id, this.clock.now()],
    );
    return { marked: rows.length };
  }

  async preferences(actor: Actor): Promise<NoticePreferenceView[]> {
    const [u] = (await this.dataSource.query(`SELECT notice_preferences FROM users WHERE id = $1`, [actor.id])) as {
      notice_preferences: Partial<Record<string, NoticePreference>>;
    }[];
    return NOTICE_KINDS.map((kind) => {
      const locked = isLocked(kind, 0);
      return { kind, locked, preference: locked ? 'immediate' : u?.notice_preferences?.[kind] ?? DEFAULT_PREFERENCE };
    });
  }

  /** Sets some kinds' preferences; a locked kind can only stay `immediate`. */
  async setPreferences(actor: Actor, changes: Partial<Record<NoticeKind, NoticePreference>>): Promise<NoticePreferenceView[]> {
    const locked = Object.entries(changes).filter(([kind, p]) => isLocked(kind as NoticeKind, 0) && p !== 'immediate');
    if (locked.length) {
      throw new InboxError('NOTICE_PREFERENCE_LOCKED', `${locked.map(([k]) => k).join(', ')} notices cannot be switched off or deferred`);
    }
    await this.dataSource.query(`UPDATE users SET notice_preferences = notice_preferences || $2::jsonb WHERE id = $1`, [
      actor.id,
      JSON.stringify(changes),
    ]);
    return this.preferences(actor);
  }
}

interface Row {
  id: string; kind: NoticeKind; level: number; colour: RungColour; title: string; body: string; title_en: string | null;
  body_en: string | null; clause: Citation | null; task_id: string | null; report_id: string | null; created_at: Date;
  read_at: Date | null;
}
