// The daily final-deadline sweep over 1,000,000 open lead assignments (10,000 past their
// deadline). Target: under 2 s on a day many became due; a day with nothing new under 0.5 s.
// Beside it, bare set-based SQL on the same rows in the same run. The fixture is written with
// generate_series on a plain client, outside the product's pool.
import { Client } from 'pg';
import { DeadlineSweepService } from '@tracker/services';
import { deleteRedisKeys } from '../test/support/test-env';
import {
  dropDatabase,
  PG,
  scratchDatabase,
  servicesContext,
  SettableClock,
} from './supervision-support';

const N = Number(process.env.BENCH_ASSIGNMENTS ?? 1_000_000);
const DUE = Number(process.env.BENCH_DUE ?? 10_000);

async function main(): Promise<void> {
  const db = await scratchDatabase('sweep');
  const clock = new SettableClock(new Date('2020-01-02T02:00:00+08:00'));
  const prefix = `bench-sweep-${Date.now()}`;
  const app = await servicesContext(
    { NODE_ENV: 'test', DB_NAME: db, QUEUE_PREFIX: prefix, LOG_LEVEL: 'silent' },
    clock,
  );
  try {
    // The fixture is written on a connection of its own, outside the product's pool and its
    // statement timeout (a 1M-row insert takes longer than a request may).
    const fx = new Client({ ...PG, database: db });
    await fx.connect();
    await fx.query(`SET statement_timeout = 0`);
    const [{ id: documentId }] = (
      await fx.query<{ id: string }>(
        `INSERT INTO policy_documents (title, content_hash, source_text, supervision_clauses, supervision_profile)
         VALUES ('批量文件', md5(random()::text), '', '[]', '{}') RETURNING id`,
      )
    ).rows;
    await fx.query(
      `INSERT INTO units (name, level, kind) SELECT '单位' || g, 'city', 'department' FROM generate_series(1, 100) g`,
    );
    await fx.query(
      `INSERT INTO users (username, display_name, password_hash, roles, unit_id, is_unit_head)
       SELECT u.name || h, u.name, 'x', ARRAY['agency'], u.id, h = 1 FROM units u CROSS JOIN generate_series(0, 1) h`,
    );
    await fx.query(
      `INSERT INTO users (username, display_name, password_hash, roles) VALUES ('office', '办公室', 'x', ARRAY['office'])`,
    );
    const t0 = Date.now();
    // Deadlines: DUE tasks ended on 2019-12-31 (past), the rest in 2021-2025.
    await fx.query(
      `INSERT INTO tasks (document_id, path, path_key, ordinal, heading, is_task, units_source, deadline_on)
       SELECT $1, ARRAY[g::text], g::text, g, '任务' || g, true, 'own',
              CASE WHEN g <= $3 THEN DATE '2019-12-31' ELSE DATE '2021-01-01' + (g % 1500) END
         FROM generate_series(1, $2) g`,
      [documentId, N, DUE],
    );
    await fx.query(
      `INSERT INTO assignments (task_id, unit_id, role)
       SELECT t.id, u.id, 'lead' FROM tasks t JOIN (SELECT id, row_number() OVER () - 1 AS k FROM units) u ON u.k = t.ordinal % 100`,
    );
    await fx.query(`VACUUM ANALYZE tasks`);
    await fx.query(`VACUUM ANALYZE assignments`);
    console.log(
      `fixture: ${N} open tasks with ${N} open lead assignments (${DUE} past deadline) in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );

    // The bare baseline on the same rows: set-based statements that pick the due lead
    // assignments and write a row for each into a scratch table (no recipients, no mail, no
    // watermark): (a) the day many became due, (b) a day with nothing new, read by index range
    // over the day's window of deadlines.
    await fx.query(
      `CREATE UNLOGGED TABLE bare_notices (dedup_key text PRIMARY KEY, task_id uuid, unit_id uuid, level int)`,
    );
    const ms = (s: bigint): number => Number(process.hrtime.bigint() - s) / 1e6;
    const bare = async (after: string, through: string): Promise<[number, number]> => {
      const s = process.hrtime.bigint();
      const r = await fx.query(
        `INSERT INTO bare_notices
         SELECT 'deadline_overdue/' || t.id || '/' || a.unit_id || '/L1', t.id, a.unit_id, 1
           FROM tasks t JOIN assignments a ON a.task_id = t.id AND a.role = 'lead' AND a.state IN ('pending', 'acknowledged')
          WHERE t.state = 'open' AND t.deadline_on IS NOT NULL AND t.deadline_on > $1::date AND t.deadline_on <= $2::date
         ON CONFLICT DO NOTHING`,
        [after, through],
      );
      return [ms(s), r.rowCount ?? 0];
    };
    // (a) 2020-01-02, last swept 2019-12-31: deadlines after 2019-12-30 and by 2020-01-01.
    const [bareMany, bareManyRows] = await bare('2019-12-30', '2020-01-01');
    // (b) 2020-01-03, last swept 2020-01-02: deadlines on 2020-01-02, none.
    const [bareNone, bareNoneRows] = await bare('2020-01-01', '2020-01-02');

    const sweep = app.get(DeadlineSweepService);
    const time = async (): Promise<[number, { notices: number; escalations: number }]> => {
      const s = process.hrtime.bigint();
      const r = await sweep.sweep();
      return [ms(s), r];
    };
    // 2019-12-31: nothing past its deadline yet; the first run sets the watermark.
    clock.at = new Date('2019-12-31T02:00:00+08:00');
    const [first, r0] = await time();
    // 2020-01-02 (the sweep missed 2020-01-01): level 1 for every due task.
    clock.at = new Date('2020-01-02T02:00:00+08:00');
    const [many, r1] = await time();
    const [again, r2] = await time();
    // 2020-01-03: a day with nothing new.
    clock.at = new Date('2020-01-03T02:00:00+08:00');
    const [none, r3] = await time();
    // 2020-01-06: level 2 with its escalations, catching up 2020-01-04 and 05.
    clock.at = new Date('2020-01-06T02:00:00+08:00');
    const [level2, r4] = await time();
    const line = (
      k: string,
      ms: number,
      r: { notices: number; escalations: number },
      target: number,
      bare?: number,
    ): void =>
      console.log(
        `${k.padEnd(52)} ${ms.toFixed(0).padStart(7)} ms  notices ${String(r.notices).padStart(5)}, escalations ${String(r.escalations).padStart(5)}  target < ${target} ms: ${ms < target ? 'MET' : 'NOT MET'}${bare === undefined ? '' : `  bare ${bare.toFixed(0)} ms, ratio ${(ms / bare).toFixed(2)}`}`,
      );
    line('first run, 2019-12-31 (none due; sets the watermark)', first, r0, 500);
    line('(a) 2020-01-02: level 1 for every due task', many, r1, 2000, bareMany);
    line('(b) 2020-01-03: a day with nothing new', none, r3, 500, bareNone);
    line('    2020-01-02 again (nothing new, same day)', again, r2, 500);
    line('    2020-01-06: level 2 (supervision + escalation)', level2, r4, 2000);
    console.log(
      `bare set-based SQL on the same rows, same run: (a) ${bareMany.toFixed(0)} ms for ${bareManyRows} rows, (b) ${bareNone.toFixed(1)} ms for ${bareNoneRows} rows`,
    );
    await fx.end();
  } finally {
    await app.close();
    await dropDatabase(db);
    await deleteRedisKeys(`${prefix}:*`);
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
