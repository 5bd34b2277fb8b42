import { INestApplication } from '@nestjs/common';
import { BulletinsService } from '@tracker/services';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { loginAs } from '../support/builders';
import { CityWorld, fileAndAcceptAll, givenCityPlan } from '../support/breakdown-fixtures';
import { createStack, TestStack } from '../support/harness';

describe('the bulletin (通报) has a per-locality section for a task with a breakdown table', () => {
  let stack: TestStack;
  let api: INestApplication;
  let w: CityWorld;
  let cycleId: string;
  const http = () => request(api.getHttpServer());

  beforeAll(async () => {
    stack = await createStack('2020-07-06T10:00:00+08:00');
    api = await stack.startApi();
    w = await givenCityPlan(api);
  });
  afterAll(() => stack.close());

  it('lists each city’s share, latest value and progress in the page, the Markdown and the workbook', async () => {
    const office = (await loginAs(api, 'office')).auth;
    cycleId = (
      await http()
        .post('/api/cycles')
        .set(office)
        .send({ documentId: w.documentId, period: '2020-Q3' })
        .expect(201)
    ).body.id;
    await http()
      .post(`/api/tasks/${w.taskId}/breakdown/import`)
      .set(office)
      .send({ text: '地区\t新增规上工业企业（家）\n南宁市\t60\n柳州市\t50\n' })
      .expect(200);

    // Every lead files and the office accepts: the cycle is complete and its bulletin compiles.
    await fileAndAcceptAll(api, cycleId, { [w.units.nanning]: 30, [w.units.liuzhou]: 55 });
    await api.get(BulletinsService).compileIfComplete(cycleId);

    const page = await http().get(`/api/cycles/${cycleId}/bulletin`).set(office).expect(200);
    const [section] = page.body.localities;
    expect(section).toMatchObject({ taskId: w.taskId, taskLabel: '一（一）' });
    expect(section.targets).toEqual([
      {
        index: 0,
        text: '2020年新增规上工业企业300家',
        unit: '家',
        shareTotal: 110,
        reportedTotal: 85,
        percent: 77.3,
        rows: [
          { unitName: '南宁市人民政府', share: 60, reported: 30, percent: 50 },
          { unitName: '柳州市人民政府', share: 50, reported: 55, percent: 110 },
        ],
      },
    ]);

    // In the targets part too, a city is measured against its own share.
    expect(
      page.body.targets.filter(
        (x: { unitName: string; target: string }) =>
          x.unitName === '南宁市人民政府' && x.target === '2020年新增规上工业企业300家',
      ),
    ).toEqual([expect.objectContaining({ planned: 60, reported: 30, percent: 50 })]);

    const md = await http().get(`/api/cycles/${cycleId}/bulletin/download`).set(office).expect(200);
    expect(md.text).toContain('## 六、各地分解完成情况 Progress per locality');
    expect(md.text).toContain('| 南宁市人民政府 | 60家 | 30家 | 50.0% |');
    expect(md.text).toContain('| **合计 Total** | 110家 | 85家 | 77.3% |');

    const xlsx = await http()
      .get(`/api/cycles/${cycleId}/bulletin/workbook`)
      .set(office)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as ArrayBuffer);
    const sheet = wb.getWorksheet('各地分解')!;
    const row = (n: number): unknown[] => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(row(2)).toEqual(['任务编号', '指标', '地区', '分解目标', '报送值', '单位', '完成比例']);
    expect(row(3)).toEqual([
      '一（一）',
      '2020年新增规上工业企业300家',
      '南宁市人民政府',
      60,
      30,
      '家',
      '50.0%',
    ]);
    expect(row(5)).toEqual([
      '一（一）',
      '2020年新增规上工业企业300家',
      '合计',
      110,
      85,
      '家',
      '77.3%',
    ]);
  });
});
