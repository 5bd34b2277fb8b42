import ExcelJS from 'exceljs';
import { INestApplication } from '@nestjs/common';
import { BulletinsService, DeadlineSweepService } from '@tracker/services';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { givenDigitalPlan, DigitalWorld } from '../support/amendment-fixtures';
import { fileAndAcceptAll } from '../support/breakdown-fixtures';
import { loginAs } from '../support/builders';
import { drainQueues } from '../support/drain';
import { createStack, TestStack } from '../support/harness';

const at = (s: string): Date => new Date(s);
const withoutCompiledAt = <T extends { compiledAt?: string }>(c: T): Omit<T, 'compiledAt'> => {
  const { compiledAt: _ignored, ...rest } = c;
  return rest;
};

describe('amending a task (动态调整): versions, re-timing, and past periods', () => {
  let stack: TestStack;
  let api: INestApplication;
  let ds: DataSource;
  let w: DigitalWorld;
  let office: { Authorization: string };
  let gxtAckBefore: string[];
  let q2: string;
  let q3: string;
  const http = () => request(api.getHttpServer());
  const drain = () => drainQueues({ queuePrefix: stack.queuePrefix, now: () => stack.clock.now() });
  const sweep = () => api.get(DeadlineSweepService).sweep();
  const noticesOfTask = (
    kind: string,
  ): Promise<{ unit_id: string; title: string; dedup_key: string }[]> =>
    ds.query(
      `SELECT unit_id, title, dedup_key FROM notices WHERE task_id = $1 AND kind = $2 ORDER BY created_at, dedup_key`,
      [w.taskId, kind],
    );
  const assignmentsOf = async (): Promise<Record<string, [string, string]>> => {
    const rows: { unit_id: string; role: string; state: string }[] = await ds.query(
      `SELECT unit_id, role, state FROM assignments WHERE task_id = $1`,
      [w.taskId],
    );
    return Object.fromEntries(rows.map((r) => [r.unit_id, [r.role, r.state]]));
  };

  const ackKinds = async (unitId: string): Promise<string[]> =>
    (
      (await ds.query(
        `SELECT kind FROM notices WHERE task_id = $1 AND unit_id = $2 AND kind LIKE 'ack_%' ORDER BY created_at, level`,
        [w.taskId, unitId],
      )) as { kind: string }[]
    ).map((n) => n.kind);

  beforeAll(async () => {
    stack = await createStack('2020-06-20T10:00:00+08:00');
    api = await stack.startApi();
    await stack.startWorker();
    ds = api.get(DataSource);
    w = await givenDigitalPlan(api);
    office = (await loginAs(api, 'office')).auth;
    await drain();
    // The second quarter: every report filed and accepted, its bulletin compiled.
    q2 = (
      await http()
        .post('/api/cycles')
        .set(office)
        .send({ documentId: w.documentId, period: '2020-Q2' })
        .expect(201)
    ).body.id;
    await drain();
    await fileAndAcceptAll(api, q2, { [w.units.bdb]: 1 });
    await api.get(BulletinsService).compileIfComplete(q2);
  });
  afterAll(() => stack.close());

  it('refuses anyone but the office, and an amendment without a reason names the field', async () => {
    const url = `/api/tasks/${w.taskId}/amendments`;
    const body = { deadlineOn: '2020-12-31', reason: '工作量调整' };
    await http().post(url).send(body).expect(401);
    await http()
      .post(url)
      .set((await loginAs(api, 'leader')).auth)
      .send(body)
      .expect(403);
    await http()
      .post(url)
      .set((await loginAs(api, 'bdb')).auth)
      .send(body)
      .expect(403);
    const missing = await http()
      .post(url)
      .set(office)
      .send({ deadlineOn: '2020-12-31' })
      .expect(400);
    expect(missing.body.error).toBe('VALIDATION_FAILED');
    expect(Object.keys(missing.body.fields)).toEqual(['reason']);
    const blank = await http()
      .post(url)
      .set(office)
      .send({ ...body, reason: '   ' })
      .expect(400);
    expect(Object.keys(blank.body.fields)).toEqual(['reason']);
    const badDate = await http()
      .post(url)
      .set(office)
      .send({ ...body, deadlineOn: '2020-13-01' });
    expect(badDate.status).toBe(400);
    expect(Object.keys(badDate.body.fields)).toEqual(['deadlineOn']);
    await http()
      .post(url)
      .set(office)
      .send({ leadUnitIds: [], reason: '去掉牵头单位' })
      .expect(400);
    const same = await http()
      .post(url)
      .set(office)
      .send({ deadlineOn: '2020-06-30', reason: '同样的时限' })
      .expect(422);
    expect(same.body.error).toBe('AMENDMENT_NO_CHANGE');
    // Nothing was kept by the refusals.
    expect(await ds.query(`SELECT 1 FROM task_versions WHERE task_id = $1`, [w.taskId])).toEqual(
      [],
    );
  });

  it('keeps every version, moves the parts and re-times the deadline rungs; the past quarter’s bulletin stays as it was', async () => {
    // Six days past the deadline of 2020-06-30: the lead unit has its level 1 and 2 notices.
    stack.clock.set(at('2020-07-06T09:00:00+08:00'));
    office = (await loginAs(api, 'office')).auth;
    expect(await sweep()).toEqual({ notices: 2, escalations: 1 });
    q3 = (
      await http()
        .post('/api/cycles')
        .set(office)
        .send({ documentId: w.documentId, period: '2020-Q3' })
        .expect(201)
    ).body.id;
    await drain();
    const storedBefore = (await http().get(`/api/cycles/${q2}/bulletin`).set(office).expect(200))
      .body;
    const recomputedBefore = await api.get(BulletinsService).recompute(q2);

    stack.clock.set(at('2020-07-08T10:00:00+08:00'));
    office = (await loginAs(api, 'office')).auth;
    await drain();
    gxtAckBefore = await ackKinds(w.units.gxt);
    const res = await http()
      .post(`/api/tasks/${w.taskId}/amendments`)
      .set(office)
      .send({
        leadUnitIds: [w.units.kjt],
        supportUnitIds: [w.units.czt],
        deadlineOn: '2020-12-31',
        heading: '建设全区一体化政务服务平台',
        targets: [{ text: '接入事项800项', value: 800, unit: '项', by: null }],
        reason: '根据自治区党委政府工作调整，牵头单位和完成时限相应调整',
      })
      .expect(201);
    expect(res.body).toMatchObject({
      version: 2,
      source: 'amendment',
      effectiveFrom: '2020-07-08T02:00:00.000Z',
      deadlineOn: '2020-12-31',
      heading: '建设全区一体化政务服务平台',
      changed: ['leadUnitIds', 'supportUnitIds', 'deadlineOn', 'heading', 'targets'],
      reason: '根据自治区党委政府工作调整，牵头单位和完成时限相应调整',
      leadUnits: [{ id: w.units.kjt, name: '自治区科技厅' }],
      supportUnits: [{ id: w.units.czt, name: '自治区财政厅' }],
      amendedBy: { name: 'office' },
    });

    // The task shows the version in force; the history keeps the one imported.
    const task = (await http().get(`/api/tasks/${w.taskId}`).set(office).expect(200)).body;
    expect(task).toMatchObject({ heading: '建设全区一体化政务服务平台', deadlineOn: '2020-12-31' });
    const versions = (await http().get(`/api/tasks/${w.taskId}/versions`).set(office).expect(200))
      .body as { version: number; heading: string; deadlineOn: string; reason: string | null }[];
    expect(versions.map((v) => [v.version, v.heading, v.deadlineOn, v.reason])).toEqual([
      [1, '建设一体化政务服务平台', '2020-06-30', null],
      [2, '建设全区一体化政务服务平台', '2020-12-31', res.body.reason],
    ]);
    // The new lead unit reads it; a unit that never held a part gets the 404 of a missing task.
    await http()
      .get(`/api/tasks/${w.taskId}/versions`)
      .set((await loginAs(api, 'kjt')).auth)
      .expect(200);
    const stranger: { id: string }[] = await ds.query(
      `INSERT INTO units (name, level, kind) VALUES ('与本任务无关的单位', 'province', 'department') RETURNING id`,
    );
    await ds.query(
      `INSERT INTO users (username, display_name, password_hash, roles, unit_id)
       SELECT 'ly', 'ly', password_hash, '{agency}', $1 FROM users WHERE username = 'office'`,
      [stranger[0].id],
    );
    await http()
      .get(`/api/tasks/${w.taskId}/versions`)
      .set((await loginAs(api, 'ly')).auth)
      .expect(404);

    // Parts: the old lead and the removed supporting unit no longer hold theirs.
    expect(await assignmentsOf()).toEqual({
      [w.units.bdb]: ['lead', 'reassigned'],
      [w.units.gxt]: ['support', 'reassigned'],
      [w.units.kjt]: ['lead', 'pending'],
      [w.units.czt]: ['support', 'pending'],
    });
    // The open quarter's report went to the new lead; the accepted past one stayed.
    const reports: { cycle_id: string; unit_id: string; state: string }[] = await ds.query(
      `SELECT cycle_id, unit_id, state FROM status_reports WHERE task_id = $1`,
      [w.taskId],
    );
    expect(reports.find((r) => r.cycle_id === q2)).toMatchObject({
      unit_id: w.units.bdb,
      state: 'accepted',
    });
    expect(reports.filter((r) => r.cycle_id === q3).map((r) => r.unit_id)).toEqual([w.units.kjt]);
    // The escalation raised for the old deadline no longer stands.
    expect(
      await ds.query(
        `SELECT level, state FROM escalations WHERE task_id = $1 AND report_id IS NULL`,
        [w.taskId],
      ),
    ).toEqual([{ level: 2, state: 'extended' }]);
    // Every unit concerned is told, once, through the notice service.
    const amended = await noticesOfTask('task_amended');
    expect(amended.map((n) => n.title)).toEqual(['【任务调整】任务一（一）已调整（第2版）']);
    const told: { unit_id: string }[] = await ds.query(
      `SELECT DISTINCT u.unit_id FROM notice_deliveries d JOIN users u ON u.id = d.user_id
         JOIN notices n ON n.id = d.notice_id WHERE n.kind = 'task_amended' AND u.unit_id IS NOT NULL`,
    );
    expect(told.map((t) => t.unit_id).sort()).toEqual(
      [w.units.bdb, w.units.gxt, w.units.kjt, w.units.czt].sort(),
    );

    // The past quarter: the stored bulletin and one compiled again now are as before.
    const storedAfter = (await http().get(`/api/cycles/${q2}/bulletin`).set(office).expect(200))
      .body;
    expect(storedAfter).toEqual(storedBefore);
    const recomputedAfter = await api.get(BulletinsService).recompute(q2);
    expect(withoutCompiledAt(recomputedAfter)).toEqual(withoutCompiledAt(recomputedBefore));
    const q2Targets = recomputedAfter.targets.filter((t) => t.taskId === w.taskId);
    expect(q2Targets.map((t) => [t.heading, t.target, t.unitName])).toEqual([
      ['建设一体化政务服务平台', '建成政务服务平台1个', '自治区大数据发展局'],
      ['建设一体化政务服务平台', '接入事项500项', '自治区大数据发展局'],
    ]);
    // The open quarter reads the version in force.
    const q3Now = await api.get(BulletinsService).recompute(q3);
    expect(
      q3Now.targets
        .filter((t) => t.taskId === w.taskId)
        .map((t) => [t.heading, t.target, t.unitName]),
    ).toEqual([['建设全区一体化政务服务平台', '接入事项800项', '自治区科技厅']]);

    // The deadline rungs: the old deadline raises nothing more (it would have raised level 3 by now)…
    stack.clock.set(at('2020-07-20T09:00:00+08:00'));
    expect(await sweep()).toEqual({ notices: 0, escalations: 0 });
    // …and the new one's start from the bottom, for the new lead, once it has passed.
    stack.clock.set(at('2021-01-02T09:00:00+08:00'));
    expect(await sweep()).toEqual({ notices: 1, escalations: 0 });
    const overdue = await noticesOfTask('deadline_overdue');
    expect(overdue.map((n) => [n.unit_id, n.title])).toEqual([
      [w.units.bdb, '【逾期】任务一（一）已过完成时限2020-06-30'],
      [w.units.bdb, '【督办】任务一（一）已过完成时限2020-06-30'],
      [w.units.kjt, '【逾期】任务一（一）已过完成时限2020-12-31'],
    ]);
    expect(overdue[2].dedup_key).toBe(`deadline_overdue/${w.taskId}/${w.units.kjt}/e1/L1`);
  });

  it('asks the added supporting unit to acknowledge and stops chasing the removed one', async () => {
    // Months later (the clock is in 2021 now): every acknowledgement rung has long been due.
    await drain();
    expect(gxtAckBefore[0]).toBe('ack_request');
    // The removed unit got nothing more after it left; the added one got its whole ladder.
    expect(await ackKinds(w.units.gxt)).toEqual(gxtAckBefore);
    expect(await ackKinds(w.units.czt)).toEqual(['ack_request', 'ack_reminder', 'ack_overdue']);
  });

  it('reviews the plan at mid-term (中期评估): elapsed share, tasks at risk, units behind', async () => {
    const url = `/api/documents/${w.documentId}/midterm-review`;
    office = (await loginAs(api, 'office')).auth;
    await http().get(url).expect(401);
    await http()
      .get(url)
      .set((await loginAs(api, 'kjt')).auth)
      .expect(403);
    await http()
      .get(url)
      .set((await loginAs(api, 'leader')).auth)
      .expect(200);
    const r = (await http().get(url).set(office).expect(200)).body;
    expect(r).toMatchObject({
      documentId: w.documentId,
      startOn: '2020-01-10',
      today: '2021-01-02',
    });
    expect(r.elapsedShare).toBe(1);
    // The amended task is past its amended deadline and open: at risk, its new lead behind.
    const first = r.atRisk.find((t: { taskId: string }) => t.taskId === w.taskId);
    expect(first).toMatchObject({ label: '一（一）', risks: ['overdue'] });
    expect(first.targets).toEqual([
      {
        text: '接入事项800项',
        planned: 800,
        reported: null,
        progress: null,
        gap: null,
        behind: false,
      },
    ]);
    expect(r.unitsBehind).toEqual(
      expect.arrayContaining([
        { unitId: w.units.kjt, unitName: '自治区科技厅', tasks: 1, atRisk: 1 },
      ]),
    );
    await http()
      .get('/api/documents/00000000-0000-4000-8000-000000000000/midterm-review')
      .set(office)
      .expect(404);
    const bad = await http()
      .get('/api/documents/not-a-uuid/midterm-review')
      .set(office)
      .expect(400);
    expect(Object.keys(bad.body.fields)).toEqual(['id']);

    // The same review as .xlsx, for the office and leaders only.
    const xlsx = `${url}/workbook`;
    await http()
      .get(xlsx)
      .set((await loginAs(api, 'kjt')).auth)
      .expect(403);
    const res = await http()
      .get(xlsx)
      .set(office)
      .buffer(true)
      .parse((resp, cb) => {
        const chunks: Buffer[] = [];
        resp.on('data', (c: Buffer) => chunks.push(c));
        resp.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('中期评估-')}`,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const summary = wb.getWorksheet('总体情况')!;
    expect(summary.getRow(3).values).toEqual([undefined, '规划期', `2020-01-10 至 ${r.endOn}`]);
    expect(summary.getRow(5).values).toEqual([undefined, '时间进度', '100%']);
    const risky = wb.getWorksheet('风险任务')!;
    const rows = risky
      .getSheetValues()
      .slice(3)
      .map((v) => (v as unknown[]).slice(1));
    expect(rows).toHaveLength(r.atRisk.length);
    expect(rows).toContainEqual([
      '一（一）',
      first.heading,
      '自治区科技厅',
      first.deadlineOn,
      '已过完成时限',
    ]);
    const behind = wb.getWorksheet('滞后单位')!;
    expect(
      behind
        .getSheetValues()
        .slice(3)
        .map((v) => (v as unknown[]).slice(1)),
    ).toContainEqual(['自治区科技厅', 1, 1]);
    const targets = wb.getWorksheet('指标进度')!;
    const row = targets.getRow(3);
    expect([1, 3, 4, 5].map((c) => row.getCell(c).value)).toEqual([
      '一（一）',
      '自治区科技厅',
      '接入事项800项',
      800,
    ]);
    expect(row.getCell(9).value).toBe('');
  });
});
