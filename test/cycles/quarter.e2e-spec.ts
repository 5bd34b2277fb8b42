import ExcelJS from 'exceljs';
import { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { JobProducer, QUEUES, SCHEDULER_IDS } from '@tracker/queue';
import {
  Actor,
  BulletinsService,
  CyclesService,
  EscalationsService,
  ExtensionsService,
  NoticesService,
  OverdueWatchService,
  ReportsService,
} from '@tracker/services';
import { drainQueues } from '../support/drain';
import { createStack, TestStack } from '../support/harness';
import {
  givenAssignment,
  givenDocument,
  givenTask,
  givenUnit,
  givenUser,
  noticesOf,
} from '../support/supervision-fixtures';

const at = (s: string): Date => new Date(`${s}+08:00`);

describe('a quarter of supervision, driven by the clock', () => {
  let stack: TestStack;
  let worker: INestApplicationContext;
  let ds: DataSource;
  const drain = (): Promise<unknown> =>
    drainQueues({ queuePrefix: stack.queuePrefix, now: () => stack.clock.now() });

  let office: Actor;
  const lead: Record<string, Actor> = {};
  let supporter: Actor;
  let documentId: string;
  const task: Record<string, string> = {};
  const report: Record<string, string> = {};

  beforeAll(async () => {
    stack = await createStack('2020-07-01T09:00:00+08:00');
    worker = await stack.startWorker();
    ds = worker.get(DataSource);

    office = await givenUser(ds, { roles: ['office'] });
    await givenUser(ds, { roles: ['leader'] });
    documentId = await givenDocument(ds, { title: '制造业攻坚突破年行动方案' });
    const units: Record<string, string> = {};
    for (const k of ['A', 'B', 'C', 'D']) {
      units[k] = await givenUnit(ds, `牵头单位${k}`);
      lead[k] = await givenUser(ds, { roles: ['agency'], unitId: units[k] });
      await givenUser(ds, { roles: ['agency'], unitId: units[k], isUnitHead: true });
    }
    const s = await givenUnit(ds, '配合单位S');
    supporter = await givenUser(ds, { roles: ['agency'], unitId: s });
    const assignedAt = at('2020-07-01T09:00:00');
    task.T1 = await givenTask(ds, documentId, {
      path: ['二', '（一）', '1'],
      heading: '加大招商引资力度',
      targets: [{ text: '新引进企业', value: 100, unit: '家', by: '2020' }],
    });
    task.T2 = await givenTask(ds, documentId, {
      path: ['二', '（一）', '2'],
      heading: '开展节能示范',
    });
    task.T3 = await givenTask(ds, documentId, {
      path: ['二', '（二）', '1'],
      heading: '加强煤电油气运保障',
    });
    task.T4 = await givenTask(ds, documentId, {
      path: ['二', '（二）', '2'],
      heading: '扶持中小企业',
    });
    for (const k of ['1', '2', '3', '4'])
      await givenAssignment(ds, task[`T${k}`], units['ABCD'[Number(k) - 1]], 'lead', assignedAt);
    await givenAssignment(ds, task.T1, s, 'support', assignedAt);
  });
  afterAll(() => stack.close());

  const reports = (): ReportsService => worker.get(ReportsService);

  it('registers the cycle-opening scheduler in Asia/Shanghai', async () => {
    const queue = worker.get<Queue>(getQueueToken(QUEUES.cycles));
    const scheduler = await queue.getJobScheduler(SCHEDULER_IDS.openDueCycles);
    expect(scheduler?.tz).toBe('Asia/Shanghai');
    expect(scheduler?.pattern).toBe('5 0 * * *');
  });

  it('opens the 2020-Q3 cycle from the scheduled job, with one report per task and lead unit', async () => {
    stack.clock.set(at('2020-07-01T10:00:00'));
    await worker
      .get(JobProducer)
      .add('cycles-open-due', { requestedAt: stack.clock.now().toISOString() });
    await drain();
    const [cycle] = await worker.get(CyclesService).list({ documentId });
    expect(cycle).toMatchObject({ period: '2020-Q3', state: 'open', reports: 4, submitted: 0 });
    // Due 10 days after the quarter ends, at the end of 10 October (Asia/Shanghai).
    expect(cycle.dueAt.toISOString()).toBe(at('2020-10-11T00:00:00').toISOString());
    const rows: { id: string; task_id: string }[] = await ds.query(
      `SELECT id, task_id FROM status_reports WHERE cycle_id = $1`,
      [cycle.id],
    );
    for (const r of rows)
      report[Object.keys(task).find((k) => task[k] === r.task_id) as string] = r.id;
    expect(Object.keys(report).sort()).toEqual(['T1', 'T2', 'T3', 'T4']);
  });

  it('asks the supporting unit at once, reminds it after 3 days and tells the lead unit and the office after 7', async () => {
    // The cycle's opening started the acknowledgement ladder: its first rung is the request itself.
    expect(await noticesOf(ds, `kind LIKE 'ack_%'`)).toEqual([
      expect.objectContaining({ kind: 'ack_request', colour: 'blue', level: 0, recipients: 1 }),
    ]);
    stack.clock.set(at('2020-07-04T10:00:00'));
    await drain();
    expect(await noticesOf(ds, `kind = 'ack_reminder'`)).toEqual([
      expect.objectContaining({ colour: 'blue', level: 0, recipients: 1 }),
    ]);
    stack.clock.set(at('2020-07-08T10:00:00'));
    await drain();
    const acks = await noticesOf(ds, `kind = 'ack_overdue'`);
    // Lead unit A's two users and the office.
    expect(acks).toEqual([expect.objectContaining({ colour: 'yellow', level: 1, recipients: 3 })]);
  });

  it('accepts an on-time report with its supporting contribution', async () => {
    stack.clock.set(at('2020-09-20T10:00:00'));
    await reports().saveDraft(lead.A, report.T1, {
      progressStatus: 'on_track',
      narrative: '已签约项目12个',
    });
    await reports().contribute(supporter, report.T1, '配合单位S：协助举办招商推介会2场');
    await reports().submit(lead.A, report.T1, {
      progressPercent: 60,
      targetValues: [{ target: '新引进企业', value: 60 }],
      problems: '土地指标紧张',
      nextSteps: '继续开展产业链招商',
    });
    await reports().accept(office, report.T1, '同意');
    await drain();
    const r = await reports().get(lead.A, report.T1);
    expect(r).toMatchObject({
      state: 'accepted',
      revision: 1,
      progressStatus: 'on_track',
      narrative: '已签约项目12个',
    });
    expect(r.contributions).toEqual([expect.objectContaining({ unitName: '配合单位S' })]);
  });

  it('keeps every revision of a report that was returned and resubmitted', async () => {
    stack.clock.set(at('2020-09-25T10:00:00'));
    await reports().submit(lead.B, report.T2, { progressStatus: 'at_risk', narrative: '初稿' });
    stack.clock.set(at('2020-09-28T10:00:00'));
    const returned = await reports().returnForRevision(office, report.T2, '请补充量化数据');
    expect(returned).toMatchObject({
      state: 'returned',
      ladderEpoch: 1,
      reviewComment: '请补充量化数据',
    });
    await drain();
    expect(await noticesOf(ds, `kind = 'report_returned'`)).toHaveLength(1);
    stack.clock.set(at('2020-10-05T10:00:00'));
    await reports().submit(lead.B, report.T2, { narrative: '修改稿：已完成示范项目3个' });
    await reports().accept(office, report.T2);
    await drain();
    const revisions = await reports().revisions(office, report.T2);
    expect(revisions.map((v) => [v.revision, v.snapshot.narrative])).toEqual([
      [1, '初稿'],
      [2, '修改稿：已完成示范项目3个'],
    ]);
  });

  it('refuses a report to a unit that does not lead its task, as not found', async () => {
    await expect(reports().submit(lead.B, report.T3, {})).rejects.toMatchObject({
      code: 'REPORT_NOT_FOUND',
    });
    await expect(reports().contribute(lead.B, report.T1, 'x')).rejects.toMatchObject({
      code: 'REPORT_NOT_FOUND',
    });
  });

  it('reminds 3 days before the due time, only those who have not filed', async () => {
    stack.clock.set(at('2020-10-08T00:00:00'));
    await drain();
    const reminders = await noticesOf(ds, `kind = 'reminder'`);
    expect(reminders.map((n) => n.report_id).sort()).toEqual([report.T3, report.T4].sort());
    expect(reminders.every((n) => n.colour === 'blue' && n.level === 0)).toBe(true);
  });

  it('sends the overdue notice a day after the due time, citing the clause', async () => {
    stack.clock.set(at('2020-10-12T00:00:00'));
    await drain();
    const overdue = await noticesOf(ds, `kind = 'overdue'`);
    expect(overdue).toHaveLength(2);
    expect(overdue[0]).toMatchObject({ colour: 'yellow', level: 1 });
    expect(overdue[0].clause).toMatchObject({
      documentTitle: '制造业攻坚突破年行动方案',
      path: ['五', '（三）'],
    });
    expect((overdue[0].clause as { text: string }).text).toMatch(/督/);
    // The board's level-1 lane watches exactly the reports on the overdue rung.
    const watched = await worker.get(OverdueWatchService).list({ documentId });
    expect(watched.map((o) => [o.reportId, o.level, o.colour]).sort()).toEqual(
      overdue.map((n) => [n.report_id, 1, 'yellow']).sort(),
    );
    const cited = await ds.query(
      `SELECT dedup_key FROM notices WHERE id = ANY($1::uuid[]) ORDER BY dedup_key`,
      [watched.map((o) => o.noticeId)],
    );
    expect(cited.map((n: { dedup_key: string }) => n.dedup_key)).toEqual(
      overdue.map((n) => n.dedup_key).sort(),
    );
    expect(watched.map((o) => o.reportId).sort()).toEqual([report.T3, report.T4].sort());
  });

  it('issues a supervision notice with an escalation for the office at +5 days', async () => {
    stack.clock.set(at('2020-10-16T00:00:00'));
    await drain();
    const supervision = await noticesOf(ds, `kind = 'supervision'`);
    // The unit head and the office user.
    expect(supervision.map((n) => [n.colour, n.level, n.recipients])).toEqual([
      ['orange', 2, 2],
      ['orange', 2, 2],
    ]);
    const { items: escalations, total } = await worker
      .get(EscalationsService)
      .list({ level: 2, documentId });
    expect(escalations).toHaveLength(2);
    expect(total).toBe(2);
    expect(escalations[0]).toMatchObject({ colour: 'orange', state: 'open', period: '2020-Q3' });
    expect(escalations[0].clause?.path).toEqual(['五', '（三）']);
    // On level 2 now: they leave the level-1 lane, so the board shows each report once.
    expect(await worker.get(OverdueWatchService).list({ documentId })).toEqual([]);
  });

  it('lets a lead unit ask for an extension and the office refuse it', async () => {
    const ext = await worker
      .get(ExtensionsService)
      .request(lead.C, report.T3, '2020-11-30', '数据统计口径调整');
    expect(await noticesOf(ds, `kind = 'extension_request'`)).toEqual([
      expect.objectContaining({ recipients: 1 }),
    ]);
    const rejected = await worker.get(ExtensionsService).reject(office, ext.id, '请按时报送');
    expect(rejected.state).toBe('rejected');
  });

  it('re-times the ladder when the office grants an extension; jobs timed for the old due time do nothing', async () => {
    const {
      items: [esc],
    } = await worker
      .get(EscalationsService)
      .list({ level: 2, unitId: (await reports().get(office, report.T4)).unitId });
    const granted = await worker
      .get(EscalationsService)
      .grantExtension(office, esc.id, '2020-10-31', '同意延期');
    expect(granted.state).toBe('extended');
    const r4 = await reports().get(office, report.T4);
    expect(r4).toMatchObject({ ladderEpoch: 1 });
    expect(r4.dueAt.toISOString()).toBe(at('2020-11-01T00:00:00').toISOString());

    stack.clock.set(at('2020-10-21T00:00:00'));
    await drain();
    const red = await noticesOf(ds, `kind = 'leading_group'`);
    expect(red).toEqual([
      expect.objectContaining({ report_id: report.T3, colour: 'red', level: 3 }),
    ]);
    expect(
      await noticesOf(ds, `report_id = $1 AND created_at > $2`, [
        report.T4,
        at('2020-10-17T00:00:00'),
      ]),
    ).toHaveLength(0);
    const oldJob = await worker
      .get<Queue>(getQueueToken(QUEUES.ladder))
      .getJob(`ladder-step/${report.T4}/e0`);
    expect(oldJob?.returnvalue).toBe('skipped: superseded');

    stack.clock.set(at('2020-10-29T00:00:00'));
    await drain();
    expect(await noticesOf(ds, `dedup_key = $1`, [`reminder/${report.T4}/e1`])).toHaveLength(1);
  });

  it('compiles the bulletin when every report is accepted or raised to the leading group', async () => {
    stack.clock.set(at('2020-10-30T10:00:00'));
    await reports().submit(lead.D, report.T4, { progressStatus: 'delayed', narrative: '已完成' });
    await drain();
    expect((await worker.get(CyclesService).list({ documentId }))[0].hasBulletin).toBe(false);
    await reports().accept(office, report.T4);
    await drain();

    const [cycle] = await worker.get(CyclesService).list({ documentId });
    expect(cycle).toMatchObject({ state: 'closed', hasBulletin: true, submitted: 3, accepted: 3 });
    const { content } = await worker.get(BulletinsService).get(cycle.id);
    expect(content.totals).toMatchObject({
      reports: 4,
      accepted: 3,
      onTime: 3,
      late: 0,
      missing: 1,
      escalatedToLeadingGroup: 1,
    });
    expect(content.units.map((u) => [u.unitName, u.onTimeRate])).toEqual([
      ['牵头单位A', 1],
      ['牵头单位B', 1],
      ['牵头单位C', 0],
      ['牵头单位D', 1],
    ]);
    expect(content.lateTasks.map((t) => t.taskLabel)).toEqual(['二（二）1']);
    expect(content.escalatedTasks.map((t) => [t.taskLabel, t.level, t.state])).toEqual([
      ['二（二）1', 3, 'open'],
      ['二（二）2', 2, 'extended'],
    ]);
    expect(content.targets).toEqual([
      expect.objectContaining({ target: '新引进企业', planned: 100, reported: 60, percent: 60 }),
    ]);
    // 考核评估 as it stood at compilation, for the quarter the cycle reports on.
    // B's report was returned once (−1); D was overdue (−2) and supervised (−3) before its
    // extension; C never filed: overdue (−2), supervised (−3), raised to the leading group (−5).
    expect(content.assessment).toMatchObject({ period: '2020-Q3', base: 100 });
    expect(
      content.assessment!.units.map((u) => [u.unitName, u.score, u.rank, u.deducted, u.events]),
    ).toEqual([
      ['配合单位S', 100, 1, 0, 0],
      ['牵头单位A', 100, 1, 0, 0],
      ['牵头单位B', 99, 3, 1, 1],
      ['牵头单位D', 95, 4, 5, 2],
      ['牵头单位C', 90, 5, 10, 3],
    ]);
    const md = await worker.get(BulletinsService).markdown(cycle.id);
    expect(md.body).toContain('任务落实情况通报');
    expect(md.body).toContain('| 牵头单位C | 1 | 0 | 0 | 1 | 0.0% |');
    expect(md.body).toContain('## 六、考核评估（2020年第三季度）');
    expect(md.body).toContain('| 5 | 牵头单位C | 90 | 10 | 0 | 3 |');
    // The same bulletin as a workbook, read back sheet by sheet.
    const xlsx = await worker.get(BulletinsService).workbook(cycle.id);
    expect(xlsx.filename).toMatch(/^bulletin-2020-Q3-.*\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '概况',
      '各单位报送情况',
      '逾期及未报任务',
      '督办升级任务',
      '量化指标进展',
      '考核评估',
    ]);
    const cellsOf = (sheet: string, row: number): unknown[] =>
      (wb.getWorksheet(sheet)!.getRow(row).values as unknown[]).slice(1);
    expect(String(wb.getWorksheet('概况')!.getCell(1, 1).value)).toContain(
      '2020年第三季度任务落实情况通报',
    );
    expect(cellsOf('概况', 3)).toEqual(['报送截止', '2020-10-10']);
    expect(cellsOf('概况', 10)).toEqual(['按时报送率', '75.0%']);
    expect(cellsOf('各单位报送情况', 5)).toEqual(['牵头单位C', 1, 0, 0, 1, 0, '0.0%']);
    expect(cellsOf('督办升级任务', 3)).toEqual([
      '二（二）1',
      expect.any(String),
      '牵头单位C',
      '三级 提请领导小组',
      '待处理',
    ]);
    expect(cellsOf('考核评估', 7)).toEqual([5, '牵头单位C', 90, 10, 0, 3]);
    expect(cellsOf('量化指标进展', 3)).toEqual([
      '二（一）1',
      '新引进企业',
      expect.any(String),
      100,
      60,
      expect.anything(),
      '60.0%',
    ]);
    // Office, leader, and every unit of the document: A–D with a member and a head each, and S.
    expect(await noticesOf(ds, `kind = 'bulletin'`)).toEqual([
      expect.objectContaining({ recipients: 11 }),
    ]);
  });

  it('raised every notice exactly once, and the office sees them in its inbox', async () => {
    const [{ dupes }] = await ds.query(
      `SELECT count(*)::int AS dupes FROM (SELECT kind, report_id, level FROM notices WHERE report_id IS NOT NULL AND kind IN ('reminder','overdue','supervision','leading_group') GROUP BY kind, report_id, level, dedup_key HAVING count(*) > 1) x`,
    );
    expect(dupes).toBe(0);
    const counts = await ds.query(
      `SELECT kind, count(*)::int AS n FROM notices GROUP BY kind ORDER BY kind`,
    );
    expect(
      Object.fromEntries(counts.map((c: { kind: string; n: number }) => [c.kind, c.n])),
    ).toEqual({
      ack_overdue: 1,
      ack_reminder: 1,
      ack_request: 1,
      bulletin: 1,
      extension_decision: 2,
      extension_request: 1,
      leading_group: 1,
      overdue: 2,
      reminder: 3,
      report_returned: 1,
      supervision: 2,
    });
    const inbox = await worker.get(NoticesService).inbox(ds.manager, office.id);
    expect(inbox.map((n) => n.kind)).toEqual(
      expect.arrayContaining(['bulletin', 'leading_group', 'supervision', 'ack_overdue']),
    );
  });
});
