// The daily final-deadline sweep over 1,000,000 open lead assignments (10,000 past their
// deadline), as one set-based statement. Target: under 2 s. Also the run where nothing new is due.
import { DataSource } from 'typeorm';
import { DeadlineSweepService } from '@tracker/services';
import { givenDocument } from '../test/support/supervision-fixtures';
import { deleteRedisKeys } from '../test/support/test-env';
import { dropDatabase, scratchDatabase, servicesContext, SettableClock } from './supervision-support';

const N = Number(process.env.BENCH_ASSIGNMENTS ?? 1_000_000);
const DUE = Number(process.env.BENCH_DUE ?? 10_000);

async function main(): Promise<void> {
  const db = await scratchDatabase('sweep');
  const clock = new SettableClock(new Date('2020-01-02T02:00:00+08:00'));
  const prefix = `bench-sweep-${Date.now()}`;
  const app = await servicesContext({ NODE_ENV: 'test', DB_NAME: db, QUEUE_PREFIX: prefix, LOG_LEVEL: 'silent' }, clock);
  try {
    const ds = app.get(DataSource);
    const documentId = await givenDocument(ds, { title: '批量文件' });
    await ds.query(`INSERT INTO units (name, level, kind) SELECT '单位' || g, 'city', 'department' FROM generate_series(1, 100) g`);
    await ds.query(
      `INSERT INTO users (username, display_name, password_hash, roles, unit_id, is_unit_head)
       SELECT u.name || h, u.name, 'x', ARRAY['agency'], u.id, h = 1 FROM units u CROSS JOIN generate_series(0, 1) h`,
    );
    await ds.query(`INSERT INTO users (username, display_name, password_hash, roles) VALUES ('office', '办公室', 'x', ARRAY['office'])`);
    const t0 = Date.now();
    // Deadlines: DUE tasks ended on 2019-12-31 (past), the rest in 2021-2025.
    await ds.query(
      `INSERT INTO tasks (document_id, path, path_key, ordinal, heading, is_task, units_source, deadline_on)
       SELECT $1, ARRAY[g::text], g::text, g, '任务' || g, true, 'own',
              CASE WHEN g <= $3 THEN DATE '2019-12-31' ELSE DATE '2021-01-01' + (g % 1500) END
         FROM generate_series(1, $2) g`,
      [documentId, N, DUE],
    );
    await ds.query(
      `INSERT INTO assignments (task_id, unit_id, role)
       SELECT t.id, u.id, 'lead' FROM tasks t JOIN (SELECT id, row_number() OVER () - 1 AS k FROM units) u ON u.k = t.ordinal % 100`,
    );
    await ds.query(`ANALYZE tasks; ANALYZE assignments;`);
    console.log(`fixture: ${N} open tasks with ${N} open lead assignments (${DUE} past deadline) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const sweep = app.get(DeadlineSweepService);
    const time = async (): Promise<[number, { notices: number; escalations: number }]> => {
      const s = process.hrtime.bigint();
      const r = await sweep.sweep();
      return [Number(process.hrtime.bigint() - s) / 1e6, r];
    };
    const [first, r1] = await time();
    const [again, r2] = await time();
    clock.at = new Date('2020-01-06T02:00:00+08:00');
    const [level2, r3] = await time();
    const line = (k: string, ms: number, r: { notices: number; escalations: number }): void =>
      console.log(`${k.padEnd(44)} ${ms.toFixed(0).padStart(7)} ms  notices ${r.notices}, escalations ${r.escalations}  target < 2000 ms: ${ms < 2000 ? 'MET' : 'NOT MET'}`);
    line('sweep, day 2: level 1 for every due task', first, r1);
    line('sweep again the same day (nothing new)', again, r2);
    line('sweep, day 6: level 2 (supervision + escalation)', level2, r3);
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
