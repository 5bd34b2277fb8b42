import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analysePolicyDocument, extractPolicyDocument } from './policy-document.extractor';

// Documents whose task division stands in a table (an annex's 重点任务分工表, or a table in the body),
// in the three plain-text shapes: tab / space separated cells, pipes, one cell per line.
const read = (file: string) => readFileSync(path.join(__dirname, '__fixtures__', file), 'utf8');
const byPath = (doc: ReturnType<typeof extractPolicyDocument>) =>
  new Map(doc.tasks.map((t) => [t.path.join('/'), t]));

describe('an annex table in tab-separated cells whose rows restate the body items', () => {
  const analysis = analysePolicyDocument(read('annex-table-tabs.txt'), {
    fileName: 'annex-table-tabs.txt',
  });
  const tasks = byPath(analysis.document);

  it('gives the body items the matching rows and keeps only the other rows as annex tasks', () => {
    expect([...tasks.keys()]).toEqual([
      '二/（一）',
      '二/（二）',
      '二/（三）',
      '二/（四）',
      '二/（五）',
      '三/（一）',
      '三/（二）',
      '附件/6',
      '附件/7',
    ]);
  });

  it.each([
    [
      '二/（一）',
      ['省经济和信息化厅'],
      ['省通信管理局', '省财政厅', '各市（州）人民政府'],
      '2024年底前',
      '2024-12-31',
    ],
    ['二/（二）', ['省经济和信息化厅'], ['省科技厅'], '2024年', '2024-12-31'],
    [
      '二/（三）',
      ['省发展改革委'],
      ['省大数据中心', '省经济和信息化厅'],
      '2023年6月',
      '2023-06-30',
    ],
    ['二/（四）', ['省通信管理局'], [], '持续推进', null],
    ['二/（五）', ['省经济和信息化厅'], ['省人力资源社会保障厅'], '每年', null],
    ['附件/6', ['省经济和信息化厅'], ['省市场监管局'], '2022年12月底前', '2022-12-31'],
    ['附件/7', ['省经济和信息化厅'], ['省统计局'], '2023年上半年', '2023-06-30'],
  ])('%s has the row units and time limit', (p, lead, support, deadlineText, deadline) => {
    expect(tasks.get(p)).toMatchObject({
      leadUnits: lead,
      supportingUnits: support,
      unitsSource: 'own',
      deadlineText,
      deadline,
    });
  });

  it('keeps the body text targets and reads an annex row heading and targets', () => {
    expect(tasks.get('二/（二）')?.targets).toEqual([
      { text: '到2024年培育省级平台30个', value: 30, unit: '个', by: '2024-12-31' },
    ]);
    expect(tasks.get('附件/6')).toMatchObject({
      heading: '建立企业上云服务商资源池，遴选优质云服务商100家',
      targets: [{ text: '遴选优质云服务商100家', value: 100, unit: '家', by: null }],
    });
  });

  it('leaves unmatched body items without units and warns as before', () => {
    // `省经济和信息化厅会同有关部门建立工作推进机制`: the sentence's subject assigns the item.
    expect(tasks.get('三/（一）')).toMatchObject({
      unitsSource: 'own',
      leadUnits: ['省经济和信息化厅'],
      supportingUnits: ['有关部门'],
    });
    const codes = analysis.warnings.map((w) => w.code);
    expect(codes).not.toContain('NO_RESPONSIBILITY_CLAUSES');
    expect(
      analysis.warnings
        .filter((w) => w.code === 'TASK_WITHOUT_UNITS')
        .map((w) => w.path?.join('/')),
    ).toEqual(['三/（二）']);
  });

  it('shows the annex as a root of the outline', () => {
    const annex = analysis.outline.find((i) => i.path[0] === '附件');
    expect(annex).toMatchObject({
      heading: '四川省推进企业上云用数三年行动重点任务分工表',
      isTask: false,
    });
    expect(annex?.children.map((c) => c.path)).toEqual([
      ['附件', '6'],
      ['附件', '7'],
    ]);
  });
});

describe('an annex table in pipes with a category column', () => {
  const doc = extractPolicyDocument(read('annex-table-pipes.txt'), {
    fileName: 'annex-table-pipes.txt',
  });
  const tasks = byPath(doc);

  it('numbers rows under 附件1 and ignores the project table of 附件2', () => {
    expect([...tasks.keys()].filter((k) => k.startsWith('附件'))).toEqual([
      '附件1/1',
      '附件1/2',
      '附件1/3',
      '附件1/5',
      '附件1/6',
    ]);
  });

  it('gives a body item whose heading a row contains that row', () => {
    expect(tasks.get('二/（三）')).toMatchObject({
      leadUnits: ['市商务局'],
      supportingUnits: ['市文化广电和旅游局', '各城区人民政府'],
      unitsSource: 'own',
      deadlineText: '2023年第三季度前',
      deadline: '2023-09-30',
    });
    expect(tasks.get('二/（一）')).toMatchObject({ unitsSource: 'none' });
  });

  it.each([
    ['附件1/1', ['市公安局', '市财政局'], '2023年12月底前', '2023-12-31'],
    ['附件1/2', ['市市场监管局'], '2023年6月底前', '2023-06-30'],
    ['附件1/5', ['市交通运输局', '市邮政管理局'], '2023年', '2023-12-31'],
    ['附件1/6', ['市农业农村局', '市乡村振兴局'], '长期坚持', null],
  ])('%s: 市商务局 leads', (p, support, deadlineText, deadline) => {
    expect(tasks.get(p)).toMatchObject({
      leadUnits: ['市商务局'],
      supportingUnits: support,
      deadlineText,
      deadline,
    });
  });

  it('reads the row targets', () => {
    expect(tasks.get('附件1/1')?.targets).toMatchObject([{ value: 10, unit: '场' }]);
    expect(tasks.get('附件1/5')?.targets).toMatchObject([{ value: 3, unit: '个' }]);
  });
});

describe('an annex table written one cell per line with one 责任单位 column', () => {
  const doc = extractPolicyDocument(read('annex-table-cell-lines.txt'), {
    fileName: 'annex-table-cell-lines.txt',
  });
  const tasks = byPath(doc);

  it('reads five rows under 附件', () => {
    expect([...tasks.keys()].filter((k) => k.startsWith('附件'))).toEqual([
      '附件/1',
      '附件/2',
      '附件/3',
      '附件/4',
      '附件/5',
    ]);
  });

  it.each([
    ['附件/1', ['县市场监管局', '县行政审批服务局'], ['县税务局'], '2023年4月底前', '2023-04-30'],
    [
      '附件/2',
      ['县住房城乡建设局', '县行政审批服务局'],
      ['县自然资源局', '县发展改革局'],
      '2023年6月底前',
      '2023-06-30',
    ],
    ['附件/3', ['县政务服务中心', '县工商联'], [], '长期坚持', null],
    ['附件/5', ['县司法局', '县工商联'], ['县律师协会'], null, null],
  ])(
    '%s: the first two listed lead, as the plan states',
    (p, lead, support, deadlineText, deadline) => {
      expect(tasks.get(p)).toMatchObject({
        leadUnits: lead,
        supportingUnits: support,
        unitsSource: 'own',
        deadlineText,
        deadline,
      });
    },
  );

  it('keeps a figure of the task text as a target', () => {
    expect(tasks.get('附件/4')?.targets).toMatchObject([{ value: 30, unit: '次' }]);
  });
});

describe('a table inside the body and a table without rows', () => {
  const body = [
    '某市推进数字政府建设工作方案',
    '一、总体要求',
    '到2023年，政务服务事项全程网办率达到90%。',
    '二、重点任务分工',
    '序号\t重点任务\t牵头单位\t配合单位\t完成时限',
    '1\t建设政务云平台\t市大数据局\t市财政局\t2023年底前',
    '2\t推进电子证照应用\t市政务服务局\t市大数据局、公安局\t2023年6月底前',
    '三、保障措施',
    '（一）加强组织领导。（责任单位：市政府办公室）',
  ].join('\n');

  it('hangs the rows under the item the table stands in, which becomes a container', () => {
    const doc = extractPolicyDocument(body, { fileName: 'body.txt' });
    expect(doc.tasks.map((t) => t.path.join('/'))).toEqual(['二/1', '二/2', '三/（一）']);
    expect(doc.tasks[1]).toMatchObject({
      heading: '推进电子证照应用',
      leadUnits: ['市政务服务局'],
      supportingUnits: ['市大数据局', '市公安局'],
      deadline: '2023-06-30',
    });
    expect(doc.tasks[2].targets).toEqual([]);
  });

  it('warns about a table header with no readable row', () => {
    const text = `${body}\n\n附件\n\n重点任务分工表\n\n序号　　重点任务　　牵头单位　　配合单位\n（分工另行印发）`;
    const analysis = analysePolicyDocument(text, { fileName: 'empty.txt' });
    expect(analysis.warnings.filter((w) => w.code === 'TABLE_WITHOUT_ROWS')).toMatchObject([
      { path: ['附件'] },
    ]);
  });
});
