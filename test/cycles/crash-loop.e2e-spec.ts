import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import { CLOCK } from '@tracker/domain';
import {
  CyclesService,
  deliveryMessageId,
  MailDeliveryService,
  NoticesService,
  ServicesModule,
} from '@tracker/services';
import { ChildWorker, ClockFile, spawnWorker } from '../support/child-worker';
import { drainMail, drainQueues, promoteDue } from '../support/drain';
import { createStack, TEST_PUBLIC_URL, TestStack } from '../support/harness';
import { givenMailUser } from '../support/mail-fixtures';
import { givenBulkDocument, givenUnit } from '../support/supervision-fixtures';
import { REDIS } from '../support/test-env';

// Each kill leaves the dead worker's active jobs to the stall check (~15 s); three of them, then the drains.
jest.setTimeout(400_000);

const at = (s: string): string => new Date(`${s}+08:00`).toISOString();
const N = 300;
const KILLS = 3;
const CONCURRENCY = { mail: 3, ladder: 20 };

describe('a worker in a crash loop during a busy burst', () => {
  let stack: TestStack;
  let clock: ClockFile;
  let services: INestApplicationContext;
  let ds: DataSource;
  const workers: ChildWorker[] = [];
  const target = (): { queuePrefix: string; now: () => Date } => ({
    queuePrefix: stack.queuePrefix,
    now: () => clock.now(),
  });
  const start = async (): Promise<ChildWorker> => {
    const w = spawnWorker({ ...stack.env, MAIL_RETRY_DELAY_MS: '100' }, clock);
    workers.push(w);
    await w.ready;
    return w;
  };
  const activeCount = async (name: string): Promise<number> => {
    const q = new Queue(name, { prefix: stack.queuePrefix, connection: { ...REDIS } });
    try {
      return await q.getActiveCount();
    } finally {
      await q.close();
    }
  };

  beforeAll(async () => {
    stack = await createStack();
    clock = new ClockFile(at('2020-07-01T10:00:00'));
    for (const [k, v] of Object.entries(stack.env)) process.env[k] = v;
    services = await Test.createTestingModule({ imports: [ServicesModule] })
      .overrideProvider(CLOCK)
      .useValue({ now: () => clock.now() })
      .compile();
    await services.init();
    stack.apps.push(services);
    ds = services.get(DataSource);
  });
  afterAll(async () => {
    for (const w of workers.splice(0)) await w.kill('SIGKILL');
    await stack.close();
  });

  it('gives every ladder its next rung once and sends every mail once per identity, also for jobs that failed for good', async () => {
    const documentId = await givenBulkDocument(ds, N);
    // Every member and head of the bulk units has an address; the office gets the supervision mail too.
    await ds.query(
      `UPDATE users SET email = 'b' || substr(md5(id::text), 1, 12) || '@example.gov.cn' WHERE email IS NULL`,
    );
    await givenMailUser(ds, { roles: ['office'], name: 'crash-office' });
    let w = await start();
    const cycle = await services.get(CyclesService).open(null, documentId, '2020-Q3');
    await drainQueues(target(), 120_000);

    // The burst: the overdue rung for every report at once (the reminder it passed is not sent late), two mails each.
    // The cycle's job raises it for all (its batch), then adds each report's ladder for the next rung.
    clock.set(at('2020-10-12T00:00:00'));
    stack.smtp.answerDelayMs = 15;
    expect(await promoteDue(target())).toBe(1);
    for (let k = 0; k < KILLS; k += 1) {
      // Kill mid-work: mail is being sent and cycle, ladder or mail jobs are active.
      await stack.smtp.untilCount(stack.smtp.messages.length + 60);
      const busy =
        (await activeCount('mail')) + (await activeCount('ladder')) + (await activeCount('cycles'));
      await w.kill('SIGKILL');
      expect(busy).toBeGreaterThan(0);
      w = await start();
    }
    stack.smtp.answerDelayMs = 0;
    await drainMail(target(), ds, stack.smtp, 240_000);
    const noticesAfterBurst = (await ds.query(
      `SELECT kind, count(*)::int AS n, count(DISTINCT report_id)::int AS d FROM notices WHERE cycle_id = $1 GROUP BY kind ORDER BY kind`,
      [cycle.id],
    )) as { kind: string; n: number; d: number }[];
    expect(noticesAfterBurst).toEqual([{ kind: 'overdue', n: N, d: N }]);

    // What the crash loop in production left behind: 19 ladders and the mail of one notice
    // failed for good in BullMQ while PostgreSQL still owes them.
    await w.kill('SIGKILL');
    clock.set(at('2020-10-16T00:00:00'));
    const lone = await givenUnit(ds, '自治区审计厅');
    const loneMembers = [
      await givenMailUser(ds, { roles: ['agency'], unitId: lone, name: 'sj-0' }),
      await givenMailUser(ds, { roles: ['agency'], unitId: lone, name: 'sj-1' }),
    ];
    const loneIds = await ds.transaction(
      async (em) =>
        (
          await services.get(NoticesService).raise(em, {
            dedupKey: 'test/crash-loop',
            kind: 'overdue',
            level: 1,
            colour: 'yellow',
            clause: null,
            recipients: { unitMembers: [lone] },
            text: { title: '【催办】崩溃循环', body: '正文', titleEn: 'Overdue', bodyEn: 'Body' },
          })
        ).emailDeliveryIds,
    );
    expect(loneIds).toHaveLength(2);
    const ladderQ = new Queue('ladder', { prefix: stack.queuePrefix, connection: { ...REDIS } });
    const mailQ = new Queue('mail', { prefix: stack.queuePrefix, connection: { ...REDIS } });
    try {
      for (const job of (await ladderQ.getDelayed()).slice(0, 19)) await job.promote();
      const failing = ['ladder', 'mail'].map(
        (name) =>
          new Worker(
            name,
            async () => {
              throw new UnrecoverableError('job stalled more than allowable limit');
            },
            { prefix: stack.queuePrefix, connection: { ...REDIS } },
          ),
      );
      while ((await ladderQ.getFailedCount()) < 19 || (await mailQ.getFailedCount()) < 2)
        await new Promise((r) => setTimeout(r, 50));
      await Promise.all(failing.map((f) => f.close()));
    } finally {
      await Promise.all([ladderQ.close(), mailQ.close()]);
    }
    // The office sees the stuck mail, though no attempt ever recorded an error.
    clock.set(at('2020-10-16T00:05:00'));
    const listed = (await services.get(MailDeliveryService).listFailed()).items;
    expect(listed.filter((d) => loneIds.includes(d.id)).map((d) => d.state)).toEqual([
      'stalled',
      'stalled',
    ]);

    // A worker starts (its reconcile and relay re-create the failed jobs) and the next rung comes.
    await start();
    await drainQueues(target(), 240_000);
    await drainMail(target(), ds, stack.smtp, 240_000);

    const rungs = (await ds.query(
      `SELECT kind, count(*)::int AS n, count(DISTINCT report_id)::int AS d FROM notices WHERE cycle_id = $1 GROUP BY kind ORDER BY kind`,
      [cycle.id],
    )) as { kind: string; n: number; d: number }[];
    expect(rungs).toEqual([
      { kind: 'overdue', n: N, d: N },
      { kind: 'supervision', n: N, d: N },
    ]);
    const [esc] = await ds.query(
      `SELECT count(*)::int AS n, count(DISTINCT report_id)::int AS d FROM escalations WHERE cycle_id = $1 AND level = 2`,
      [cycle.id],
    );
    expect(esc).toEqual({ n: N, d: N });

    // Every email delivery was sent, each under its own Message-ID; a resend after a kill (the
    // SMTP server accepted, the worker died before its commit) repeats an identity, never makes a new one.
    const deliveries = (await ds.query(
      `SELECT id, sent_at, failed_at FROM notice_deliveries WHERE channel = 'email'`,
    )) as { id: string; sent_at: Date | null; failed_at: Date | null }[];
    expect(deliveries.length).toBe(N * 2 + N * 2 + 2);
    expect(deliveries.filter((d) => !d.sent_at || d.failed_at)).toEqual([]);
    const expected = new Set(
      deliveries.map((d) => deliveryMessageId('notice_deliveries', d.id, TEST_PUBLIC_URL)),
    );
    const received = stack.smtp.messages.map((m) => m.messageId);
    expect(new Set(received)).toEqual(expected);
    expect(received.length - expected.size).toBeLessThanOrEqual(KILLS * CONCURRENCY.mail);
    for (const m of loneMembers) expect(stack.smtp.to(m.email)).toHaveLength(1);
  });
});
