import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { CLOCK } from '@tracker/domain';
import { deliveryMessageId, NoticesService, ServicesModule } from '@tracker/services';
import { ChildWorker, ClockFile, spawnWorker } from '../support/child-worker';
import { drainMail } from '../support/drain';
import { createStack, TEST_PUBLIC_URL, TestStack } from '../support/harness';
import { givenMailUser } from '../support/mail-fixtures';
import { givenUnit } from '../support/supervision-fixtures';

// A killed worker's mail job is picked up again after its lock lapses (WORKER_OPTIONS: ~15 s).
jest.setTimeout(180_000);

describe('a worker killed while it sends mail', () => {
  let stack: TestStack;
  let clock: ClockFile;
  let services: INestApplicationContext;
  let ds: DataSource;
  const workers: ChildWorker[] = [];
  const start = (): ChildWorker => {
    const w = spawnWorker({ ...stack.env, MAIL_RETRY_DELAY_MS: '100' }, clock);
    workers.push(w);
    return w;
  };

  beforeAll(async () => {
    stack = await createStack();
    clock = new ClockFile('2020-10-12T09:00:00+08:00');
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

  it('resends a mail the SMTP server accepted before the crash under the same Message-ID', async () => {
    const unitId = await givenUnit(ds, '自治区应急管理厅');
    for (let i = 0; i < 3; i += 1)
      await givenMailUser(ds, { roles: ['agency'], unitId, name: `yj-${i}` });
    const sink = stack.smtp;
    // The server keeps each message, then holds its answer: a worker killed now has been accepted
    // but never committed sent_at.
    sink.answerDelayMs = 5_000;
    const w1 = start();
    await w1.ready;
    const ids = await ds.transaction(
      async (em) =>
        (
          await services.get(NoticesService).raise(em, {
            dedupKey: 'test/send-crash',
            kind: 'overdue',
            level: 1,
            colour: 'yellow',
            clause: null,
            recipients: { unitMembers: [unitId] },
            text: { title: '【催办】发送中断', body: '正文', titleEn: 'Overdue', bodyEn: 'Body' },
          })
        ).emailDeliveryIds,
    );
    expect(ids).toHaveLength(3);
    await sink.untilCount(1);
    await w1.kill('SIGKILL');
    sink.answerDelayMs = 0;
    const accepted = sink.messages.length;

    await start().ready;
    await drainMail({ queuePrefix: stack.queuePrefix, now: () => clock.now() }, ds, sink, 120_000);

    // At least once: the mails accepted before the kill came again …
    expect(sink.messages.length).toBe(3 + accepted);
    // … but never twice with different identities: one Message-ID per delivery, derived from its row.
    const expected = ids
      .map((id) => deliveryMessageId('notice_deliveries', id, TEST_PUBLIC_URL))
      .sort();
    expect([...new Set(sink.messages.map((m) => m.messageId))].sort()).toEqual(expected);
    expect(expected[0]).toMatch(/^<notice\.[0-9a-f-]{36}@tracker\.test>$/);
    const sent = (await ds.query(
      `SELECT count(*)::int AS n FROM notice_deliveries WHERE id = ANY($1::uuid[]) AND sent_at IS NOT NULL`,
      [ids],
    )) as { n: number }[];
    expect(sent[0].n).toBe(3);
  });
});
