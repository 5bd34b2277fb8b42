import { analysePolicyDocument, extractPolicyDocument } from './policy-document.extractor';

const tasksOf = (lines: string[]) =>
  extractPolicyDocument(lines.join('\n'), { fileName: 'sample.txt' }).tasks.map((t) => ({
    path: t.path.join('/'),
    lead: t.leadUnits,
    support: t.supportingUnits,
    source: t.unitsSource,
  }));

describe('extractPolicyDocument: which items are tasks', () => {
  it('skips goal, principle and situation chapters and container items; keeps leaves and boxes', () => {
    const tasks = tasksOf([
      '一、总体要求',
      '（一）指导思想。',
      '二、发展形势和环境',
      '（一）格局调整。',
      '三、主要目标',
      '1．到2020年，建成一批。',
      '四、重点任务',
      '（一）发展目标',
      '（二）创新',
      '1．平台。',
      '2．中心。',
      '专栏1 创新工程',
      '（三）融合',
      '五、保障措施',
      '（一）组织领导。',
    ]);
    expect(tasks.map((t) => t.path)).toEqual([
      '四/（二）/1',
      '四/（二）/2',
      '四/（二）/专栏1',
      '四/（三）',
      '五/（一）',
    ]);
  });

  it('treats 目标任务 as goals and 组织实施 as safeguards', () => {
    const tasks = tasksOf([
      '一、指导思想和目标任务',
      '（一）指导思想。',
      '（二）目标任务。',
      '二、组织实施',
      '（一）加强领导。',
    ]);
    expect(tasks.map((t) => t.path)).toEqual(['二/（一）']);
  });

  it('keeps a goals item inside a task chapter out by its heading alone', () => {
    const tasks = tasksOf([
      '一、主要任务',
      '（一）主要目标。到2020年完成。',
      '（二）强化目标责任考核。',
    ]);
    expect(tasks.map((t) => t.path)).toEqual(['一/（二）']);
  });
});

describe('extractPolicyDocument: units', () => {
  it('passes a container clause down to its children and keeps own clauses', () => {
    const tasks = tasksOf([
      '一、主要任务',
      '（一）产业。导语。（牵头单位：自治区工业和信息化委、发展改革委；配合单位：财政厅，各市人民政府）',
      '1．甲。',
      '2．乙。（牵头单位：自治区科技厅）',
      '（二）其他。',
    ]);
    expect(tasks).toEqual([
      {
        path: '一/（一）/1',
        lead: ['自治区工业和信息化委', '自治区发展改革委'],
        support: ['自治区财政厅', '各市人民政府'],
        source: 'inherited',
      },
      { path: '一/（一）/2', lead: ['自治区科技厅'], support: [], source: 'own' },
      { path: '一/（二）', lead: [], support: [], source: 'none' },
    ]);
  });

  it('applies a 下同 convention to later clauses, and first-leads to bare lists', () => {
    const tasks = tasksOf([
      '一、主要任务',
      '1．甲。（责任单位：自治区科技厅、发展改革委，各市人民政府；排在第一位的为牵头单位，下同）',
      '2．乙。（责任单位：自治区工业和信息化厅、国资委）',
      '3．丙。（自治区商务厅，各市人民政府）',
    ]);
    expect(tasks.map((t) => [t.lead, t.support])).toEqual([
      [['自治区科技厅'], ['自治区发展改革委', '各市人民政府']],
      [['自治区工业和信息化厅'], ['自治区国资委']],
      [['自治区商务厅'], ['各市人民政府']],
    ]);
  });

  it('applies a convention stated once elsewhere in other words (first two lead)', () => {
    const tasks = tasksOf([
      '各项任务中排在前两位的单位为牵头单位。',
      '一、主要任务',
      '1．甲。（省发展改革委、省财政厅、省科技厅负责）',
    ]);
    expect(tasks[0]).toMatchObject({ lead: ['省发展改革委', '省财政厅'], support: ['省科技厅'] });
  });

  it('merges several clauses of one item, a lead unit never also supporting', () => {
    const tasks = tasksOf([
      '一、主要任务',
      '1．甲。建设平台（省发展改革委牵头，省财政厅配合）。完善标准（省市场监管局牵头，省发展改革委、各地级以上市人民政府配合）。',
    ]);
    expect(tasks[0]).toMatchObject({
      lead: ['省发展改革委', '省市场监管局'],
      support: ['省财政厅', '各地级以上市人民政府'],
      source: 'own',
    });
  });

  it('makes 责任单位 beside an explicit 牵头单位 supporters and ignores a time limit inside the clause', () => {
    const tasks = tasksOf([
      '一、主要任务',
      '（一）推进上云。（牵头单位：省工信厅；责任单位：省发改委，各市州人民政府；2021年底前完成）',
    ]);
    expect(tasks[0]).toMatchObject({ lead: ['省工信厅'], support: ['省发改委', '各市州人民政府'] });
  });

  it('reads items numbered straight through the chapters', () => {
    const tasks = tasksOf([
      '一、创新',
      '1．甲。（省科技厅负责）',
      '2．乙。',
      '二、开放',
      '3．丙。（省商务厅负责）',
      '4．丁。（省商务厅、省发展改革委负责）',
    ]);
    expect(tasks.map((t) => `${t.path}:${t.lead.join('|')}:${t.source}`)).toEqual([
      '一/1:省科技厅:own',
      '一/2::none',
      '二/3:省商务厅:own',
      '二/4:省商务厅:own',
    ]);
  });
});

describe('extractPolicyDocument: time limits', () => {
  it('dates 年内 by the issue year and 印发之日起30日内 from the issue date', () => {
    const text = [
      '关于印发实施方案的通知',
      '某某市人民政府',
      '2021年3月1日',
      '一、主要任务',
      '1．甲。年内完成。',
      '2．乙。自印发之日起30日内制定细则。',
      '3．丙（2021年6月底前完成）。',
    ].join('\n');
    const doc = extractPolicyDocument(text, { fileName: 'x.txt' });
    expect(doc.tasks.map((t) => [t.heading, t.deadlineText, t.deadline])).toEqual([
      ['甲', '年内', '2021-12-31'],
      ['乙', '印发之日起30日内', '2021-03-31'],
      ['丙', '2021年6月底前', '2021-06-30'],
    ]);
  });
});

describe('analysePolicyDocument', () => {
  it('exposes the whole outline and warns about tasks without units and unknown units', () => {
    const analysis = analysePolicyDocument(
      [
        '一、主要任务',
        '（一）产业。',
        '1．甲。（牵头单位：自治区工业和信息化委；配合单位：自治区火星开发委）',
        '2．乙。',
      ].join('\n'),
      { fileName: 'w.txt' },
    );
    expect(analysis.outline).toHaveLength(1);
    expect(analysis.outline[0].children[0]).toMatchObject({
      path: ['一', '（一）'],
      isTask: false,
      excluded: false,
    });
    expect(analysis.warnings.map((w) => w.code)).toEqual([
      'TASK_WITHOUT_UNITS',
      'UNIT_NOT_IN_REGISTRY',
    ]);
    expect(analysis.warnings[1]).toMatchObject({ unit: '自治区火星开发委' });
  });

  it('warns once when a document has no responsibility clauses at all', () => {
    const analysis = analysePolicyDocument('一、主要任务\n（一）甲。\n（二）乙。', {
      fileName: 'n.txt',
    });
    expect(analysis.warnings.map((w) => w.code)).toEqual(['NO_RESPONSIBILITY_CLAUSES']);
  });
});
