import { INestApplication } from '@nestjs/common';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createStack, TestStack } from '../support/harness';
import { givenWorld, World } from '../support/world';

async function readBack(body: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('任务台账');
  if (!ws) throw new Error('no 任务台账 sheet');
  const rows: string[][] = [];
  ws.eachRow((row) => {
    const values: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell) => {
      // A merged title is one value: skip the cells it covers.
      if (cell.isMerged && cell.master.address !== cell.address) return;
      values.push(cell.value === null || cell.value === undefined ? '' : String(cell.value));
    });
    rows.push(values);
  });
  return rows;
}

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void): void => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('the task ledger (台账) workbook', () => {
  let stack: TestStack;
  let api: INestApplication;
  let w: World;
  const download = async (
    path: string,
    who: keyof World['headers'],
  ): Promise<{ rows: string[][]; res: request.Response }> => {
    const res = await request(api.getHttpServer())
      .get(path)
      .set(w.headers[who])
      .buffer(true)
      .parse(binary)
      .expect(200);
    return { rows: await readBack(res.body as Buffer), res };
  };

  beforeAll(async () => {
    stack = await createStack('2020-07-03T10:00:00+08:00');
    api = await stack.startApi({ JWT_ACCESS_TTL: '1d' });
    w = await givenWorld(api);
    const ds = api.get(DataSource);
    const [cycle] = await ds.query(
      `INSERT INTO reporting_cycles (document_id, period, opens_at, due_at, state) VALUES ($1, '2020-Q2', '2020-03-31T16:00:00Z', '2020-07-10T16:00:00Z', 'open') RETURNING id`,
      [w.doc.id],
    );
    await ds.query(
      `INSERT INTO status_reports (cycle_id, task_id, unit_id, state, due_at, progress_status, narrative, submitted_at)
       VALUES ($1, $2, $3, 'submitted', '2020-07-10T16:00:00Z', 'on_track', '已建成智能工厂3家', '2020-07-01T01:00:00Z')`,
      [cycle.id, w.tasks.t1.id, w.units.A.id],
    );
    await request(api.getHttpServer())
      .post(`/api/assignments/${w.asg.t1B.id}/acknowledge`)
      .set(w.headers.agencyB)
      .expect(200);
    await request(api.getHttpServer())
      .post(`/api/assignments/${w.asg.t2A0.id}/decline`)
      .set(w.headers.agencyA)
      .send({ reason: '不属于本单位职责' })
      .expect(200);
  });
  afterAll(() => stack.close());

  it("is a document's ledger in the form offices exchange", async () => {
    const { rows, res } = await download(`/api/ledger/documents/${w.doc.id}`, 'office');
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('关于加快制造业发展的实施意见任务台账.xlsx')}`,
    );
    expect(rows).toEqual([
      ['关于加快制造业发展的实施意见任务台账'],
      ['序号', '任务编号', '任务内容', '牵头单位', '配合单位', '完成时限', '签收状态', '最新进展'],
      [
        '1',
        '一（一）',
        '推进智能制造',
        '自治区工业和信息化厅',
        '自治区科技厅',
        '2020年6月底前',
        '已签收：自治区科技厅；待签收：自治区工业和信息化厅',
        '2020-Q2【按计划推进】已建成智能工厂3家',
      ],
      [
        '2',
        '一（二）',
        '建设制造业创新中心',
        '自治区科技厅',
        '自治区工业和信息化委',
        '到2021年',
        '待签收：自治区科技厅；已退回：自治区工业和信息化委',
        '',
      ],
      ['3', '二（一）', '设立产业发展基金', '自治区财政厅', '', '', '待签收：自治区财政厅', ''],
    ]);
  });

  it("holds only the agency's own tasks when an agency member downloads it", async () => {
    const { rows } = await download(`/api/ledger/documents/${w.doc.id}`, 'agencyB');
    expect(rows.slice(2).map((r) => r[1])).toEqual(['一（一）', '一（二）']);
  });

  it("is a unit's ledger across documents, its former name included, with its own 签收状态", async () => {
    const { rows } = await download(`/api/ledger/units/${w.units.A.id}`, 'agencyA');
    expect(rows[0]).toEqual(['自治区工业和信息化厅任务台账']);
    expect(rows[1]).toEqual([
      '序号',
      '文件',
      '任务编号',
      '任务内容',
      '责任类型',
      '牵头单位',
      '配合单位',
      '完成时限',
      '签收状态',
      '最新进展',
    ]);
    expect(rows.slice(2).map((r) => [r[2], r[4], r[8]])).toEqual([
      ['一（一）', '牵头', '待签收'],
      ['一（二）', '配合', '已退回'],
    ]);
    const b = await download(`/api/ledger/units/${w.units.B.id}`, 'office');
    expect(b.rows.slice(2).map((r) => [r[2], r[4], r[8]])).toEqual([
      ['一（一）', '配合', '已签收（2020-07-03）'],
      ['一（二）', '牵头', '待签收'],
    ]);
  });
});
