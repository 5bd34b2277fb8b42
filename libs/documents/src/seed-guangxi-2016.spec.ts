import * as fs from 'fs';
import * as path from 'path';
import { extractPolicyDocument } from './index';

// Guangxi's implementing opinions: `（牵头单位：…；配合单位：…）`, a chapter-level clause, seven boxes.
const FILE = '2016-guangxi-made-in-china-2025-opinions.txt';
const doc = extractPolicyDocument(
  fs.readFileSync(path.resolve(__dirname, '../../../seeds', FILE), 'utf8'),
  { fileName: FILE },
);
const task = (p: string) => doc.tasks.find((t) => t.path.join('/') === p);
const gx = (...names: string[]) =>
  names.map((n) =>
    n.startsWith('各') ||
    n.startsWith('广西') ||
    n.startsWith('国家') ||
    n.startsWith('人民银行') ||
    n.startsWith('南宁')
      ? n
      : `自治区${n}`,
  );
const CHAPTER_THREE = {
  leadUnits: gx('工业和信息化委', '发展改革委'),
  supportingUnits: gx(
    '科技厅',
    '财政厅',
    '交通运输厅',
    '卫生计生委',
    '食品药品监管局',
    '农机局',
    '能源局',
    '各市人民政府',
  ),
  unitsSource: 'inherited',
};

describe(`seed ${FILE}`, () => {
  it('reads the document facts the text gives (no title or number; dated at the end)', () => {
    expect(doc).toMatchObject({
      title: null,
      issuer: '广西壮族自治区人民政府',
      docNumber: null,
      issuedOn: '2016-03-17',
    });
  });

  it('reads the leading group and its office', () => {
    expect(doc.supervision).toMatchObject({
      leadingBody: '广西推进实施《中国制造2025》建设领导小组',
      office: '自治区工业和信息化委',
      cadence: 'quarterly',
    });
    expect(doc.supervision.clauses.map((c) => c.path.join('/'))).toEqual([
      '五/（八）',
      '五/（八）',
    ]);
    expect(doc.supervision.clauses[0].text).toMatch(/加强对重要事项落实情况的督促检查$/);
  });

  it.each([
    ['一', 0],
    ['二', 0],
    ['三', 12],
    ['四', 32],
    ['五', 8],
  ])('chapter %s has %d tasks', (chapter, count) => {
    expect(doc.tasks.filter((t) => t.path[0] === chapter).length).toBe(count);
  });

  it('counts the seven boxes as tasks and the sections above numbered items as containers', () => {
    expect(
      doc.tasks
        .filter((t) => t.path[t.path.length - 1].startsWith('专栏'))
        .map((t) => t.path.join('/')),
    ).toEqual(['一', '二', '三', '四', '五', '六', '七'].map((n, i) => `四/（${n}）/专栏${i + 1}`));
    expect(task('三/（一）')).toBeUndefined();
    expect(task('四/（三）')).toBeUndefined();
  });

  it.each([
    ['三/（一）/1', { heading: '新一代信息技术', ...CHAPTER_THREE }],
    ['三/（二）/6', { heading: '电力装备', ...CHAPTER_THREE }],
    [
      '四/（一）/1',
      {
        heading: '加快制造业创新体系建设',
        leadUnits: gx('工业和信息化委', '发展改革委', '科技厅'),
        supportingUnits: gx('财政厅', '各市人民政府'),
        unitsSource: 'own',
      },
    ],
    [
      '四/（一）/4',
      {
        heading: '提高创新设计能力',
        leadUnits: gx('工业和信息化委', '发展改革委'),
        supportingUnits: gx(
          '财政厅',
          '教育厅',
          '科技厅',
          '人力资源社会保障厅',
          '知识产权局',
          '各市人民政府',
        ),
      },
    ],
    [
      '四/（三）/4',
      {
        heading: '加强互联网基础设施建设',
        leadUnits: gx('通信管理局', '工业和信息化委'),
        supportingUnits: ['各市人民政府'],
      },
    ],
    [
      '四/（五）/1',
      {
        heading: '完善质量技术标准和监管体系',
        leadUnits: gx('质监局', '工商局', '工业和信息化委', '各市人民政府'),
        supportingUnits: [],
      },
    ],
    [
      '四/（五）/4',
      {
        heading: '推动名品名牌创建',
        leadUnits: gx('工商局', '质监局'),
        supportingUnits: gx('工业和信息化委', '各市人民政府'),
      },
    ],
    [
      '四/（七）/2',
      {
        heading: '提升跨国经营能力和国际竞争力',
        leadUnits: gx('工业和信息化委', '发展改革委', '商务厅'),
        supportingUnits: gx(
          '财政厅',
          '国资委',
          '广西出入境检验检疫局',
          '广西银监局',
          '广西证监局',
          '国家开发银行广西分行',
          '各市人民政府',
        ),
      },
    ],
    [
      '五/（三）',
      {
        heading: '完善金融扶持政策',
        leadUnits: gx(
          '金融办',
          '人民银行南宁中心支行',
          '广西银监局',
          '广西证监局',
          '广西保监局',
          '国家开发银行广西分行',
        ),
        supportingUnits: gx(
          '发展改革委',
          '工业和信息化委',
          '财政厅',
          '商务厅',
          '国资委',
          '各市人民政府',
        ),
      },
    ],
    [
      '五/（四）',
      {
        heading: '加大财税政策支持力度',
        leadUnits: gx(
          '财政厅',
          '地税局',
          '工业和信息化委',
          '发展改革委',
          '科技厅',
          '国税局',
          '广西保监局',
          '各市人民政府',
        ),
        supportingUnits: [],
      },
    ],
    [
      '五/（八）',
      {
        heading: '健全组织实施机制',
        leadUnits: gx('工业和信息化委', '各市人民政府'),
        supportingUnits: [],
        unitsSource: 'own',
      },
    ],
  ])('%s', (p, expected) => {
    expect(task(p)).toMatchObject({
      deadlineText: null,
      deadline: null,
      targets: [],
      unitsSource: 'own',
      ...expected,
    });
  });

  it.each([
    ['四/（一）/专栏1', '创新能力提升工程', []],
    [
      '四/（三）/专栏3',
      '智能制造工程',
      [
        [20, '%'],
        [20, '%'],
        [20, '%'],
      ],
    ],
    [
      '四/（四）/专栏4',
      '绿色制造工程',
      [
        [30, '%'],
        [20, '%'],
      ],
    ],
    ['四/（五）/专栏5', '质量品牌建设工程', [[95, '%']]],
  ])('box %s %s: no clause of its own or above, 2020 targets', (p, heading, targets) => {
    const t = task(p);
    expect(t).toMatchObject({
      heading,
      leadUnits: [],
      supportingUnits: [],
      unitsSource: 'none',
      deadlineText: '到2020年',
      deadline: '2020-12-31',
    });
    expect(t?.targets.map((g) => [g.value, g.unit, g.by])).toEqual(
      targets.map(([v, u]) => [v, u, '2020-12-31']),
    );
  });
});
