import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { JOB_OPTIONS, JobName, SCHEDULER_IDS } from '@tracker/queue';
import { MailDeliveryService, MailOutboxService, NoticesService } from '@tracker/services';
import { drainMail, drainQueues } from '../support/drain';
import { createStack, TestStack } from '../support/harness';
import { givenMailUser } from '../support/mail-fixtures';
import { givenUnit } from '../support/supervision-fixtures';
import { freePort } from '../support/private-redis';
import { REDIS } from '../support/test-env';

async function health(port: number): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`http://127.0.0.1:${port}/`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const SCHEDULERS: { id: string; queue: string; name: JobName }[] = [
  { id: SCHEDULER_IDS.openDueCycles, queue: 'cycles', name: 'cycles-open-due' },
  { id: SCHEDULER_IDS.reconcile, queue: 'cycles', name: 'cycles-reconcile' },
  { id: SCHEDULER_IDS.deadlineSweep, queue: 'cycles', name: 'deadline-sweep' },
  { id: SCHEDULER_IDS.mailRelay, queue: 'digests', name: 'mail-relay' },
  { id: SCHEDULER_IDS.dailyDigest, queue: 'digests', name: 'digest-run' },
  { id: SCHEDULER_IDS.weeklyDigest, queue: 'digests', name: 'digest-run' },
];

describe('the worker: job schedulers and its health port', () => {
  let stack: TestStack;
  let worker: INestApplicationContext;
  let ds: DataSource;
  let port: number;
  const queues: Queue[] = [];
  const queue = (name: string): Queue => {
    const q = new Queue(name, { prefix: stack.queuePrefix, connection: { ...REDIS } });
    queues.push(q);
    return q;
  };

  beforeAll(async () => {
    stack = await createStack('2020-10-12T09:00:00+08:00');
    port = await freePort();
    worker = await stack.startWorker({
      WORKER_HEALTH_PORT: String(port),
      MAIL_RETRY_DELAY_MS: '50',
    });
    ds = worker.get(DataSource);
  });
  afterAll(async () => {
    await Promise.all(queues.map((q) => q.close()));
    await stack.close();
  });

  it.each(SCHEDULERS)(
    'registers $id with the attempts and backoff of $name from the one table',
    async ({ id, queue: queueName, name }) => {
      const q = queue(queueName);
      const scheduler = await q.getJobScheduler(id);
      expect(scheduler?.template?.opts).toMatchObject({
        attempts: JOB_OPTIONS[name].attempts,
        backoff: JOB_OPTIONS[name].backoff,
      });
      expect(JOB_OPTIONS[name].attempts).toBeGreaterThan(1);
      // The next run the scheduler queued carries them too.
      const next = (await q.getDelayed()).find((j) => j.repeatJobKey === id);
      expect(next?.name).toBe(name);
      expect(next?.opts).toMatchObject({
        attempts: JOB_OPTIONS[name].attempts,
        backoff: JOB_OPTIONS[name].backoff,
      });
    },
  );

  it('answers 200 while no work is stuck, 503 naming owed mail without a live job and jobs that failed for good', async () => {
    expect(await health(port)).toMatchObject({
      status: 200,
      body: { status: 'ok', failed: {}, mailWithoutJob: 0 },
    });

    // An email delivery row that never got its job (as a crash loop or a flushed Redis leaves it), a minute old.
    const unitId = await givenUnit(ds, '自治区民政厅');
    const member = await givenMailUser(ds, { roles: ['agency'], unitId, name: 'mz-0' });
    const noticeId = await ds.transaction(
      async (em) =>
        (
          await worker.get(NoticesService).raise(em, {
            dedupKey: 'test/health',
            kind: 'overdue',
            level: 1,
            colour: 'yellow',
            clause: null,
            recipients: {},
            text: { title: '【催办】健康检查', body: '正文', titleEn: 'Overdue', bodyEn: 'Body' },
          })
        ).id,
    );
    const [{ id: deliveryId }] = (await ds.query(
      `INSERT INTO notice_deliveries (notice_id, user_id, channel, created_at) VALUES ($1, $2, 'email', $3) RETURNING id`,
      [noticeId, member.id, new Date(stack.clock.now().getTime() - 5 * 60_000)],
    )) as { id: string }[];
    const stuck = await health(port);
    expect(stuck).toMatchObject({ status: 503, body: { status: 'degraded', mailWithoutJob: 1 } });
    expect((await worker.get(MailDeliveryService).listFailed()).items).toEqual([
      expect.objectContaining({
        id: deliveryId,
        state: 'stalled',
        attempts: 0,
        lastError: null,
        email: member.email,
      }),
    ]);

    // The relay re-creates it; once sent, the worker is healthy again.
    expect(await worker.get(MailOutboxService).relay()).toBe(1);
    await drainMail(
      { queuePrefix: stack.queuePrefix, now: () => stack.clock.now() },
      ds,
      stack.smtp,
    );
    expect(stack.smtp.to(member.email)).toHaveLength(1);
    expect(await health(port)).toMatchObject({ status: 200 });

    // A job that can never succeed fails for good: the health port says so.
    await queue('digests').add(
      'digest-run',
      { cadence: 'daily', periodEnd: 'not a date' },
      { jobId: 'digest-run/bad', attempts: 1 },
    );
    await drainQueues({ queuePrefix: stack.queuePrefix, now: () => stack.clock.now() });
    expect(await health(port)).toMatchObject({
      status: 503,
      body: { status: 'degraded', failed: { digests: 1 } },
    });
  });
});
