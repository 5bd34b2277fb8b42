import { Inject, Injectable } from '@nestjs/common';
import { Citation, Clock, CLOCK, NoticeKind, Role, RungColour } from '@tracker/domain';
import { InboxItemRow, InboxRepository, NoticesRepository } from '@tracker/database';
import { NoticeText } from '@tracker/notify';
import { EntityManager } from 'typeorm';
import { MailOutboxService } from '../mail/mail-outbox.service';
import { DEFAULT_PREFERENCE, isLocked } from '../mail/mail-policy';

/** Who receives a notice in the inbox: a unit's members, a unit's heads, holders of a role. */
export interface Recipients {
  /** Accounts by id. */
  users?: string[];
  unitMembers?: string[];
  unitHeads?: string[];
  roles?: Role[];
}

export interface NoticeSpec {
  /** Unique per kind, target and rung: `overdue/<reportId>/e<epoch>`. */
  dedupKey: string;
  kind: NoticeKind;
  level: number;
  colour: RungColour;
  text: NoticeText;
  clause: Citation | null;
  /** The page the mail and inbox link to when the notice is not about a task (PAGE_PATHS). */
  linkPath?: string | null;
  recipients: Recipients;
  taskId?: string | null;
  unitId?: string | null;
  assignmentId?: string | null;
  cycleId?: string | null;
  reportId?: string | null;
}

export interface Raised {
  id: string;
  created: boolean;
  /** Email deliveries created for this notice; their mail jobs are enqueued after the commit. */
  emailDeliveryIds: string[];
}

/**
 * Creates a notice and its in-app deliveries in the caller's transaction, exactly once: the dedup
 * key makes a retried or concurrent raise find the first one. Recipients with an email address
 * whose preference for the kind is `immediate` (or for kinds that cannot be switched off) also get
 * an email delivery row; its `mail-deliver` job is enqueued once the caller's transaction commits.
 */
@Injectable()
export class NoticesService {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly outbox: MailOutboxService,
  ) {}

  async raise(em: EntityManager, spec: NoticeSpec): Promise<Raised> {
    return (await this.raiseMany(em, [spec]))[0];
  }

  /**
   * `raise` for many notices in a few statements (a sweep's chunk): the same dedup keys,
   * recipients, mail policy and enqueue after the commit. Returns one result per spec, in order.
   */
  async raiseMany(em: EntityManager, specs: NoticeSpec[]): Promise<Raised[]> {
    if (specs.length === 0) return [];
    const now = this.clock.now();
    const notices = new NoticesRepository(em);
    const result = await notices.raiseMany(
      specs.map((s) => ({
        dedupKey: s.dedupKey,
        kind: s.kind,
        level: s.level,
        colour: s.colour,
        taskId: s.taskId ?? null,
        unitId: s.unitId ?? null,
        assignmentId: s.assignmentId ?? null,
        cycleId: s.cycleId ?? null,
        reportId: s.reportId ?? null,
        title: s.text.title,
        body: s.text.body,
        titleEn: s.text.titleEn,
        bodyEn: s.text.bodyEn,
        clause: s.clause ?? null,
        linkPath: s.linkPath ?? null,
        users: s.recipients.users ?? [],
        unitMembers: s.recipients.unitMembers ?? [],
        unitHeads: s.recipients.unitHeads ?? [],
        roles: s.recipients.roles ?? [],
        locked: isLocked(s.kind, s.level),
      })),
      now,
      DEFAULT_PREFERENCE,
    );
    const created = new Map(result.inserted.map((r) => [r.dedupKey, r.id]));
    const missing = specs.map((s) => s.dedupKey).filter((k) => !created.has(k));
    const existing = missing.length
      ? await notices.idsByDedupKey(missing)
      : new Map<string, string>();
    const emailsByNotice = new Map<string, string[]>();
    for (const e of result.emails)
      emailsByNotice.set(e.noticeId, [...(emailsByNotice.get(e.noticeId) ?? []), e.id]);
    // A notice already raised by a run that died after its commit and before queuing its mail:
    // its unsent mail is queued again here (the jobs' ids are the deliveries' own, so a mail
    // whose job is still there is not queued twice), not left for the relay's next sweep.
    const unsent = existing.size ? await notices.unsentEmailDeliveries([...existing.values()]) : [];
    await this.outbox.afterCommit(em, [
      ...result.emails.map((e) => ({ name: 'mail-deliver' as const, deliveryId: e.id })),
      ...unsent.map((deliveryId) => ({ name: 'mail-deliver' as const, deliveryId })),
    ]);
    return specs.map((s) => {
      const id = created.get(s.dedupKey);
      if (id) return { id, created: true, emailDeliveryIds: emailsByNotice.get(id) ?? [] };
      return { id: existing.get(s.dedupKey) as string, created: false, emailDeliveryIds: [] };
    });
  }

  /** A user's in-app notices, newest first. */
  async inbox(em: EntityManager, userId: string, limit = 100): Promise<InboxNotice[]> {
    const { rows } = await new InboxRepository(em).page({
      userId,
      kind: null,
      taskId: null,
      unreadOnly: false,
      after: null,
      limit,
    });
    return rows;
  }
}

export type InboxNotice = InboxItemRow;
