import * as fs from 'fs';
import * as path from 'path';
import { extractPolicyDocument } from './index';

// The Pearl River West pilot plan: bare parenthetical lists (first listed leads), items numbered
// straight through the key-area chapter, many 到2019年 targets.
const FILE = '2017-guangdong-pearl-river-west-pilot-plan.txt';
const doc = extractPolicyDocument(
  fs.readFileSync(path.resolve(__dirname, '../../../seeds', FILE), 'utf8'),
  { fileName: FILE },
);
const task = (p: string) => doc.tasks.find((t) => t.path.join('/') === p);
const targetsOf = (p: string) => task(p)?.targets.map((g) => [g.value, g.unit, g.by]);
const CITIES = '珠江西岸六市一区政府';
const MEETING_MEMBERS = '省推进珠江西岸先进装备制造产业带建设联席会议其他成员单位';
const Y2019 = '2019-12-31';

describe(`seed ${FILE}`, () => {
  it('reads the document facts', () => {
    expect(doc).toMatchObject({
      title: '珠江西岸六市一区创建“中国制造2025”试点示范城市群实施方案',
      issuer: '广东省人民政府办公厅',
      docNumber: null,
      issuedOn: '2017-04-21',
    });
  });

  it('reads the joint meeting, who coordinates and the evaluation clauses', () => {
    expect(doc.supervision).toMatchObject({
      leadingBody: '省推进珠江西岸先进装备制造产业带建设联席会议',
      office: '省经济和信息化委',
      cadence: 'quarterly',
    });
    const clauses = doc.supervision.clauses.map((c) => `${c.path.join('/')} ${c.text}`);
    expect(clauses).toContain(
      '四/（一） 各牵头部门要及时将各项指标具体分解落实到珠江西岸六市一区，完善相关指标的统计、监测和考核评估',
    );
    expect(clauses).toContain(
      '四/（五） 强化目标责任落实和动态评价督查，定期组织工作评估，及时通报珠江西岸各地试点示范工作进度和评估结果',
    );
  });

  it.each([
    ['一', 0],
    ['二', 15],
    ['三', 18],
    ['四', 5],
  ])('chapter %s has %d tasks', (chapter, count) => {
    expect(doc.tasks.filter((t) => t.path[0] === chapter).length).toBe(count);
  });

  it('keeps the straight-through numbers of the key-area chapter under their sections', () => {
    const keyAreas = doc.tasks.filter((t) => t.path[0] === '二').map((t) => t.path.join('/'));
    expect(keyAreas).toEqual([
      ...[1, 2, 3, 4, 5, 6, 7].map((n) => `二/（一）/${n}`),
      ...[8, 9, 10, 11].map((n) => `二/（二）/${n}`),
      ...[12, 13, 14, 15].map((n) => `二/（三）/${n}`),
    ]);
    expect(task('二/（二）/8')).toMatchObject({
      heading: '新一代信息技术',
      leadUnits: [],
      supportingUnits: [],
      unitsSource: 'none',
    });
  });

  it.each([
    [
      '三/（一）/1',
      '加大招商引资力度',
      ['省经济和信息化委'],
      [CITIES, MEETING_MEMBERS],
      [
        [800, '个', Y2019],
        [700, '个', Y2019],
        [470, '个', Y2019],
      ],
    ],
    [
      '三/（一）/2',
      '培育龙头骨干企业',
      [CITIES],
      ['省经济和信息化委', MEETING_MEMBERS],
      [
        [12, '%', Y2019],
        [18, '%', Y2019],
        [20, '%', Y2019],
      ],
    ],
    [
      '三/（二）/1',
      '打造产业发展创新载体和公共服务平台',
      ['省发展改革委'],
      ['省经济和信息化委', '省科技厅', '省质监局', CITIES],
      [
        [150, '项', null],
        [20, '个', null],
        [40, '家', null],
        [1200, '家', Y2019],
      ],
    ],
    [
      '三/（二）/3',
      '强化珠江西岸城市群产业链协同创新',
      ['省科技厅'],
      ['省经济和信息化委', '省知识产权局', CITIES],
      [],
    ],
    [
      '三/（三）/3',
      '实施智能制造试点示范项目',
      ['省经济和信息化委'],
      [CITIES],
      [[30, '个', Y2019]],
    ],
    [
      '三/（四）/1',
      '全面推进绿色制造',
      ['省经济和信息化委'],
      [CITIES],
      [
        [28, '个', Y2019],
        [2800, '家', Y2019],
      ],
    ],
    [
      '三/（五）',
      '促进制造业与互联网融合发展',
      ['省经济和信息化委'],
      [CITIES],
      [[40, '家', Y2019]],
    ],
    [
      '三/（六）/2',
      '加快发展供应链管理',
      ['省经济和信息化委'],
      [CITIES],
      [
        [3, '个', Y2019],
        [20, '个', Y2019],
      ],
    ],
    [
      '三/（七）',
      '推动产业与金融结合发展',
      ['省金融办'],
      ['省经济和信息化委', '省知识产权局', CITIES],
      [],
    ],
  ])('%s %s', (p, heading, lead, support, targets) => {
    expect(task(p)).toMatchObject({
      heading,
      leadUnits: lead,
      supportingUnits: support,
      unitsSource: 'own',
    });
    expect(targetsOf(p)).toEqual(targets);
  });

  it('dates the tasks that state 到2019年', () => {
    expect(task('三/（一）/1')).toMatchObject({ deadlineText: '到2019年', deadline: Y2019 });
    expect(task('三/（二）/2')).toMatchObject({ deadlineText: null, deadline: null });
  });

  it('reads the contract example target as written', () => {
    expect(task('三/（三）/1')?.targets).toEqual([
      {
        text: '到2019年，在珠江西岸地区建设10个智能制造系统解决方案公共服务平台',
        value: 10,
        unit: '个',
        by: Y2019,
      },
    ]);
  });

  it('reads the talent targets of 三（八）', () => {
    expect(task('三/（八）')).toMatchObject({
      leadUnits: ['省科技厅'],
      supportingUnits: ['省人力资源社会保障厅', CITIES],
    });
    expect(targetsOf('三/（八）')).toEqual(
      expect.arrayContaining([
        [108, '万人', Y2019],
        [38, '万人', Y2019],
        [35, '%', Y2019],
        [130, '个', Y2019],
        [50, '%', Y2019],
      ]),
    );
  });

  it('leaves the safeguards without units (they carry no clause)', () => {
    expect(['四/（一）', '四/（五）'].map((p) => task(p)?.unitsSource)).toEqual(['none', 'none']);
    expect(task('四/（五）')?.heading).toBe('强化工作评估');
  });
});
