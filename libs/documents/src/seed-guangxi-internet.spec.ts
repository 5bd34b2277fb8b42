import * as fs from 'fs';
import * as path from 'path';
import { analysePolicyDocument } from './index';

// Guangxi's manufacturing + internet plan: `（责任单位：…；排在第一位的为牵头单位，下同）`.
const FILE = 'guangxi-manufacturing-internet-integration-plan.txt';
const analysis = analysePolicyDocument(
  fs.readFileSync(path.resolve(__dirname, '../../../seeds', FILE), 'utf8'),
  { fileName: FILE },
);
const doc = analysis.document;
const task = (p: string) => doc.tasks.find((t) => t.path.join('/') === p);
const CITIES = '各市人民政府';

describe(`seed ${FILE}`, () => {
  it('is undated and unnumbered; its issuer is the government whose earlier notice it repeals', () => {
    expect(doc).toMatchObject({
      title: null,
      issuer: '广西壮族自治区人民政府',
      docNumber: null,
      issuedOn: null,
    });
    expect(analysis.planYear).toBeNull();
  });

  it('names no leading body; its safeguards call for evaluation and inspection', () => {
    expect(doc.supervision).toMatchObject({
      leadingBody: null,
      office: null,
      cadence: 'quarterly',
    });
    expect(doc.supervision.clauses).toHaveLength(1);
    expect(doc.supervision.clauses[0].path).toEqual(['四', '（一）']);
    expect(doc.supervision.clauses[0].text).toContain('加强考核评估，强化跟踪督查');
  });

  it.each([
    ['一', 0],
    ['二', 0],
    ['三', 14],
    ['四', 4],
  ])('chapter %s has %d tasks', (chapter, count) => {
    expect(doc.tasks.filter((t) => t.path[0] === chapter).length).toBe(count);
  });

  it('gives every task its own clause', () => {
    expect(doc.tasks.every((t) => t.unitsSource === 'own')).toBe(true);
  });

  it.each([
    [
      '三/（一）/1',
      '实施“双创”平台建设工程',
      ['自治区科技厅'],
      [
        '自治区发展改革委',
        '自治区工业和信息化厅',
        '自治区人力资源社会保障厅',
        '自治区国资委',
        CITIES,
      ],
    ],
    [
      '三/（一）/2',
      '打造中小企业互联网“双创”平台',
      ['自治区科技厅'],
      ['自治区发展改革委', '自治区工业和信息化厅', '自治区人力资源社会保障厅', CITIES],
    ],
    [
      '三/（一）/3',
      '推动“双创”服务体系建设',
      ['自治区科技厅'],
      [
        '自治区发展改革委',
        '自治区工业和信息化厅',
        '自治区人力资源社会保障厅',
        '自治区通信管理局',
        CITIES,
      ],
    ],
    [
      '三/（二）/1',
      '大力推进智能制造',
      ['自治区工业和信息化厅'],
      ['自治区发展改革委', '自治区科技厅', '自治区国资委', CITIES],
    ],
    [
      '三/（三）/3',
      '加快公共服务平台建设',
      ['自治区科技厅'],
      ['自治区发展改革委', '自治区工业和信息化厅', '自治区市场监管局', CITIES],
    ],
    [
      '三/（四）/3',
      '鼓励研发具有自主知识产权的工业软件产品',
      ['自治区工业和信息化厅'],
      ['自治区科技厅', CITIES],
    ],
    [
      '三/（五）/3',
      '加强工业控制信息系统安全管理',
      ['自治区工业和信息化厅'],
      ['自治区党委网信办', CITIES],
    ],
    ['四/（一）', '加强组织领导', ['自治区各有关单位'], [CITIES]],
    [
      '四/（二）',
      '加大财税金融支持力度',
      ['自治区财政厅'],
      [
        '自治区发展改革委',
        '自治区科技厅',
        '自治区工业和信息化厅',
        '自治区自然资源厅',
        '自治区住房城乡建设厅',
        '自治区国资委',
        '自治区地方金融监管局',
        '自治区北部湾办',
        '广西税务局',
        '广西银保监局',
        CITIES,
      ],
    ],
    [
      '四/（三）',
      '加大人才引进培养力度',
      ['自治区人力资源社会保障厅'],
      ['自治区教育厅', '自治区科技厅', '自治区工业和信息化厅', '自治区国资委', CITIES],
    ],
  ])('%s %s', (p, heading, lead, support) => {
    expect(task(p)).toMatchObject({
      heading,
      leadUnits: lead,
      supportingUnits: support,
      deadlineText: null,
      deadline: null,
    });
  });

  it('reads the enterprise counts of 三（五）2 without a year', () => {
    expect(task('三/（五）/2')?.targets.map((g) => [g.value, g.unit, g.by])).toEqual([
      [100, '家', null],
      [50, '家', null],
      [3000, '家', null],
    ]);
  });
});
