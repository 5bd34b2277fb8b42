import { analysePolicyDocument } from '../policy-document.extractor';

// Clause shapes met in the corpus of other issuers' documents, one focused document each.
const tasksOf = (text: string) =>
  analysePolicyDocument(text, { fileName: '2023-shape.txt' }).document.tasks;

describe('a line that states the division of work', () => {
  it('reads `部门分工：A牵头，各地、各部门配合。` under a line naming the leader in charge', () => {
    const [task] = tasksOf(
      '一、主要目标\n1.地区生产总值增长6%以上。\n分管省领导：林克庆\n部门分工：省发展改革委牵头，各地、各部门配合。\n',
    );
    expect(task).toMatchObject({
      leadUnits: ['省发展改革委'],
      supportingUnits: ['各地', '各部门'],
      unitsSource: 'own',
    });
  });

  it('names no unit when the labelled line assigns nothing', () => {
    const [task] = tasksOf('一、主要任务\n1.做好甲工作。\n部门分工：另行通知。\n');
    expect(task).toMatchObject({ leadUnits: [], supportingUnits: [], unitsSource: 'none' });
  });
});

describe('places as a whole in unit lists', () => {
  it('keeps 各街道 and 各地 as units of their own beside the next name', () => {
    const [a, b] = tasksOf(
      '一、任务\n1.甲。\n牵头单位：区发改局\n责任单位：立山经济开发区，各街道、区直各部门\n2.乙。（区商务局牵头，各地、区市场局配合）\n',
    );
    expect(a).toMatchObject({
      leadUnits: ['区发改局'],
      supportingUnits: ['立山经济开发区', '各街道', '区直各部门'],
    });
    expect(b).toMatchObject({ leadUnits: ['区商务局'], supportingUnits: ['各地', '区市场局'] });
  });

  it('still reads `各市、县人民政府` as one collective', () => {
    const [task] = tasksOf('一、任务\n1.甲。（省财政厅牵头，各市、县人民政府配合）\n');
    expect(task).toMatchObject({ leadUnits: ['省财政厅'], supportingUnits: ['各市、县人民政府'] });
  });
});

describe('a standing rule that is not listed again', () => {
  it('adds `以下…均需A、B落实，不再单独列出` to every later clause', () => {
    const text =
      '一、落实财税支持政策\n1.甲。（责任单位：市工信局、市财政局等有关部门，各县区人民政府、园区管委会。以下政策措施均需各县区人民政府、园区管委会落实，不再单独列出）\n' +
      '2.乙。（责任单位：市工信局、市财政局）\n3.丙。（责任单位：市商务局）\n';
    const [a, b, c] = tasksOf(text);
    expect(a).toMatchObject({
      leadUnits: ['市工信局'],
      supportingUnits: ['市财政局', '各县区人民政府', '园区管委会'],
    });
    expect(b).toMatchObject({
      leadUnits: ['市工信局'],
      supportingUnits: ['市财政局', '各县区人民政府', '园区管委会'],
    });
    expect(c).toMatchObject({
      leadUnits: ['市商务局'],
      supportingUnits: ['各县区人民政府', '园区管委会'],
    });
  });
});

describe('the document’s usual prefix', () => {
  const text =
    '一、任务\n1.甲。\n牵头单位：区财政局\n责任单位：立山经济开发区，各街道，税务局\n2.乙。\n牵头单位：区商务局\n责任单位：市场局、区工信局\n';
  it('is taken by a clause that starts bare, not by a bare name after names of their own', () => {
    const [a, b] = tasksOf(text);
    expect(a).toMatchObject({
      leadUnits: ['区财政局'],
      supportingUnits: ['立山经济开发区', '各街道', '税务局'],
    });
    expect(b).toMatchObject({ leadUnits: ['区商务局'], supportingUnits: ['区市场局', '区工信局'] });
  });
});

describe('a clause line closing several sub-items', () => {
  it('belongs to their parent when none of them has a clause of its own', () => {
    const tasks = tasksOf(
      '（一）建设\n1.完善预案体系\n（1）加强预案管理。\n（2）推进预案精编化。\n（责任单位：市直各有关单位、各县(市、区)人民政府、各开发区管委会）\n',
    );
    expect(tasks.map((t) => t.path.join('/'))).toEqual(['（一）/1/（1）', '（一）/1/（2）']);
    for (const t of tasks) {
      expect(t).toMatchObject({
        leadUnits: ['市直各有关单位'],
        supportingUnits: ['各县(市、区)人民政府', '各开发区管委会'],
        unitsSource: 'inherited',
      });
    }
  });

  it('stays with the last sub-item when its siblings state their own', () => {
    const tasks = tasksOf(
      '（一）建设\n1.完善预案体系\n（1）加强预案管理。\n（责任单位：市应急局）\n（2）推进预案精编化。\n（责任单位：市水利局）\n',
    );
    expect(tasks.map((t) => [t.leadUnits, t.unitsSource])).toEqual([
      [['市应急局'], 'own'],
      [['市水利局'], 'own'],
    ]);
  });
});

describe('stated lead rules', () => {
  it('reads `列第一位的责任单位为牵头单位` in the notice for every list', () => {
    const text =
      '责任分解中，列第一位的责任单位为牵头单位或汇总单位。\n一、重点工作\n1.甲。（市发改委、市财政局）\n2.乙。（市商务局、市财政局）\n';
    const analysis = analysePolicyDocument(text, { fileName: 'r.txt' });
    expect(analysis.document.tasks.map((t) => [t.leadUnits, t.supportingUnits])).toEqual([
      [['市发改委'], ['市财政局']],
      [['市商务局'], ['市财政局']],
    ]);
    expect(analysis.warnings.map((w) => w.code)).not.toContain('LEAD_ASSUMED');
  });

  it('makes every responsible unit lead under `无牵头单位的，责任单位即为牵头单位`', () => {
    const text =
      '各牵头单位（无牵头单位的，责任单位即为牵头单位，下同）要制订办理方案。\n一、重点工作\n1.甲。\n责任单位：市发改委、市财政局\n2.乙。\n牵头单位：市商务局\n责任单位：市财政局\n';
    const analysis = analysePolicyDocument(text, { fileName: 'r.txt' });
    expect(analysis.document.tasks.map((t) => [t.leadUnits, t.supportingUnits])).toEqual([
      [['市发改委', '市财政局'], []],
      [['市商务局'], ['市财政局']],
    ]);
    expect(analysis.warnings.map((w) => w.code)).not.toContain('LEAD_ASSUMED');
  });
});

describe('more clause shapes', () => {
  const first = (text: string) => tasksOf(`一、任务\n1.甲。${text}\n`)[0];
  it.each([
    [
      '主要责任单位 / 其他责任单位 lines',
      '\n主要责任单位：县发改局\n其他责任单位：县财政局、各乡镇人民政府',
      ['县发改局'],
      ['县财政局', '各乡镇人民政府'],
    ],
    ['a 责任主体 line', '\n责任主体：各县（市、区）人民政府', ['各县（市、区）人民政府'], []],
    [
      '负责落实 after a lead, a bracket inside a collective',
      '（省财政厅牵头；各市、县（区）人民政府负责落实）',
      ['省财政厅'],
      ['各市、县（区）人民政府'],
    ],
    [
      'a （牵头） mark on a labelled line',
      '\n责任单位：县发改局（牵头）、县财政局、县自然资源局',
      ['县发改局'],
      ['县财政局', '县自然资源局'],
    ],
    [
      'a 〔牵头〕 mark in a bare list',
      '（县财政局，县发改局〔牵头〕）',
      ['县发改局'],
      ['县财政局'],
    ],
    [
      'a labelled clause broken over two lines',
      '（牵头单位：省财政厅\n配合单位：省商务厅）',
      ['省财政厅'],
      ['省商务厅'],
    ],
  ])('%s', (_shape, text, lead, support) => {
    expect(first(text)).toMatchObject({
      leadUnits: lead,
      supportingUnits: support,
      unitsSource: 'own',
    });
  });

  it('keeps the time limit written inside a clause', () => {
    expect(first('（省发展改革委牵头，2023年6月底前完成）')).toMatchObject({
      leadUnits: ['省发展改革委'],
      deadline: '2023-06-30',
    });
  });
});

describe('collectives of places with their asides', () => {
  const first = (clause: string) => tasksOf(`一、任务\n1.甲。${clause}\n`)[0];
  it.each([
    ['（市财政局牵头，各县（市、区）配合）', ['各县（市、区）']],
    ['（市财政局牵头，各乡镇（街道）、市直有关单位配合）', ['各乡镇（街道）', '市直有关单位']],
    [
      '（省财政厅牵头，各市（州）、县（市、区）人民政府配合）',
      ['各市（州）、县（市、区）人民政府'],
    ],
    ['（省财政厅牵头，各县（市、区）、乡镇人民政府配合）', ['各县（市、区）、乡镇人民政府']],
    [
      '（省财政厅牵头，各县（市、区）人民政府、乡镇人民政府配合）',
      ['各县（市、区）人民政府', '乡镇人民政府'],
    ],
  ])('%s', (clause, support) => {
    expect(first(clause)).toMatchObject({
      leadUnits: [clause.includes('市财政局') ? '市财政局' : '省财政厅'],
      supportingUnits: support,
    });
  });
});

describe('a day with no year', () => {
  it('dates `6月30日前` in the plan year', () => {
    expect(tasksOf('一、任务\n1.甲。6月30日前完成。（市财政局负责）\n')[0]).toMatchObject({
      deadlineText: '6月30日前',
      deadline: '2023-06-30',
    });
  });
});
