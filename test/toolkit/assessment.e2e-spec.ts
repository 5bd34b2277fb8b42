import ExcelJS from 'exceljs';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { JobProducer } from '@tracker/queue';
import {
  Actor,
  AssignmentsService,
  CyclesService,
  ReportsService,
  TaskClosingService,
  UrgingsService,
} from '@tracker/services';
import { givenUser, loginAs } from '../support/builders';
import { drainQueues } from '../support/drain';
import { createStack, TestStack } from '../support/harness';
import {
  givenAssignment,
  givenDocument,
  givenTask,
  givenUnit,
} from '../support/supervision-fixtures';

const at = (s: string): Date => new Date(`${s}+08:00`);
const X = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Line {
  kind: string;
  points: number;
  level: number | null;
  task: { id: string } | null;
  reportId: string | null;
  source: { type: string; id: string };
  note: string | null;
}
interface UnitRow {
  unit: { id: string; name: string };
  score: number;
  rank: number;
  lines: Line[];
}

describe('assessment (考核评估): a quarter of late, returned, escalated and completed tasks, scored from the records', () => {
  let stack: TestStack;
  let api: INestApplication;
  let ds: DataSource;
  const http = () => request(api.getHttpServer());
  const drain = () => drainQueues({ queuePrefix: stack.queuePrefix, now: () => stack.clock.now() });
  const actor: Record<string, Actor> = {};
  const unit: Record<string, string> = {};
  const task: Record<string, string> = {};
  const report: Record<string, string> = {};
  let supportE: string;
  let documentId: string;
  let auth: Record<string, { Authorization: string }> = {};

  const signInAll = async () => {
    auth = {};
    for (const name of ['office', 'leader', 'a', 'c'])
      auth[name] = (await loginAs(api, `as-${name}`)).auth;
  };

  beforeAll(async () => {
    stack = await createStack('2020-07-01T09:00:00+08:00');
    api = await stack.startApi();
    await stack.startWorker();
    ds = api.get(DataSource);
    const mk = async (name: string, roles: Actor['roles'], unitId: string | null = null) => {
      const u = await givenUser(ds, `as-${name}`, roles, unitId);
      actor[name] = { id: u.id, username: u.username, roles, unitId, channel: 'api' };
    };
    await mk('office', ['office']);
    await mk('leader', ['leader']);
    documentId = await givenDocument(ds, { title: '考核评估试点方案' });
    const assignedAt = at('2020-07-01T09:00:00');
    for (const [k, name] of [
      ['A', '甲厅'],
      ['B', '乙厅'],
      ['C', '丙厅'],
      ['D', '丁厅'],
      ['E', '戊厅'],
    ]) {
      unit[k] = await givenUnit(ds, `考核${name}`);
      await mk(k.toLowerCase(), ['agency'], unit[k]);
    }
    task.T1 = await givenTask(ds, documentId, {
      path: ['一', '（一）'],
      heading: '建成产业园区',
      deadlineOn: '2020-12-31',
    });
    task.T2 = await givenTask(ds, documentId, { path: ['一', '（二）'], heading: '开展示范工程' });
    task.T3 = await givenTask(ds, documentId, { path: ['一', '（三）'], heading: '完善保障机制' });
    task.T4 = await givenTask(ds, documentId, { path: ['一', '（四）'], heading: '扶持中小企业' });
    for (const [t, k] of [
      ['T1', 'A'],
      ['T2', 'B'],
      ['T3', 'C'],
      ['T4', 'D'],
    ])
      await givenAssignment(ds, task[t], unit[k], 'lead', assignedAt);
    supportE = await givenAssignment(ds, task.T1, unit.E, 'support', assignedAt);

    // 2020-Q3 opens; its reports are due at the end of 10 October.
    stack.clock.set(at('2020-07-01T10:00:00'));
    await api
      .get(JobProducer)
      .add('cycles-open-due', { requestedAt: stack.clock.now().toISOString() });
    await drain();
    const [cycle] = await api.get(CyclesService).list({ documentId });
    const rows: { id: string; task_id: string }[] = await ds.query(
      `SELECT id, task_id FROM status_reports WHERE cycle_id = $1`,
      [cycle.id],
    );
    for (const r of rows) report[Object.keys(task).find((k) => task[k] === r.task_id)!] = r.id;

    const reports = api.get(ReportsService);
    // E declines its supporting part; the office never reassigns it.
    stack.clock.set(at('2020-07-03T10:00:00'));
    await api.get(AssignmentsService).decline(actor.e, supportE, '不属于本单位职责');
    // A reports, asks to close and the office closes T1 before its deadline.
    stack.clock.set(at('2020-09-20T10:00:00'));
    await reports.submit(actor.a, report.T1, {
      progressStatus: 'completed',
      progressPercent: 100,
      narrative: '园区已建成',
    });
    await api.get(TaskClosingService).request(actor.a, report.T1);
    stack.clock.set(at('2020-09-25T10:00:00'));
    await api.get(TaskClosingService).close(actor.office, task.T1, '核验属实');
    // B's report is returned once, then accepted.
    await reports.submit(actor.b, report.T2, { narrative: '初稿' });
    stack.clock.set(at('2020-09-28T10:00:00'));
    await reports.returnForRevision(actor.office, report.T2, '请补充量化数据');
    stack.clock.set(at('2020-10-05T10:00:00'));
    await reports.submit(actor.b, report.T2, { narrative: '修改稿' });
    await reports.accept(actor.office, report.T2);
    await drain();
    // The ladder: C and D are chased (late); D files the next day; C climbs to supervision and the leading group.
    stack.clock.set(at('2020-10-12T10:00:00'));
    await drain();
    stack.clock.set(at('2020-10-13T10:00:00'));
    await reports.submit(actor.d, report.T4, { narrative: '迟报' });
    await drain();
    stack.clock.set(at('2020-10-16T10:00:00'));
    await drain();
    stack.clock.set(at('2020-10-21T10:00:00'));
    await drain();
    await signInAll();
  });
  afterAll(() => stack.close());

  const assess = async (who: string, period = '2020-Q3') => {
    const res = await http()
      .get(`/api/documents/${documentId}/assessment?period=${period}`)
      .set(auth[who]);
    expect(res.status).toBe(200);
    return res.body as { units: UnitRow[]; rankedUnits: number; scheme: Record<string, unknown> };
  };
  const byName = (units: UnitRow[]) => Object.fromEntries(units.map((u) => [u.unit.name, u]));

  it('scores the quarter as the default scheme says, ranked, with ties sharing a rank', async () => {
    const { units, rankedUnits } = await assess('office');
    expect(rankedUnits).toBe(5);
    expect(units.map((u) => [u.unit.name, u.score, u.rank])).toEqual([
      ['考核甲厅', 105, 1], // +5 closed before its deadline
      ['考核乙厅', 99, 2], // -1 one returned report
      ['考核丁厅', 98, 3], // -2 a late report
      ['考核戊厅', 98, 3], // -2 a declined task never reassigned
      ['考核丙厅', 90, 5], // -2 late, -3 supervision (level 2), -5 leading group (level 3)
    ]);
  });

  it('traces each point to the record it came from', async () => {
    const u = byName((await assess('leader')).units);
    const c = u['考核丙厅'].lines;
    expect(c.map((l) => [l.kind, l.points, l.level])).toEqual([
      ['late_report', -2, null],
      ['escalation_rung', -3, 2],
      ['escalation_rung', -5, 3],
    ]);
    const [overdue] = await ds.query(
      `SELECT id::text FROM notices WHERE kind = 'overdue' AND report_id = $1`,
      [report.T3],
    );
    expect(c[0]).toMatchObject({
      reportId: report.T3,
      task: { id: task.T3 },
      source: { type: 'notice', id: overdue.id },
    });
    const escalations: { id: string; level: number }[] = await ds.query(
      `SELECT id::text, level FROM escalations WHERE report_id = $1 ORDER BY level`,
      [report.T3],
    );
    expect(c.slice(1).map((l) => l.source)).toEqual(
      escalations.map((e) => ({ type: 'escalation', id: e.id })),
    );

    const [returned] = await ds.query(
      `SELECT id::text FROM audit_log WHERE action = 'report.return' AND target_id = $1`,
      [report.T2],
    );
    expect(u['考核乙厅'].lines).toEqual([
      expect.objectContaining({
        kind: 'report_returned',
        points: -1,
        source: { type: 'audit_log', id: returned.id },
        note: '请补充量化数据',
      }),
    ]);
    const [closed] = await ds.query(
      `SELECT id::text FROM audit_log WHERE action = 'task.close' AND target_id = $1`,
      [task.T1],
    );
    expect(u['考核甲厅'].lines).toEqual([
      expect.objectContaining({
        kind: 'completed_on_time',
        points: 5,
        task: expect.objectContaining({ id: task.T1, number: '一（一）' }),
        source: { type: 'audit_log', id: closed.id },
      }),
    ]);
    const [declined] = await ds.query(
      `SELECT id::text FROM audit_log WHERE action = 'assignment.decline' AND target_id = $1`,
      [supportE],
    );
    expect(u['考核戊厅'].lines).toEqual([
      expect.objectContaining({
        kind: 'decline_unreassigned',
        points: -2,
        source: { type: 'audit_log', id: declined.id },
        note: '不属于本单位职责',
      }),
    ]);
    expect(u['考核丁厅'].lines).toEqual([
      expect.objectContaining({ kind: 'late_report', points: -2, reportId: report.T4 }),
    ]);
  });

  it('refuses an adjustment without a reason, naming the field; one with a reason counts and is audited', async () => {
    const url = `/api/documents/${documentId}/assessment/adjustments`;
    const none = await http()
      .post(url)
      .set(auth.office)
      .send({ unitId: unit.C, period: '2020-Q3', points: 3 });
    expect(none.status).toBe(400);
    expect(Object.keys(none.body.fields)).toEqual(['reason']);
    const blank = await http()
      .post(url)
      .set(auth.office)
      .send({ unitId: unit.C, period: '2020-Q3', points: 3, reason: '   ' });
    expect(blank.status).toBe(400);
    expect(Object.keys(blank.body.fields)).toEqual(['reason']);
    expect(
      (
        await http()
          .post(url)
          .set(auth.leader)
          .send({ unitId: unit.C, period: '2020-Q3', points: 3, reason: '补报材料' })
      ).status,
    ).toBe(403);
    expect(
      (
        await http()
          .post(url)
          .set(auth.c)
          .send({ unitId: unit.C, period: '2020-Q3', points: 3, reason: '补报材料' })
      ).status,
    ).toBe(403);
    expect(await ds.query(`SELECT * FROM assessment_adjustments`)).toEqual([]);

    // The next day (the lines are in the order things happened).
    stack.clock.set(at('2020-10-22T09:00:00'));
    await signInAll();
    const ok = await http()
      .post(url)
      .set(auth.office)
      .send({ unitId: unit.C, period: '2020-Q3', points: 3, reason: '经核实，延误系客观原因' });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ score: 93, unit: { id: unit.C } });
    expect(ok.body.lines.at(-1)).toMatchObject({
      kind: 'adjustment',
      points: 3,
      note: '经核实，延误系客观原因',
      source: { type: 'assessment_adjustment' },
    });
    const audit = await ds.query(
      `SELECT actor_id, target_id, after FROM audit_log WHERE action = 'assessment.adjust'`,
    );
    expect(audit).toEqual([
      {
        actor_id: actor.office.id,
        target_id: ok.body.lines.at(-1).source.id,
        after: expect.objectContaining({
          points: 3,
          reason: '经核实，延误系客观原因',
          unitId: unit.C,
        }),
      },
    ]);
    // A quarter's points count in its year, not in the next quarter.
    expect(byName((await assess('office', '2020-Y')).units)['考核丙厅'].score).toBe(93);
    expect(byName((await assess('office', '2020-Q4')).units)['考核丙厅'].score).toBe(100);
  });

  it('recomputes from the records when the office edits the scheme (audited); leaders cannot edit it', async () => {
    const url = `/api/documents/${documentId}/assessment-scheme`;
    const before = await http().get(url).set(auth.leader);
    expect(before.body).toMatchObject({
      isDefault: true,
      scheme: {
        base: 100,
        lateReport: 2,
        escalationRung: { '2': 3, '3': 5 },
        reportReturned: 1,
        declinedNotReassigned: 2,
        completedOnTime: 5,
        urged: 1,
      },
    });
    const scheme = { ...before.body.scheme, lateReport: 4 };
    expect((await http().put(url).set(auth.leader).send(scheme)).status).toBe(403);
    const bad = await http()
      .put(url)
      .set(auth.office)
      .send({ ...scheme, reportReturned: -1 });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields)).toEqual(['reportReturned']);
    const put = await http().put(url).set(auth.office).send(scheme);
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ isDefault: false, scheme: { lateReport: 4 } });
    const u = byName((await assess('office')).units);
    expect([u['考核丁厅'].score, u['考核丙厅'].score]).toEqual([96, 91]);
    expect(
      await ds.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'assessment.scheme_update' AND target_id = $1`,
        [documentId],
      ),
    ).toEqual([{ n: 1 }]);
  });

  it("shows an agency its own breakdown only: another unit's is 404, the workbook and the scheme are refused", async () => {
    const own = await assess('c');
    expect(own.units.map((u) => u.unit.name)).toEqual(['考核丙厅']);
    expect(own.units[0].rank).toBe(5);
    const mine = await http()
      .get(`/api/documents/${documentId}/assessment/units/${unit.C}?period=2020-Q3`)
      .set(auth.c);
    expect(mine.status).toBe(200);
    expect(mine.body.lines.map((l: Line) => l.kind)).toEqual([
      'late_report',
      'escalation_rung',
      'escalation_rung',
      'adjustment',
    ]);
    const theirs = await http()
      .get(`/api/documents/${documentId}/assessment/units/${unit.A}?period=2020-Q3`)
      .set(auth.c);
    expect(theirs.status).toBe(404);
    expect(theirs.body.error).toBe('UNIT_NOT_FOUND');
    expect(
      (
        await http()
          .get(`/api/documents/${documentId}/assessment/workbook?period=2020-Q3`)
          .set(auth.c)
      ).status,
    ).toBe(403);
    expect(
      (await http().get(`/api/documents/${documentId}/assessment-scheme`).set(auth.c)).status,
    ).toBe(403);
    expect(
      (await http().get(`/api/documents/${documentId}/assessment?period=2020-Q5`).set(auth.office))
        .body.fields,
    ).toHaveProperty('period');
  });

  it('exports the ranking and every point as .xlsx', async () => {
    const res = await http()
      .get(`/api/documents/${documentId}/assessment/workbook?period=2020-Q3`)
      .set(auth.leader)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain(X);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const ranking = wb.getWorksheet('得分排名')!;
    expect(ranking.getRow(2).values).toEqual([
      undefined,
      '排名',
      '单位',
      '得分',
      '扣分',
      '加分',
      '计分事项',
    ]);
    expect(ranking.getRow(3).values).toEqual([undefined, 1, '考核甲厅', 105, 0, 5, 1]);
    const detail = wb.getWorksheet('计分明细')!;
    const rows = detail
      .getSheetValues()
      .slice(3)
      .map((r) => (r as unknown[]).slice(1, 4));
    expect(rows).toContainEqual(['考核丙厅', '督办升级（第3级）', -5]);
    expect(rows).toContainEqual(['考核丙厅', '人工调整', 3]);
  });

  it('deducts for each urging (催办) by the office, traced to the urging, in the period it happened', async () => {
    stack.clock.set(at('2020-10-22T10:00:00'));
    const urging = await api.get(UrgingsService).urge(actor.office, task.T3, unit.C, '请尽快报送');
    await drain();
    await signInAll();
    const q4 = byName((await assess('office', '2020-Q4')).units);
    expect(q4['考核丙厅'].lines).toEqual([
      expect.objectContaining({
        kind: 'urged',
        points: -1,
        task: expect.objectContaining({ id: task.T3 }),
        source: { type: 'urging', id: urging.id },
        note: '请尽快报送',
      }),
    ]);
    expect(q4['考核丙厅'].score).toBe(99);
    // The quarter it did not happen in is unchanged; the year counts it.
    const q3 = byName((await assess('office', '2020-Q3')).units);
    expect(q3['考核丙厅'].lines.map((l) => l.kind)).not.toContain('urged');
    const year = byName((await assess('office', '2020-Y')).units);
    expect(year['考核丙厅'].lines.map((l) => l.kind)).toContain('urged');
  });
});
