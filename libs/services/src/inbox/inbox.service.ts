import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { decodeCursor, DomainError, encodeCursor, KeysetPage, PAGE_LIMIT } from '@tracker/common';
import { Clock, CLOCK, NOTICE_KINDS, NoticeKind } from '@tracker/domain';
import { InboxItemRow, InboxRepository } from '@tracker/database';
import { DataSource } from 'typeorm';
import { Actor } from '../access/actor';
import { DEFAULT_PREFERENCE, isLocked, NoticePreference } from '../mail/mail-policy';

export class InboxError extends DomainError<'NOTICE_NOT_FOUND' | 'NOTICE_PREFERENCE_LOCKED'> {}

export interface InboxFilter {
  kind?: NoticeKind;
  taskId?: string;
  unread?: boolean;
  cursor?: string;
  limit?: number;
}

export type InboxItem = InboxItemRow;

export interface InboxPage extends KeysetPage<InboxItem> {
  /** The user's notices of the kind and task filter (read or not), on every page. */
  total: number;
  unread: number;
}

// The inbox's sort key: delivered at (microseconds since the epoch), notice id.
const INBOX_KEY = ['micros', 'uuid'] as const;

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
    const inbox = new InboxRepository(this.dataSource.manager);
    const mine = { userId: actor.id, kind: f.kind ?? null, taskId: f.taskId ?? null };
    const after = f.cursor ? decodeCursor(f.cursor, INBOX_KEY) : null;
    const { rows, next } = await inbox.page({
      ...mine,
      unreadOnly: f.unread ?? false,
      after: after ? [...after] : null,
      limit: Math.min(f.limit ?? PAGE_LIMIT.DEFAULT, PAGE_LIMIT.MAX),
    });
    const { total, unread } = await inbox.counts(mine);
    return { items: rows, nextCursor: next ? encodeCursor(next) : null, total, unread };
  }

  /** Marks one of my notices read (idempotent); someone else's notice reads as not found. */
  async markRead(actor: Actor, noticeId: string): Promise<{ id: string; readAt: Date }> {
    const readAt = await new InboxRepository(this.dataSource.manager).markRead(
      noticeId,
      actor.id,
      this.clock.now(),
    );
    if (!readAt) throw new InboxError('NOTICE_NOT_FOUND', `Notice ${noticeId} not found`);
    return { id: noticeId, readAt };
  }

  async markAllRead(actor: Actor): Promise<{ marked: number }> {
    return {
      marked: await new InboxRepository(this.dataSource.manager).markAllRead(
        actor.id,
        this.clock.now(),
      ),
    };
  }

  async preferences(actor: Actor): Promise<NoticePreferenceView[]> {
    const stored = await new InboxRepository(this.dataSource.manager).preferences<NoticePreference>(
      actor.id,
    );
    return NOTICE_KINDS.map((kind) => {
      const locked = isLocked(kind, 0);
      return {
        kind,
        locked,
        preference: locked ? 'immediate' : (stored[kind] ?? DEFAULT_PREFERENCE),
      };
    });
  }

  /** Sets some kinds' preferences; a locked kind can only stay `immediate`. */
  async setPreferences(
    actor: Actor,
    changes: Partial<Record<NoticeKind, NoticePreference>>,
  ): Promise<NoticePreferenceView[]> {
    const locked = Object.entries(changes).filter(
      ([kind, p]) => isLocked(kind as NoticeKind, 0) && p !== 'immediate',
    );
    if (locked.length) {
      throw new InboxError(
        'NOTICE_PREFERENCE_LOCKED',
        `${locked.map(([k]) => k).join(', ')} notices cannot be switched off or deferred`,
      );
    }
    await new InboxRepository(this.dataSource.manager).mergePreferences(actor.id, changes);
    return this.preferences(actor);
  }
}
