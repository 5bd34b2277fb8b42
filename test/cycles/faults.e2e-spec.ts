import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { CLOCK } from '@tracker/domain';
import { CyclesService, ServicesModule } from '@tracker/services';
import { ChildWorker, ClockFile, spawnWorker } from '../support/child-worker';
import { drainQueues, promoteDue } from '../support/drain';
import { createStack, TestStack } from '../support/harness';
import { givenBulkDocument } from '../support/supervision-fixtures';
import { deleteRedisKeys, REDIS } from '../support/test-env';

// Generous: the crash test alone waits out a stall recovery and drains 6,000 ladders, and a full
// run on 2 cores is several times slower than the spec alone.
jest.setTimeout(400_000);

const at = (s: string): string => new Date(`${s}+08:00`).toISOString();

/** The use cases in this process (no processors): the office's side. */
async function startServices(stack: TestStack, clock: ClockFile): Promise<INestApplicationContext> {
  for (const [k, v] of Object.entries(stack.env)) process.env[k] = v;
  const moduleRef = await Test.createTestingModule({ imports: [ServicesModule] })
    .overrideProvider(CLOCK)
    .useValue({ now: () => clock.now() })
    .compile();
  await moduleRef.init();
  stack.apps.push(moduleRef);
  return moduleRef;
}

/** Every report climbed every rung once: the counts a lost or doubled job would break. */
async function expectEveryRungOnce(
  ds: DataSource,
  cycleId: string,
  reports: number,
): Promise<void> {
  const rows: { kind: string; n: number; distinct_reports: number }[] = await ds.query(
    `SELECT kind, count(*)::int AS n, count(DISTINCT report_id)::int AS distinct_reports FROM notices
      WHERE cycle_id = $1 GROUP BY kind ORDER BY kind`,
    [cycleId],
  );
  const byKind = Object.fromEntries(rows.map((r) => [r.kind, [r.n, r.distinct_reports]]));
  expect(byKind.overdue).toEqual([reports, reports]);
  expect(byKind.supervision).toEqual([reports, reports]);
  expect(byKind.leading_group).toEqual([reports, reports]);
  expect(byKind.bulletin).toEqual([1, 0]);
  const [esc] = await ds.query(
    `SELECT count(*)::int AS n, count(DISTINCT (report_id, level))::int AS d FROM escalations WHERE cycle_id = $1`,
    [cycleId],
  );
  expect(esc).toEqual({ n: 2 * reports, d: 2 * reports });
  // Lead unit members get overdue; heads get supervision and leading group: one delivery each.
  const [del] = await ds.query(
    `SELECT count(*)::int AS n, count(DISTINCT (d.notice_id, d.user_id))::int AS d FROM notice_deliveries d JOIN notices n ON n.id = d.notice_id
      WHERE n.cycle_id = $1 AND n.kind IN ('overdue', 'supervision', 'leading_group')`,
    [cycleId],
  );
  expect(del.n).toBe(del.d);
  expect(del.n).toBe(reports * 2 + reports + reports);
  const [b] = await ds.query(`SELECT content FROM bulletins WHERE cycle_id = $1`, [cycleId]);
  expect(b.content.totals).toMatchObject({
    reports,
    missing: reports,
    escalatedToLeadingGroup: reports,
  });
}

describe('the cycle engine under crashes, two workers and a Redis that lost its data', () => {
  let stack: TestStack;
  let clock: ClockFile;
  let services: INestApplicationContext;
  let ds: DataSource;
  const workers: ChildWorker[] = [];
  const drain = (timeout = 180_000): Promise<unknown> =>
    drainQueues({ queuePrefix: stack.queuePrefix, now: () => clock.now() }, timeout);
  const start = (): ChildWorker => {
    const w = spawnWorker(stack.env, clock);
    workers.push(w);
    return w;
  };

  beforeEach(async () => {
    stack = await createStack();
    clock = new ClockFile(at('2020-07-01T10:00:00'));
    services = await startServices(stack, clock);
    ds = services.get(DataSource);
  });
  afterEach(async () => {
    for (const w of workers.splice(0)) await w.kill('SIGKILL');
    await stack.close();
  });

  it('raises the first rung once for every report when a worker is killed in the middle of the batch', async () => {
    const N = 6_000;
    // The worker opens due cycles when it starts: create the document after it has started.
    const w1 = start();
    await w1.ready;
    const documentId = await givenBulkDocument(ds, N);
    const ladder = new Queue('ladder', { prefix: stack.queuePrefix, connection: { ...REDIS } });
    const cycles = new Queue('cycles', { prefix: stack.queuePrefix, connection: { ...REDIS } });
    const overdue = async (cycleId: string): Promise<number> =>
      (
        (await ds.query(
          `SELECT count(*)::int AS n FROM notices WHERE kind = 'overdue' AND cycle_id = $1`,
          [cycleId],
        )) as { n: number }[]
      )[0].n;
    try {
      const cycle = await services.get(CyclesService).open(null, documentId, '2020-Q3');
      await drain();
      // Until its first rung the cycle's job sleeps alone: no ladder job per report yet.
      expect(await ladder.getJobCounts('delayed', 'waiting', 'active')).toEqual({
        delayed: 0,
        waiting: 0,
        active: 0,
      });
      // The overdue rung for all at once (the reminder it passed is not sent late), in pages of 500.
      clock.set(at('2020-10-12T00:00:00'));
      expect(await promoteDue({ queuePrefix: stack.queuePrefix, now: () => clock.now() })).toBe(1);
      // Poll back to back (no timer: a page may commit before a timer fires on a loaded loop).
      let raised = 0;
      while (raised === 0) raised = await overdue(cycle.id);
      // Freeze it at once, then kill it: some pages committed, the rest not.
      w1.proc.kill('SIGSTOP');
      const atKill = await overdue(cycle.id);
      await w1.kill('SIGKILL');
      expect(atKill).toBeLessThan(N); // killed mid-batch, not after
      // Each page's ladder jobs are added behind its commit: only committed pages have theirs.
      expect(await ladder.getDelayedCount()).toBeLessThanOrEqual(atKill);

      await start().ready;
      // The stalled parent is picked up again (lockDuration 10 s, stalledInterval 5 s: about 20 s on
      // an idle machine), raises what the committed pages did not and fans out. Wait for that
      // state, not for a fixed time: on a loaded 2-core machine the recovery takes longer, and the
      // jest timeout is the bound.
      for (;;) {
        const parent = await cycles.getJob(`cycle-run/${cycle.id}`);
        const state = parent ? await parent.getState() : 'missing';
        if (state === 'waiting-children' && (await ladder.getDelayedCount()) >= N) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(await ladder.getDelayedCount()).toBe(N);
      expect(await overdue(cycle.id)).toBe(N);
      // Every ladder sleeps until its next rung: the overdue rung is not raised again by its own job.
      const children = await ladder.getDelayed(0, 9);
      expect(new Set(children.map((j) => j.data.notBefore))).toEqual(
        new Set([at('2020-10-16T00:00:00')]),
      );

      // Each rung at its own time: a ladder woken late raises only its current rung.
      for (const t of ['2020-10-12T00:00:00', '2020-10-16T00:00:00', '2020-10-21T00:00:00']) {
        clock.set(at(t));
        await drain();
      }
      await expectEveryRungOnce(ds, cycle.id, N);
    } finally {
      await ladder.close();
      await cycles.close();
    }
  });

  it('raises every rung once with two workers running at once', async () => {
    const N = 1_500;
    const documentId = await givenBulkDocument(ds, N);
    const [a, b] = [start(), start()];
    await Promise.all([a.ready, b.ready]);
    const cycle = await services.get(CyclesService).open(null, documentId, '2020-Q3');
    await drain();
    for (const t of ['2020-10-12T00:00:00', '2020-10-16T00:00:00', '2020-10-21T00:00:00']) {
      clock.set(at(t));
      await drain();
    }
    await expectEveryRungOnce(ds, cycle.id, N);
    expect(a.output() + b.output()).not.toMatch(/"level":50/);
  });

  it('re-derives the cycle from PostgreSQL after Redis lost every key, and sends every notice once', async () => {
    const N = 1_000;
    const documentId = await givenBulkDocument(ds, N);
    const w1 = start();
    await w1.ready;
    const cycle = await services.get(CyclesService).open(null, documentId, '2020-Q3');
    await drain();
    clock.set(at('2020-10-12T00:00:00'));
    await drain();
    const [{ n: overdueBefore }] = await ds.query(
      `SELECT count(*)::int AS n FROM notices WHERE kind = 'overdue' AND cycle_id = $1`,
      [cycle.id],
    );
    expect(overdueBefore).toBe(N);

    // Redis loses everything under our prefix (as a restart without persistence would); the worker restarts.
    await w1.kill('SIGKILL');
    await deleteRedisKeys(`${stack.queuePrefix}:*`);
    await start().ready;

    for (const t of ['2020-10-16T00:00:00', '2020-10-21T00:00:00']) {
      clock.set(at(t));
      await drain();
    }
    await expectEveryRungOnce(ds, cycle.id, N);
  });
});
