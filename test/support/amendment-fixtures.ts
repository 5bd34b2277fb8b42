import { INestApplication } from '@nestjs/common';
import { seedUnitRegistry } from '@tracker/services';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { givenUser, loginAs } from './builders';

const HEADER = [
  '广西壮族自治区人民政府办公厅关于印发数字政府建设工作方案的通知',
  '桂政办发〔2020〕21号',
  '',
  '各市人民政府，自治区人民政府各组成部门、各直属机构：',
  '现将方案印发给你们，请认真贯彻执行。',
  '',
  '一、主要任务',
];

/** A plan of two tasks: the first with a lead, a supporting unit, a deadline and two targets. */
export const DIGITAL_PLAN = [
  ...HEADER,
  '（一）建设一体化政务服务平台。建成政务服务平台1个，接入事项500项，2020年6月底前完成。（牵头单位：自治区大数据发展局；配合单位：自治区工业和信息化厅）',
  '（二）推进数据共享。实施数据共享项目20个。（牵头单位：自治区工业和信息化厅）',
  '',
  '广西壮族自治区人民政府办公厅',
  '2020年1月10日',
].join('\n');

/**
 * The same document revised (same number, title and issuer): the first task's deadline moved and
 * its supporting unit changed, the second task's text changed, a third task added.
 */
export const DIGITAL_PLAN_REVISED = [
  ...HEADER,
  '（一）建设一体化政务服务平台。建成政务服务平台1个，接入事项500项，2020年12月底前完成。（牵头单位：自治区大数据发展局；配合单位：自治区财政厅）',
  '（二）推进数据共享。实施数据共享项目30个。（牵头单位：自治区工业和信息化厅）',
  '（三）完善数据安全制度。制定数据安全管理办法1部。（牵头单位：自治区大数据发展局）',
  '',
  '广西壮族自治区人民政府办公厅',
  '2020年1月10日',
].join('\n');

export interface DigitalWorld {
  documentId: string;
  taskId: string;
  otherTaskId: string;
  /** bdb: the first task's lead; gxt: its supporting unit; kjt, czt: units the office brings in. */
  units: Record<'bdb' | 'gxt' | 'kjt' | 'czt', string>;
}

/**
 * Seeds the registry, accounts `office`, `leader` and one agency account per unit (`bdb`, `gxt`,
 * `kjt`, `czt`), and imports the plan as the office.
 */
export async function givenDigitalPlan(api: INestApplication): Promise<DigitalWorld> {
  const ds = api.get(DataSource);
  await ds.transaction((em) => seedUnitRegistry(em));
  const unitId = async (name: string): Promise<string> => {
    const [row]: { id: string }[] = await ds.query(`SELECT id FROM units WHERE name = $1`, [name]);
    if (row) return row.id;
    const [made]: { id: string }[] = await ds.query(
      `INSERT INTO units (name, level, kind) VALUES ($1, 'province', 'department') RETURNING id`,
      [name],
    );
    return made.id;
  };
  await givenUser(ds, 'office', ['office']);
  await givenUser(ds, 'leader', ['leader']);
  const office = (await loginAs(api, 'office')).auth;
  const res = await request(api.getHttpServer())
    .post('/api/documents')
    .set(office)
    .send({ fileName: 'digital-plan.txt', text: DIGITAL_PLAN });
  if (res.status !== 201)
    throw new Error(`import failed: ${res.status} ${JSON.stringify(res.body)}`);
  const documentId = (res.body as { documentId: string }).documentId;
  const units = {
    bdb: await unitId('自治区大数据发展局'),
    gxt: await unitId('自治区工业和信息化厅'),
    kjt: await unitId('自治区科技厅'),
    czt: await unitId('自治区财政厅'),
  };
  for (const [name, id] of Object.entries(units)) await givenUser(ds, name, ['agency'], id);
  const tasks: { id: string; heading: string }[] = await ds.query(
    `SELECT id, heading FROM tasks WHERE document_id = $1 AND is_task ORDER BY ordinal`,
    [documentId],
  );
  return { documentId, taskId: tasks[0].id, otherTaskId: tasks[1].id, units };
}
