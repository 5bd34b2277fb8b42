import { Inject, Injectable } from '@nestjs/common';
import { Citation, Clock, CLOCK, NoticeKind, Role, RungColour } from '@tracker/domain';
import { NoticeText } from '@tracker/notify';
import { EntityManager } from 'typeorm';
import { MailOutboxService } from '../mail/mail-outbox.service';
import { DEFAULT_PREFERENCE, isLocked } from '../mail/mail-policy';

/** Who receives a notice in the inbox: a unit's members, a unit's heads, holders of a role. */
export interface Recipients {
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
    const now = this.clock.now();
    const inserted: { id: string }[] = await em.query(
      `INSERT INTO notices (dedup_key, kind, level, colour, task_id, unit_id, assignment_id, cycle_id, report_id,
                            title, body, title_en, body_en, clause, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       ON CONFLICT (dedup_key) DO NOTHING RETURNING id`,
      [
        spec.dedupKey, spec.kind, spec.level, spec.colour, spec.taskId ?? null, spec.unitId ?? null,
        spec.assignmentId ?? null, spec.cycleId ?? null, spec.reportId ?? null,
        spec.text.title, spec.text.body, spec.text.titleEn, spec.text.bodyEn,
        spec.clause ? JSON.stringify(spec.clause) : null, now,
      ],
    );
    if (inserted.length === 0) {
      const [found] = (await em.query(`SELECT id FROM notices WHERE dedup_key = $1`, [spec.dedupKey])) as { id: string }[];
      return { id: found.id, created: false, emailDeliveryIds: [] };
    }
    const id = inserted[0].id;
    await this.deliver(em, id, spec.recipients, now);
    const emailDeliveryIds = await this.deliverByEmail(em, id, spec, now);
    await this.outbox.afterCommit(em, emailDeliveryIds.map((deliveryId) => ({ name: 'mail-deliver' as const, deliveryId })));
    return { id, created: true, emailDeliveryIds };
  }

  /** Email rows for the same recipients, where the user has an address and wants it now. */
  private async deliverByEmail(em: EntityManager, noticeId: string, spec: NoticeSpec, now: Date): Promise<string[]> {
    const r = spec.recipients;
    const rows: { id: string }[] = await em.query(
      `INSERT INTO notice_deliveries (notice_id, user_id, channel, created_at)
       SELECT $1, u.id, 'email', $5 FROM users u
        WHERE NOT u.is_disabled AND coalesce(u.email, '') <> ''
          AND (u.unit_id = ANY($2::uuid[])
               OR (u.is_unit_head AND u.unit_id = ANY($3::uuid[]))
               OR u.roles && $4::text[])
          AND ($6::boolean OR coalesce(u.notice_preferences ->> $7::text, $8::text) = 'immediate')
       ON CONFLICT (notice_id, user_id, channel) DO NOTHING RETURNING id`,
      [noticeId, r.unitMembers ?? [], r.unitHeads ?? [], r.roles ?? [], now, isLocked(spec.kind, spec.level), spec.kind, DEFAULT_PREFERENCE],
    );
    return rows.map((row) => row.id);
  }

  private async deliver(em: EntityManager, noticeId: string, r: Recipients, now: Date): Promise<void> {
    await em.query(
      `INSERT INTO notice_deliveries (notice_id, user_id, channel, created_at)
       SELECT $1, u.id, 'inapp', $5 FROM users u
        WHERE NOT u.is_disabled
          AND (u.unit_id = ANY($2::uuid[])
               OR (u.is_unit_head AND u.unit_id = ANY($3::uuid[]))
               OR u.roles && $4::text[])
       ON CONFLICT (notice_id, user_id, channel) DO NOTHING`,
      [noticeId, r.unitMembers ?? [], r.unitHeads ?? [], r.roles ?? [], now],
    );
  }

  /** A user's in-app notices, newest first. */
  async inbox(em: EntityManager, userId: string, limit = 100): Promise<InboxNotice[]> {
    const rows: InboxRow[] = await em.query(
      `SELECT n.id, n.kind, n.level, n.colour, n.title, n.body, n.title_en, n.body_en, n.clause, n.task_id,
              n.report_id, n.dedup_key, n.created_at, d.read_at
         FROM notice_deliveries d JOIN notices n ON n.id = d.notice_id
        WHERE d.user_id = $1 AND d.channel = 'inapp'
        ORDER BY n.created_at DESC, n.id LIMIT $2`,
      [userId, limit],
    );
    return rows.map((r) => ({
      id: r.id, kind: r.kind, level: r.level, colour: r.colour, title: r.title, body: r.body,
      titleEn: r.title_en, bodyEn: r.body_en, clause: r.clause, taskId: r.task_id, reportId: r.report_id,
      dedupKey: r.dedup_key, createdAt: r.created_at, readAt: r.read_at,
    }));
  }
}

interface InboxRow {
  id: string; kind: NoticeKind; level: number; colour: RungColour; title: string; body: string;
  title_en: string | null; body_en: string | null; clause: Citation | null; task_id: string | null;
  report_id: string | null; dedup_key: string; created_at: Date; read_at: Date | null;
}

export interface InboxNotice {
  id: string; kind: NoticeKind; level: number; colour: RungColour; title: string; body: string;
  titleEn: string | null; bodyEn: string | null; clause: Citation | null; taskId: string | null;
  reportId: string | null; dedupKey: string; createdAt: Date; readAt: Date | null;
}
