import * as fs from 'fs';
import * as path from 'path';
import { extractPolicyDocument } from './index';

// 国务院关于印发《中国制造2025》的通知: a national plan with no responsibility clauses.
const FILE = '2015-guofa-28-made-in-china-2025.txt';
const doc = extractPolicyDocument(
  fs.readFileSync(path.resolve(__dirname, '../../../seeds', FILE), 'utf8'),
  { fileName: FILE },
);
const task = (p: string) => doc.tasks.find((t) => t.path.join('/') === p);
const countBy = (chapter: string) => doc.tasks.filter((t) => t.path[0] === chapter).length;
const NONE = { leadUnits: [], supportingUnits: [], unitsSource: 'none' };

describe(`seed ${FILE}`, () => {
  it('reads the document facts', () => {
    expect(doc).toMatchObject({
      file: FILE,
      title: '国务院关于印发《中国制造2025》的通知',
      issuer: '国务院',
      docNumber: '国发〔2015〕28号',
      issuedOn: '2015-05-08',
    });
  });

  it('reads the leading group, its office and the supervision clauses of 四（八）', () => {
    expect(doc.supervision).toMatchObject({
      leadingBody: '国家制造强国建设领导小组',
      office: '工业和信息化部',
      cadence: 'quarterly',
    });
    expect(doc.supervision.clauses.map((c) => c.path.join('/'))).toEqual([
      '四/（八）',
      '四/（八）',
      '四/（八）',
    ]);
    expect(doc.supervision.clauses[0].text).toContain('任务落实情况督促检查和第三方评价机制');
    expect(doc.supervision.clauses[1].text).toContain('中期评估机制');
  });

  it.each([
    ['一', 0],
    ['二', 0],
    ['三', 23],
    ['四', 8],
  ])('chapter %s has %d tasks', (chapter, count) => {
    expect(countBy(chapter)).toBe(count);
  });

  it('takes sections without numbered items, the ten key areas of 三（六） and the five boxes', () => {
    expect(doc.tasks.map((t) => t.path.join('/'))).toEqual([
      '三/（一）',
      '三/（一）/专栏1',
      '三/（二）',
      '三/（二）/专栏2',
      '三/（三）',
      '三/（三）/专栏3',
      '三/（四）',
      '三/（五）',
      '三/（五）/专栏4',
      ...Array.from({ length: 10 }, (_, i) => `三/（六）/${i + 1}`),
      '三/（六）/专栏5',
      '三/（七）',
      '三/（八）',
      '三/（九）',
      ...['一', '二', '三', '四', '五', '六', '七', '八'].map((n) => `四/（${n}）`),
    ]);
  });

  it.each([
    [
      '三/（一）',
      {
        heading: '提高国家制造业创新能力',
        ...NONE,
        deadlineText: null,
        deadline: null,
        targets: [],
      },
    ],
    [
      '三/（四）',
      { heading: '加强质量品牌建设', ...NONE, deadlineText: null, deadline: null, targets: [] },
    ],
    ['三/（六）/4', { heading: '海洋工程装备及高技术船舶', ...NONE, deadline: null, targets: [] }],
    ['三/（六）/10', { heading: '生物医药及高性能医疗器械', ...NONE, deadline: null, targets: [] }],
    [
      '三/（七）',
      { heading: '深入推进制造业结构调整', ...NONE, deadlineText: '持续推进', deadline: null },
    ],
    ['四/（八）', { heading: '健全组织实施机制', ...NONE, deadline: null }],
    [
      '三/（六）/专栏5',
      {
        heading: '高端装备创新工程',
        ...NONE,
        deadlineText: '到2020年',
        deadline: '2020-12-31',
        targets: [],
      },
    ],
  ])('%s', (p, expected) => {
    expect(task(p)).toMatchObject(expected);
  });

  it.each([
    [
      '三/（一）/专栏1',
      '制造业创新中心(工业技术研究基地)建设工程',
      [
        [15, '家', '2020-12-31'],
        [40, '家', '2025-12-31'],
      ],
    ],
    [
      '三/（二）/专栏2',
      '智能制造工程',
      [
        [30, '%', '2020-12-31'],
        [30, '%', '2020-12-31'],
        [30, '%', '2020-12-31'],
        [50, '%', '2025-12-31'],
        [50, '%', '2025-12-31'],
        [50, '%', '2025-12-31'],
      ],
    ],
    [
      '三/（三）/专栏3',
      '工业强基工程',
      [
        [40, '%', '2020-12-31'],
        [70, '%', '2025-12-31'],
        [80, '种', '2025-12-31'],
      ],
    ],
    [
      '三/（五）/专栏4',
      '绿色制造工程',
      [
        [1000, '家', '2020-12-31'],
        [100, '家', '2020-12-31'],
        [20, '%', '2020-12-31'],
      ],
    ],
  ])('box %s %s: targets, no units', (p, heading, targets) => {
    const t = task(p);
    expect(t).toMatchObject({ heading, ...NONE, deadlineText: '到2020年', deadline: '2020-12-31' });
    expect(t?.targets.map((g) => [g.value, g.unit, g.by])).toEqual(targets);
  });
});
