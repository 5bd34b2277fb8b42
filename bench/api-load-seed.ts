import { Client } from 'pg';
import { hashPassword } from '@tracker/services';

// A province-sized database for the API load bench, written set-based (generate_series) on a
// connection of its own, outside the product's pool and its statement timeout.
export const SEED = {
  documents: 10,
  tasksPerDocument: 10_000,
  /** Units 1..5 lead half of all tasks between them (10,000 each, plus support). */
  bigUnits: 5,
  /** Units 6..288 share the other half and the support roles. */
  midUnits: 283,
  /** Units 289..300 support one task in a hundred (about 80 assignments each). */
  tinyUnits: 12,
  password: 'bench-load-1',
};

export interface Seeded {
  bigUnitUser: string;
  smallUnitUser: string;
  officeUser: string;
  cycleId: string;
  counts: Record<string, number>;
}

export async function seedProvince(db: string): Promise<Seeded> {
  const c = new Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: db });
  await c.connect();
  try {
    await c.query(`SET statement_timeout = 0`);
    const { bigUnits, midUnits, tinyUnits, documents, tasksPerDocument } = SEED;
    const units = bigUnits + midUnits + tinyUnits;
    await c.query(
      `INSERT INTO units (name, level, kind) SELECT '负载单位' || lpad(g::text, 3, '0'), 'province', 'department' FROM generate_series(1, $1) g`,
      [units],
    );
    const hash = await hashPassword(SEED.password);
    await c.query(
      `INSERT INTO users (username, display_name, password_hash, roles, unit_id)
       SELECT 'load-' || lpad(k::text, 3, '0'), name, $1, ARRAY['agency'], id
         FROM (SELECT id, name, row_number() OVER (ORDER BY name) AS k FROM units WHERE name LIKE '负载单位%') u`,
      [hash],
    );
    await c.query(
      `INSERT INTO users (username, display_name, password_hash, roles) VALUES ('load-office', '办公室', $1, ARRAY['office'])`,
      [hash],
    );
    await c.query(
      `INSERT INTO policy_documents (title, content_hash, source_text, supervision_clauses, supervision_profile, issued_on)
       SELECT '负载文件' || g, md5('load' || g), '', '[]', '{}', DATE '2020-01-01' + g FROM generate_series(1, $1) g`,
      [documents],
    );
    await c.query(
      `INSERT INTO tasks (document_id, path, path_key, ordinal, heading, is_task, units_source, deadline_on)
       SELECT d.id, ARRAY['一', g::text], '一/' || g, g, '负载任务' || d.k || '-' || g, true, 'own',
              DATE '2020-06-30' + (g % 900)
         FROM (SELECT id, row_number() OVER (ORDER BY title) AS k FROM policy_documents) d CROSS JOIN generate_series(1, $1) g`,
      [tasksPerDocument],
    );
    // n numbers the tasks 0..99,999; unit k is the k-th unit by name (1-based).
    const taskNumbers = `(SELECT t.id, (row_number() OVER (ORDER BY t.document_id, t.ordinal) - 1)::int AS n FROM tasks t)`;
    const unitNumbers = `(SELECT id, row_number() OVER (ORDER BY name)::int AS k FROM units WHERE name LIKE '负载单位%')`;
    const states = `CASE WHEN n % 50 = 7 THEN 'declined' WHEN n % 3 = 0 THEN 'acknowledged' ELSE 'pending' END`;
    await c.query(
      `INSERT INTO assignments (task_id, unit_id, role, state, acknowledged_at, declined_at, decline_reason, ordinal, created_at)
       SELECT x.id, u.id, x.role, x.state,
              CASE WHEN x.state = 'acknowledged' THEN TIMESTAMPTZ '2020-07-02 09:00+08' END,
              CASE WHEN x.state = 'declined' THEN TIMESTAMPTZ '2020-07-02 09:00+08' END,
              CASE WHEN x.state = 'declined' THEN '不属于本单位职责' END,
              x.ord, TIMESTAMPTZ '2020-07-01 09:00+08'
         FROM (
           SELECT id, n, 'lead' AS role, 'acknowledged' AS state, 0 AS ord,
                  CASE WHEN n % 2 = 0 THEN 1 + (n / 2) % ${bigUnits} ELSE ${bigUnits + 1} + n % ${midUnits} END AS k
             FROM ${taskNumbers} t1
           UNION ALL
           SELECT id, n, 'support', ${states}, 1, ${bigUnits + 1} + (n * 7 + 3) % ${midUnits} FROM ${taskNumbers} t2
           UNION ALL
           SELECT id, n, 'support', ${states}, 2,
                  CASE WHEN n % 100 = 99 THEN ${bigUnits + midUnits + 1} + (n / 100) % ${tinyUnits}
                       ELSE 1 + (n * 11 + 5) % ${bigUnits} END
             FROM ${taskNumbers} t3
         ) x JOIN ${unitNumbers} u ON u.k = x.k
       ON CONFLICT (task_id, unit_id) DO NOTHING`,
    );
    // One open cycle per document with a report per lead assignment, some filed.
    await c.query(
      `INSERT INTO reporting_cycles (document_id, period, opens_at, due_at, state, opened_at)
       SELECT id, '2020-Q3', TIMESTAMPTZ '2020-07-01 00:00+08', TIMESTAMPTZ '2020-10-10 23:59:59+08', 'open', TIMESTAMPTZ '2020-07-01 00:00+08'
         FROM policy_documents`,
    );
    await c.query(
      `INSERT INTO status_reports (cycle_id, task_id, unit_id, state, due_at, progress_status, narrative, submitted_at, first_submitted_at, revision)
       SELECT c.id, a.task_id, a.unit_id, s.state, c.due_at,
              CASE WHEN s.state <> 'pending' THEN 'on_track' END,
              CASE WHEN s.state <> 'pending' THEN '按计划推进，本季度完成阶段目标。' END,
              CASE WHEN s.state IN ('submitted', 'accepted') THEN TIMESTAMPTZ '2020-10-05 10:00+08' END,
              CASE WHEN s.state IN ('submitted', 'accepted') THEN TIMESTAMPTZ '2020-10-05 10:00+08' END,
              CASE WHEN s.state IN ('submitted', 'accepted') THEN 1 ELSE 0 END
         FROM assignments a JOIN tasks t ON t.id = a.task_id JOIN reporting_cycles c ON c.document_id = t.document_id
         CROSS JOIN LATERAL (SELECT (ARRAY['pending', 'submitted', 'accepted', 'pending'])[1 + t.ordinal % 4] AS state) s
        WHERE a.role = 'lead'`,
    );
    // Escalations for one report in twenty, notices for them, delivered to the office's inbox.
    await c.query(
      `INSERT INTO escalations (dedup_key, task_id, unit_id, cycle_id, report_id, level, state, reason, raised_at, colour)
       SELECT 'load/' || r.id, r.task_id, r.unit_id, r.cycle_id, r.id, 1 + (t.ordinal / 20) % 3, 'open', '未按时报送',
              TIMESTAMPTZ '2020-10-11 09:00+08' + (t.ordinal || ' minutes')::interval, 'orange'
         FROM status_reports r JOIN tasks t ON t.id = r.task_id WHERE r.state = 'pending' AND t.ordinal % 20 = 0`,
    );
    await c.query(
      `INSERT INTO notices (dedup_key, kind, level, colour, task_id, unit_id, cycle_id, report_id, title, body, created_at)
       SELECT 'load-notice/' || r.id, 'overdue', 1, 'yellow', r.task_id, r.unit_id, r.cycle_id, r.id,
              '催办：' || t.heading, '请于三日内报送。', TIMESTAMPTZ '2020-10-11 09:00+08' + (t.ordinal || ' seconds')::interval
         FROM status_reports r JOIN tasks t ON t.id = r.task_id WHERE r.state = 'pending' AND t.ordinal % 4 = 0`,
    );
    await c.query(
      `INSERT INTO notice_deliveries (notice_id, user_id, channel, created_at)
       SELECT n.id, u.id, 'inapp', n.created_at FROM notices n
         JOIN users u ON u.unit_id = n.unit_id OR u.username = 'load-office'`,
    );
    await c.query(`VACUUM ANALYZE`);
  } finally {
    await c.end();
  }
  return describe(db);
}

/** A kept database: seeded already (tasks present) or seeded now. */
export async function seededOrSeed(db: string): Promise<Seeded> {
  const c = new Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: db });
  await c.connect();
  try {
    const { rows } = await c.query<{ n: string }>(`SELECT count(*) AS n FROM tasks`);
    if (Number(rows[0].n) === 0) return await seedProvince(db);
    await c.query(`VACUUM ANALYZE`);
  } finally {
    await c.end();
  }
  return describe(db);
}

async function describe(db: string): Promise<Seeded> {
  const c = new Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: db });
  await c.connect();
  try {
    const counts: Record<string, number> = {};
    for (const t of [
      'tasks',
      'assignments',
      'status_reports',
      'escalations',
      'notices',
      'notice_deliveries',
    ]) {
      const { rows } = await c.query<{ n: string }>(`SELECT count(*) AS n FROM ${t}`);
      counts[t] = Number(rows[0].n);
    }
    const { rows: per } = await c.query<{ username: string; n: string }>(
      `SELECT us.username, count(*) AS n FROM assignments a JOIN users us ON us.unit_id = a.unit_id
        WHERE us.username IN ('load-001', 'load-300') GROUP BY us.username`,
    );
    for (const r of per) counts[`assignments of ${r.username}`] = Number(r.n);
    const { rows: cycle } = await c.query<{ id: string }>(
      `SELECT c.id FROM reporting_cycles c JOIN policy_documents d ON d.id = c.document_id ORDER BY d.title LIMIT 1`,
    );
    return {
      bigUnitUser: 'load-001',
      smallUnitUser: 'load-300',
      officeUser: 'load-office',
      cycleId: cycle[0].id,
      counts,
    };
  } finally {
    await c.end();
  }
}
