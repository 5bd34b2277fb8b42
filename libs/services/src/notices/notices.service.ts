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
    return (await this.raiseMany(em, [spec]))[0];
  }

  /**
   * `raise` for many notices in a few statements (a sweep's chunk): the same dedup keys,
   * recipients, mail policy and enqueue after the commit. Returns one result per spec, in order.
   */
  async raiseMany(em: EntityManager, specs: NoticeSpec[]): Promise<Raised[]> {
    if (specs.length === 0) return [];
    const now = this.clock.now();
    const rows = specs.map((s) => ({
      dedup_key: s.dedupKey,
      kind: s.kind,
      level: s.level,
      colour: s.colour,
      task_id: s.taskId ?? null,
      unit_id: s.unitId ?? null,
      assignment_id: s.assignmentId ?? null,
      cycle_id: s.cycleId ?? null,
      report_id: s.reportId ?? null,
      title: s.text.title,
      body: s.text.body,
      title_en: s.text.titleEn,
      body_en: s.text.bodyEn,
      clause: s.clause ?? null,
      unit_members: s.recipients.unitMembers ?? [],
      unit_heads: s.recipients.unitHeads ?? [],
      roles: s.recipients.roles ?? [],
      locked: isLocked(s.kind, s.level),
    }));
    const [result] = (await em.query(
      `WITH spec AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS s(
           dedup_key text, kind text, level int, colour text, task_id uuid, unit_id uuid, assignment_id uuid, cycle_id uuid,
           report_id uuid, title text, body text, title_en text, body_en text, clause jsonb, unit_members uuid[],
           unit_heads uuid[], roles text[], locked boolean)
       ), ins AS (
         INSERT INTO notices (dedup_key, kind, level, colour, task_id, unit_id, assignment_id, cycle_id, report_id,
                              title, body, title_en, body_en, clause, created_at)
         SELECT dedup_key, kind, level, colour, task_id, unit_id, assignment_id, cycle_id, report_id,
                title, body, title_en, body_en, clause, $2 FROM spec
         ON CONFLICT (dedup_key) DO NOTHING RETURNING id, dedup_key
       ), created AS (
         SELECT ins.id AS notice_id, spec.kind, spec.locked, spec.unit_members, spec.unit_heads, spec.roles
           FROM ins JOIN spec ON spec.dedup_key = ins.dedup_key
       ), who AS (
         -- Each way of being a recipient is its own equi-join (hash joins on unit and role), not one OR-join
         -- that tests every user against every notice; UNION merges the overlaps.
         SELECT r.notice_id, u.id AS user_id, r.kind, r.locked, u.email, u.notice_preferences
           FROM (
             SELECT c.notice_id, c.kind, c.locked, m.unit_id, false AS heads_only FROM created c CROSS JOIN unnest(c.unit_members) AS m(unit_id)
             UNION ALL
             SELECT c.notice_id, c.kind, c.locked, h.unit_id, true FROM created c CROSS JOIN unnest(c.unit_heads) AS h(unit_id)
           ) r
           JOIN users u ON u.unit_id = r.unit_id AND NOT u.is_disabled AND (u.is_unit_head OR NOT r.heads_only)
         UNION
         SELECT c.notice_id, u.id, c.kind, c.locked, u.email, u.notice_preferences
           FROM created c CROSS JOIN unnest(c.roles) AS rl(role)
           JOIN (SELECT id, email, notice_preferences, unnest(roles) AS role FROM users WHERE NOT is_disabled) u ON u.role = rl.role
       ), inapp AS (
         INSERT INTO notice_deliveries (notice_id, user_id, channel, created_at)
         SELECT notice_id, user_id, 'inapp', $2 FROM who
         ON CONFLICT (notice_id, user_id, channel) DO NOTHING
       ), email AS (
         INSERT INTO notice_deliveries (notice_id, user_id, channel, created_at)
         SELECT notice_id, user_id, 'email', $2 FROM who
          WHERE coalesce(email, '') <> '' AND (locked OR coalesce(notice_preferences ->> kind, $3::text) = 'immediate')
         ON CONFLICT (notice_id, user_id, channel) DO NOTHING RETURNING id, notice_id
       )
       SELECT (SELECT coalesce(json_agg(json_build_object('id', id, 'dedupKey', dedup_key)), '[]'::json) FROM ins) AS inserted,
              (SELECT coalesce(json_agg(json_build_object('id', id, 'noticeId', notice_id)), '[]'::json) FROM email) AS emails`,
      [JSON.stringify(rows), now, DEFAULT_PREFERENCE],
    )) as {
      inserted: { id: string; dedupKey: string }[];
      emails: { id: string; noticeId: string }[];
    }[];
    const created = new Map(result.inserted.map((r) => [r.dedupKey, r.id]));
    const missing = specs.map((s) => s.dedupKey).filter((k) => !created.has(k));
    const existing = new Map<string, string>();
    if (missing.length) {
      const found: { id: string; dedup_key: string }[] = await em.query(
        `SELECT id, dedup_key FROM notices WHERE dedup_key = ANY($1::text[])`,
        [missing],
      );
      for (const f of found) existing.set(f.dedup_key, f.id);
    }
    const emailsByNotice = new Map<string, string[]>();
    for (const e of result.emails)
      emailsByNotice.set(e.noticeId, [...(emailsByNotice.get(e.noticeId) ?? []), e.id]);
    await this.outbox.afterCommit(
      em,
      result.emails.map((e) => ({ name: 'mail-deliver' as const, deliveryId: e.id })),
    );
    return specs.map((s) => {
      const id = created.get(s.dedupKey);
      if (id) return { id, created: true, emailDeliveryIds: emailsByNotice.get(id) ?? [] };
      return { id: existing.get(s.dedupKey) as string, created: false, emailDeliveryIds: [] };
    });
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
      id: r.id,
      kind: r.kind,
      level: r.level,
      colour: r.colour,
      title: r.title,
      body: r.body,
      titleEn: r.title_en,
      bodyEn: r.body_en,
      clause: r.clause,
      taskId: r.task_id,
      reportId: r.report_id,
      dedupKey: r.dedup_key,
      createdAt: r.created_at,
      readAt: r.read_at,
    }));
  }
}

interface InboxRow {
  id: string;
  kind: NoticeKind;
  level: number;
  colour: RungColour;
  title: string;
  body: string;
  title_en: string | null;
  body_en: string | null;
  clause: Citation | null;
  task_id: string | null;
  report_id: string | null;
  dedup_key: string;
  created_at: Date;
  read_at: Date | null;
}

export interface InboxNotice {
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
  dedupKey: string;
  createdAt: Date;
  readAt: Date | null;
}
