import { alignCells, columnRoleOf, locateTaskTables, splitCells } from './task-table.locator';
import { documentLeadCount, parseTaskTables } from './task-table.parser';
import { rowMatchesHeading } from './table-tasks';

const ctx = { planYear: 2022, issuedOn: '2022-03-01' };

describe('task table reader: cells and columns', () => {
  it.each([
    ['序号', 'seq'],
    ['重点任务', 'task'],
    ['工作内容', 'task'],
    ['重点工作', 'task'],
    ['牵头部门', 'lead'],
    ['主责单位', 'lead'],
    ['责任单位', 'responsible'],
    ['参与单位', 'support'],
    ['时间节点', 'deadline'],
    ['时限要求', 'deadline'],
    ['类别', 'category'],
    ['项目名称', null],
  ])('%s is a %s column', (name, role) => {
    expect(columnRoleOf(name)).toBe(role);
  });

  it('splits tabs (keeping blank cells), runs of spaces and pipes', () => {
    expect(splitCells('\t2\t开展培训\t省人社厅')?.cells).toEqual(['', '2', '开展培训', '省人社厅']);
    expect(splitCells('　　1　　推进企业上云　　省工信厅')?.cells).toEqual([
      '1',
      '推进企业上云',
      '省工信厅',
    ]);
    expect(splitCells('| 1 |  | 推进企业上云 |')).toEqual({
      shape: 'pipes',
      cells: ['1', '', '推进企业上云'],
    });
    expect(splitCells('　　推进企业上云，每年新增上云企业5万家。')).toBeNull();
  });

  it('places the blank cells of a short row in the optional columns that fit', () => {
    const columns = ['category', 'seq', 'task', 'lead', 'support', 'deadline'] as const;
    expect(alignCells(['2', '开展培训', '省人社厅', '省财政厅', '年底前'], [...columns])).toEqual([
      '',
      '2',
      '开展培训',
      '省人社厅',
      '省财政厅',
      '年底前',
    ]);
    expect(
      alignCells(['数字基建', '3', '建设数据中心', '省发展改革委', '2023年6月'], [...columns]),
    ).toEqual(['数字基建', '3', '建设数据中心', '省发展改革委', '', '2023年6月']);
    expect(alignCells(['3', '建设数据中心'], [...columns])).toBeNull();
  });
});

describe('task table reader: tables', () => {
  const spaced = [
    '附件2',
    '',
    '重点工作任务分工方案',
    '',
    '类别　　序号　　重点工作　　牵头单位　　配合单位　　完成时限',
    '数字基建　　1　　建设全省一体化大数据中心　　省大数据局　　发展改革委、财政厅　　2022年底前',
    '2　　推进千兆光网进小区　　省通信管理局　　省住房城乡建设厅　　2022年6月',
    '数字应用　　3　　培育数字化转型服务商50家　　省工业和信息化厅　　省科技厅　　每年',
    '',
    '注：各项任务均需每季度报送进展。',
  ].join('\n');

  it('reads a spaced table in an annex, with its category carried down and bare names prefixed', () => {
    const [table] = parseTaskTables(spaced, ctx);
    expect(table).toMatchObject({
      shape: 'cells',
      annexLabel: '附件2',
      title: '重点工作任务分工方案',
      startLine: 5,
    });
    expect(table.rows.map((r) => [r.seq, r.category, r.task])).toEqual([
      ['1', '数字基建', '建设全省一体化大数据中心'],
      ['2', '数字基建', '推进千兆光网进小区'],
      ['3', '数字应用', '培育数字化转型服务商50家'],
    ]);
    expect(table.rows[0]).toMatchObject({
      leadUnits: ['省大数据局'],
      supportingUnits: ['省发展改革委', '省财政厅'],
      deadlineText: '2022年底前',
      deadline: '2022-12-31',
    });
    expect(table.rows[1]).toMatchObject({ deadlineText: '2022年6月', deadline: '2022-06-30' });
    expect(table.rows[2]).toMatchObject({ deadlineText: '每年', deadline: null });
    expect(table.rows[2].targets).toEqual([
      { text: '培育数字化转型服务商50家', value: 50, unit: '家', by: null },
    ]);
  });

  it('splits a 责任单位 column by the lead rule (first one leads unless stated otherwise)', () => {
    const text = [
      '| 序号 | 主要任务 | 责任单位 | 时间节点 |',
      '|---|---|---|---|',
      '| 1 | 建立台账 | 市发展改革委、财政局、统计局 | 年内 |',
    ].join('\n');
    expect(parseTaskTables(text, ctx)[0].rows[0]).toMatchObject({
      leadUnits: ['市发展改革委'],
      supportingUnits: ['市财政局', '市统计局'],
      deadline: '2022-12-31',
    });
    const twoLead = `责任单位排在前两位的为牵头单位。\n${text}`;
    expect(documentLeadCount(twoLead)).toBe(2);
    expect(parseTaskTables(twoLead, ctx)[0]).toMatchObject({ annexLabel: null });
    expect(parseTaskTables(twoLead, ctx)[0].rows[0]).toMatchObject({
      leadUnits: ['市发展改革委', '市财政局'],
      supportingUnits: ['市统计局'],
    });
  });

  it('reads a table written one cell per line, a short last row included', () => {
    const text = [
      '附件',
      '序号',
      '工作任务',
      '牵头单位',
      '配合单位',
      '完成时限',
      '1',
      '推进企业上云',
      '省工业和信息化厅',
      '省通信管理局',
      '2022年底前',
      '2',
      '建设工业互联网平台',
      '省工业和信息化厅',
      '持续推进',
      '',
      '省人民政府办公厅',
    ].join('\n');
    const [table] = parseTaskTables(text, ctx);
    expect(table).toMatchObject({
      shape: 'lines',
      annexLabel: '附件',
      columns: ['seq', 'task', 'lead', 'support', 'deadline'],
    });
    expect(table.rows.map((r) => [r.seq, r.leadUnits, r.supportingUnits, r.deadlineText])).toEqual([
      ['1', ['省工业和信息化厅'], ['省通信管理局'], '2022年底前'],
      ['2', ['省工业和信息化厅'], [], '持续推进'],
    ]);
  });

  it('finds no table in prose, in a labelled clause line or in a project list', () => {
    expect(
      locateTaskTables('牵头单位：省商务厅　　配合单位：省财政厅　　完成时限：2022年底前'),
    ).toEqual([]);
    expect(
      locateTaskTables(
        '序号　项目名称　建设规模　责任单位\n1　茶叶加工项目　年加工5000吨　雷山县人民政府',
      ),
    ).toEqual([]);
  });

  it('keeps a header whose rows cannot be read, with no rows', () => {
    const [table] = locateTaskTables('序号\t重点任务\t牵头单位\n（另行印发）');
    expect(table.rows).toEqual([]);
  });
});

describe('matching a row to a body heading', () => {
  const row = {
    task: '培育夜间经济消费集聚区，认定市级集聚区5个',
    heading: '培育夜间经济消费集聚区',
  };
  it.each([
    ['培育夜间经济消费集聚区', 'exact'],
    ['培育夜间经济', 'contains'],
    ['培育“夜间经济”消费集聚区。', 'exact'],
    ['发展农村消费', null],
    ['培育', null],
  ])('%s → %s', (heading, expected) => {
    expect(rowMatchesHeading(row, heading)).toBe(expected);
  });
});

describe('task table reader: a blank lead cell', () => {
  it("lets the row's responsible units lead together when its 牵头单位 cell is blank", () => {
    const text = [
      '附件',
      '重点任务分工表',
      '序号\t重点任务\t牵头单位\t责任单位\t完成时限',
      '1\t建设平台\t市发展改革委\t市财政局\t2023年底前',
      '2\t开展培训\t\t市人社局、市教育局\t2023年6月',
    ].join('\n');
    const [table] = parseTaskTables(text, ctx);
    expect(table.rows.map((r) => [r.leadUnits, r.supportingUnits])).toEqual([
      [['市发展改革委'], ['市财政局']],
      [['市人社局', '市教育局'], []],
    ]);
  });
});
