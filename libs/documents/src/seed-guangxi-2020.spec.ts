import * as fs from 'fs';
import * as path from 'path';
import { analysePolicyDocument } from './index';

// Guangxi's 2020 breakthrough-year plan: `（牵头单位：…；配合单位：…）`, 年内 deadlines, a quarterly bulletin.
const FILE = '2020-guangxi-manufacturing-breakthrough-year-plan.txt';
const analysis = analysePolicyDocument(
  fs.readFileSync(path.resolve(__dirname, '../../../seeds', FILE), 'utf8'),
  { fileName: FILE },
);
const doc = analysis.document;
const task = (p: string) => doc.tasks.find((t) => t.path.join('/') === p);
const targetsOf = (p: string) => task(p)?.targets.map((g) => [g.value, g.unit, g.by]);
const Y2020 = '2020-12-31';
const RELEVANT = '各相关设区市人民政府';
const CITIES = '各设区市人民政府';

describe(`seed ${FILE}`, () => {
  it('has no title, issuer, number or date in its text; its plan year is 2020', () => {
    expect(doc).toMatchObject({ title: null, issuer: null, docNumber: null, issuedOn: null });
    expect(analysis.planYear).toBe(2020);
  });

  it('reads the joint meeting, its lead unit and the quarterly bulletin', () => {
    expect(doc.supervision).toMatchObject({
      leadingBody: '2020年自治区制造业发展攻坚突破行动厅际联席会议',
      office: '自治区工业和信息化厅',
      cadence: 'quarterly',
    });
    expect(doc.supervision.clauses).toHaveLength(1);
    expect(doc.supervision.clauses[0]).toMatchObject({ path: ['三', '（三）'] });
    expect(doc.supervision.clauses[0].text).toContain('建立季度通报机制');
  });

  it.each([
    ['一', 0],
    ['二', 28],
    ['三', 4],
  ])('chapter %s has %d tasks', (chapter, count) => {
    expect(doc.tasks.filter((t) => t.path[0] === chapter).length).toBe(count);
  });

  it.each([
    [
      '二/（一）/1',
      '绿色化工新材料产业集群',
      ['自治区发展改革委'],
      ['自治区工业和信息化厅', '自治区北部湾办', RELEVANT],
    ],
    [
      '二/（一）/2',
      '电子信息产业集群',
      ['自治区工业和信息化厅'],
      ['自治区大数据发展局', '自治区发展改革委', '自治区北部湾办', '自治区投资促进局', RELEVANT],
    ],
    [
      '二/（一）/7',
      '高端家具家居材料产业集群',
      ['自治区林业局'],
      ['自治区工业和信息化厅', RELEVANT],
    ],
    [
      '二/（一）/9',
      '轻工纺织产业集群',
      ['自治区工业和信息化厅'],
      ['自治区发展改革委', '自治区投资促进局', CITIES],
    ],
    [
      '二/（二）/2',
      '开展龙头企业驻点招商',
      ['自治区工业和信息化厅', '自治区政府驻广州办'],
      ['自治区发展改革委', '自治区国资委', '自治区投资促进局', '自治区工商联', CITIES],
    ],
    [
      '二/（五）/3',
      '加大金融税收支持力度',
      [
        '自治区财政厅',
        '自治区地方金融监管局',
        '广西税务局',
        '人民银行南宁中心支行',
        '广西银保监局',
      ],
      ['自治区工业和信息化厅', CITIES],
    ],
    [
      '二/（五）/4',
      '降低企业物流成本',
      ['自治区发展改革委', '自治区交通运输厅', '自治区商务厅', '广西北部湾国际港务集团有限公司'],
      [
        '自治区北部湾办',
        CITIES,
        '广西交通投资集团有限公司',
        '广西北部湾投资集团有限公司',
        '中国铁路南宁局集团有限公司',
      ],
    ],
    [
      '二/（六）/2',
      '强化技术创新',
      ['自治区科技厅'],
      ['自治区发展改革委', '自治区工业和信息化厅', '自治区财政厅', CITIES],
    ],
    [
      '二/（七）/2',
      '加大对中小企业和民营企业的扶持力度',
      ['自治区工业和信息化厅'],
      ['自治区非公有制经济工作领导小组各成员单位'],
    ],
  ])('%s %s', (p, heading, lead, support) => {
    expect(task(p)).toMatchObject({
      heading,
      leadUnits: lead,
      supportingUnits: support,
      unitsSource: 'own',
    });
  });

  it('dates 年内 and 当年 by the plan year, keeps 持续推进 undated', () => {
    expect(task('二/（三）/1')).toMatchObject({ deadlineText: '年内', deadline: Y2020 });
    expect(task('二/（四）/2')).toMatchObject({ deadlineText: '当年', deadline: Y2020 });
    expect(task('二/（五）/4')).toMatchObject({ deadlineText: '2020年底前', deadline: Y2020 });
    expect(task('二/（三）/3')).toMatchObject({
      heading: '持续推进“千企技改”工程',
      deadlineText: '持续推进',
      deadline: null,
    });
  });

  it('reads the project and investment targets', () => {
    expect(targetsOf('二/（三）/1')).toEqual([
      [63, '个', Y2020],
      [92, '亿元', Y2020],
      [46, '个', Y2020],
      [124, '亿元', Y2020],
      [147, '个', null],
      [515, '亿元', Y2020],
      [22, '个', null],
    ]);
    expect(targetsOf('二/（四）/2')).toEqual([[800, '万平方米', Y2020]]);
    expect(targetsOf('二/（五）/4')).toEqual([
      [2200, '元', Y2020],
      [1900, '元', Y2020],
      [6, '条', null],
    ]);
    expect(targetsOf('二/（七）/2')).toEqual([[1000, '家', null]]);
  });

  it('leaves the safeguards without units', () => {
    expect(
      ['三/（一）', '三/（二）', '三/（三）', '三/（四）'].map((p) => task(p)?.unitsSource),
    ).toEqual(['none', 'none', 'none', 'none']);
  });
});
