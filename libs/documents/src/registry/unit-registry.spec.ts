import { inferUnitKind, inferUnitLevel } from './unit-classify';
import {
  CANONICAL_UNITS,
  expandGroup,
  isGroupName,
  regionOfDocument,
  resolveUnit,
  UNIT_GROUPS,
  unitSeedRows,
} from './unit-registry';

const GUANGXI_CITY_GOVERNMENTS = [
  '南宁',
  '柳州',
  '桂林',
  '梧州',
  '北海',
  '防城港',
  '钦州',
  '贵港',
  '玉林',
  '百色',
  '贺州',
  '河池',
  '来宾',
  '崇左',
].map((c) => `${c}市人民政府`);

describe('resolveUnit', () => {
  it.each([
    ['自治区工业和信息化委', 'gx.gxt', true],
    ['自治区工业和信息化厅', 'gx.gxt', false],
    ['广西壮族自治区工业和信息化厅', 'gx.gxt', false],
    ['省经济和信息化委', 'gd.gxt', true],
    ['自治区国土资源厅', 'gx.zrzyt', true],
    ['自治区环境保护厅', 'gx.sthjt', true],
    ['自治区质监局', 'gx.scjgj', true],
    ['自治区工商局', 'gx.scjgj', true],
    ['自治区食品药品监管局', 'gx.scjgj', true],
    ['自治区市场监管局', 'gx.scjgj', false],
    ['自治区卫生计生委', 'gx.wjw', true],
    ['自治区金融办', 'gx.jrj', true],
    ['自治区地方金融监管局', 'gx.jrj', false],
    ['自治区国税局', 'gx.tax', true],
    ['广西税务局', 'gx.tax', false],
    ['广西银监局', 'gx.ybj', true],
    ['广西出入境检验检疫局', 'gx.customs', true],
    ['自治区人力资源社会保障厅', 'gx.rst', false],
    ['自治区科技厅', 'gx.kjt', false],
    ['自治区商务厅', 'gx.swt', false],
    ['省质监局', 'gd.scjgj', true],
    ['省知识产权局', 'gd.scjgj', true],
    ['省金融办', 'gd.jrj', true],
    ['工业和信息化部', 'cn.miit', false],
  ])('%s → %s (former name: %s)', (name, id, formerName) => {
    expect(resolveUnit(name)).toMatchObject({ id, formerName });
  });

  it('resolves a bare department within a region', () => {
    expect(resolveUnit('财政厅', 'guangxi')?.id).toBe('gx.czt');
    expect(resolveUnit('财政厅', 'guangdong')?.id).toBe('gd.czt');
    expect(resolveUnit('财政厅')).toBeNull();
  });

  it('returns null for collectives and unknown names', () => {
    expect(resolveUnit('各市人民政府')).toBeNull();
    expect(resolveUnit('火星开发委')).toBeNull();
  });
});

describe('expandGroup', () => {
  it.each([['各市人民政府'], ['各设区市人民政府']])(
    '%s → the 14 Guangxi city governments',
    (name) => {
      expect(expandGroup(name)).toEqual(GUANGXI_CITY_GOVERNMENTS);
    },
  );

  it('expands the Pearl River West six cities and one district', () => {
    expect(expandGroup('珠江西岸六市一区政府')).toEqual([
      '珠海市人民政府',
      '佛山市人民政府',
      '中山市人民政府',
      '江门市人民政府',
      '阳江市人民政府',
      '肇庆市人民政府',
      '佛山市顺德区人民政府',
    ]);
  });

  it('knows collectives whose members the documents do not give', () => {
    expect(isGroupName('各相关设区市人民政府')).toBe(true);
    expect(expandGroup('各相关设区市人民政府')).toBeNull();
    expect(expandGroup('自治区工业和信息化厅')).toBeNull();
  });
});

describe('registry data', () => {
  it('has unique ids, and every alias names one unit', () => {
    expect(new Set(CANONICAL_UNITS.map((u) => u.id)).size).toBe(CANONICAL_UNITS.length);
    const owners = new Map<string, string>();
    for (const u of CANONICAL_UNITS) {
      for (const alias of u.aliases) {
        expect([undefined, u.id]).toContain(owners.get(alias));
        owners.set(alias, u.id);
      }
    }
  });

  it('lists group members that exist', () => {
    const ids = new Set(CANONICAL_UNITS.map((u) => u.id));
    for (const g of UNIT_GROUPS) for (const id of g.memberIds ?? []) expect(ids.has(id)).toBe(true);
  });

  it('gives a seeder one row per name, former names pointing to their successor', () => {
    const rows = unitSeedRows();
    expect(rows.find((r) => r.name === '自治区工业和信息化委')).toMatchObject({
      successorKey: 'gx.gxt',
    });
    expect(rows.find((r) => r.key === 'gx.gxt')).toMatchObject({
      name: '自治区工业和信息化厅',
      successorKey: null,
      level: 'province',
      kind: 'department',
    });
    expect(new Set(rows.map((r) => r.name)).size).toBe(rows.length);
  });
});

describe('inferUnitLevel / inferUnitKind', () => {
  it.each([
    ['国务院', 'national', 'other'],
    ['工业和信息化部', 'national', 'department'],
    ['国家发展和改革委员会', 'national', 'department'],
    ['广西壮族自治区工业和信息化厅', 'province', 'department'],
    ['自治区人民政府', 'province', 'government'],
    ['省经济和信息化委', 'province', 'department'],
    ['南宁市人民政府', 'city', 'government'],
    ['各市人民政府', 'city', 'government'],
    ['佛山市顺德区人民政府', 'county', 'government'],
    ['广西北部湾国际港务集团有限公司', 'province', 'enterprise'],
    ['国家开发银行广西分行', 'province', 'enterprise'],
    ['人民银行南宁中心支行', 'province', 'department'],
    ['自治区工商联', 'province', 'other'],
  ])('%s → %s %s', (name, level, kind) => {
    expect([inferUnitLevel(name), inferUnitKind(name)]).toEqual([level, kind]);
  });
});

describe('regionOfDocument', () => {
  it.each([
    ['广西制造业…自治区', '广西壮族自治区人民政府', 'guangxi'],
    ['珠江西岸…广东…', '广东省人民政府办公厅', 'guangdong'],
    ['我国制造业', '国务院', 'national'],
    ['广西制造业，广西工业', null, 'guangxi'],
  ])('%s / %s → %s', (text, issuer, region) => {
    expect(regionOfDocument(text, issuer)).toBe(region);
  });
});
