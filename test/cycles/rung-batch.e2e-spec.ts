import { INestApplicationContext } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { CyclesService, ReportsService } from '@tracker/services';
import { drainMail, drainQueues } from '../support/drain';
import { createStack, TestStack } from '../support/harness';
import { givenMailUser, MailUser } from '../support/mail-fixtures';
import {
  givenAssignment,
  givenDocument,
  givenTask,
  givenUnit,
  noticesOf,
} from '../support/supervision-fixtures';
import { REDIS } from '../support/test-env';

const at = (s: string): Date => new Date(`${s}+08:00`);

/**
 * A cycle's first rung is raised for all its reports by the cycle's own job, set-based (one
 * statement picks what is due, the notice service records and mails a page at a time); the
 * per-report ladder jobs are added after it, each asleep until its report's next rung.
 */
describe("a cycle's first rung, raised for every report at once", () => {
  let stack: TestStack;
  let worker: INestApplicationContext;
  let ds: DataSource;
  let ladder: Queue;
  let cycles: Queue;
  const drain = (): Promise<unknown> =>
    drainQueues({ queuePrefix: stack.queuePrefix, now: () => stack.clock.now() });
  const drainAllMail = (): Promise<void> =>
    drainMail({ queuePrefix: stack.queuePrefix, now: () => stack.clock.now() }, ds, stack.smtp);

  const units: string[] = [];
  const members: Record<string, MailUser[]> = {};
  const ladderJobs = async (): Promise<Job[]> =>
    (await ladder.getJobs(['delayed', 'waiting', 'active', 'completed'])).filter(
      (j) => j.name === 'ladder-step',
    );
  const reportsOf = async (cycleId: string): Promise<{ id: string; unit_id: string }[]> =>
    ds.query(`SELECT id, unit_id FROM status_reports WHERE cycle_id = $1 ORDER BY id`, [cycleId]);
  const deliveries = async (cycleId: string): Promise<{ channel: string; n: number }[]> =>
    ds.query(
      `SELECT d.channel, count(*)::int AS n FROM notice_deliveries d JOIN notices n ON n.id = d.notice_id
        WHERE n.cycle_id = $1 GROUP BY d.channel ORDER BY d.channel`,
      [cycleId],
    );

  beforeAll(async () => {
    stack = await createStack('2020-07-01T10:00:00+08:00');
    worker = await stack.startWorker();
    ds = worker.get(DataSource);
    ladder = new Queue('ladder', { prefix: stack.queuePrefix, connection: { ...REDIS } });
    cycles = new Queue('cycles', { prefix: stack.queuePrefix, connection: { ...REDIS } });
    await givenMailUser(ds, { roles: ['office'], name: 'batch-office' });
    for (const k of ['A', 'B', 'C']) {
      const unit = await givenUnit(ds, `批量牵头单位${k}`);
      units.push(unit);
      members[unit] = [
        await givenMailUser(ds, { roles: ['agency'], unitId: unit, name: `batch-${k}-member` }),
        await givenMailUser(ds, {
          roles: ['agency'],
          unitId: unit,
          isUnitHead: true,
          name: `batch-${k}-head`,
        }),
      ];
    }
  });
  afterAll(async () => {
    await ladder.close();
    await cycles.close();
    await stack.close();
  });

  it('raises the reminder once for every unfiled report, with its recipients and mail, then times each ladder for its next rung', async () => {
    const documentId = await givenDocument(ds, { title: '批量提醒测试方案' });
    for (let i = 0; i < 9; i += 1)
      await givenAssignment(
        ds,
        await givenTask(ds, documentId),
        units[i % 3],
        'lead',
        at('2020-07-01T09:00:00'),
      );
    const cycle = await worker.get(CyclesService).open(null, documentId, '2020-Q3');
    await drain();
    const reports = await reportsOf(cycle.id);
    expect(reports).toHaveLength(9);

    // Until the first rung the cycle's job sleeps alone, timed for the reminder (3 days before the due time).
    const parent = (await cycles.getJob(`cycle-run/${cycle.id}`)) as Job;
    expect(await parent.getState()).toBe('delayed');
    expect(parent.data.notBefore).toBe(at('2020-10-08T00:00:00').toISOString());
    expect(await ladderJobs()).toEqual([]);

    // A report filed before the first rung: no ladder job of its own yet, and it is not chased.
    const filed = reports[0];
    stack.clock.set(at('2020-09-30T10:00:00'));
    const filer = members[filed.unit_id][0];
    await worker.get(ReportsService).submit(filer, filed.id, { progressPercent: 50 });
    await drain();
    expect(await ladderJobs()).toEqual([]);

    stack.clock.set(at('2020-10-08T00:00:00'));
    await drain();
    const reminders = await noticesOf(ds, `kind = 'reminder' AND cycle_id = $1`, [cycle.id]);
    expect(reminders.map((n) => n.report_id).sort()).toEqual(
      reports
        .filter((r) => r.id !== filed.id)
        .map((r) => r.id)
        .sort(),
    );
    expect(reminders.every((n) => n.colour === 'blue' && n.level === 0)).toBe(true);
    expect(new Set(reminders.map((n) => n.dedup_key)).size).toBe(8);
    // The lead unit's two members each: an inbox entry and a mail.
    expect(await deliveries(cycle.id)).toEqual([
      { channel: 'email', n: 16 },
      { channel: 'inapp', n: 16 },
    ]);
    const byUnit: { unit_id: string; user_id: string; n: number }[] = await ds.query(
      `SELECT n.unit_id, d.user_id, count(*)::int AS n FROM notice_deliveries d JOIN notices n ON n.id = d.notice_id
        WHERE n.cycle_id = $1 AND d.channel = 'email' GROUP BY n.unit_id, d.user_id`,
      [cycle.id],
    );
    for (const row of byUnit) expect(members[row.unit_id].map((m) => m.id)).toContain(row.user_id);
    await drainAllMail();
    expect(stack.smtp.messages).toHaveLength(16);
    expect(new Set(stack.smtp.messages.map((m) => m.messageId)).size).toBe(16);
    for (const unit of units) {
      const owed = reminders.filter(
        (n) => reports.find((r) => r.id === n.report_id)?.unit_id === unit,
      );
      for (const m of members[unit]) expect(stack.smtp.to(m.email)).toHaveLength(owed.length);
    }

    // Then one ladder job per report under the cycle's job, each asleep until the overdue rung
    // (the filed report's too: its review promotes it).
    const children = await ladderJobs();
    expect(children.map((j) => j.data.reportId).sort()).toEqual(reports.map((r) => r.id).sort());
    for (const j of children) {
      expect(await j.getState()).toBe('delayed');
      expect(j.parentKey).toBe(`${cycles.qualifiedName}:cycle-run/${cycle.id}`);
      expect(j.data.notBefore).toBe(at('2020-10-12T00:00:00').toISOString());
    }
    expect(await parent.getState()).toBe('waiting-children');

    // Run early anyway, the ladder jobs find the rung raised: nothing new, no second mail.
    for (const j of children) await j.promote();
    await drain();
    await drainAllMail();
    expect(await noticesOf(ds, `cycle_id = $1`, [cycle.id])).toHaveLength(8);
    expect(await deliveries(cycle.id)).toEqual([
      { channel: 'email', n: 16 },
      { channel: 'inapp', n: 16 },
    ]);
    expect(stack.smtp.messages).toHaveLength(16);

    // The next rung is the ladder jobs' own.
    stack.clock.set(at('2020-10-12T00:00:00'));
    await drain();
    const overdue = await noticesOf(ds, `kind = 'overdue' AND cycle_id = $1`, [cycle.id]);
    expect(overdue.map((n) => n.report_id).sort()).toEqual(
      reminders.map((n) => n.report_id).sort(),
    );
  });

  it('raises only the current rung, with its escalations, for a cycle opened after its lower rungs', async () => {
    // Opened on 17 October: past the reminder, the overdue notice and the supervision rung (+5 days).
    stack.clock.set(at('2020-10-17T10:00:00'));
    const documentId = await givenDocument(ds, { title: '补开周期测试方案' });
    for (const unit of units)
      await givenAssignment(
        ds,
        await givenTask(ds, documentId),
        unit,
        'lead',
        at('2020-07-01T09:00:00'),
      );
    const cycle = await worker.get(CyclesService).open(null, documentId, '2020-Q3');
    await drain();
    const rows = await noticesOf(ds, `cycle_id = $1`, [cycle.id]);
    // The unit's head and the office, in the inbox and by mail: no reminder or overdue notice replayed.
    expect(rows.map((n) => [n.kind, n.level, n.colour, n.recipients])).toEqual([
      ['supervision', 2, 'orange', 4],
      ['supervision', 2, 'orange', 4],
      ['supervision', 2, 'orange', 4],
    ]);
    const escalations: { level: number; report_id: string; notice_id: string }[] = await ds.query(
      `SELECT level, report_id, notice_id FROM escalations WHERE cycle_id = $1`,
      [cycle.id],
    );
    expect(escalations.map((e) => e.level)).toEqual([2, 2, 2]);
    const noticeIds: { id: string; report_id: string }[] = await ds.query(
      `SELECT id, report_id FROM notices WHERE cycle_id = $1`,
      [cycle.id],
    );
    expect(escalations.map((e) => [e.report_id, e.notice_id]).sort()).toEqual(
      noticeIds.map((n) => [n.report_id, n.id]).sort(),
    );
    const children = (await ladderJobs()).filter((j) => j.data.cycleId === cycle.id);
    expect(children).toHaveLength(3);
    for (const j of children)
      expect(j.data.notBefore).toBe(at('2020-10-21T00:00:00').toISOString());
  });
});
