import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { CLOCK } from '@tracker/domain';
import { WORKER_OPTIONS } from '@tracker/queue';
import { CyclesService, deliveryMessageId, ServicesModule } from '@tracker/services';
import { ChildWorker, ClockFile, spawnWorker } from '../support/child-worker';
import { drainMail, drainQueues, promoteDue } from '../support/drain';
import { createStack, TEST_PUBLIC_URL, TestStack } from '../support/harness';
import { givenMailUser } from '../support/mail-fixtures';
import { givenBulkDocument } from '../support/supervision-fixtures';
import { REDIS } from '../support/test-env';

// The killed worker's jobs wait out their lock and the stall check (~15 s) before another takes them.
jest.setTimeout(300_000);

const at = (s: string): string => new Date(`${s}+08:00`).toISOString();
const N = 300;

describe('three worker processes sharing one cycle', () => {
  let stack: TestStack;
  let clock: ClockFile;
  let services: INestApplicationContext;
  let ds: DataSource;
  let ladderQ: Queue;
  let mailQ: Queue;
  const workers: ChildWorker[] = [];
  const target = (): { queuePrefix: string; now: () => Date } => ({
    queuePrefix: stack.queuePrefix,
    now: () => clock.now(),
  });
  const messageIdOf = (job: Job): string =>
    deliveryMessageId(
      'notice_deliveries',
      (job.data as { deliveryId: string }).deliveryId,
      TEST_PUBLIC_URL,
    );

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
    ladderQ = new Queue('ladder', { prefix: stack.queuePrefix, connection: { ...REDIS } });
    mailQ = new Queue('mail', { prefix: stack.queuePrefix, connection: { ...REDIS } });
  });
  afterAll(async () => {
    for (const w of workers.splice(0)) await w.kill('SIGKILL');
    await Promise.all([ladderQ?.close(), mailQ?.close()]);
    stack.smtp.releaseAnswers();
    await stack.close();
  });

  it('raises a rung and sends its mail once when one of them is killed mid-rung, resending an accepted mail under its Message-ID', async () => {
    const documentId = await givenBulkDocument(ds, N);
    // Every member and head of the bulk units has an address; the office gets the supervision mail
    // too: two mails per notice on either rung.
    await ds.query(
      `UPDATE users SET email = 'w' || substr(md5(id::text), 1, 12) || '@example.gov.cn' WHERE email IS NULL`,
    );
    await givenMailUser(ds, { roles: ['office'], name: 'scale-office' });
    for (let i = 0; i < 3; i += 1)
      workers.push(spawnWorker({ ...stack.env, MAIL_RETRY_DELAY_MS: '100' }, clock));
    await Promise.all(workers.map((w) => w.ready));
    const three = [...workers];
    const cycle = await services.get(CyclesService).open(null, documentId, '2020-Q3');
    await drainQueues(target(), 120_000);

    // The overdue rung first, then each report's ladder sleeps until the supervision rung.
    clock.set(at('2020-10-12T00:00:00'));
    await drainMail(target(), ds, stack.smtp, 240_000);
    const before = stack.smtp.messages.length;

    // The supervision rung for every report at once, each by its own ladder job. The SMTP server
    // keeps each message and holds its answer: a worker killed now has mail accepted that it never
    // committed as sent.
    clock.set(at('2020-10-16T00:00:00'));
    stack.smtp.holdAnswers();
    expect(await promoteDue(target())).toBe(N);

    // Wait for a worker with rungs in hand and every mail slot on accepted, unanswered mail (so no
    // send of its own is half-way through), then kill it.
    let victim: ChildWorker | undefined;
    const stopAt = Date.now() + 60_000;
    while (!victim) {
      const [ladder, mail] = await Promise.all([ladderQ.getActive(), mailQ.getActive()]);
      const atSink = new Set(stack.smtp.messages.map((m) => m.messageId));
      for (const w of three) {
        const rungs = ladder.filter((j) => j.processedBy === w.name).length;
        const held = mail
          .filter((j) => j.processedBy === w.name && j.name === 'mail-deliver')
          .map(messageIdOf)
          .filter((id) => atSink.has(id));
        if (rungs > 0 && held.length === WORKER_OPTIONS.mail.concurrency) {
          victim = w;
          break;
        }
      }
      if (!victim && Date.now() > stopAt)
        throw new Error(
          `no worker held a rung with every mail slot on accepted mail: ${ladder.length} ladder and ${mail.length} mail jobs active`,
        );
      // Polling for a state to arrive (ends on the first match), not waiting for quiet.
      if (!victim) await new Promise((r) => setTimeout(r, 20));
    }
    const dead = victim.name;
    await victim.kill('SIGKILL');
    // What it died holding: its mail jobs stay active under its name until their locks lapse.
    const atSink = new Set(stack.smtp.messages.map((m) => m.messageId));
    const accepted = (await mailQ.getActive())
      .filter((j) => j.processedBy === dead && j.name === 'mail-deliver')
      .map(messageIdOf)
      .filter((id) => atSink.has(id));
    stack.smtp.releaseAnswers();
    // A worker starts in its place, as a supervisor (compose's restart policy) would. The dead
    // one's locked jobs go to whichever worker the stall check hands them; a rung it committed
    // but had not yet queued the mail of is relayed by this start (else by the 5-minute relay).
    const replacement = spawnWorker({ ...stack.env, MAIL_RETRY_DELAY_MS: '100' }, clock);
    workers.push(replacement);
    await replacement.ready;

    await drainMail(target(), ds, stack.smtp, 240_000);

    // Every report got each rung once, and its escalation to level 2 once; every email delivery
    // of the supervision rung exists once and was sent.
    const notices = (await ds.query(
      `SELECT kind, count(*)::int AS n, count(DISTINCT report_id)::int AS d FROM notices WHERE cycle_id = $1 GROUP BY kind ORDER BY kind`,
      [cycle.id],
    )) as { kind: string; n: number; d: number }[];
    expect(notices).toEqual([
      { kind: 'overdue', n: N, d: N },
      { kind: 'supervision', n: N, d: N },
    ]);
    const [escalated] = await ds.query(
      `SELECT count(*)::int AS n, count(DISTINCT report_id)::int AS d FROM escalations WHERE cycle_id = $1 AND level = 2`,
      [cycle.id],
    );
    expect(escalated).toEqual({ n: N, d: N });
    const email = (await ds.query(
      `SELECT d.id, d.sent_at, d.failed_at FROM notice_deliveries d JOIN notices n ON n.id = d.notice_id
        WHERE n.cycle_id = $1 AND n.kind = 'supervision' AND d.channel = 'email'`,
      [cycle.id],
    )) as { id: string; sent_at: Date | null; failed_at: Date | null }[];
    expect(email).toHaveLength(N * 2);
    expect(email.filter((d) => !d.sent_at || d.failed_at)).toEqual([]);

    // At the SMTP server: one message per delivery, under the delivery's Message-ID; only the
    // mails the killed worker had sent but not committed came twice, both times under that ID.
    const expected = email
      .map((d) => deliveryMessageId('notice_deliveries', d.id, TEST_PUBLIC_URL))
      .sort();
    const received = new Map<string, number>();
    for (const m of stack.smtp.messages.slice(before))
      received.set(m.messageId, (received.get(m.messageId) ?? 0) + 1);
    expect([...received.keys()].sort()).toEqual(expected);
    expect(accepted).toHaveLength(WORKER_OPTIONS.mail.concurrency);
    const twice = [...received].filter(([, n]) => n > 1);
    expect(twice.map(([id]) => id).sort()).toEqual([...accepted].sort());
    expect(twice.every(([, n]) => n === 2)).toBe(true);

    // Every worker took part: the killed one had rungs in hand; each of the others left ladders
    // asleep until the leading-group rung.
    const asleep = (await ladderQ.getDelayed()).filter(
      (j) => j.name === 'ladder-step' && j.data.cycleId === cycle.id,
    );
    expect(asleep).toHaveLength(N);
    const byWorker = new Map<string, number>();
    for (const j of asleep) byWorker.set(j.processedBy!, (byWorker.get(j.processedBy!) ?? 0) + 1);
    for (const w of three.filter((w) => w !== victim))
      expect(byWorker.get(w.name) ?? 0).toBeGreaterThan(0);
  });
});
