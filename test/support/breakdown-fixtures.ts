import { INestApplication } from '@nestjs/common';
import { seedUnitRegistry } from '@tracker/services';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { givenUser, loginAs } from './builders';

/** A plan whose first task goes to 各市人民政府 with two targets, its second to one department. */
export const CITY_PLAN = [
  '广西壮族自治区人民政府办公厅关于印发工业企业培育工作方案的通知',
  '',
  '各市人民政府，自治区人民政府各组成部门、各直属机构：',
  '现将方案印发给你们，请认真贯彻执行。',
  '',
  '一、主要任务',
  '（一）培育规上工业企业。2020年新增规上工业企业300家，新增工业投资500亿元。（责任单位：各市人民政府）',
  '（二）推进技术改造。实施技术改造项目100个。（牵头单位：自治区工业和信息化厅）',
  '',
].join('\n');

export interface CityWorld {
  documentId: string;
  taskId: string;
  otherTaskId: string;
  units: Record<'nanning' | 'liuzhou' | 'guilin' | 'gxt', string>;
  memberCount: number;
}

/**
 * Seeds the unit registry, imports the plan as the office (so 各市人民政府 expands into the 14
 * city governments the import knows), and creates accounts: `office`, `leader`, `nanning`,
 * `liuzhou`, `guilin` (city governments) and `gxt` (the department, not a city).
 */
export async function givenCityPlan(api: INestApplication): Promise<CityWorld> {
  const ds = api.get(DataSource);
  await ds.transaction((em) => seedUnitRegistry(em));
  const unitId = async (name: string): Promise<string> =>
    ((await ds.query(`SELECT id FROM units WHERE name = $1`, [name])) as { id: string }[])[0].id;
  const units = {
    nanning: await unitId('南宁市人民政府'),
    liuzhou: await unitId('柳州市人民政府'),
    guilin: await unitId('桂林市人民政府'),
    gxt: await unitId('自治区工业和信息化厅'),
  };
  await givenUser(ds, 'office', ['office']);
  await givenUser(ds, 'leader', ['leader']);
  for (const [name, id] of Object.entries(units)) await givenUser(ds, name, ['agency'], id);
  const office = (await loginAs(api, 'office')).auth;
  const res = await request(api.getHttpServer())
    .post('/api/documents')
    .set(office)
    .send({ fileName: 'city-plan.txt', text: CITY_PLAN });
  if (res.status !== 201)
    throw new Error(`import failed: ${res.status} ${JSON.stringify(res.body)}`);
  const documentId = (res.body as { documentId: string }).documentId;
  const tasks: { id: string; heading: string }[] = await ds.query(
    `SELECT id, heading FROM tasks WHERE document_id = $1 AND is_task ORDER BY ordinal`,
    [documentId],
  );
  const taskId = tasks.find((t) => t.heading === '培育规上工业企业')!.id;
  const otherTaskId = tasks.find((t) => t.heading === '推进技术改造')!.id;
  const [{ n }]: { n: number }[] = await ds.query(
    `SELECT count(*)::int AS n FROM assignments WHERE task_id = $1 AND group_id IS NOT NULL`,
    [taskId],
  );
  return { documentId, taskId, otherTaskId, units, memberCount: n };
}

/** An annex table as offices send it: a merged title row, a header row, cities, a total row. */
export async function breakdownWorkbook(
  rows: [string, number | string, number | string][],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('分解表');
  ws.mergeCells('A1:C1');
  ws.getCell('A1').value = '附件：各市新增规上工业企业和工业投资目标分解表';
  ws.addRow(['设区市', '新增规上工业企业（家）', '新增工业投资（亿元）']);
  for (const r of rows) ws.addRow(r);
  ws.addRow(['合计', 300, 500]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Every lead of the cycle files its report (unless filed already) (with a value for target 0 where `values` gives one)
 * and the office accepts it, so the cycle is complete; a unit without an account gets one.
 */
export async function fileAndAcceptAll(
  api: INestApplication,
  cycleId: string,
  values: Record<string, number>,
): Promise<void> {
  const ds = api.get(DataSource);
  const http = () => request(api.getHttpServer());
  const office = (await loginAs(api, 'office')).auth;
  const reports: { id: string; unit_id: string; state: string }[] = await ds.query(
    `SELECT id, unit_id, state FROM status_reports WHERE cycle_id = $1`,
    [cycleId],
  );
  for (const r of reports) {
    let [user]: { username: string }[] = await ds.query(
      `SELECT username FROM users WHERE unit_id = $1 LIMIT 1`,
      [r.unit_id],
    );
    if (!user) user = await givenUser(ds, `u-${r.unit_id.slice(0, 8)}`, ['agency'], r.unit_id);
    const value = values[r.unit_id];
    // A report filed earlier in the spec is only accepted.
    if (r.state !== 'submitted')
      await http()
        .post(`/api/reports/${r.id}/submit`)
        .set((await loginAs(api, user.username)).auth)
        .send({
          narrative: '按计划推进',
          ...(value !== undefined
            ? { targetValues: [{ index: 0, target: '2020年新增规上工业企业300家', value }] }
            : {}),
        })
        .expect(200);
    await http().post(`/api/reports/${r.id}/accept`).set(office).send({}).expect(200);
  }
}
