import { INestApplication } from '@nestjs/common';
import { CyclesService } from '@tracker/services';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { givenUnit, givenUser, loginAs } from '../support/builders';
import { createStack, TestStack } from '../support/harness';

// A plan whose supervision clause asks for a yearly report (每年…报送年度工作总结).
const FILE = 'yearly-plan.txt';
const TEXT = [
  '广西壮族自治区人民政府办公厅关于印发广西工业技术改造年度推进方案的通知',
  '桂政办发〔2020〕88号',
  '',
  '广西工业技术改造年度推进方案',
  '',
  '　　一、重点任务',
  '　　（一）推进技术改造。',
  '　　1．实施一批技术改造项目。支持重点企业开展智能化改造，到2022年完成改造项目100个。（牵头单位：自治区工业和信息化厅；配合单位：自治区科技厅）',
  '　　2．培育一批示范工厂。每年认定一批智能工厂示范项目。（牵头单位：自治区科技厅）',
  '　　二、保障措施',
  '　　（一）加强督促检查。各牵头单位每年12月底前报送年度工作总结，按年度通报进展情况。',
  '',
].join('\n');

describe('a yearly cadence from the text to the cycles', () => {
  let stack: TestStack;
  let api: INestApplication;
  let office: { Authorization: string };
  let documentId: string;
  const http = () => request(api.getHttpServer());

  beforeAll(async () => {
    stack = await createStack('2020-07-01T10:00:00+08:00');
    api = await stack.startApi();
    const ds = api.get(DataSource);
    await givenUnit(ds, '自治区工业和信息化厅');
    await givenUnit(ds, '自治区科技厅');
    await givenUser(ds, 'office1', ['office']);
    office = (await loginAs(api, 'office1')).auth;
  });
  afterAll(() => stack.close());

  it('serves yearly among the cadences and the yearly period label to the pages', async () => {
    const res = await http().get('/api/web/vocabulary').expect(200);
    expect(res.body.cadences).toContain('yearly');
    expect(res.body.cadences).not.toContain('annual');
    expect(res.body.cadenceNames.yearly).toEqual({ zh: '每年', en: 'Yearly' });
    expect(res.body.periodLabels.Y).toEqual({ zh: '{year}年度', en: 'the year {year}' });
    expect(res.body.periodLabels.Q3).toEqual({
      zh: '{year}年第三季度',
      en: 'the third quarter of {year}',
    });
  });

  it('previews the yearly cadence and keeps it on import', async () => {
    const preview = await http()
      .post('/api/documents/preview')
      .set(office)
      .send({ fileName: FILE, text: TEXT })
      .expect(200);
    expect(preview.body.document.supervision.cadence).toBe('yearly');
    const imported = await http()
      .post('/api/documents')
      .set(office)
      .send({ fileName: FILE, text: TEXT })
      .expect(201);
    expect(imported.body).toMatchObject({ created: true });
    documentId = imported.body.documentId;
    const profile = await http()
      .get(`/api/documents/${documentId}/supervision-profile`)
      .set(office)
      .expect(200);
    expect(profile.body.cadence).toBe('yearly');
  });

  it('lets the profile editor set yearly and refuses another word for it, naming the field', async () => {
    const refused = await http()
      .patch(`/api/documents/${documentId}/supervision-profile`)
      .set(office)
      .send({ cadence: 'annual' })
      .expect(400);
    expect(Object.keys(refused.body.fields)).toEqual(['cadence']);
    const quarterly = await http()
      .patch(`/api/documents/${documentId}/supervision-profile`)
      .set(office)
      .send({ cadence: 'quarterly' })
      .expect(200);
    expect(quarterly.body.cadence).toBe('quarterly');
    const yearly = await http()
      .patch(`/api/documents/${documentId}/supervision-profile`)
      .set(office)
      .send({ cadence: 'yearly' })
      .expect(200);
    expect(yearly.body.cadence).toBe('yearly');
    const reread = await http()
      .get(`/api/documents/${documentId}/supervision-profile`)
      .set(office)
      .expect(200);
    expect(reread.body.cadence).toBe('yearly');
  });

  it("opens the year's cycle, not a quarter's, on the daily run, due after the year ends", async () => {
    const opened = await api.get(CyclesService).openDue();
    expect(opened.map((c) => ({ documentId: c.documentId, period: c.period }))).toEqual([
      { documentId, period: '2020-Y' },
    ]);
    // Both tasks have a lead unit: one report each.
    expect(opened[0].reports).toBe(2);
    expect(opened[0].dueAt.getTime()).toBeGreaterThan(
      new Date('2021-01-01T00:00:00+08:00').getTime(),
    );
    const list = await http().get(`/api/cycles?documentId=${documentId}`).set(office).expect(200);
    expect(list.body.map((c: { period: string }) => c.period)).toEqual(['2020-Y']);
    // The next day's run finds the year's cycle open and opens nothing more.
    stack.clock.advance(24 * 3600 * 1000);
    expect(await api.get(CyclesService).openDue()).toEqual([]);
  });
});
