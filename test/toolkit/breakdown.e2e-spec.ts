import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { loginAs } from '../support/builders';
import { breakdownWorkbook, CityWorld, givenCityPlan } from '../support/breakdown-fixtures';
import { createStack, TestStack } from '../support/harness';

type Auth = { Authorization: string };

describe('breakdown (各地分解): a collective task split per city, reported and rolled up', () => {
  let stack: TestStack;
  let api: INestApplication;
  let ds: DataSource;
  let w: CityWorld;
  const as: Record<string, Auth> = {};
  const http = () => request(api.getHttpServer());
  const path = () => `/api/tasks/${w.taskId}/breakdown`;
  const sharesInDb = () =>
    ds.query(
      `SELECT u.name, s.target_index, s.value::float8 AS value, s.measure
         FROM task_breakdown_shares s JOIN units u ON u.id = s.unit_id ORDER BY u.name, s.target_index`,
    );

  beforeAll(async () => {
    stack = await createStack('2020-07-06T10:00:00+08:00');
    api = await stack.startApi();
    ds = api.get(DataSource);
    w = await givenCityPlan(api);
    for (const who of ['office', 'leader', 'nanning', 'liuzhou', 'guilin', 'gxt'])
      as[who] = (await loginAs(api, who)).auth;
  });
  afterAll(() => stack.close());

  it('expands 各市人民政府 into its member cities, each with its own lead assignment and report', async () => {
    expect(w.memberCount).toBe(14);
    const cycle = await http()
      .post('/api/cycles')
      .set(as.office)
      .send({ documentId: w.documentId, period: '2020-Q3' });
    expect(cycle.status).toBe(201);
    const reports: { unit_id: string }[] = await ds.query(
      `SELECT unit_id FROM status_reports WHERE task_id = $1`,
      [w.taskId],
    );
    expect(reports).toHaveLength(14);
    expect(reports.map((r) => r.unit_id)).toEqual(
      expect.arrayContaining([w.units.nanning, w.units.liuzhou, w.units.guilin]),
    );
    const view = await http().get(path()).set(as.office).expect(200);
    expect(view.body.localities).toHaveLength(14);
    expect(view.body.localities[0]).toMatchObject({ groupName: '各市人民政府' });
    expect(view.body.targets.map((t: { unit: string }) => t.unit)).toEqual(['家', '亿元']);
    expect(view.body.shares).toEqual([]);
  });

  it('refuses an unknown locality with 400 naming its row, and saves nothing', async () => {
    const body = await breakdownWorkbook([
      ['南宁市', 60, 100],
      ['北京市', 10, 10],
      ['柳州', 50, 90],
    ]);
    const res = await http()
      .post(`${path()}/import`)
      .set(as.office)
      .send({ contentBase64: body.toString('base64'), fileName: '分解表.xlsx' });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('BREAKDOWN_INVALID');
    expect(res.body.message).toMatch(/分解表有误/);
    expect(Object.keys(res.body.fields)).toEqual(['rows.4']);
    expect(res.body.fields['rows.4'][0]).toMatch(/^第4行：“北京市”不是本任务的地区/);
    expect(res.body.detail).toMatch(/Row 4: "北京市" is not a locality/);
    expect(await sharesInDb()).toEqual([]);
  });

  it('imports the per-city targets from an .xlsx: names matched to the city governments, the total row left out, audited', async () => {
    const body = await breakdownWorkbook([
      ['南宁市', 60, 100],
      ['柳州市', 50, 90],
      ['桂林', '40', '120亿元'],
    ]);
    // As a multipart upload this time; a figure may carry its unit of measure.
    await http()
      .post(`${path()}/import`)
      .set(as.office)
      .attach('file', body, '分解表.xlsx')
      .expect(200);
    expect(await sharesInDb()).toEqual([
      { name: '南宁市人民政府', target_index: 0, value: 60, measure: '家' },
      { name: '南宁市人民政府', target_index: 1, value: 100, measure: '亿元' },
      { name: '柳州市人民政府', target_index: 0, value: 50, measure: '家' },
      { name: '柳州市人民政府', target_index: 1, value: 90, measure: '亿元' },
      { name: '桂林市人民政府', target_index: 0, value: 40, measure: '家' },
      { name: '桂林市人民政府', target_index: 1, value: 120, measure: '亿元' },
    ]);
    const [audit] = await ds.query(
      `SELECT action, target_id, after FROM audit_log WHERE action = 'task.breakdown.import'`,
    );
    expect(audit).toMatchObject({ target_id: w.taskId, after: { source: 'xlsx' } });
    expect(audit.after.shares).toHaveLength(6);
  });

  it('shows each member its own share on its report, rolls up the latest filed values, and gives per-city percentages', async () => {
    const reportOf = async (unitId: string): Promise<string> =>
      (
        (await ds.query(`SELECT id FROM status_reports WHERE task_id = $1 AND unit_id = $2`, [
          w.taskId,
          unitId,
        ])) as { id: string }[]
      )[0].id;
    const values = (a: number, b: number) => ({
      targetValues: [
        { index: 0, target: '2020年新增规上工业企业300家', value: a },
        { index: 1, target: '2020年新增规上工业企业300家，新增工业投资500亿元', value: b },
      ],
    });
    await http()
      .post(`/api/reports/${await reportOf(w.units.nanning)}/submit`)
      .set(as.nanning)
      .send({ narrative: '进展顺利', ...values(30, 80) })
      .expect(200);
    await http()
      .post(`/api/reports/${await reportOf(w.units.liuzhou)}/submit`)
      .set(as.liuzhou)
      .send({ narrative: '超额完成', ...values(55, 45) })
      .expect(200);
    // A draft is no reported value yet.
    await http()
      .put(`/api/reports/${await reportOf(w.units.guilin)}/draft`)
      .set(as.guilin)
      .send(values(39, 119))
      .expect(200);

    const view = await http().get(path()).set(as.leader).expect(200);
    const progress = (name: string, index: number) =>
      view.body.progress.find(
        (p: { unitName: string; targetIndex: number }) =>
          p.unitName === name && p.targetIndex === index,
      );
    expect(progress('南宁市人民政府', 0)).toMatchObject({
      share: 60,
      reported: 30,
      percent: 50,
      period: '2020-Q3',
      measure: '家',
    });
    expect(progress('柳州市人民政府', 0)).toMatchObject({ share: 50, reported: 55, percent: 110 });
    expect(progress('柳州市人民政府', 1)).toMatchObject({ share: 90, reported: 45, percent: 50 });
    expect(progress('桂林市人民政府', 0)).toMatchObject({
      share: 40,
      reported: null,
      percent: null,
    });
    expect(view.body.totals).toEqual([
      expect.objectContaining({
        targetIndex: 0,
        unit: '家',
        planned: 300,
        shareTotal: 150,
        reportedTotal: 85,
        percent: 56.7,
        localities: 3,
        reportedLocalities: 2,
      }),
      expect.objectContaining({
        targetIndex: 1,
        unit: '亿元',
        planned: 500,
        shareTotal: 310,
        reportedTotal: 125,
        percent: 40.3,
      }),
    ]);

    // The member reads its own share, the target it reports against.
    const mine = await http().get(path()).set(as.nanning).expect(200);
    expect(
      mine.body.shares.filter((s: { unitId: string }) => s.unitId === w.units.nanning),
    ).toEqual([
      { unitId: w.units.nanning, targetIndex: 0, value: 60, measure: '家' },
      { unitId: w.units.nanning, targetIndex: 1, value: 100, measure: '亿元' },
    ]);
  });

  it("takes a member's latest filed value, not the sum of its reports", async () => {
    const q4 = await http()
      .post('/api/cycles')
      .set(as.office)
      .send({ documentId: w.documentId, period: '2020-Q4' })
      .expect(201);
    const [{ id }] = await ds.query(
      `SELECT id FROM status_reports WHERE cycle_id = $1 AND task_id = $2 AND unit_id = $3`,
      [q4.body.id, w.taskId, w.units.nanning],
    );
    await http()
      .post(`/api/reports/${id}/submit`)
      .set(as.nanning)
      .send({
        narrative: '全年完成',
        targetValues: [{ index: 0, target: '2020年新增规上工业企业300家', value: 58 }],
      })
      .expect(200);
    const view = await http().get(path()).set(as.office).expect(200);
    const nanning = view.body.progress.filter(
      (p: { unitId: string }) => p.unitId === w.units.nanning,
    );
    // Target 0 from the fourth quarter's report; target 1, not given there, still from the third's.
    expect(nanning).toEqual([
      expect.objectContaining({ targetIndex: 0, reported: 58, period: '2020-Q4', percent: 96.7 }),
      expect.objectContaining({ targetIndex: 1, reported: 80, period: '2020-Q3', percent: 80 }),
    ]);
    expect(view.body.totals[0]).toMatchObject({
      reportedTotal: 113,
      shareTotal: 150,
      percent: 75.3,
    });
  });

  it('imports pasted text (tabs from Word, spaces from WPS), replacing the table', async () => {
    const text = [
      '附件：各市目标分解表',
      '地区\t新增规上工业企业（家）\t新增工业投资（亿元）',
      '南宁市\t70\t110',
      '柳州市\t45\t',
      '',
    ].join('\n');
    const res = await http().post(`${path()}/import`).set(as.office).send({ text }).expect(200);
    expect(res.body.shares).toHaveLength(3);
    expect(await sharesInDb()).toEqual([
      { name: '南宁市人民政府', target_index: 0, value: 70, measure: '家' },
      { name: '南宁市人民政府', target_index: 1, value: 110, measure: '亿元' },
      { name: '柳州市人民政府', target_index: 0, value: 45, measure: '家' },
    ]);
    const spaced = '设区市  新增规上工业企业（家）\n南宁  80\n梧州市人民政府  12\n';
    const again = await http()
      .post(`${path()}/import`)
      .set(as.office)
      .send({ text: spaced })
      .expect(200);
    expect(
      again.body.totals.map((t: { targetIndex: number; shareTotal: number }) => [
        t.targetIndex,
        t.shareTotal,
      ]),
    ).toEqual([[0, 92]]);
  });

  it('names a header that is no target and a share that is no number, and saves nothing', async () => {
    const before = await sharesInDb();
    const res = await http()
      .post(`${path()}/import`)
      .set(as.office)
      .send({ text: '地区\t新增高新技术企业（家）\t新增工业投资（亿元）\n南宁市\t1\t很多\n' })
      .expect(400);
    expect(Object.keys(res.body.fields).sort()).toEqual(['columns.2', 'rows.2']);
    expect(res.body.fields['rows.2'][0]).toMatch(/第2行第3列：“很多”不是非负数/);
    expect(await sharesInDb()).toEqual(before);
  });

  it('saves the grid the office enters with PUT, naming a bad cell by its field', async () => {
    const bad = await http()
      .put(path())
      .set(as.office)
      .send({
        shares: [
          { unitId: w.units.nanning, targetIndex: 0, value: 61 },
          { unitId: w.units.gxt, targetIndex: 0, value: 1 },
          { unitId: w.units.liuzhou, targetIndex: 5, value: 1 },
        ],
      })
      .expect(400);
    expect(Object.keys(bad.body.fields).sort()).toEqual([
      'shares.1.unitId',
      'shares.2.targetIndex',
    ]);
    const negative = await http()
      .put(path())
      .set(as.office)
      .send({ shares: [{ unitId: w.units.nanning, targetIndex: 0, value: -1 }] })
      .expect(400);
    expect(Object.keys(negative.body.fields)).toEqual(['shares.0.value']);
    const ok = await http()
      .put(path())
      .set(as.office)
      .send({
        shares: [
          { unitId: w.units.nanning, targetIndex: 0, value: 61 },
          { unitId: w.units.liuzhou, targetIndex: 1, value: 88.5 },
        ],
      })
      .expect(200);
    expect(ok.body.shares).toEqual([
      { unitId: w.units.nanning, targetIndex: 0, value: 61, measure: '家' },
      { unitId: w.units.liuzhou, targetIndex: 1, value: 88.5, measure: '亿元' },
    ]);
    const [audit] = await ds.query(
      `SELECT before, after FROM audit_log WHERE action = 'task.breakdown.save' ORDER BY at DESC LIMIT 1`,
    );
    expect(audit.before.shares).toHaveLength(2);
    expect(audit.after.shares).toHaveLength(2);
  });

  it('limits an import like other uploads: the file to 1 MiB, the body to 2 MiB', async () => {
    const before = await sharesInDb();
    const big = Buffer.alloc(1024 * 1024 + 10, 1);
    const tooLong = await http()
      .post(`${path()}/import`)
      .set(as.office)
      .send({ contentBase64: big.toString('base64') })
      .expect(400);
    expect(Object.keys(tooLong.body.fields)).toEqual(['contentBase64']);
    const file = await http()
      .post(`${path()}/import`)
      .set(as.office)
      .attach('file', big, 'big.xlsx');
    expect(file.status).toBe(413);
    const body = await http()
      .post(`${path()}/import`)
      .set(as.office)
      .send({ text: 'x'.repeat(2 * 1024 * 1024 + 1) });
    expect([body.status, body.body.error]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const notXlsx = await http()
      .post(`${path()}/import`)
      .set(as.office)
      .send({ contentBase64: Buffer.from('not a workbook').toString('base64') })
      .expect(400);
    expect(notXlsx.body.fields.contentBase64[0]).toMatch(/^无法读取该文件/);
    expect(await sharesInDb()).toEqual(before);
  });

  it('refuses another agency (404 as for the task), and any writer but the office', async () => {
    expect((await http().get(path()).set(as.gxt)).status).toBe(404);
    const missing = await http()
      .get('/api/tasks/00000000-0000-4000-8000-000000000000/breakdown')
      .set(as.office);
    expect(missing.status).toBe(404);
    const before = await sharesInDb();
    for (const who of ['nanning', 'leader', 'gxt']) {
      const put = await http().put(path()).set(as[who]).send({ shares: [] });
      const imp = await http().post(`${path()}/import`).set(as[who]).send({ text: '南宁\t1' });
      expect([who, put.status, imp.status]).toEqual([who, 403, 403]);
    }
    expect((await http().get(path())).status).toBe(401);
    expect(await sharesInDb()).toEqual(before);
    // A task without a collective assignee has nothing to break down.
    const none = await http()
      .put(`/api/tasks/${w.otherTaskId}/breakdown`)
      .set(as.office)
      .send({ shares: [] })
      .expect(400);
    expect(Object.keys(none.body.fields)).toEqual(['task']);
  });
});
