import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CyclesService, DeadlineSweepService, NoticesService } from '@tracker/services';
import { drainMail } from '../support/drain';
import { createStack, TestStack } from '../support/harness';
import { givenMailUser, MailUser } from '../support/mail-fixtures';
import {
  givenAssignment,
  givenDocument,
  givenTask,
  givenUnit,
  givenUser,
  noticesOf,
} from '../support/supervision-fixtures';

// The sweep reads only what fell due since its last run (the watermark, kept in PostgreSQL) and
// what a change queued behind it. Default rules: level 1 a day after the deadline, 2 after five
// days, 3 after ten. The business clock only moves forward here, one spec after another.
describe('DeadlineSweepService.sweep: the watermark', () => {
  let stack: TestStack;
  let worker: INestApplicationContext;
  let ds: DataSource;
  let sweep: DeadlineSweepService;
  const drain = (): Promise<void> =>
    drainMail({ queuePrefix: stack.queuePrefix, now: () => stack.clock.now() }, ds, stack.smtp);
  const at = (day: string): void => stack.clock.set(new Date(`${day}T01:30:00+08:00`));
  const watermark = async (): Promise<string | null> =>
    (
      await ds.query(
        `SELECT to_char(swept_on, 'YYYY-MM-DD') AS d FROM deadline_sweep_state WHERE id = 1`,
      )
    )[0].d;
  const levelsOf = async (taskId: string): Promise<number[]> =>
    (await noticesOf(ds, 'task_id = $1', [taskId])).map((n) => n.level).sort();
  const queued = async (): Promise<number> =>
    (await ds.query(`SELECT count(*)::int AS n FROM deadline_sweep_recheck`))[0].n;

  // An archived plan is not swept: each spec retires its document so the next one counts its own.
  const retire = (documentId: string): Promise<unknown> =>
    ds.query(
      `UPDATE policy_documents SET archived_at = '2021-01-01T00:00:00+08:00' WHERE id = $1`,
      [documentId],
    );

  /** A unit with a member and a head who both get mail, and one lead task of `documentId`. */
  async function givenLeadTask(
    documentId: string,
    deadlineOn: string,
    tag: string,
  ): Promise<{ taskId: string; unitId: string; member: MailUser; head: MailUser }> {
    const unitId = await givenUnit(ds, `单位${tag}`);
    const member = await givenMailUser(ds, { roles: ['agency'], unitId, name: `${tag}-member` });
    const head = await givenMailUser(ds, {
      roles: ['agency'],
      unitId,
      isUnitHead: true,
      name: `${tag}-head`,
    });
    const taskId = await givenTask(ds, documentId, { heading: `任务${tag}`, deadlineOn });
    await givenAssignment(ds, taskId, unitId, 'lead', new Date('2020-01-01T09:00:00+08:00'));
    return { taskId, unitId, member, head };
  }

  beforeAll(async () => {
    stack = await createStack('2021-03-01T09:00:00+08:00');
    worker = await stack.startWorker({ MAIL_RETRY_DELAY_MS: '50' });
    ds = worker.get(DataSource);
    sweep = worker.get(DeadlineSweepService);
  });
  afterAll(() => stack.close());

  it('keeps the last swept day, catches up missed days, and on a day with nothing new sends nothing', async () => {
    const documentId = await givenDocument(ds, { title: '水污染防治行动方案' });
    const a = await givenLeadTask(documentId, '2021-03-31', 'wm-a');
    const b = await givenLeadTask(documentId, '2021-03-25', 'wm-b');
    const later = await givenLeadTask(documentId, '2021-12-31', 'wm-c');

    at('2021-03-26');
    expect(await sweep.sweep()).toEqual({ notices: 1, escalations: 0 });
    expect(await watermark()).toBe('2021-03-26');
    expect(await levelsOf(b.taskId)).toEqual([1]);

    // No sweep from 03-27 to 04-01. On 04-02: b's level 2 (due 03-30) and a's level 1 (due 04-01).
    at('2021-04-02');
    expect(await sweep.sweep()).toEqual({ notices: 2, escalations: 1 });
    expect(await watermark()).toBe('2021-04-02');
    expect(await levelsOf(a.taskId)).toEqual([1]);
    expect(await levelsOf(b.taskId)).toEqual([1, 2]);
    expect(await levelsOf(later.taskId)).toEqual([]);
    await drain();
    expect(stack.smtp.to(a.member.email).map((m) => m.subject)).toHaveLength(1);
    expect(stack.smtp.to(b.head.email)).toHaveLength(2);

    // 04-03: nothing falls due; the same day run twice, and the next day, send nothing.
    const sent = stack.smtp.messages.length;
    const notices = (await noticesOf(ds)).length;
    expect(await sweep.sweep()).toEqual({ notices: 0, escalations: 0 });
    at('2021-04-03');
    expect(await sweep.sweep()).toEqual({ notices: 0, escalations: 0 });
    await drain();
    expect(stack.smtp.messages.length).toBe(sent);
    expect((await noticesOf(ds)).length).toBe(notices);
    expect(await watermark()).toBe('2021-04-03');

    // 04-05 (04-04 missed): b's level 3 (due 04-04) and a's level 2 (due 04-05).
    at('2021-04-05');
    expect(await sweep.sweep()).toEqual({ notices: 2, escalations: 2 });
    expect(await levelsOf(a.taskId)).toEqual([1, 2]);
    expect(await levelsOf(b.taskId)).toEqual([1, 2, 3]);
    await drain();
    await retire(documentId);
  });

  it('a run that fails part-way leaves the watermark, and its re-run tells the rest without telling anything twice', async () => {
    const documentId = await givenDocument(ds, { title: '农村人居环境整治方案' });
    const tasks: Awaited<ReturnType<typeof givenLeadTask>>[] = [];
    for (const n of [1, 2, 3, 4, 5])
      tasks.push(await givenLeadTask(documentId, '2021-05-31', `cr-${n}`));
    at('2021-06-02');
    const notices = worker.get(NoticesService);
    const real = notices.raiseMany.bind(notices);
    let calls = 0;
    const spy = jest.spyOn(notices, 'raiseMany').mockImplementation(async (em, specs) => {
      calls += 1;
      if (calls === 2) throw new Error('worker lost mid-run');
      return real(em, specs);
    });
    try {
      await expect(sweep.sweep({ chunkSize: 2 })).rejects.toThrow('worker lost mid-run');
    } finally {
      spy.mockRestore();
    }
    // The first chunk (two tasks) is told and kept; the watermark did not move.
    const told = async (): Promise<number> =>
      (await noticesOf(ds, 'task_id = ANY($1::uuid[])', [tasks.map((t) => t.taskId)])).length;
    expect(await told()).toBe(2);
    expect(await watermark()).toBe('2021-04-05');

    // The re-run (the job's retry) tells the other three, each once.
    expect(await sweep.sweep({ chunkSize: 2 })).toEqual({ notices: 3, escalations: 0 });
    expect(await watermark()).toBe('2021-06-02');
    const rows = await noticesOf(ds, 'task_id = ANY($1::uuid[])', [tasks.map((t) => t.taskId)]);
    expect(rows.map((r) => r.level)).toEqual([1, 1, 1, 1, 1]);
    expect(new Set(rows.map((r) => r.dedup_key)).size).toBe(5);
    // Member and head in the inbox, and by mail: each once.
    expect(rows.map((r) => r.recipients)).toEqual([4, 4, 4, 4, 4]);
    await drain();
    for (const t of tasks) {
      expect(stack.smtp.to(t.member.email)).toHaveLength(1);
      expect(stack.smtp.to(t.head.email)).toHaveLength(1);
    }
    expect(await sweep.sweep({ chunkSize: 2 })).toEqual({ notices: 0, escalations: 0 });
    await retire(documentId);
  });

  it('a deadline moved behind the watermark, a new lead unit and shortened rules are told at the next run; a deadline moved later at its new time', async () => {
    const documentId = await givenDocument(ds, { title: '城市更新行动方案' });
    const earlier = await givenLeadTask(documentId, '2021-09-30', 'mv-earlier');
    const later = await givenLeadTask(documentId, '2021-06-10', 'mv-later');
    // A task whose only lead declined: nothing to tell until a lead unit takes it over.
    const orphanId = await givenTask(ds, documentId, {
      heading: '任务mv-orphan',
      deadlineOn: '2021-05-01',
    });
    const gone = await givenUnit(ds, '单位mv-gone');
    const assignment = await givenAssignment(
      ds,
      orphanId,
      gone,
      'lead',
      new Date('2021-01-01T09:00:00+08:00'),
    );
    await ds.query(
      `UPDATE assignments SET state = 'declined', decline_reason = '不属于本单位职责', declined_at = '2021-01-02T09:00:00+08:00' WHERE id = $1`,
      [assignment],
    );
    // A document whose leading-group rung is 30 days after the deadline.
    const slowDoc = await givenDocument(ds, {
      title: '营商环境优化方案',
      profile: { leadingGroupDaysAfter: 30 },
    });
    const slow = await givenLeadTask(slowDoc, '2021-06-01', 'mv-slow');

    at('2021-06-12');
    expect(await sweep.sweep()).toEqual({ notices: 3, escalations: 1 });
    expect(await levelsOf(later.taskId)).toEqual([1]);
    expect(await levelsOf(slow.taskId)).toEqual([1, 2]);
    expect(await levelsOf(orphanId)).toEqual([]);
    expect(await queued()).toBe(0);

    // Amendments: one deadline moves back to 05-20 (all three rungs due by now, behind the
    // watermark), one moves on to 06-30. A new lead unit takes over the orphan; the office
    // shortens the slow document's leading-group rung to 10 days (due 06-11, behind the watermark).
    await ds.query(`UPDATE tasks SET deadline_on = '2021-05-20' WHERE id = $1`, [earlier.taskId]);
    await ds.query(`UPDATE tasks SET deadline_on = '2021-06-30' WHERE id = $1`, [later.taskId]);
    const heir = await givenLeadTaskUnit(orphanId, 'mv-heir');
    const office = await givenUser(ds, { roles: ['office'] });
    await worker.get(CyclesService).updateProfile(office, slowDoc, { leadingGroupDaysAfter: 10 });
    expect(await queued()).toBe(3);

    at('2021-06-13');
    expect(await sweep.sweep()).toEqual({ notices: 7, escalations: 5 });
    expect(await levelsOf(earlier.taskId)).toEqual([1, 2, 3]);
    expect(await levelsOf(later.taskId)).toEqual([1]);
    expect(await levelsOf(orphanId)).toEqual([1, 2, 3]);
    expect(await levelsOf(slow.taskId)).toEqual([1, 2, 3]);
    expect(await queued()).toBe(0);
    await drain();
    expect(stack.smtp.to(heir.email)).toHaveLength(1);
    expect(stack.smtp.to(earlier.head.email)).toHaveLength(3);

    // The deadline moved later: its level 2 comes five days after the new deadline, not before.
    at('2021-07-04');
    expect(await sweep.sweep()).toEqual({ notices: 0, escalations: 0 });
    at('2021-07-05');
    expect(await sweep.sweep()).toEqual({ notices: 1, escalations: 1 });
    expect(await levelsOf(later.taskId)).toEqual([1, 2]);
    await drain();
  });

  /** A new lead unit (with a member who gets mail) for a task. */
  async function givenLeadTaskUnit(taskId: string, tag: string): Promise<MailUser> {
    const unitId = await givenUnit(ds, `单位${tag}`);
    const member = await givenMailUser(ds, { roles: ['agency'], unitId, name: `${tag}-member` });
    await givenAssignment(ds, taskId, unitId, 'lead', new Date('2021-06-12T10:00:00+08:00'));
    return member;
  }
});
