import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { extractPolicyDocument } from './policy-document.extractor';

// Eight more plans in other issuers' styles (province, region, prefecture, city, county, district;
// notice wrappers and bare plans), written to exercise forms the seeds do not use. Expectations
// come from reading the texts, not from the program's output.
const extract = (file: string) =>
  extractPolicyDocument(readFileSync(path.join(__dirname, '__fixtures__', file), 'utf8'), {
    fileName: file,
  });
const byPath = (doc: ReturnType<typeof extractPolicyDocument>) =>
  new Map(doc.tasks.map((t) => [t.path.join('/'), t]));
type Row = [string, string[], string[], string | null, string | null];
const unitsAndLimit = (rows: Row[], tasks: () => ReturnType<typeof byPath>) =>
  it.each(rows)('%s: lead %j, support %j, limit %s', (p, lead, support, deadlineText, deadline) => {
    expect(tasks().get(p)).toMatchObject({
      leadUnits: lead,
      supportingUnits: support,
      deadlineText,
      deadline,
    });
  });

describe('province general office: table-like responsibility lines under each item', () => {
  const doc = extract('province-office-table-lines.txt');
  const tasks = byPath(doc);
  it('reads the notice facts ([2022] number, title over two lines)', () => {
    expect(doc).toMatchObject({
      title: '江西省人民政府办公厅关于印发江西省县域商业体系建设行动方案的通知',
      issuer: '江西省人民政府办公厅',
      docNumber: '赣府厅字〔2022〕35号',
      issuedOn: '2022-05-20',
    });
    expect(doc.supervision).toMatchObject({
      leadingBody: '省县域商业体系建设工作联席会议',
      office: '省商务厅',
      cadence: 'half-yearly',
    });
  });
  it('finds the tasks, not the goals chapter', () => {
    expect([...tasks.keys()]).toEqual([
      '二/（一）/1',
      '二/（一）/2',
      '二/（二）/3',
      '二/（二）/4',
      '二/（三）/5',
      '二/（三）/6',
      '三/7',
      '三/8',
    ]);
  });
  // The stated 完成时限 is the item's limit, over a date in its text; `每年` is kept as written.
  unitsAndLimit(
    [
      [
        '二/（一）/1',
        ['省商务厅'],
        ['省发展改革委', '省财政厅', '省自然资源厅'],
        '2022年12月底前',
        '2022-12-31',
      ],
      ['二/（一）/2', ['省商务厅'], ['各设区市人民政府'], '2025年', '2025-12-31'],
      [
        '二/（二）/3',
        ['省邮政管理局'],
        ['省交通运输厅', '省供销社', '各设区市人民政府'],
        '2023年上半年',
        '2023-06-30',
      ],
      ['二/（二）/4', ['省农业农村厅'], ['省商务厅', '省发展改革委'], '持续推进', null],
      [
        '二/（三）/5',
        ['省商务厅'],
        ['省人力资源社会保障厅', '省农业农村厅', '团省委'],
        '每年',
        null,
      ],
      [
        '二/（三）/6',
        ['省农业农村厅'],
        ['省商务厅', '省市场监管局'],
        '2022年9月底前',
        '2022-09-30',
      ],
      ['三/7', ['省商务厅'], ['联席会议各成员单位'], '长期坚持', null],
    ],
    () => tasks,
  );
  it('reads targets, and no incentive cap', () => {
    expect(tasks.get('二/（二）/4')?.targets.map((t) => [t.value, t.unit])).toEqual([
      [80, '个'],
      [20, '万吨'],
    ]);
    expect(tasks.get('二/（三）/5')?.targets.map((t) => [t.value, t.unit])).toEqual([
      [1, '万人次'],
      [200, '家'],
    ]);
    expect(tasks.get('三/8')?.targets).toEqual([]);
  });
});

describe('city notice: lead rule in the preamble, Chinese-numeral date, （2021） number', () => {
  const doc = extract('city-notice-preamble-rule.txt');
  const tasks = byPath(doc);
  it('reads the facts, and takes no lead rule for the office', () => {
    expect(doc).toMatchObject({
      issuer: '柳州市人民政府',
      docNumber: '柳政发〔2021〕12号',
      issuedOn: '2021-03-15',
    });
    expect(doc.supervision).toMatchObject({
      leadingBody: null,
      office: '市商务局',
      cadence: 'quarterly',
    });
  });
  it('finds every （N） item and nothing from the annex list', () => {
    expect(doc.tasks.map((t) => t.path.join('/'))).toEqual([
      '一/（一）',
      '一/（二）',
      '一/（三）',
      '二/（四）',
      '二/（五）',
      '二/（六）',
      '三/（七）',
      '三/（八）',
      '三/（九）',
      '四/（十）',
      '四/（十一）',
      '四/（十二）',
    ]);
  });
  unitsAndLimit(
    [
      [
        '一/（一）',
        ['市商务局'],
        ['市文化广电旅游局', '市公安局', '市城管执法局', '各县区人民政府'],
        '年内',
        '2021-12-31',
      ],
      ['一/（二）', ['市工业和信息化局'], ['市商务局', '市财政局'], null, null],
      ['一/（三）', ['市文化广电旅游局'], ['市财政局'], null, null],
      ['二/（四）', ['市商务局'], ['市市场监管局'], '印发后3个月内', '2021-06-15'],
      // Named districts sharing one 人民政府 are a government each.
      [
        '二/（六）',
        ['市商务局'],
        [
          '市住房城乡建设局',
          '市自然资源和规划局',
          '城中区人民政府',
          '鱼峰区人民政府',
          '柳南区人民政府',
          '柳北区人民政府',
        ],
        '2022年6月底前',
        '2022-06-30',
      ],
      [
        '三/（八）',
        ['市市场监管局'],
        ['市商务局', '市农业农村局', '各县区人民政府'],
        '2021年第二季度前',
        '2021-06-30',
      ],
      ['三/（九）', ['市市场监管局'], [], '长期坚持', null],
      [
        '四/（十二）',
        ['市委宣传部'],
        ['柳州日报社', '市广播电视台', '市直有关部门'],
        '持续推进',
        null,
      ],
    ],
    () => tasks,
  );
  it('does not take a duration (3个月) for a count, and keeps a budget but not an award', () => {
    expect(tasks.get('二/（四）')?.targets.map((t) => [t.value, t.unit])).toEqual([[20, '家']]);
    expect(tasks.get('一/（三）')?.targets.map((t) => [t.value, t.unit])).toEqual([
      [2, '次'],
      [15, '%'],
    ]);
    expect(tasks.get('四/（十）')?.targets.map((t) => [t.value, t.unit])).toEqual([[3000, '万元']]);
  });
});

describe('county office: 1、/（1）/① numbering, sentence-form and verb clauses', () => {
  const doc = extract('county-action-plan.txt');
  const tasks = byPath(doc);
  it('reads the facts with the date at the bottom in Chinese numerals', () => {
    expect(doc).toMatchObject({
      issuer: '宁明县人民政府办公室',
      docNumber: '明政办发〔2022〕21号',
      issuedOn: '2022-06-08',
    });
    expect(doc.supervision).toMatchObject({
      leadingBody: '县农村人居环境整治提升工作领导小组',
      office: '县农业农村局',
    });
  });
  it('keeps ① points in their item', () => {
    expect([...tasks.keys()]).toEqual([
      '二/1/（1）',
      '二/1/（2）',
      '二/2/（1）',
      '二/2/（2）',
      '二/3',
      '二/4',
      '二/5/（1）',
      '二/5/（2）',
      '三/6',
      '三/7',
      '三/8',
      '三/9',
    ]);
    expect(tasks.get('二/2/（2）')?.targets.map((t) => [t.value, t.unit])).toEqual([
      [40, '%'],
      [30, '座'],
      [50, '公里'],
    ]);
  });
  unitsAndLimit(
    [
      // `由A牵头，B、C配合，D具体实施。` as a sentence of the body.
      [
        '二/1/（1）',
        ['县农业农村局'],
        ['县卫生健康局', '县住房城乡建设局', '各乡镇人民政府'],
        '到2025年',
        '2025-12-31',
      ],
      ['二/1/（2）', ['县住房城乡建设局'], [], '2023年上半年前', '2023-06-30'],
      ['二/2/（1）', ['崇左市生态环境局宁明分局'], [], '印发后3个月内', '2022-09-08'],
      [
        '二/2/（2）',
        ['崇左市生态环境局宁明分局'],
        ['县住房城乡建设局', '县财政局', '各乡镇人民政府'],
        '到2025年',
        '2025-12-31',
      ],
      ['二/3', ['县住房城乡建设局'], ['县农业农村局', '县城市管理局'], null, null],
      ['二/4', ['县农业农村局'], ['县住房城乡建设局', '县自然资源局'], '长期坚持', null],
      // A city's prefix is shared by the abbreviation after it.
      [
        '二/5/（1）',
        ['南宁市自然资源局'],
        ['南宁市住房城乡建设局', '县自然资源局'],
        '2022年底前',
        '2022-12-31',
      ],
      ['二/5/（2）', ['县乡村振兴局'], ['县农业农村局', '县财政局', '各乡镇人民政府'], null, null],
      ['三/9', ['县融媒体中心'], ['县妇联'], null, null],
    ],
    () => tasks,
  );
});

describe('region: lead rule in a 注 line, a box with a table, collectives', () => {
  const doc = extract('region-footnote-boxes.txt');
  const tasks = byPath(doc);
  it('reads the facts and keeps goals out', () => {
    expect(doc).toMatchObject({
      title: '内蒙古自治区人民政府关于推进新能源产业高质量发展的实施意见',
      issuer: '内蒙古自治区人民政府',
      docNumber: '内政发〔2023〕4号',
      issuedOn: '2023-02-10',
    });
    expect(doc.supervision.cadence).toBe('half-yearly');
    expect(tasks.has('一/（二）')).toBe(false);
    expect(doc.tasks).toHaveLength(10);
  });
  unitsAndLimit(
    [
      // `各盟行政公署、市人民政府` is one collective, as in the salutation.
      [
        '二/（三）',
        ['自治区能源局'],
        ['自治区发展改革委', '自治区自然资源厅', '自治区林草局', '各盟行政公署、市人民政府'],
        '2023年底前',
        '2023-12-31',
      ],
      [
        '二/（四）',
        ['自治区工业和信息化厅'],
        ['自治区能源局', '自治区科技厅'],
        '到2025年',
        '2025-12-31',
      ],
      [
        '二/（七）',
        ['自治区能源局'],
        [
          '自治区发展改革委',
          '自治区工业和信息化厅',
          '鄂尔多斯市人民政府',
          '包头市人民政府',
          '乌兰察布市人民政府',
        ],
        '到2025年',
        '2025-12-31',
      ],
      [
        '三/（十）',
        ['自治区政务服务局'],
        ['自治区能源局', '自治区自然资源厅'],
        '2023年6月底前',
        '2023-06-30',
      ],
      ['三/（十一）', ['自治区能源局'], ['各盟行政公署、市人民政府'], null, null],
    ],
    () => tasks,
  );
  it('reads the box rows with their years, and no incentive terms', () => {
    expect(tasks.get('二/（五）/专栏1')?.targets.map((t) => [t.value, t.unit, t.by])).toEqual([
      [800, '万千瓦', '2025-12-31'],
      [600, '万千瓦', '2024-12-31'],
      [100, '万千瓦', '2023-12-31'],
    ]);
    expect(tasks.get('三/（九）')?.targets).toEqual([]);
  });
});

describe('city office: half-width (一), items numbered through chapters, a box between items', () => {
  const doc = extract('city-office-straight-numbering.txt');
  const tasks = byPath(doc);
  it('reads the facts with the date above the title', () => {
    expect(doc).toMatchObject({
      issuer: '襄阳市人民政府办公室',
      docNumber: '襄政办发〔2021〕17号',
      issuedOn: '2021-08-03',
    });
    expect(doc.supervision).toMatchObject({ office: '市住房城乡建设局', cadence: 'monthly' });
  });
  it('finds the tasks; the box keeps its (1)-(3) and 8. continues the outer list', () => {
    expect([...tasks.keys()]).toEqual([
      '二/（一）/1',
      '二/（一）/2',
      '二/（二）/3',
      '二/（二）/4',
      '二/（二）/5',
      '三/6',
      '三/7',
      '三/专栏1',
      '三/8',
      '三/9',
      '四/10',
      '四/11',
      '四/12',
    ]);
  });
  unitsAndLimit(
    [
      ['二/（一）/1', ['市住房保障中心'], ['市住房城乡建设局', '市民政局'], '年内', '2021-12-31'],
      ['二/（一）/2', ['市发展改革委'], ['市住房城乡建设局'], null, null],
      [
        '二/（二）/3',
        ['市自然资源和规划局'],
        ['市住房城乡建设局', '市农业农村局', '各县（市、区）人民政府'],
        '2022年6月底前',
        '2022-06-30',
      ],
      ['二/（二）/4', ['市自然资源和规划局'], ['市住房城乡建设局'], null, null],
      // A branch (分局) carries its own place: no 市 prefix.
      ['三/7', ['市财政局'], ['市税务局', '人民银行襄阳市中心支行', '襄阳银保监分局'], null, null],
      [
        '三/8',
        ['市政务服务和大数据管理局'],
        ['市住房城乡建设局', '市自然资源和规划局'],
        null,
        null,
      ],
      [
        '三/9',
        ['市发展改革委'],
        ['国网襄阳供电公司', '襄阳水务集团'],
        '印发之日起1个月内',
        '2021-09-03',
      ],
      // The closing statement (有效期至2025年12月31日) is not part of the last item.
      ['四/12', ['市委宣传部'], ['市住房城乡建设局'], '长期坚持', null],
    ],
    () => tasks,
  );
  it('keeps the loan target but not the per-square-metre subsidy', () => {
    expect(tasks.get('三/7')?.targets.map((t) => [t.value, t.unit])).toEqual([[10, '亿元']]);
  });
});

describe('bare provincial plan: 列第一位者为牵头单位，下同 in the first clause, two boxes', () => {
  const doc = extract('province-plan-first-clause-rule.txt');
  const tasks = byPath(doc);
  it('reads the title and signature, no number', () => {
    expect(doc).toMatchObject({
      title: '福建省推进工业数字化转型三年行动方案（2022—2024年）',
      issuer: '福建省人民政府办公厅',
      docNumber: null,
      issuedOn: '2022-03-08',
    });
    expect(doc.supervision).toMatchObject({
      leadingBody: '省制造强省建设领导小组',
      office: '省工信厅',
    });
  });
  unitsAndLimit(
    [
      ['二/（一）/1', ['省工信厅'], ['省发改委', '省通信管理局'], '到2024年', '2024-12-31'],
      ['二/（一）/2', ['省工信厅'], ['省数字办'], '2022年第三季度前', '2022-09-30'],
      // Enterprises in short form stay three names.
      [
        '二/（三）/5',
        ['省通信管理局'],
        ['省工信厅', '福建移动', '福建联通', '福建电信'],
        '2023年上半年前',
        '2023-06-30',
      ],
      ['二/（四）/8', ['省工信厅'], ['省通信管理局', '省网信办'], '年内', '2022-12-31'],
      [
        '二/（四）/9',
        ['省工信厅'],
        ['省公安厅', '省国家安全厅', '各设区市人民政府'],
        '长期坚持',
        null,
      ],
      ['三/（二）', ['省财政厅'], ['省工信厅'], null, null],
    ],
    () => tasks,
  );
  it('reads 个百分点 and 倍, and no figure from a table header', () => {
    expect(tasks.get('二/（二）/3')?.targets.map((t) => [t.value, t.unit, t.by])).toEqual([
      [100, '个', null],
      [5, '个百分点', '2024-12-31'],
    ]);
    expect(tasks.get('二/（二）/4')?.targets.map((t) => [t.value, t.unit])).toEqual([[2, '倍']]);
    expect(tasks.get('二/（二）/专栏2')?.targets).toEqual([]);
  });
});

describe('district notice: labelled clauses with 区 prefixes, bare-year limits', () => {
  const doc = extract('district-work-plan.txt');
  const tasks = byPath(doc);
  it('reads the facts (two-line title, Chinese-numeral date)', () => {
    expect(doc).toMatchObject({
      title: '成都市武侯区人民政府关于印发武侯区城市更新三年行动计划（2022—2024年）的通知',
      issuer: '成都市武侯区人民政府',
      docNumber: '武侯府发〔2022〕6号',
      issuedOn: '2022-04-18',
    });
    expect(doc.supervision).toMatchObject({
      leadingBody: '区城市更新工作领导小组',
      office: '区住建交通局',
      cadence: 'monthly',
    });
    expect(doc.tasks).toHaveLength(13);
  });
  unitsAndLimit(
    [
      // `2022年完成…`: a bare year before a completion verb is the limit.
      [
        '二/（一）/1',
        ['区住建交通局'],
        ['区发改局', '区财政局', '区规划和自然资源局', '各街道办事处'],
        '2022年',
        '2022-12-31',
      ],
      [
        '二/（二）/3',
        ['区住建交通局', '区规划和自然资源局'],
        ['区城管局', '相关街道办事处'],
        '2023年底前',
        '2023-12-31',
      ],
      ['二/（三）/5', ['区商务局'], ['区文体旅局', '区城管局'], '2022年第四季度前', '2022-12-31'],
      ['二/（三）/6', ['区国资金融局'], ['区投促局', '区财政局'], '2024年上半年前', '2024-06-30'],
      ['三/（四）', ['区委宣传部'], ['区级有关部门', '各街道办事处'], '持续推进', null],
    ],
    () => tasks,
  );
  it('reads 万平方米, 公里, 万人次, 部, 栋 and 个百分点', () => {
    expect(tasks.get('二/（一）/1')?.targets.map((t) => [t.value, t.unit, t.by])).toEqual([
      [80, '个', '2022-12-31'],
      [120, '万平方米', '2022-12-31'],
      [70, '个', '2023-12-31'],
    ]);
    expect(tasks.get('二/（一）/2')?.targets.map((t) => [t.value, t.unit])).toEqual([[100, '部']]);
    expect(tasks.get('二/（三）/5')?.targets.map((t) => [t.value, t.unit])).toEqual([
      [2, '条'],
      [500, '万人次'],
    ]);
    expect(tasks.get('二/（三）/6')?.targets.map((t) => [t.value, t.unit])).toEqual([
      [10, '栋'],
      [2, '个百分点'],
    ]);
    expect(tasks.get('二/（四）/9')?.targets.map((t) => [t.value, t.unit])).toEqual([
      [20, '个'],
      [30, '公里'],
      [10, '万平方米'],
    ]);
  });
});

describe('bare prefecture plan: 排名第一的为牵头单位，下同, a sentence clause, an annex table', () => {
  const doc = extract('bare-plan-annex.txt');
  const tasks = byPath(doc);
  it('reads the title and signature and leaves the annex out', () => {
    expect(doc).toMatchObject({
      title: '黔东南州“十四五”特色优势农业产业发展实施方案',
      issuer: '黔东南州人民政府办公室',
      docNumber: null,
      issuedOn: '2022-01-25',
    });
    expect(doc.tasks).toHaveLength(14);
    expect(doc.tasks.every((t) => ['二', '三', '四'].includes(t.path[0]))).toBe(true);
  });
  unitsAndLimit(
    [
      ['二/（一）', ['州农业农村局'], ['州林业局', '各县（市）人民政府'], '到2025年', '2025-12-31'],
      [
        '二/（二）',
        ['州农业农村局'],
        ['州商务局', '州供销社', '各县（市）人民政府'],
        '2023年底前',
        '2023-12-31',
      ],
      ['二/（四）', ['州农业农村局'], ['州市场监管局', '州乡村振兴局'], null, null],
      ['二/（五）', ['州商务局'], ['州发展改革委', '州交通运输局'], '到2024年', '2024-12-31'],
      ['二/（六）', ['州农业农村局'], ['州市场监管局', '州商务局'], '2022年底前', '2022-12-31'],
      [
        '三/（一）/2',
        ['州工业和信息化局'],
        ['州农业农村局', '凯里市人民政府', '黄平县人民政府', '天柱县人民政府'],
        '2023年第二季度前',
        '2023-06-30',
      ],
      [
        '四/（二）',
        ['人民银行黔东南州中心支行'],
        ['州地方金融监管局', '各县（市）人民政府'],
        null,
        null,
      ],
    ],
    () => tasks,
  );
  it('reads targets with their year', () => {
    expect(tasks.get('三/（二）/4')?.targets.map((t) => [t.value, t.unit, t.by])).toEqual([
      [15, '%', '2025-12-31'],
      [120, '亿元', '2025-12-31'],
    ]);
    expect(tasks.get('二/（五）')?.targets.map((t) => [t.value, t.unit, t.by])).toEqual([
      [10, '万吨', '2024-12-31'],
    ]);
  });
});
