import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Actor } from '@tracker/services';

// Rows for the supervision specs, written straight to the database: each spec creates what it reads.

export async function givenUnit(
  ds: DataSource,
  name = `单位-${randomUUID().slice(0, 6)}`,
): Promise<string> {
  const [row] = (await ds.query(
    `INSERT INTO units (name, level, kind) VALUES ($1, 'province', 'department') RETURNING id`,
    [name],
  )) as { id: string }[];
  return row.id;
}

export async function givenUser(
  ds: DataSource,
  opts: { roles: string[]; unitId?: string | null; isUnitHead?: boolean; username?: string },
): Promise<Actor> {
  const username = opts.username ?? `u-${randomUUID().slice(0, 8)}`;
  const [row] = (await ds.query(
    `INSERT INTO users (username, display_name, password_hash, roles, unit_id, is_unit_head)
     VALUES ($1, $1, 'x', $2::text[], $3, $4) RETURNING id`,
    [username, opts.roles, opts.unitId ?? null, opts.isUnitHead ?? false],
  )) as { id: string }[];
  return {
    id: row.id,
    username,
    roles: opts.roles as Actor['roles'],
    unitId: opts.unitId ?? null,
    channel: 'api',
  };
}

export const SUPERVISION_CLAUSE = {
  path: ['五', '（三）'],
  text: '强化督导检查。领导小组办公室每季度对各项任务落实情况进行督促检查，实行季度通报机制，对工作推进不力的单位进行督办，重大问题提请领导小组研究。',
};

export async function givenDocument(
  ds: DataSource,
  opts: {
    title?: string;
    profile?: Record<string, unknown>;
    clauses?: { path: string[]; text: string }[];
  } = {},
): Promise<string> {
  const title = opts.title ?? `测试文件${randomUUID().slice(0, 6)}`;
  const [row] = (await ds.query(
    `INSERT INTO policy_documents (title, content_hash, source_text, supervision_clauses, supervision_profile)
     VALUES ($1, $2, '', $3, $4) RETURNING id`,
    [
      title,
      randomUUID(),
      JSON.stringify(opts.clauses ?? [SUPERVISION_CLAUSE]),
      JSON.stringify(opts.profile ?? {}),
    ],
  )) as { id: string }[];
  return row.id;
}

let ordinal = 0;
export async function givenTask(
  ds: DataSource,
  documentId: string,
  opts: { path?: string[]; heading?: string; deadlineOn?: string | null; targets?: unknown[] } = {},
): Promise<string> {
  ordinal += 1;
  const path = opts.path ?? ['二', `（${ordinal}）`];
  const [row] = (await ds.query(
    `INSERT INTO tasks (document_id, path, path_key, ordinal, heading, is_task, units_source, deadline_on, targets)
     VALUES ($1, $2::text[], $3, $4, $5, true, 'own', $6, $7) RETURNING id`,
    [
      documentId,
      path,
      path.join('/'),
      ordinal,
      opts.heading ?? `任务${ordinal}`,
      opts.deadlineOn ?? null,
      JSON.stringify(opts.targets ?? []),
    ],
  )) as { id: string }[];
  return row.id;
}

export async function givenAssignment(
  ds: DataSource,
  taskId: string,
  unitId: string,
  role: 'lead' | 'support',
  createdAt: Date,
): Promise<string> {
  const [row] = (await ds.query(
    `INSERT INTO assignments (task_id, unit_id, role, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
    [taskId, unitId, role, createdAt],
  )) as { id: string }[];
  return row.id;
}

export async function noticesOf(
  ds: DataSource,
  where = 'true',
  params: unknown[] = [],
): Promise<
  {
    dedup_key: string;
    kind: string;
    level: number;
    colour: string;
    title: string;
    clause: unknown;
    report_id: string | null;
    recipients: number;
  }[]
> {
  return ds.query(
    `SELECT n.dedup_key, n.kind, n.level, n.colour, n.title, n.clause, n.report_id,
            (SELECT count(*)::int FROM notice_deliveries d WHERE d.notice_id = n.id) AS recipients
       FROM notices n WHERE ${where} ORDER BY n.created_at, n.dedup_key`,
    params,
  );
}

/** A document with `tasks` open tasks led round-robin by `units` units (one member and one head each), set-based. */
export async function givenBulkDocument(
  ds: DataSource,
  tasks: number,
  units = 20,
  assignedAt = new Date('2020-07-01T09:00:00+08:00'),
): Promise<string> {
  const documentId = await givenDocument(ds, { title: `批量文件${randomUUID().slice(0, 6)}` });
  const tag = randomUUID().slice(0, 6);
  await ds.query(
    `INSERT INTO units (name, level, kind) SELECT '批量单位' || $1 || '-' || g, 'city', 'department' FROM generate_series(1, $2) g`,
    [tag, units],
  );
  await ds.query(
    `INSERT INTO users (username, display_name, password_hash, roles, unit_id, is_unit_head)
     SELECT u.name || h, u.name, 'x', ARRAY['agency'], u.id, h = 1 FROM units u CROSS JOIN generate_series(0, 1) h
      WHERE u.name LIKE '批量单位' || $1 || '-%'`,
    [tag],
  );
  await ds.query(
    `INSERT INTO tasks (document_id, path, path_key, ordinal, heading, is_task, units_source)
     SELECT $1, ARRAY['一', g::text], '一/' || g, g, '批量任务' || g, true, 'own' FROM generate_series(1, $2) g`,
    [documentId, tasks],
  );
  await ds.query(
    `INSERT INTO assignments (task_id, unit_id, role, created_at)
     SELECT t.id, u.id, 'lead', $3 FROM tasks t
       JOIN (SELECT id, row_number() OVER (ORDER BY name) - 1 AS k FROM units WHERE name LIKE '批量单位' || $2 || '-%') u
         ON u.k = (t.ordinal % $4)
      WHERE t.document_id = $1`,
    [documentId, tag, assignedAt, units],
  );
  return documentId;
}
