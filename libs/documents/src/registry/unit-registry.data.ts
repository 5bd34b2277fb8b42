import { inferUnitKind, inferUnitLevel } from './unit-classify';
import type {
  CanonicalUnit,
  RegistryUnitKind,
  RegistryUnitLevel,
  UnitGroupRecord,
} from './unit-registry.types';

// Plain data: the units the documents name, under their current names, with the names used
// before the 2018 institutional reform linked to them (only where the merger or rename is real).

interface DepartmentSpec {
  /** Key within the region. */
  key: string;
  /** Official stem after the place name (`工业和信息化厅`). */
  official: string;
  /** Current short stems, the first one being how documents write it. */
  short?: string[];
  /** Stems used before the 2018 reform that now resolve here. */
  former?: string[];
}

function regional(
  region: string,
  place: string,
  local: string,
  specs: DepartmentSpec[],
): CanonicalUnit[] {
  return specs.map((s) => {
    const current = [s.official, ...(s.short ?? [])];
    const former = s.former ?? [];
    const name = place + s.official;
    return {
      id: `${region === 'guangxi' ? 'gx' : 'gd'}.${s.key}`,
      name,
      shortName: local + (s.short?.[0] ?? s.official),
      region,
      level: inferUnitLevel(name),
      kind: inferUnitKind(name),
      aliases: [...current, ...former].flatMap((stem) => [local + stem, place + stem]),
      formerNames: former.map((stem) => local + stem),
    };
  });
}

function unit(
  id: string,
  name: string,
  region: string | null,
  aliases: string[] = [],
  formerNames: string[] = [],
  overrides: { level?: RegistryUnitLevel; kind?: RegistryUnitKind; shortName?: string } = {},
): CanonicalUnit {
  return {
    id,
    name,
    shortName: overrides.shortName ?? aliases[0] ?? name,
    region,
    level: overrides.level ?? inferUnitLevel(name),
    kind: overrides.kind ?? inferUnitKind(name),
    aliases: [name, ...aliases, ...formerNames],
    formerNames,
  };
}

const GUANGXI_DEPARTMENTS: DepartmentSpec[] = [
  {
    key: 'gxt',
    official: '工业和信息化厅',
    short: ['工业和信息化厅', '工信厅'],
    former: ['工业和信息化委', '工业和信息化委员会', '工信委'],
  },
  { key: 'fgw', official: '发展和改革委员会', short: ['发展改革委', '发改委'] },
  { key: 'kjt', official: '科学技术厅', short: ['科技厅'] },
  { key: 'czt', official: '财政厅' },
  { key: 'jyt', official: '教育厅' },
  { key: 'jtyst', official: '交通运输厅' },
  { key: 'swt', official: '商务厅' },
  { key: 'rst', official: '人力资源和社会保障厅', short: ['人力资源社会保障厅', '人社厅'] },
  { key: 'gzw', official: '人民政府国有资产监督管理委员会', short: ['国资委'] },
  {
    key: 'wjw',
    official: '卫生健康委员会',
    short: ['卫生健康委', '卫健委'],
    former: ['卫生计生委', '卫生和计划生育委员会'],
  },
  { key: 'sthjt', official: '生态环境厅', former: ['环境保护厅', '环保厅'] },
  { key: 'zrzyt', official: '自然资源厅', former: ['国土资源厅'] },
  { key: 'zjt', official: '住房和城乡建设厅', short: ['住房城乡建设厅', '住建厅'] },
  {
    key: 'scjgj',
    official: '市场监督管理局',
    short: ['市场监管局'],
    former: [
      '质监局',
      '质量技术监督局',
      '工商局',
      '工商行政管理局',
      '食品药品监管局',
      '食品药品监督管理局',
    ],
  },
  { key: 'yjj', official: '药品监督管理局', short: ['药监局'] },
  { key: 'yjt', official: '应急管理厅', former: ['安全监管局', '安全生产监督管理局', '安监局'] },
  {
    key: 'jrj',
    official: '地方金融监督管理局',
    short: ['地方金融监管局', '金融局'],
    former: ['金融办', '金融工作办公室'],
  },
  { key: 'lyj', official: '林业局', former: ['林业厅'] },
  { key: 'zscqj', official: '知识产权局' },
  { key: 'njj', official: '农业机械化管理局', short: ['农机局'] },
  { key: 'nyj', official: '能源局' },
  { key: 'wgzj', official: '外国专家局' },
  { key: 'txglj', official: '通信管理局' },
  { key: 'dsj', official: '大数据发展局' },
  { key: 'tzcjj', official: '投资促进局' },
  { key: 'bbwb', official: '北部湾经济区规划建设管理办公室', short: ['北部湾办'] },
  { key: 'gzb', official: '人民政府驻广州办事处', short: ['政府驻广州办'] },
];

const GUANGDONG_DEPARTMENTS: DepartmentSpec[] = [
  {
    key: 'gxt',
    official: '工业和信息化厅',
    short: ['工业和信息化厅'],
    former: ['经济和信息化委', '经济和信息化委员会', '经信委'],
  },
  { key: 'fgw', official: '发展和改革委员会', short: ['发展改革委', '发改委'] },
  { key: 'kjt', official: '科学技术厅', short: ['科技厅'] },
  { key: 'czt', official: '财政厅' },
  { key: 'rst', official: '人力资源和社会保障厅', short: ['人力资源社会保障厅', '人社厅'] },
  { key: 'swt', official: '商务厅' },
  // Since 2018 the provincial market regulator also carries the intellectual property office's name.
  {
    key: 'scjgj',
    official: '市场监督管理局',
    short: ['市场监管局'],
    former: [
      '质监局',
      '质量技术监督局',
      '工商局',
      '工商行政管理局',
      '食品药品监管局',
      '知识产权局',
    ],
  },
  {
    key: 'jrj',
    official: '地方金融监督管理局',
    short: ['地方金融监管局'],
    former: ['金融办', '金融工作办公室'],
  },
  { key: 'zrzyt', official: '自然资源厅', former: ['国土资源厅'] },
  { key: 'sthjt', official: '生态环境厅', former: ['环境保护厅'] },
];

const GUANGXI_CITIES = [
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
];
const CITY_KEYS = [
  'nanning',
  'liuzhou',
  'guilin',
  'wuzhou',
  'beihai',
  'fangchenggang',
  'qinzhou',
  'guigang',
  'yulin',
  'baise',
  'hezhou',
  'hechi',
  'laibin',
  'chongzuo',
];
// The six cities and one district of the Pearl River West pilot (工信部规函〔2016〕368号).
const PEARL_RIVER_WEST: [string, string, string[]][] = [
  ['zhuhai', '珠海市人民政府', ['珠海市政府']],
  ['foshan', '佛山市人民政府', ['佛山市政府']],
  ['zhongshan', '中山市人民政府', ['中山市政府']],
  ['jiangmen', '江门市人民政府', ['江门市政府']],
  ['yangjiang', '阳江市人民政府', ['阳江市政府']],
  ['zhaoqing', '肇庆市人民政府', ['肇庆市政府']],
  ['shunde', '佛山市顺德区人民政府', ['顺德区人民政府', '顺德区政府']],
];

export const CANONICAL_UNITS: CanonicalUnit[] = [
  unit('cn.gwy', '国务院', null),
  unit('cn.miit', '工业和信息化部', null, ['工信部']),
  unit('cn.ndrc', '国家发展和改革委员会', null, ['国家发展改革委']),
  unit('cn.most', '科学技术部', null, ['科技部']),
  unit('cn.mof', '财政部', null),
  unit(
    'cn.samr',
    '国家市场监督管理总局',
    null,
    ['市场监管总局'],
    ['质检总局', '国家质检总局', '国家工商总局', '国家食品药品监管总局'],
  ),
  unit('cn.mnr', '自然资源部', null, [], ['国土资源部']),
  unit('cn.mee', '生态环境部', null, [], ['环境保护部']),
  unit('cn.mofcom', '商务部', null),
  unit('cn.moe', '教育部', null),
  unit('cn.mohrss', '人力资源和社会保障部', null, ['人力资源社会保障部']),
  unit('cn.mot', '交通运输部', null),
  unit('cn.pbc', '中国人民银行', null, ['人民银行'], [], { level: 'national', kind: 'department' }),
  unit('cn.sasac', '国务院国有资产监督管理委员会', null, ['国务院国资委']),
  unit('cn.customs', '海关总署', null, [], [], { level: 'national' }),
  unit('cn.sat', '国家税务总局', null, ['税务总局']),
  unit('cn.cnipa', '国家知识产权局', null),
  unit('gx.gov', '广西壮族自治区人民政府', 'guangxi', ['自治区人民政府', '自治区政府']),
  ...regional('guangxi', '广西壮族自治区', '自治区', GUANGXI_DEPARTMENTS),
  unit(
    'gx.wxb',
    '中共广西壮族自治区委员会网络安全和信息化委员会办公室',
    'guangxi',
    ['自治区党委网信办'],
    [],
    { level: 'province' },
  ),
  unit('gx.gsl', '广西壮族自治区工商业联合会', 'guangxi', ['自治区工商联'], [], {
    level: 'province',
  }),
  unit(
    'gx.tax',
    '国家税务总局广西壮族自治区税务局',
    'guangxi',
    ['广西税务局', '自治区税务局'],
    ['自治区国税局', '自治区地税局', '广西国税局', '广西地税局'],
    { level: 'province' },
  ),
  unit(
    'gx.ybj',
    '中国银行保险监督管理委员会广西监管局',
    'guangxi',
    ['广西银保监局'],
    ['广西银监局', '广西保监局'],
    { level: 'province' },
  ),
  unit('gx.zjj', '中国证券监督管理委员会广西监管局', 'guangxi', ['广西证监局'], [], {
    level: 'province',
  }),
  unit('gx.pbc', '中国人民银行南宁中心支行', 'guangxi', ['人民银行南宁中心支行'], [], {
    level: 'province',
  }),
  unit('gx.cdb', '国家开发银行广西壮族自治区分行', 'guangxi', ['国家开发银行广西分行'], [], {
    level: 'province',
  }),
  // Entry-exit inspection and quarantine joined the customs in 2018.
  unit('gx.customs', '中华人民共和国南宁海关', 'guangxi', ['南宁海关'], ['广西出入境检验检疫局'], {
    level: 'province',
    kind: 'department',
  }),
  unit('gx.grid', '广西电网有限责任公司', 'guangxi', ['广西电网公司'], [], { level: 'province' }),
  unit('gx.bgport', '广西北部湾国际港务集团有限公司', 'guangxi', [], [], { level: 'province' }),
  unit('gx.bginvest', '广西北部湾投资集团有限公司', 'guangxi', [], [], { level: 'province' }),
  unit('gx.transinvest', '广西交通投资集团有限公司', 'guangxi', [], [], { level: 'province' }),
  unit('gx.railway', '中国铁路南宁局集团有限公司', 'guangxi', [], [], { level: 'province' }),
  ...GUANGXI_CITIES.map((city, i) =>
    unit(`gx.city.${CITY_KEYS[i]}`, `${city}市人民政府`, 'guangxi', [`${city}市政府`], [], {
      shortName: `${city}市人民政府`,
    }),
  ),
  unit('gd.gov', '广东省人民政府', 'guangdong', ['省人民政府', '省政府']),
  unit('gd.govoffice', '广东省人民政府办公厅', 'guangdong', ['省政府办公厅']),
  ...regional('guangdong', '广东省', '省', GUANGDONG_DEPARTMENTS),
  ...PEARL_RIVER_WEST.map(([key, name, aliases]) =>
    unit(`gd.city.${key}`, name, 'guangdong', aliases, [], { shortName: name }),
  ),
];

const GUANGXI_CITY_IDS = CITY_KEYS.map((k) => `gx.city.${k}`);

export const UNIT_GROUPS: UnitGroupRecord[] = [
  {
    id: 'gx.group.cities',
    name: '各市人民政府',
    region: 'guangxi',
    aliases: ['各市政府'],
    memberIds: GUANGXI_CITY_IDS,
  },
  {
    id: 'gx.group.districted-cities',
    name: '各设区市人民政府',
    region: 'guangxi',
    aliases: ['各设区市政府'],
    memberIds: GUANGXI_CITY_IDS,
  },
  // "Relevant" cities: the documents do not say which.
  {
    id: 'gx.group.relevant-cities',
    name: '各相关设区市人民政府',
    region: 'guangxi',
    aliases: ['各有关设区市人民政府'],
    memberIds: null,
  },
  {
    id: 'gx.group.all-units',
    name: '自治区各有关单位',
    region: 'guangxi',
    aliases: ['自治区各有关部门'],
    memberIds: null,
  },
  {
    id: 'gx.group.shuangbai',
    name: '自治区“双百双新”产业项目发展工程指挥部各成员单位',
    region: 'guangxi',
    aliases: [],
    memberIds: null,
  },
  {
    id: 'gx.group.nonpublic',
    name: '自治区非公有制经济工作领导小组各成员单位',
    region: 'guangxi',
    aliases: [],
    memberIds: null,
  },
  {
    id: 'gd.group.pearl-river-west',
    name: '珠江西岸六市一区政府',
    region: 'guangdong',
    aliases: ['珠江西岸六市一区', '六市一区政府', '“六市一区”政府'],
    memberIds: PEARL_RIVER_WEST.map(([key]) => `gd.city.${key}`),
  },
  {
    id: 'gd.group.prw-meeting-members',
    name: '省推进珠江西岸先进装备制造产业带建设联席会议其他成员单位',
    region: 'guangdong',
    aliases: ['联席会议其他成员单位'],
    memberIds: null,
  },
];
