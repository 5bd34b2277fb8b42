// The long lists a page at a time: a cycle of 10,000 reports (one document of the province seed),
// its escalations and the office's inbox. Prints the first page (time, JSON size) beside the
// whole list in one answer as it was before keyset pages, a deep page, and the plans of the page
// statements (EXPLAIN ANALYZE, BUFFERS).
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { EntityManager } from 'typeorm';
import {
  EscalationsRepository,
  InboxRepository,
  ReportKey,
  ReportsRepository,
} from '@tracker/database';
import { Actor, EscalationsService, InboxService, ReportsService } from '@tracker/services';
import { deleteRedisKeys } from '../test/support/test-env';
import { SEED, seedProvince } from './api-load-seed';
import {
  dropDatabase,
  PG,
  scratchDatabase,
  servicesContext,
  SettableClock,
} from './supervision-support';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

async function timed<T>(f: () => Promise<T>): Promise<{ ms: number; value: T }> {
  let best = Infinity;
  let value!: T;
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    value = await f();
    best = Math.min(best, performance.now() - t0);
  }
  return { ms: Math.round(best * 10) / 10, value };
}

// The repository on the bench's own connection (outside the product's pool and statement timeout).
const onPg = (pg: Client): EntityManager =>
  ({
    query: async (sql: string, params: unknown[]) => (await pg.query(sql, params)).rows,
  }) as unknown as EntityManager;

const kib = (v: unknown): string => `${(JSON.stringify(v).length / 1024).toFixed(1)} KiB`;

async function main(): Promise<void> {
  SEED.documents = Number(process.env.BENCH_DOCUMENTS ?? 1);
  const db = await scratchDatabase('pages');
  const clock = new SettableClock(new Date('2020-10-20T09:00:00+08:00'));
  const prefix = `bench-pages-${Date.now()}`;
  const app = await servicesContext(
    { NODE_ENV: 'test', DB_NAME: db, QUEUE_PREFIX: prefix, LOG_LEVEL: 'silent' },
    clock,
  );
  const pg = new Client({ ...PG, database: db });
  try {
    const seeded = await seedProvince(db);
    console.log('seeded', seeded.counts);
    await pg.connect();
    const [{ id: officeId }] = (
      await pg.query<{ id: string }>(`SELECT id FROM users WHERE username = 'load-office'`)
    ).rows;
    const office: Actor = {
      id: officeId,
      username: 'load-office',
      roles: ['office'],
      unitId: null,
    };
    const reports = app.get(ReportsService);
    const cycleId = seeded.cycleId;

    // The whole cycle in one answer, as the route gave it before pages (same columns and order).
    const whole = await timed(() =>
      new ReportsRepository(onPg(pg)).cyclePage({
        cycleId,
        unitIds: null,
        after: null,
        limit: 100_000,
      }),
    );
    const first = await timed(() => reports.listForCycle(office, cycleId, {}));
    console.log(
      `cycle reports, whole list (${whole.value.rows.length} rows): ${whole.ms} ms, ${kib(whole.value.rows)}`,
    );
    console.log(
      `cycle reports, first page (${first.value.items.length}): ${first.ms} ms, ${kib(first.value)}`,
    );
    let cursor = first.value.nextCursor;
    for (let i = 0; i < 100 && cursor; i++)
      cursor = (await reports.listForCycle(office, cycleId, { cursor, limit: 50 })).nextCursor;
    const deep = await timed(() =>
      reports.listForCycle(office, cycleId, { cursor: cursor ?? undefined }),
    );
    console.log(`cycle reports, page 102: ${deep.ms} ms`);

    const esc = app.get(EscalationsService);
    const escFirst = await timed(() => esc.list({ active: true }));
    console.log(
      `escalations (total ${escFirst.value.total}), first page: ${escFirst.ms} ms, ${kib(escFirst.value)}`,
    );
    const inbox = app.get(InboxService);
    const inboxFirst = await timed(() => inbox.list(office, {}));
    const inboxNext = await timed(() =>
      inbox.list(office, { cursor: inboxFirst.value.nextCursor ?? undefined }),
    );
    console.log(
      `office inbox (total ${inboxFirst.value.total}), first page: ${inboxFirst.ms} ms, next: ${inboxNext.ms} ms`,
    );

    const mid = whole.value.rows[5_000];
    const midKey: ReportKey = [
      Number(
        (
          await pg.query<{ ordinal: number }>(`SELECT ordinal FROM tasks WHERE id = $1`, [
            mid.taskId,
          ])
        ).rows[0].ordinal,
      ),
      (await pg.query<{ k: string }>(`SELECT path_key AS k FROM tasks WHERE id = $1`, [mid.taskId]))
        .rows[0].k,
      mid.unitName,
      mid.id,
    ];
    const plans: [string, string, unknown[]][] = [];
    const capture = (label: string) =>
      ({
        query: (sql: string, params: unknown[]) => {
          plans.push([label, sql, params]);
          return Promise.resolve([]);
        },
      }) as unknown as EntityManager;
    await new ReportsRepository(capture('reports, first page')).cyclePage({
      cycleId,
      unitIds: null,
      after: null,
      limit: 50,
    });
    await new ReportsRepository(capture('reports, from the middle')).cyclePage({
      cycleId,
      unitIds: null,
      after: midKey,
      limit: 50,
    });
    await new ReportsRepository(capture('reports, submitted only')).cyclePage({
      cycleId,
      unitIds: null,
      state: 'submitted',
      after: null,
      limit: 50,
    });
    await new EscalationsRepository(capture('escalations, active')).page(
      { active: true },
      null,
      50,
    );
    await new InboxRepository(capture('office inbox, second page')).page({
      userId: officeId,
      kind: null,
      taskId: null,
      unreadOnly: false,
      after: inboxFirst.value.nextCursor
        ? (JSON.parse(Buffer.from(inboxFirst.value.nextCursor, 'base64url').toString()) as [
            string,
            string,
          ])
        : null,
      limit: 50,
    });
    for (const [label, sql, params] of plans) {
      const { rows } = await pg.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (ANALYZE, BUFFERS) ${sql}`,
        params,
      );
      console.log(`\n-- ${label}\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`);
    }
  } finally {
    await pg.end().catch(() => undefined);
    await app.close();
    await deleteRedisKeys(prefix);
    await dropDatabase(db);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
