import { analysePolicyDocument } from '../policy-document.extractor';

// Table and notice shapes met in the corpus of other issuers' documents, one focused document each.
const analyse = (text: string) => analysePolicyDocument(text, { fileName: 'shape.txt' });
const rows = (text: string) =>
  analyse(text).document.tasks.map((t) => [
    t.path.join('/'),
    t.leadUnits,
    t.supportingUnits,
    t.deadline,
  ]);

describe('a table written with single spaces', () => {
  const notice =
    '国务院办公厅关于印发量化指标任务分工的通知\n国务院有关部门：\n现将任务分工印发给你们，并就有关事项通知如下：\n' +
    '一、各有关部门要高度重视量化指标任务，抓好督促检查。\n二、各有关部门要及时报送进展情况。\n国务院办公厅\n2016年4月6日\n' +
    '2016年量化指标任务分工\n序号 工 作 任 务 牵头负责部门\n1 居民消费价格涨幅3%左右 发展改革委\n2 铁路 投资8000亿元以上 发展改革委、交通运输部\n';

  it('joins a letter-spaced header, keeps spaces inside the task cell, and reads the rows as the attached tasks', () => {
    // Every unit of a 牵头负责部门 column leads.
    expect(rows(notice)).toEqual([
      ['附件/1', ['发展改革委'], [], null],
      ['附件/2', ['发展改革委', '交通运输部'], [], null],
    ]);
    expect(analyse(notice).document.tasks[1].heading).toBe('铁路 投资8000亿元以上');
  });

  it('leaves the notice items that name no unit out of the tasks, but in the outline', () => {
    const outline = analyse(notice).outline;
    expect(
      outline
        .filter((i) => !i.path[0].startsWith('附件'))
        .map((i) => [i.path[0], i.isTask, i.excluded]),
    ).toEqual([
      ['一', false, true],
      ['二', false, true],
    ]);
  });

  it('keeps a titled plan’s own chapters as tasks beside the attached table', () => {
    const plan = notice.replace(
      '一、各有关部门要高度重视',
      '2016年量化指标工作方案\n一、各有关部门要高度重视',
    );
    expect(rows(plan).map((r) => r[0])).toEqual(['一', '二', '附件/1', '附件/2']);
  });

  it('keeps body items that name units as tasks beside the attached table', () => {
    const text = notice.replace('抓好督促检查。', '抓好督促检查。（国务院办公厅负责）');
    expect(rows(text).map((r) => r[0])).toEqual(['一', '二', '附件/1', '附件/2']);
  });
});

describe('a one-cell-per-line table closed by pipes', () => {
  const text =
    '2025年开发区重点工作及责任清单\n序号 |\n重点工作 |\n责任领导 |\n责任单位 |\n完成时限 |\n' +
    '1 |\n优化“重点项目直通车”工作机 制，全力服务重 大项目落地见效。 |\n叶林 |\n招商工作部、安商工作部 |\n全年 |\n' +
    '2 |\n盘活存量土地400亩。 |\n马振明 |\n改革办 |\n2025年6月底前 |\n';

  it('reads each row, a person column as no unit, and 全年 as the plan year’s end', () => {
    expect(rows(text)).toEqual([
      ['1', ['招商工作部'], ['安商工作部'], '2025-12-31'],
      ['2', ['改革办'], [], '2025-06-30'],
    ]);
  });
});

describe('a notice with no numbered items, signed, then a one-cell-per-paragraph table', () => {
  const text = [
    '某市人民政府办公室关于印发2023年政府工作报告重点工作责任分解的通知',
    '',
    '各县（市、区）人民政府，市级有关部门：',
    '',
    '《2023年政府工作报告重点工作责任分解》已经市政府同意，现印发给你们，请认真贯彻执行。',
    '',
    '某市人民政府办公室',
    '',
    '2023年3月1日',
    '',
    '2023年政府工作报告重点工作责任分解',
    '',
    '序号',
    '',
    '主 要 工 作 任 务',
    '',
    '责任单位',
    '',
    '1',
    '',
    '地区生产总值增长6%左右。',
    '',
    '市发展改革委',
    '',
    '2',
    '',
    '研发投入强度达到3.3%。',
    '',
    '市科技局、市财政局',
  ].join('\n');

  it('reads 主要工作任务 as the task column and the rows as the attached tasks', () => {
    expect(rows(text)).toEqual([
      ['附件/1', ['市发展改革委'], [], null],
      ['附件/2', ['市科技局'], ['市财政局'], null],
    ]);
  });
});

describe('a covering notice with numbered items, then the plan it issues', () => {
  const text =
    '区人民政府办公室关于印发目标任务责任分解方案的通知\n各街道办事处，区人民政府各部门：\n现将方案印发给你们，并就有关事项通知如下：\n' +
    '一、各责任单位要高度重视，于2023年1月15日前将工作方案报区人民政府办公室。\n二、各责任单位每季度报送进展情况。\n' +
    '蔡甸区人民政府办公室\n2023年1月3日\n\n2023年区《政府工作报告》确定的主要目标任务责任分解方案\n\n' +
    '一、2023年全区经济社会发展的主要预期目标\n（一）地区生产总值增长7%以上\n责任单位：区发展和改革局\n（二）规上工业增加值增长12%以上\n责任单位：区科技和经信局\n';

  it('reads the plan as the body: its assigned targets are tasks, the notice items are not', () => {
    expect(rows(text)).toEqual([
      ['一/（一）', ['区发展和改革局'], [], null],
      ['一/（二）', ['区科技和经信局'], [], null],
    ]);
    expect(analyse(text).document.issuedOn).toBe('2023-01-03');
  });

  it('reads the plan attached after an `附件` line when the notice’s items assign nothing', () => {
    const text =
      '关于印发重点工作任务分解方案的通知\n各部门：\n现将方案印发给你们，并提出如下要求：\n一、高度重视。各部门要高度重视。\n二、加强督查。县政府督查室加强督查。\n' +
      '附件：2023年重点工作任务分解方案\n某某县人民政府办公室\n2023年3月1日\n附件\n2023年重点工作任务分解方案\n为做好工作，制定本方案。\n' +
      '一、重点任务\n（一）做好甲。（县财政局负责）\n（二）做好乙。（县商务局负责）\n';
    expect(rows(text)).toEqual([
      ['一/（一）', ['县财政局'], [], null],
      ['一/（二）', ['县商务局'], [], null],
    ]);
  });

  it('keeps the items of a notice followed by an annex line as they are', () => {
    const annexed =
      '一、主要任务\n（一）做好甲。（省财政厅负责）\n省人民政府\n2023年1月3日\n附件：\n重点任务分工方案\n一、其他\n';
    expect(rows(annexed).map((r) => r[0])).toEqual(['一/（一）']);
  });
});

describe('column names and orders', () => {
  const tasks = (text: string) =>
    analyse(text).document.tasks.map((t) => [
      t.path.join('/'),
      t.heading,
      t.leadUnits,
      t.supportingUnits,
      t.deadline,
    ]);

  it('takes the first task-like column as the task and the next (具体措施) as its detail', () => {
    const text =
      '附件\n重点任务分工表\n序号\t重点任务\t具体措施\t牵头单位\t配合单位\t完成时限\n1\t甲\t做好甲\t省财政厅\t省商务厅\t2024年底前\n';
    expect(tasks(text)).toEqual([['附件/1', '甲', ['省财政厅'], ['省商务厅'], '2024-12-31']]);
  });

  it('reads 工作要求, 配合/责任单位, 时间安排 and a ministry’s 司局 columns', () => {
    expect(
      tasks(
        '附件\n表\n| 序号 | 工作任务 | 工作要求 | 责任单位 | 完成时间 |\n|---|---|---|---|---|\n| 1 | 甲 | 做好甲 | 市财政局、市商务局 | 长期坚持 |\n',
      ),
    ).toEqual([['附件/1', '甲', ['市财政局'], ['市商务局'], null]]);
    expect(
      tasks(
        '附件\n表\n序号\t工作任务\t牵头单位\t配合/责任单位\t时间安排\n1\t甲\t市财政局\t市商务局\t2023年12月\n',
      ),
    ).toEqual([['附件/1', '甲', ['市财政局'], ['市商务局'], '2023-12-31']]);
    expect(
      tasks(
        '附件\n表\n序号\t任务\t牵头司局\t配合司局\t完成时限\n1\t甲\t规划司\t财务司、人事司\t2023年底前\n',
      ),
    ).toEqual([['附件/1', '甲', ['规划司'], ['财务司', '人事司'], '2023-12-31']]);
  });

  it('reads the units before the task when the columns come in that order', () => {
    const text =
      '附件\n表\n序号\t配合单位\t牵头单位\t工作任务\t完成时限\n1\t市商务局\t市财政局\t做好甲工作\t持续推进\n';
    expect(tasks(text)).toEqual([['附件/1', '做好甲工作', ['市财政局'], ['市商务局'], null]]);
  });

  it('joins a row wrapped over lines (blank 序号 cell) cell by cell', () => {
    const text =
      '附件\n表\n序号\t主要任务\t责任单位\t完成时限\n1\t做好甲工作，\t市财政局、\t2024年\n\t确保取得实效\t市商务局\t6月底前\n2\t做好乙工作\t市商务局\t每年\n';
    expect(tasks(text)).toEqual([
      ['附件/1', '做好甲工作，确保取得实效', ['市财政局'], ['市商务局'], '2024-06-30'],
      ['附件/2', '做好乙工作', ['市商务局'], [], null],
    ]);
  });
});

describe('a ministry’s own departments in clauses', () => {
  it('reads `（规划司牵头，财务司、人事司配合）`', () => {
    const [task] = analyse('一、任务\n1.甲。（规划司牵头，财务司、人事司配合）\n').document.tasks;
    expect(task).toMatchObject({
      leadUnits: ['规划司'],
      supportingUnits: ['财务司', '人事司'],
      unitsSource: 'own',
    });
  });
});

describe('columns read by what they hold', () => {
  const tasks = (text: string) =>
    analyse(text).document.tasks.map((t) => [
      t.path.join('/'),
      t.heading,
      t.leadUnits,
      t.supportingUnits,
      t.deadline,
    ]);

  it('maps unknown column names (事项, 承办单位, 进度) from their cells', () => {
    const text =
      '附件\n任务清单\n序号\t事项\t承办单位\t进度\n1\t做好甲工作\t市财政局、市商务局\t2024年6月底前\n2\t做好乙工作\t市商务局\t长期坚持\n';
    expect(tasks(text)).toEqual([
      ['附件/1', '做好甲工作', ['市财政局'], ['市商务局'], '2024-06-30'],
      ['附件/2', '做好乙工作', ['市商务局'], [], null],
    ]);
  });

  it('takes lead and support from the unit columns’ own words (牵头处室, 协办处室)', () => {
    const text =
      '附件\n任务清单\n编号\t改革事项\t牵头处室\t协办处室\t推进时限\n1\t做好甲工作\t规划处\t财务处、人事处\t2024年底前\n2\t做好乙工作\t法规处\t办公室\t每季度\n';
    expect(tasks(text)).toEqual([
      ['附件/1', '做好甲工作', ['规划处'], ['财务处', '人事处'], '2024-12-31'],
      ['附件/2', '做好乙工作', ['法规处'], ['办公室'], null],
    ]);
  });

  it('takes no list of projects for a task table', () => {
    const text =
      '一、任务\n1.甲。（市财政局负责）\n附件\n项目表\n序号\t项目名称\t总投资（亿元）\t建设单位\n1\t会展中心改造\t12\t青秀区人民政府\n2\t夜市提升\t3\t兴宁区人民政府\n';
    expect(tasks(text).map((t) => t[0])).toEqual(['一/1']);
  });
});

describe('a one-cell-per-paragraph table led by a category column', () => {
  // 分类 first, then 序号; the category is written once, above the first row it spans (a merged cell);
  // 事项 names the task column; 责任单位 stands before 牵头单位.
  const text = [
    '2023年乙丙区政府工作报告重点工作责任分解',
    '分类',
    '序号',
    '事项',
    '责任单位',
    '牵头单位',
    '发展目标',
    '1',
    '地区生产总值增长6.5%以上。',
    '区农业农村局、区发改局、乙丙邮政管理局',
    '区发改局',
    '2',
    '固定资产投资增长25%。',
    '区发改局',
    '区发改局',
    '激发市场活力',
    '3',
    '深化政务服务“一网通办”。',
    '区行政服务中心、区数据局',
    '区行政服务中心',
    '',
  ].join('\n\n');

  it('reads every row, the category carried down, and the 责任单位 beside the lead as support', () => {
    expect(rows(text)).toEqual([
      ['1', ['区发改局'], ['区农业农村局', '乙丙邮政管理局'], null],
      ['2', ['区发改局'], [], null],
      ['3', ['区行政服务中心'], ['区数据局'], null],
    ]);
  });
});
