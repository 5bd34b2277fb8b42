import { Client } from 'pg';
import { hashPassword } from '@tracker/services';
import { SUPERVISION_CLAUSE } from '../test/support/supervision-fixtures';
import { PG } from './supervision-support';

// A province before its quarter: documents with their tasks, units and accounts (each with an
// address), written set-based (generate_series) on a connection of its own, outside the product's
// pool and its statement timeout. No cycle is open yet: the bench opens them through the API.
export interface ProvinceSize {
  documents: number;
  tasks: number;
  units: number;
  accounts: number;
}

export const PROVINCE_PASSWORD = 'bench-province-1';
export const OFFICE_USER = 'prov-office';
export const LEADER_USER = 'prov-leader';
/** The head of the k-th unit (1-based): the account that files that unit's reports. */
export const headOf = (k: number): string => `prov-${String(k).padStart(4, '0')}`;

/**
 * One office and one leader account; the other accounts are the units' (round-robin, so the
 * first `units` of them are the heads). Members who are not heads take reminders and chases in
 * their daily digest when `memberPreference` is 'daily' (heads, the office and the leader are
 * mailed at once); every task has one lead and one supporting unit that has acknowledged.
 */
export async function seedProvinceQuarter(
  db: string,
  size: ProvinceSize,
  memberPreference: 'immediate' | 'daily',
): Promise<Record<string, number>> {
  const c = new Client({ ...PG, database: db });
  await c.connect();
  try {
    await c.query(`SET statement_timeout = 0`);
    const hash = await hashPassword(PROVINCE_PASSWORD);
    await c.query(
      `INSERT INTO units (name, level, kind)
       SELECT '省直单位' || lpad(g::text, 4, '0'), 'province', 'department' FROM generate_series(1, $1) g`,
      [size.units],
    );
    await c.query(
      `INSERT INTO users (username, display_name, email, password_hash, roles)
       VALUES ($1, '督查室', $1 || '@province.bench', $3, ARRAY['office']),
              ($2, '分管领导', $2 || '@province.bench', $3, ARRAY['leader'])`,
      [OFFICE_USER, LEADER_USER, hash],
    );
    const prefs =
      memberPreference === 'daily' ? `'{"reminder": "daily", "overdue": "daily"}'` : `'{}'`;
    await c.query(
      `WITH u AS (SELECT id, name, row_number() OVER (ORDER BY name)::int AS k FROM units WHERE name LIKE '省直单位%')
       INSERT INTO users (username, display_name, email, password_hash, roles, unit_id, is_unit_head, notice_preferences)
       SELECT 'prov-' || lpad((a + 1)::text, 4, '0'), u.name || '联络员' || (a / $2 + 1),
              'prov-' || lpad((a + 1)::text, 4, '0') || '@province.bench', $1, ARRAY['agency'], u.id, a < $2,
              CASE WHEN a < $2 THEN '{}' ELSE ${prefs} END::jsonb
         FROM generate_series(0, $3 - 1) a JOIN u ON u.k = a % $2 + 1`,
      [hash, size.units, Math.max(0, size.accounts - 2)],
    );
    await c.query(
      `INSERT INTO policy_documents (title, content_hash, source_text, supervision_clauses, supervision_profile, issued_on)
       SELECT '省级文件' || lpad(g::text, 3, '0'), md5('province' || g), '', $2::jsonb, '{}', DATE '2025-01-01' + g
         FROM generate_series(1, $1) g`,
      [size.documents, JSON.stringify([SUPERVISION_CLAUSE])],
    );
    const perDocument = Math.ceil(size.tasks / size.documents);
    await c.query(
      `WITH d AS (SELECT id, row_number() OVER (ORDER BY title)::int - 1 AS k FROM policy_documents)
       INSERT INTO tasks (document_id, path, path_key, ordinal, heading, is_task, units_source)
       SELECT d.id, ARRAY['一', (n % $2 + 1)::text], '一/' || (n % $2 + 1), n % $2 + 1,
              '省级任务' || (d.k + 1) || '-' || (n % $2 + 1), true, 'own'
         FROM generate_series(0, $1 - 1) n JOIN d ON d.k = n / $2`,
      [size.tasks, perDocument],
    );
    // Task n (0-based over all) is led by unit n % units + 1 and supported by another.
    await c.query(
      `WITH t AS (SELECT id, (row_number() OVER (ORDER BY document_id, ordinal) - 1)::int AS n FROM tasks),
            u AS (SELECT id, row_number() OVER (ORDER BY name)::int AS k FROM units WHERE name LIKE '省直单位%')
       INSERT INTO assignments (task_id, unit_id, role, state, acknowledged_at, ordinal, created_at)
       SELECT t.id, u.id, x.role, 'acknowledged', TIMESTAMPTZ '2025-06-20 09:00+08', x.ord, TIMESTAMPTZ '2025-06-15 09:00+08'
         FROM t CROSS JOIN LATERAL (VALUES ('lead', 0, t.n % $1 + 1), ('support', 1, (t.n * 7 + 3) % $1 + 1)) x(role, ord, k)
         JOIN u ON u.k = x.k
       ON CONFLICT (task_id, unit_id) DO NOTHING`,
      [size.units],
    );
    await c.query(`VACUUM ANALYZE`);
    const counts: Record<string, number> = {};
    for (const table of ['policy_documents', 'tasks', 'units', 'users', 'assignments']) {
      const { rows } = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
      counts[table] = rows[0].n;
    }
    return counts;
  } finally {
    await c.end();
  }
}
