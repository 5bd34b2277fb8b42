import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { extractPolicyDocument } from './policy-document.extractor';

// Two short plans written in other issuers' styles (a province's general office, a city), to keep
// the rules general: verb-form clauses, a lead rule stated once, `等…按职责分工负责`, straight-through
// numbering across chapters, half-width numbering, a box with its own (1) list, per-task time limits.
const read = (file: string) => readFileSync(path.join(__dirname, '__fixtures__', file), 'utf8');
const byPath = (doc: ReturnType<typeof extractPolicyDocument>) =>
  new Map(doc.tasks.map((t) => [t.path.join('/'), t]));

describe('a province general office plan with verb-form clauses', () => {
  const doc = extractPolicyDocument(read('hunan-style-plan.txt'), {
    fileName: 'hunan-style-plan.txt',
  });
  const tasks = byPath(doc);

  it('reads the notice facts', () => {
    expect(doc.docNumber).toBe('湘政办发〔2021〕12号');
    expect(doc.issuedOn).toBe('2021-03-15');
    expect(doc.issuer).toBe('湖南省人民政府办公厅');
    expect(doc.supervision.leadingBody).toBe('省制造业数字化转型工作领导小组');
    expect(doc.supervision.office).toBe('省工业和信息化厅');
    expect(doc.supervision.cadence).toBe('quarterly');
  });

  it('keeps the goals chapter out and numbers items straight through the chapters', () => {
    expect([...tasks.keys()]).toEqual(['二/1', '二/2', '二/3', '二/4', '三/5', '三/6']);
  });

  it.each([
    ['二/1', ['省工业和信息化厅'], ['省通信管理局', '省财政厅'], '到2022年', '2022-12-31'],
    ['二/2', ['省工业和信息化厅'], ['省发展改革委'], '2021年6月底前', '2021-06-30'],
    ['二/3', ['省通信管理局'], ['省工业和信息化厅', '各市州人民政府'], '年内', '2021-12-31'],
    ['二/4', ['省市场监管局'], ['省工业和信息化厅', '省科技厅'], '印发之日起30日内', '2021-04-14'],
    ['三/6', ['省财政厅'], ['省工业和信息化厅'], null, null],
  ])('%s has its units and time limit', (p, lead, support, deadlineText, deadline) => {
    const t = tasks.get(p);
    expect(t).toMatchObject({
      leadUnits: lead,
      supportingUnits: support,
      deadlineText,
      deadline,
      unitsSource: 'own',
    });
  });

  it('does not take a stated lead rule for a unit', () => {
    expect(tasks.get('三/5')).toMatchObject({
      leadUnits: [],
      supportingUnits: [],
      unitsSource: 'none',
    });
  });

  it('reads targets with their year', () => {
    expect(tasks.get('二/1')?.targets).toEqual([
      expect.objectContaining({ value: 5, unit: '万家', by: '2022-12-31' }),
    ]);
    expect(tasks.get('二/3')?.targets).toEqual([
      expect.objectContaining({ value: 2, unit: '万个', by: '2021-12-31' }),
    ]);
  });
});

describe('a city plan with half-width numbering and a box with its own list', () => {
  const doc = extractPolicyDocument(read('city-style-plan.txt'), {
    fileName: 'city-style-plan.txt',
  });
  const tasks = byPath(doc);

  it('finds every task, the box holding its own (1) (2) list', () => {
    expect([...tasks.keys()]).toEqual([
      '三/（一）/1',
      '三/（一）/2',
      '三/（二）/3',
      '三/（二）/4',
      '三/（二）/专栏1',
      '四/5',
    ]);
    expect(tasks.get('三/（二）/专栏1')?.targets.map((t) => t.value)).toEqual([50, 80]);
  });

  it.each([
    ['三/（一）/1', ['市工业和信息化局'], ['市投资促进局', '市商务局']],
    ['三/（一）/2', ['市工业和信息化局'], ['市发展改革委', '市自然资源局']],
    ['三/（二）/3', ['市自然资源局'], []],
    // Two clauses in one item: the first list (its first unit leads), then `市金融办牵头`.
    ['三/（二）/4', ['市财政局', '市金融办'], ['市国资委', '市工业和信息化局']],
    // An office of the government in a bare list.
    ['四/5', ['市政府督查室'], ['市工业和信息化局']],
  ])('%s has its units', (p, lead, support) => {
    expect(tasks.get(p)).toMatchObject({ leadUnits: lead, supportingUnits: support });
  });

  it('keeps ongoing wording without a date, and reads a half-yearly inspection cadence', () => {
    expect(tasks.get('三/（二）/3')).toMatchObject({ deadlineText: '长期坚持', deadline: null });
    expect(doc.supervision.cadence).toBe('half-yearly');
    expect(doc.supervision.clauses.map((c) => c.text)).toEqual([
      '市政府督查室每半年对任务落实情况开展督查，结果纳入年度绩效考评',
    ]);
  });
});
