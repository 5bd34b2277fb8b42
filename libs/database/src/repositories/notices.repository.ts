import type { Citation, NoticeKind, RungColour } from '@tracker/domain';
import { EntityManager } from 'typeorm';

/** A notice to raise, with who receives it. */
export interface NewNotice {
  /** Unique per kind, target and rung: a second raise of the key finds the first notice. */
  dedupKey: string;
  kind: NoticeKind;
  level: number;
  colour: RungColour;
  taskId: string | null;
  unitId: string | null;
  assignmentId: string | null;
  cycleId: string | null;
  reportId: string | null;
  title: string;
  body: string;
  titleEn: string | null;
  bodyEn: string | null;
  clause: Citation | null;
  /** The page its mail and inbox entry open when it is not about a task: a path such as `/admin/accounts?focus=…`. */
  linkPath: string | null;
  /** Accounts that receive it by id (enabled ones). */
  users: string[];
  /** Units whose members (enabled accounts) receive it. */
  unitMembers: string[];
  /** Units whose heads receive it. */
  unitHeads: string[];
  /** Roles whose holders receive it. */
  roles: string[];
  /** Mailed whatever the recipient's preference (kinds that cannot be switched off). */
  locked: boolean;
}

export interface RaisedNotices {
  /** The notices this call created (a key already present is absent). */
  inserted: { id: string; dedupKey: string }[];
  /** The email deliveries created for them. */
  emails: { id: string; noticeId: string }[];
}

/** Notices and their deliveries (in-app and email), written exactly once by dedup key. */
export class NoticesRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Inserts the notices whose keys are new, with an in-app delivery for every recipient and an
   * email delivery for each one with an address whose preference for the kind is `immediate`
   * (`defaultPreference` when unset) or whose notice is locked. One statement.
   */
  async raiseMany(
    notices: NewNotice[],
    now: Date,
    defaultPreference: string,
  ): Promise<RaisedNotices> {
    const rows = notices.map((n) => ({
      dedup_key: n.dedupKey,
      kind: n.kind,
      level: n.level,
      colour: n.colour,
      task_id: n.taskId,
      unit_id: n.unitId,
      assignment_id: n.assignmentId,
      cycle_id: n.cycleId,
      report_id: n.reportId,
      title: n.title,
      body: n.body,
      title_en: n.titleEn,
      body_en: n.bodyEn,
      clause: n.clause,
      link_path: n.linkPath,
      users: n.users,
      unit_members: n.unitMembers,
      unit_heads: n.unitHeads,
      roles: n.roles,
      locked: n.locked,
    }));
    const [result]: RaisedNotices[] = await this.em.query(
      `WITH spec AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS s(
           dedup_key text, kind text, level int, colour text, task_id uuid, unit_id uuid, assignment_id uuid, cycle_id uuid,
           report_id uuid, title text, body text, title_en text, body_en text, clause jsonb, link_path text, users uuid[],
           unit_members uuid[], unit_heads uuid[], roles text[], locked boolean)
       ), ins AS (
         INSERT INTO notices (dedup_key, kind, level, colour, task_id, unit_id, assignment_id, cycle_id, report_id,
                              title, body, title_en, body_en, clause, link_path, created_at)
         SELECT dedup_key, kind, level, colour, task_id, unit_id, assignment_id, cycle_id, report_id,
                title, body, title_en, body_en, clause, link_path, $2 FROM spec
         ON CONFLICT (dedup_key) DO NOTHING RETURNING id, dedup_key
       ), created AS (
         SELECT ins.id AS notice_id, spec.kind, spec.locked, spec.users, spec.unit_members, spec.unit_heads, spec.roles
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
         UNION
         SELECT c.notice_id, u.id, c.kind, c.locked, u.email, u.notice_preferences
           FROM created c CROSS JOIN unnest(c.users) AS ru(user_id)
           JOIN users u ON u.id = ru.user_id AND NOT u.is_disabled
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
      [JSON.stringify(rows), now, defaultPreference],
    );
    return result;
  }

  /** The ids of the notices with these keys, by key. */
  async idsByDedupKey(keys: string[]): Promise<Map<string, string>> {
    const rows: { id: string; dedupKey: string }[] = await this.em.query(
      `SELECT id, dedup_key AS "dedupKey" FROM notices WHERE dedup_key = ANY($1::text[])`,
      [keys],
    );
    return new Map(rows.map((r) => [r.dedupKey, r.id]));
  }

  /** Email deliveries of these notices not yet sent nor given up on (their mail jobs may be lost). */
  async unsentEmailDeliveries(noticeIds: string[]): Promise<string[]> {
    const rows: { id: string }[] = await this.em.query(
      `SELECT id FROM notice_deliveries
        WHERE notice_id = ANY($1::uuid[]) AND channel = 'email' AND sent_at IS NULL AND failed_at IS NULL`,
      [noticeIds],
    );
    return rows.map((r) => r.id);
  }
}
