import { INestApplicationContext } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { CyclesService, LadderService, ReportsService, StepResult } from '@tracker/services';
import { drainQueues } from '../support/drain';
import { createStack, TestStack } from '../support/harness';
import {
  givenAssignment,
  givenDocument,
  givenTask,
  givenUnit,
  givenUser,
} from '../support/supervision-fixtures';
import { REDIS } from '../support/test-env';

const at = (s: string): Date => new Date(`${s}+08:00`);

/**
 * The ladder job commits its transaction, then moves itself to delayed: a filing or an acceptance
 * that lands in between finds the job active, so its promote does nothing. The gate holds the job
 * exactly there (after the step's transaction, before it goes back to sleep).
 */
describe('a report filed or accepted while its ladder job is running', () => {
  let stack: TestStack;
  let worker: INestApplicationContext;
  let ds: DataSource;
  let ladder: Queue;
  let hold: { entered: Promise<StepResult>; release: () => void } | null = null;

  const drain = (): Promise<unknown> =>
    drainQueues({ queuePrefix: stack.queuePrefix, now: () => stack.clock.now() });

  /** Wakes the ladder job now and returns once its step has committed; the job then waits for release. */
  async function runHeld(job: Job): Promise<{ result: StepResult; release: () => void }> {
    let release!: () => void;
    let entered!: (r: StepResult) => void;
    const gate = new Promise<void>((r) => (release = r));
    hold = { entered: new Promise<StepResult>((r) => (entered = r)), release };
    const service = worker.get(LadderService);
    const original = LadderService.prototype.runReportStep;
    service.runReportStep = async (data) => {
      const result = await original.call(service, data);
      service.runReportStep = original;
      entered(result);
      await gate;
      return result;
    };
    await job.promote();
    return { result: await hold.entered, release };
  }

  beforeAll(async () => {
    stack = await createStack('2020-07-01T10:00:00+08:00');
    worker = await stack.startWorker();
    ds = worker.get(DataSource);
    ladder = new Queue('ladder', { prefix: stack.queuePrefix, connection: { ...REDIS } });
  });
  afterAll(async () => {
    hold?.release();
    await ladder.close();
    await stack.close();
  });

  it('re-runs the job once it is asleep, so the filing and the acceptance take effect at once', async () => {
    const A = await givenUnit(ds, '自治区商务厅');
    const lead = await givenUser(ds, { roles: ['agency'], unitId: A });
    const office = await givenUser(ds, { roles: ['office'] });
    const documentId = await givenDocument(ds);
    await givenAssignment(
      ds,
      await givenTask(ds, documentId),
      A,
      'lead',
      at('2020-07-01T09:00:00'),
    );
    const cycle = await worker.get(CyclesService).open(null, documentId, '2020-Q3');
    await drain();
    const [{ id }] = (await ds.query(`SELECT id FROM status_reports WHERE cycle_id = $1`, [
      cycle.id,
    ])) as { id: string }[];
    const jobOf = async (): Promise<Job> => (await ladder.getJob(`ladder-step/${id}/e0`)) as Job;
    const reports = worker.get(ReportsService);

    // The cycle's job raises the reminder rung for its reports and adds the ladder job, timed for
    // the overdue rung. Woken early, the step raises nothing new; the report is filed after it read it as pending.
    stack.clock.set(at('2020-10-08T10:00:00'));
    await drain();
    expect((await jobOf()).data.notBefore).toBe(at('2020-10-12T00:00:00').toISOString());
    const first = await runHeld(await jobOf());
    expect(first.result).toEqual({ outcome: 'wait', nextAt: at('2020-10-12T00:00:00') });
    await reports.submit(lead, id, { progressPercent: 80 });
    first.release();
    await drain();
    // Woken again: it saw the filing and waits for the review (a day), not for the overdue rung.
    let job = await jobOf();
    expect(await job.getState()).toBe('delayed');
    expect(job.data.notBefore).toBe(at('2020-10-09T10:00:00').toISOString());

    // The recheck runs; the office accepts meanwhile: the job finishes and the cycle's bulletin is compiled.
    stack.clock.set(at('2020-10-09T10:00:00'));
    const second = await runHeld(job);
    expect(second.result).toEqual({ outcome: 'wait', nextAt: at('2020-10-10T10:00:00') });
    await reports.accept(office, id, '同意');
    second.release();
    await drain();
    job = await jobOf();
    expect(await job.getState()).toBe('completed');
    expect(job.returnvalue).toBe('done: accepted');
    const [bulletin] = await ds.query(`SELECT content FROM bulletins WHERE cycle_id = $1`, [
      cycle.id,
    ]);
    expect(bulletin.content.totals).toMatchObject({ reports: 1 });
    const kinds = await ds.query(
      `SELECT kind FROM notices WHERE report_id = $1 ORDER BY created_at`,
      [id],
    );
    expect(kinds).toEqual([{ kind: 'reminder' }]);
  });
});
