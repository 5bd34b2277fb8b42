import { analysePolicyDocument } from '../policy-document.extractor';

// The shapes of responsibility clauses, one item each, with the units and limits a reader takes
// from them. (A test document of shapes, not a real one: the corpus specs hold real documents.)
const TEXT = `一、主要任务
（一）甲。做好甲工作。（省发展改革委、省财政厅负责）
（二）乙。做好乙工作。（省发展改革委牵头，省财政厅、省商务厅配合）
（三）丙。做好丙工作。（省发展改革委牵头负责；省财政厅负责配合落实）
（四）丁。做好丁工作。（省发展改革委负责，省财政厅参与）
（五）戊。省发展改革委会同省财政厅做好戊工作。
（六）己。做好己工作。（省发展改革委、省财政厅等按职责分工负责）
（七）庚。做好庚工作。（省发展改革委牵头，省财政厅、省商务厅，各市人民政府等按职责分工负责）
（八）辛。做好辛工作。（牵头单位：省发展改革委；配合单位：省财政厅）
（九）壬。做好壬工作。（牵头单位：省发展改革委，配合单位：省财政厅）
（十）癸。做好癸工作。(牵头单位:省发展改革委;配合单位:省财政厅)
（十一）子。做好子工作。（牵头单位：省发展改革委。配合单位：省财政厅）
（十二）丑。做好丑工作。（牵头单位：省交通运输厅（省港航中心）；配合单位：省财政厅）
（十三）寅。做好寅工作。
牵头单位：省发展改革委
配合单位：省财政厅、省商务厅
完成时限：2023年底前
（十四）卯。做好卯工作。
责任单位：省发展改革委、省财政厅
时间节点：2024年6月
（十五）辰。做好辰工作。（省教育厅、人社厅负责）
（十六）巳。做好巳工作。（甲区、乙区人民政府负责）
（十七）午。做好午工作。（省发展改革委等和各省级人民政府负责）
（十八）未。做好未工作。（省发展改革委牵头，有关部门和单位配合）
（十九）申。做好申工作。（省发展改革委牵头，各乡镇人民政府（街道办事处）配合）
（二十）酉。做好酉工作，对毕业3年内的高校毕业生给予补贴。（省人社厅负责）
（二十一）戌。“十四五”期间持续推进。（省人社厅负责）
（二十二）亥。做好工作。（省发展改革委负责，省财政厅协助）
（二十三）甲子。做好工作。（人民银行、银保监会、证监会按职责分工负责）
（二十四）乙丑。做好工作。【责任单位：省发展改革委、省财政厅】
`;

const analysis = analysePolicyDocument(TEXT, { fileName: '2023-shapes.txt' });
const tasks = new Map(analysis.document.tasks.map((t) => [t.path[1], t]));
const A = '省发展改革委';
const B = '省财政厅';

describe('responsibility clause shapes', () => {
  it.each([
    ['（一）', [A], [B]],
    ['（二）', [A], [B, '省商务厅']],
    ['（三）', [A], [B]],
    ['（四）', [A], [B]],
    ['（五）', [A], [B]],
    ['（六）', [A], [B]],
    ['（七）', [A], [B, '省商务厅', '各市人民政府']],
    ['（八）', [A], [B]],
    ['（九）', [A], [B]],
    ['（十）', [A], [B]],
    ['（十一）', [A], [B]],
    ['（十二）', ['省交通运输厅（省港航中心）'], [B]],
    ['（十三）', [A], [B, '省商务厅']],
    ['（十四）', [A], [B]],
    ['（十五）', ['省教育厅'], ['省人社厅']],
    ['（十六）', ['甲区人民政府'], ['乙区人民政府']],
    ['（十七）', [A], ['各省级人民政府']],
    ['（十八）', [A], ['有关部门和单位']],
    ['（十九）', [A], ['各乡镇人民政府（街道办事处）']],
    ['（二十二）', [A], [B]],
    ['（二十三）', ['人民银行'], ['银保监会', '证监会']],
    ['（二十四）', [A], [B]],
  ])('%s: lead %j, support %j', (label, lead, support) => {
    expect(tasks.get(label)).toMatchObject({
      leadUnits: lead,
      supportingUnits: support,
      unitsSource: 'own',
    });
  });

  it('reads labelled limits on their own line, five-year periods, and no eligibility period', () => {
    expect(tasks.get('（十三）')).toMatchObject({
      deadlineText: '2023年底前',
      deadline: '2023-12-31',
    });
    expect(tasks.get('（十四）')).toMatchObject({
      deadlineText: '2024年6月',
      deadline: '2024-06-30',
    });
    expect(tasks.get('（二十一）')).toMatchObject({
      deadlineText: '“十四五”期间',
      deadline: '2025-12-31',
    });
    expect(tasks.get('（二十）')).toMatchObject({ deadlineText: null, deadline: null });
  });

  it('keeps the clause out of the heading', () => {
    expect(tasks.get('（五）')?.heading).toBe('戊');
    expect(analysis.warnings.filter((w) => w.code === 'TASK_WITHOUT_UNITS')).toEqual([]);
  });
});

describe('provenance and the assumed-lead warning', () => {
  it('says where each unit was read (clause text and line)', () => {
    const item = analysis.outline[0].children.find((c) => c.path[1] === '（二）');
    expect(item?.provenance).toEqual([
      { unit: A, role: 'lead', line: 3, clause: '（省发展改革委牵头，省财政厅、省商务厅配合）' },
      { unit: B, role: 'support', line: 3, clause: '（省发展改革委牵头，省财政厅、省商务厅配合）' },
      {
        unit: '省商务厅',
        role: 'support',
        line: 3,
        clause: '（省发展改革委牵头，省财政厅、省商务厅配合）',
      },
    ]);
    const lines = analysis.outline[0].children.find((c) => c.path[1] === '（十三）');
    expect(lines?.provenance?.map((p) => [p.unit, p.role, p.line])).toEqual([
      [A, 'lead', 15],
      [B, 'support', 16],
      ['省商务厅', 'support', 16],
    ]);
  });

  it('warns where the first listed unit was taken as lead without a role word or a rule', () => {
    const assumed = analysis.warnings
      .filter((w) => w.code === 'LEAD_ASSUMED')
      .map((w) => w.path?.[1]);
    expect(assumed).toEqual([
      '（一）',
      '（六）',
      '（十四）',
      '（十五）',
      '（十六）',
      '（十七）',
      '（二十三）',
      '（二十四）',
    ]);
    expect(analysis.warnings.find((w) => w.code === 'LEAD_ASSUMED')?.message).toContain(
      '“省发展改革委”为牵头单位',
    );
  });

  it('takes a stated rule instead of warning', () => {
    const ruled = analysePolicyDocument(
      '排在第一位的为牵头单位。\n一、任务\n（一）甲。做好甲。（省财政厅、省商务厅负责）\n',
      { fileName: 'r.txt' },
    );
    expect(ruled.document.tasks[0]).toMatchObject({
      leadUnits: ['省财政厅'],
      supportingUnits: ['省商务厅'],
    });
    expect(ruled.warnings.map((w) => w.code)).not.toContain('LEAD_ASSUMED');
  });
});

describe('closing chapters', () => {
  it('takes no task from 附则', () => {
    const text =
      '一、主要任务\n（一）甲。做好甲。（省财政厅负责）\n二、附则\n（一）本方案由省商务厅负责解释。\n（二）各地可结合实际制定细则。\n';
    expect(
      analysePolicyDocument(text, { fileName: 'c.txt' }).document.tasks.map((t) =>
        t.path.join('/'),
      ),
    ).toEqual(['一/（一）']);
  });
});

describe('labelled lines run into the paragraph', () => {
  const text = [
    '某区2023年重点工作任务分工方案',
    '一、重点任务',
    '1.努力实现地区生产总值增长6.2%左右。牵头单位：区发改局；责任单位：立山经济开发区，各街道',
    '2.固定资产投资增长15%左右。牵头单位：区发改局 配合单位：区财政局 完成时限：2023年12月底',
    '3.开展安全生产检查，年内完成。责任单位：区应急管理局、各乡镇人民政府（街道办事处）。',
    '4.各责任单位要加强配合。责任单位：要切实履行职责',
  ].join('\n');
  const read = analysePolicyDocument(text, { fileName: 'inline.txt' });
  const byPath = new Map(read.document.tasks.map((t) => [t.path.join('/'), t]));

  it('reads a labelled clause after the last sentence as the item’s own, and keeps it out of the heading', () => {
    expect(byPath.get('一/1')).toMatchObject({
      heading: '努力实现地区生产总值增长6.2%左右',
      leadUnits: ['区发改局'],
      supportingUnits: ['立山经济开发区', '各街道'],
      unitsSource: 'own',
    });
    expect(byPath.get('一/2')).toMatchObject({
      leadUnits: ['区发改局'],
      supportingUnits: ['区财政局'],
      deadline: '2023-12-31',
    });
    expect(byPath.get('一/3')).toMatchObject({
      leadUnits: ['区应急管理局'],
      supportingUnits: ['各乡镇人民政府（街道办事处）'],
      deadline: '2023-12-31',
    });
  });

  it('takes no clause from a label followed by no unit', () => {
    expect(byPath.get('一/4')).toMatchObject({
      leadUnits: [],
      supportingUnits: [],
      unitsSource: 'none',
    });
  });
});

describe('a 等 phrase before 和, and 落实 as the supporting verb', () => {
  const one = (clause: string) =>
    analysePolicyDocument(`一、重点任务\n（一）做好工作。做好工作。${clause}\n`, {
      fileName: 'one.txt',
    }).document.tasks[0];

  it('drops 等省有关部门 before 和 and keeps the list’s prefix for the name it closes', () => {
    expect(
      one(
        '（省发展改革委、交通运输厅、水利厅、能源局等省有关部门和各地级以上市人民政府按职责分工负责）',
      ),
    ).toMatchObject({
      leadUnits: ['省发展改革委'],
      supportingUnits: ['省交通运输厅', '省水利厅', '省能源局', '各地级以上市人民政府'],
    });
  });

  it('reads 落实 after a lead as supporting', () => {
    expect(one('（市商务局牵头，各区县政府落实）')).toMatchObject({
      leadUnits: ['市商务局'],
      supportingUnits: ['各区县政府'],
    });
    expect(
      one('（市住房城乡建设局牵头，市自然资源和规划局、市城管执法局配合，各区政府落实）'),
    ).toMatchObject({
      leadUnits: ['市住房城乡建设局'],
      supportingUnits: ['市自然资源和规划局', '市城管执法局', '各区政府'],
    });
  });
});

describe('lexicon: owned enterprises, and a central body’s office in a province', () => {
  const one = (clause: string) =>
    analysePolicyDocument(`一、重点任务\n（一）做好工作。做好工作。${clause}\n`, {
      fileName: 'one.txt',
    }).document.tasks[0];

  it('keeps 省属国有企业 as one collective', () => {
    expect(one('（省国资委、省属国有企业负责）')).toMatchObject({
      leadUnits: ['省国资委'],
      supportingUnits: ['省属国有企业'],
    });
  });

  it('gives no list prefix to a central body named with its province', () => {
    expect(
      one('（金融监管总局江苏监管局、人民银行江苏省分行、省地方金融管理局按职责分工负责）'),
    ).toMatchObject({
      leadUnits: ['金融监管总局江苏监管局'],
      supportingUnits: ['人民银行江苏省分行', '省地方金融管理局'],
    });
  });
});

describe('a sentence that names the work before 由', () => {
  it('reads 此项工作由A负责 as A, not as a unit named after the work', () => {
    const t = analysePolicyDocument(
      '一、重点任务\n（一）加快项目建设。此项工作由市发改委负责。\n（二）推进改革。上述工作由市委改革办牵头，市财政局配合。\n',
      { fileName: 's.txt' },
    ).document.tasks;
    expect(t.map((x) => [x.leadUnits, x.supportingUnits])).toEqual([
      [['市发改委'], []],
      [['市委改革办'], ['市财政局']],
    ]);
  });
});

describe('bare place names sharing a government, and a city’s railway bureau', () => {
  const one = (clause: string) =>
    analysePolicyDocument(`一、重点任务\n（一）做好工作。做好工作。${clause}\n`, {
      fileName: 'one.txt',
    }).document.tasks[0];

  it('gives 南宁、柳州、桂林市人民政府 one government each', () => {
    expect(one('（南宁、柳州、桂林市人民政府负责）')).toMatchObject({
      leadUnits: ['南宁市人民政府'],
      supportingUnits: ['柳州市人民政府', '桂林市人民政府'],
    });
    expect(one('（各市、县人民政府负责）')).toMatchObject({
      leadUnits: ['各市、县人民政府'],
      supportingUnits: [],
    });
  });

  it('gives no list prefix to 哈尔滨铁路局, and keeps 相关市、县政府 whole', () => {
    expect(one('（省发改委、铁路办、哈尔滨铁路局、相关市、县政府负责）')).toMatchObject({
      leadUnits: ['省发改委'],
      supportingUnits: ['省铁路办', '哈尔滨铁路局', '相关市、县政府'],
    });
  });
});

describe('verb clauses: 牵头实施, and a standing rule after a full stop', () => {
  it('reads a chapter heading (由A牵头实施) as the lead its items inherit', () => {
    const t = analysePolicyDocument(
      '一、扩大有效投资(由县发改局牵头实施)\n1.加大财政支持。重点支持项目建设。\n2.争取资金。做好储备。\n',
      { fileName: 's.txt' },
    ).document.tasks;
    expect(t.map((x) => [x.path.join('/'), x.leadUnits, x.unitsSource])).toEqual([
      ['一/1', ['县发改局'], 'inherited'],
      ['一/2', ['县发改局'], 'inherited'],
    ]);
  });

  it('reads 〔A牵头，B参与，C负责落实。以下各项工作均需C落实，不再列出。〕 and keeps C for later clauses', () => {
    const t = analysePolicyDocument(
      [
        '一、工作任务',
        '1.制定清单。完成编制工作。〔市生态环境局牵头,市发展和改革局、自然资源局参与,各县、区人民政府(管委会)负责落实。以下各项工作均需各县、区人民政府(管委会)落实,不再列出。〕',
        '2.整治企业。完成整治。(市工业和信息化局牵头,市公安局参与)',
        '',
      ].join('\n'),
      { fileName: 's.txt' },
    ).document.tasks;
    expect(t.map((x) => [x.leadUnits, x.supportingUnits])).toEqual([
      [['市生态环境局'], ['市发展和改革局', '市自然资源局', '各县、区人民政府(管委会)']],
      [['市工业和信息化局'], ['市公安局', '各县、区人民政府(管委会)']],
    ]);
  });
});
