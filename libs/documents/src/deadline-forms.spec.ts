import { extractPolicyDocument } from './policy-document.extractor';

// Deadline forms as an office writes them, end to end: year spans, recurring and standing limits
// (null date, with their recurrence), in body clauses, labelled lines and task-table cells.
const PLAN = [
  '某县2023年重点工作任务分工方案',
  '一、重点任务',
  '（一）建设高标准农田。2023—2025年，每年新增高标准农田5万亩。（县农业农村局牵头，县财政局配合）',
  '（二）开展安全生产检查。',
  '牵头单位：县应急管理局',
  '完成时限：每季度',
  '（三）推进营商环境建设。长期坚持，持续优化服务。（县政务服务中心负责）',
  '（四）落实规划。实施《某县国土空间规划（2021—2035年）》，2023年底前完成村庄规划编制。（县自然资源局负责）',
  '（五）统计年报。完成时限：每年',
  '牵头单位：县统计局',
].join('\n');

describe('deadline forms', () => {
  const tasks = new Map(
    extractPolicyDocument(PLAN, { fileName: 'plan.txt' }).tasks.map((t) => [t.path.join('/'), t]),
  );

  it('ends a span of years with the last one, and gives no recurrence to a dated task', () => {
    const t = tasks.get('一/（一）');
    expect(t).toMatchObject({
      deadlineText: '2023—2025年',
      deadline: '2025-12-31',
      leadUnits: ['县农业农村局'],
      supportingUnits: ['县财政局'],
    });
    expect(t).not.toHaveProperty('recurrence');
  });

  it('reads a quarterly or yearly limit as recurring, with no date', () => {
    expect(tasks.get('一/（二）')).toMatchObject({
      deadlineText: '每季度',
      deadline: null,
      recurrence: 'quarterly',
      leadUnits: ['县应急管理局'],
    });
    expect(tasks.get('一/（五）')).toMatchObject({
      deadlineText: '每年',
      deadline: null,
      recurrence: 'yearly',
      leadUnits: ['县统计局'],
    });
  });

  it('reads standing work as ongoing, with no date', () => {
    expect(tasks.get('一/（三）')).toMatchObject({
      deadlineText: '长期坚持',
      deadline: null,
      recurrence: 'ongoing',
    });
  });

  it('takes no span from a cited title', () => {
    const t = tasks.get('一/（四）');
    expect(t).toMatchObject({ deadlineText: '2023年底前', deadline: '2023-12-31' });
    expect(t).not.toHaveProperty('recurrence');
  });

  it('reads a task table whose time-limit cells recur or stand', () => {
    const table = [
      '某市2024年重点任务分工表',
      '序号\t工作任务\t牵头单位\t配合单位\t完成时限',
      '1\t开展月度经济运行分析\t市统计局\t市发展改革委\t每月',
      '2\t推进数字政府建设\t市数据局\t市财政局\t2024—2026年',
      '3\t优化营商环境\t市发展改革委\t市市场监管局\t长期',
    ].join('\n');
    const rows = extractPolicyDocument(table, { fileName: 'table.txt' }).tasks;
    expect(
      rows.map((t) => [t.path.join('/'), t.deadlineText, t.deadline, t.recurrence ?? null]),
    ).toEqual([
      ['1', '每月', null, 'monthly'],
      ['2', '2024—2026年', '2026-12-31', null],
      ['3', '长期', null, 'ongoing'],
    ]);
  });
});
