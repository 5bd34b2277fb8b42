import {
  cleanUnitName,
  mergeRoles,
  resolveShortForms,
  splitUnitList,
  UnitPrefixExpander,
  usualPrefix,
} from './unit-list.parser';
import { placeStemsOf } from './unit-name.util';

describe('splitUnitList', () => {
  it.each([
    ['自治区科技厅、财政厅，各市人民政府', ['自治区科技厅', '财政厅', '各市人民政府']],
    [
      '省经济和信息化委，珠江西岸六市一区政府；省科技厅',
      ['省经济和信息化委', '珠江西岸六市一区政府', '省科技厅'],
    ],
    ['自治区工业和信息化委等有关部门，各市人民政府', ['自治区工业和信息化委', '各市人民政府']],
    ['省发展改革委、省财政厅等', ['省发展改革委', '省财政厅']],
    ['各有关部门按职责分工负责', ['各有关部门']],
    ['各县（市、区）人民政府、省财政厅', ['各县（市、区）人民政府', '省财政厅']],
    ['各市、县人民政府，省发展改革委', ['各市、县人民政府', '省发展改革委']],
    ['省发展改革委和省财政厅', ['省发展改革委', '省财政厅']],
    ['自治区工业和信息化厅、住房和城乡建设厅', ['自治区工业和信息化厅', '住房和城乡建设厅']],
    [
      '自治区“双百双新”产业项目发展工程指挥部各成员单位，各设区市人民政府',
      ['自治区“双百双新”产业项目发展工程指挥部各成员单位', '各设区市人民政府'],
    ],
    ['《中国制造 2025》 领导小组成员单位', ['《中国制造2025》领导小组成员单位']],
    ['城中区、鱼峰区人民政府，市商务局', ['城中区人民政府', '鱼峰区人民政府', '市商务局']],
    ['东津新区（经开区）、高新区管委会', ['东津新区（经开区）管委会', '高新区管委会']],
    ['各盟行政公署、市人民政府', ['各盟行政公署、市人民政府']],
    ['省工信厅，福建移动、福建联通', ['省工信厅', '福建移动', '福建联通']],
    ['省商务厅、省供销社', ['省商务厅', '省供销社']],
    // An aside that says what a name covers (`含…`, `…下同`) is no part of it; one that names it stays.
    ['市工商联，各区人民政府〈含开发区管委会，下同〉', ['市工商联', '各区人民政府']],
    ['各县（市、区）人民政府（含功能区），市财政局', ['各县（市、区）人民政府', '市财政局']],
    ['各乡镇人民政府（街道办事处）', ['各乡镇人民政府（街道办事处）']],
    // Two collectives joined by 及/和 are two units.
    ['国务院相关部门及各地区', ['国务院相关部门', '各地区']],
    ['国务院有关部门和各地区', ['国务院有关部门', '各地区']],
    ['有关部门和单位', ['有关部门和单位']],
  ])('%s', (list, names) => {
    expect(splitUnitList(list)).toEqual(names);
  });

  it.each([
    ['由省发展改革委', '省发展改革委'],
    ['及各市人民政府。', '各市人民政府'],
    ['按职责分工负责', ''],
    ['下同', ''],
  ])('cleans %s → %s', (raw, clean) => {
    expect(cleanUnitName(raw)).toBe(clean);
  });
});

describe('UnitPrefixExpander', () => {
  it.each([
    [
      ['自治区工业和信息化委', '发展改革委', '科技厅'],
      ['自治区工业和信息化委', '自治区发展改革委', '自治区科技厅'],
    ],
    [
      ['省经济和信息化委', '发展改革委'],
      ['省经济和信息化委', '省发展改革委'],
    ],
    [
      ['广东省发展改革委', '财政厅'],
      ['广东省发展改革委', '广东省财政厅'],
    ],
    [
      ['南宁市发展改革委', '工业和信息化局'],
      ['南宁市发展改革委', '南宁市工业和信息化局'],
    ],
    [
      [
        '自治区财政厅',
        '国资委',
        '广西出入境检验检疫局',
        '广西银监局',
        '国家开发银行广西分行',
        '各市人民政府',
      ],
      [
        '自治区财政厅',
        '自治区国资委',
        '广西出入境检验检疫局',
        '广西银监局',
        '国家开发银行广西分行',
        '各市人民政府',
      ],
    ],
    [
      ['自治区科技厅', '市场监管局', '北部湾办', '党委网信办'],
      ['自治区科技厅', '自治区市场监管局', '自治区北部湾办', '自治区党委网信办'],
    ],
    [
      ['自治区财政厅', '人民银行南宁中心支行', '南宁海关', '广西电网公司'],
      ['自治区财政厅', '人民银行南宁中心支行', '南宁海关', '广西电网公司'],
    ],
    [
      ['工业和信息化部', '发展改革委'],
      ['工业和信息化部', '发展改革委'],
    ],
    [
      ['市财政局', '襄阳银保监分局', '团市委', '政务服务和大数据管理局'],
      ['市财政局', '襄阳银保监分局', '团市委', '市政务服务和大数据管理局'],
    ],
    [
      ['省公安厅', '国家安全厅'],
      ['省公安厅', '省国家安全厅'],
    ],
    [
      ['市政务服务和大数据管理局', '财政局'],
      ['市政务服务和大数据管理局', '市财政局'],
    ],
    // A zone's own bodies are named with the zone: no level prefix.
    [
      ['区委编办', '园区党工委', '高新区管理委员会', '民政局'],
      ['区委编办', '园区党工委', '高新区管理委员会', '区民政局'],
    ],
  ])('%j → %j', (names, expanded) => {
    const expander = new UnitPrefixExpander(null);
    expander.startClause();
    expect(expander.expand(names)).toEqual(expanded);
  });

  it('carries the prefix from the lead list to the supporting list of the same clause', () => {
    const expander = new UnitPrefixExpander(null);
    expander.startClause();
    expander.expand(['自治区工业和信息化委', '发展改革委']);
    expect(expander.expand(['财政厅', '各市人民政府'])).toEqual(['自治区财政厅', '各市人民政府']);
  });

  it('gives no prefix to a body named with the place of the document’s own government', () => {
    const expander = new UnitPrefixExpander('区', placeStemsOf('2023年莲都区政府工作报告'));
    expander.startClause();
    expect(expander.expand(['区发改局', '莲都邮政管理局', '交通局'])).toEqual([
      '区发改局',
      '莲都邮政管理局',
      '区交通局',
    ]);
  });

  it("gives a clause that starts bare the document's usual prefix, not the last clause's", () => {
    const expander = new UnitPrefixExpander('自治区');
    expander.startClause();
    expander.expand(['南宁市发展改革委']);
    expander.startClause();
    expect(expander.expand(['财政厅'])).toEqual(['自治区财政厅']);
  });
});

describe('document-level helpers', () => {
  it('finds the usual prefix of a document', () => {
    expect(
      usualPrefix([['自治区科技厅', '财政厅'], ['自治区工业和信息化厅'], ['省经济和信息化委']]),
    ).toBe('自治区');
    expect(usualPrefix([['工业和信息化部', '发展改革委']])).toBeNull();
  });

  it('resolves a short form to the one longer name it ends', () => {
    const map = resolveShortForms([
      '省推进珠江西岸先进装备制造产业带建设联席会议其他成员单位',
      '联席会议其他成员单位',
      '省财政厅',
      '各市人民政府',
    ]);
    expect(map.get('联席会议其他成员单位')).toBe(
      '省推进珠江西岸先进装备制造产业带建设联席会议其他成员单位',
    );
    expect(map.size).toBe(1);
  });

  it('keeps a unit listed as lead and support as lead only, deduplicated in order', () => {
    expect(mergeRoles(['甲委', '乙厅', '甲委'], ['丙局', '乙厅', '丙局'])).toEqual({
      lead: ['甲委', '乙厅'],
      support: ['丙局'],
    });
  });
});

describe('collectives over levels and owners', () => {
  it('shares a quantifier over bare levels (各区、县级市 → 各区, 各县级市)', () => {
    expect(splitUnitList('市委组织部，各区、县级市')).toEqual(['市委组织部', '各区', '各县级市']);
    expect(splitUnitList('市科协，各有关区、县级市')).toEqual([
      '市科协',
      '各有关区',
      '各有关县级市',
    ]);
  });

  it('keeps a collective government whole (各市、县人民政府)', () => {
    expect(splitUnitList('各市、县人民政府')).toEqual(['各市、县人民政府']);
  });

  it('gives a bare collective the owner of the collective before it in the clause', () => {
    const expander = new UnitPrefixExpander(null);
    expander.startClause();
    expect(expander.expand(splitUnitList('省政府各部门、各直属机构'))).toEqual([
      '省政府各部门',
      '省政府各直属机构',
    ]);
    expander.startClause();
    expect(expander.expand(['各直属机构'])).toEqual(['各直属机构']);
  });
});
