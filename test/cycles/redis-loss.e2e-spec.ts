import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { schedulerSentinelKey } from '@tracker/queue';
import { CyclesService } from '@tracker/services';
import { drainQueues } from '../support/drain';
import { createStack, TestStack } from '../support/harness';
import { givenMailUser } from '../support/mail-fixtures';
import { SmtpSink } from '../support/smtp-sink';
import {
  givenAssignment,
  givenDocument,
  givenTask,
  givenUnit,
} from '../support/supervision-fixtures';
import { deleteRedisKeys, REDIS } from '../support/test-env';

jest.setTimeout(120_000);

const at = (s: string): Date => new Date(`${s}+08:00`);

describe('a running worker whose Redis lost its data', () => {
  const sink = new SmtpSink();
  let stack: TestStack;
  let worker: INestApplicationContext;
  let ds: DataSource;

  beforeAll(async () => {
    await sink.start();
    stack = await createStack('2020-07-01T10:00:00+08:00');
    worker = await stack.startWorker({
      ...sink.env(),
      MAIL_RETRY_DELAY_MS: '200',
      REDIS_WATCHDOG_MS: '200',
    });
    ds = worker.get(DataSource);
  });
  afterAll(async () => {
    await stack.close();
    await sink.stop();
  });

  const drain = async (clockAt?: string): Promise<void> => {
    if (clockAt) stack.clock.set(at(clockAt));
    await drainQueues({ queuePrefix: stack.queuePrefix, now: () => stack.clock.now() }, 60_000);
    await sink.settle();
  };

  it('notices the loss, restores its schedulers and the cycle, and sends every notice once', async () => {
    const A = await givenUnit(ds, '自治区商务厅');
    const member = await givenMailUser(ds, { roles: ['agency'], unitId: A, name: 'a-member' });
    const head = await givenMailUser(ds, {
      roles: ['agency'],
      unitId: A,
      isUnitHead: true,
      name: 'a-head',
    });
    const office = await givenMailUser(ds, { roles: ['office'], name: 'office' });
    const documentId = await givenDocument(ds);
    for (const heading of ['任务甲', '任务乙']) {
      await givenAssignment(
        ds,
        await givenTask(ds, documentId, { heading }),
        A,
        'lead',
        at('2020-07-01T09:00:00'),
      );
    }
    const cycle = await worker.get(CyclesService).open(null, documentId, '2020-Q3');
    await drain();
    await drain('2020-10-12T00:00:00');
    const beforeLoss = sink.messages.length;
    expect(beforeLoss).toBeGreaterThan(0);

    // Mid-cycle, Redis loses every key under our prefix (schedulers, ladder jobs, the cycle job);
    // the same worker keeps running.
    stack.clock.set(at('2020-10-16T00:00:00'));
    await deleteRedisKeys(`${stack.queuePrefix}:*`);
    const redis = new Redis({ ...REDIS });
    const cycles = new Queue('cycles', { prefix: stack.queuePrefix, connection: { ...REDIS } });
    try {
      // The watchdog (200 ms here) sees the sentinel gone: schedulers back, the cycle re-derived.
      const stopAt = Date.now() + 20_000;
      while (!(
        (await redis.get(schedulerSentinelKey(stack.queuePrefix))) &&
        (await cycles.getJob(`cycle-run/${cycle.id}`))
      )) {
        if (Date.now() > stopAt)
          throw new Error('the worker did not restore its Redis state within 20 s');
        await new Promise((r) => setTimeout(r, 50));
      }
      expect((await cycles.getJobSchedulers()).map((s) => s.key).sort()).toEqual([
        'scheduler/cycles-open-due',
        'scheduler/cycles-reconcile',
        'scheduler/deadline-sweep',
      ]);
    } finally {
      await cycles.close();
      redis.disconnect();
    }

    await drain();
    await drain('2020-10-21T00:00:00');

    const [bulletin] = await ds.query(`SELECT 1 FROM bulletins WHERE cycle_id = $1`, [cycle.id]);
    expect(bulletin).toBeDefined();
    const kinds: { kind: string; n: number }[] = await ds.query(
      `SELECT kind, count(*)::int AS n FROM notices WHERE cycle_id = $1 AND report_id IS NOT NULL GROUP BY kind ORDER BY kind`,
      [cycle.id],
    );
    expect(kinds).toEqual([
      { kind: 'leading_group', n: 2 },
      { kind: 'overdue', n: 2 },
      { kind: 'supervision', n: 2 },
    ]);
    // Every email delivery row was sent, and each reached its recipient exactly once.
    const rows: { id: string; sent_at: Date | null }[] = await ds.query(
      `SELECT dl.id, dl.sent_at FROM notice_deliveries dl JOIN notices n ON n.id = dl.notice_id
        WHERE n.cycle_id = $1 AND dl.channel = 'email'`,
      [cycle.id],
    );
    expect(rows.filter((r) => !r.sent_at)).toEqual([]);
    const received = sink.messages.map((m) => String(m.headers.get('x-tracker-mail')));
    expect([...received].sort()).toEqual(rows.map((r) => `notice_deliveries/${r.id}`).sort());
    // Supervision and leading group reach the head and the office, once per report.
    expect(sink.to(office.email).filter((m) => /督办|提请领导小组/.test(m.subject))).toHaveLength(
      4,
    );
    expect(sink.to(head.email).length).toBeGreaterThan(sink.to(member.email).length);
  });
});
