import { INestApplication } from '@nestjs/common';
import { JobProducer, jobId } from '@tracker/queue';
import { NoticesService } from '@tracker/services';
import { DataSource } from 'typeorm';
import { drainMail } from '../support/drain';
import { createStack, TestStack } from '../support/harness';
import { givenMailUser } from '../support/mail-fixtures';
import { SmtpSink } from '../support/smtp-sink';
import { givenUnit } from '../support/supervision-fixtures';

// A run that raised a notice and died after its commit but before queuing the notice's mail
// leaves email deliveries with no job. The next raise of the same notice (the ladder step or the
// sweep running again) finds it already raised and queues that mail at once, instead of leaving
// it for the relay's next pass minutes later; every mail still goes out once.
describe('the mail of a notice whose first run died before queuing it', () => {
  const sink = new SmtpSink();
  let stack: TestStack;
  let api: INestApplication;
  let ds: DataSource;
  let unitId: string;
  const spec = () => ({
    dedupKey: 'test/lost-enqueue',
    kind: 'overdue' as const,
    level: 1,
    colour: 'yellow' as const,
    clause: null,
    recipients: { unitMembers: [unitId] },
    text: { title: '【催办】测试', body: '正文', titleEn: 'Overdue', bodyEn: 'Body' },
  });
  const raise = () => ds.transaction((em) => api.get(NoticesService).raise(em, spec()));
  const jobsOf = async (ids: string[]) => {
    const queue = api.get(JobProducer).queueFor('mail-deliver');
    return Promise.all(
      ids.map((deliveryId) => queue.getJob(jobId('mail-deliver', { deliveryId }))),
    );
  };

  beforeAll(async () => {
    await sink.start();
    stack = await createStack('2020-10-12T09:00:00+08:00');
    // No worker yet: nothing takes the jobs while the test removes them.
    api = await stack.startApi({ ...sink.env(), MAIL_RETRY_DELAY_MS: '150' });
    ds = api.get(DataSource);
    unitId = await givenUnit(ds, '自治区生态环境厅');
    for (let i = 0; i < 2; i += 1)
      await givenMailUser(ds, { roles: ['agency'], unitId, name: `st-${i}` });
  });
  afterAll(async () => {
    await stack.close();
    await sink.stop();
  });

  it('queues it again when the notice is raised again, and sends it once', async () => {
    const first = await raise();
    expect(first.created).toBe(true);
    expect(first.emailDeliveryIds).toHaveLength(2);
    // What a run killed between its commit and its enqueue leaves: the rows, no jobs.
    for (const job of await jobsOf(first.emailDeliveryIds)) await job?.remove();
    expect(await jobsOf(first.emailDeliveryIds)).toEqual([undefined, undefined]);

    const again = await raise();
    expect(again).toEqual({ id: first.id, created: false, emailDeliveryIds: [] });
    const jobs = await jobsOf(first.emailDeliveryIds);
    expect(jobs.map((j) => j?.data)).toEqual(
      first.emailDeliveryIds.map((deliveryId) => ({ deliveryId })),
    );

    await stack.startWorker({ ...sink.env(), MAIL_RETRY_DELAY_MS: '150' });
    await drainMail({ queuePrefix: stack.queuePrefix, now: () => stack.clock.now() }, ds, sink);
    expect(sink.messages.map((m) => m.subject)).toEqual(['【催办】测试', '【催办】测试']);
    expect(new Set(sink.messages.map((m) => m.messageId)).size).toBe(2);

    // Raised a third time with everything sent: nothing more is queued or sent.
    await raise();
    await drainMail({ queuePrefix: stack.queuePrefix, now: () => stack.clock.now() }, ds, sink);
    expect(sink.messages).toHaveLength(2);
  });
});
