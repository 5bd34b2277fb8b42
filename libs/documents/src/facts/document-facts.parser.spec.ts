import { parseChineseDate } from '../text/chinese-date.parser';
import { parseOutline } from '../outline/outline.parser';
import { DocumentFacts, parseDocumentFacts, planYearOf } from './document-facts.parser';
import { cadenceOf, parseSupervision, supervisionKinds } from './supervision.parser';

function factsOf(text: string): DocumentFacts {
  const outline = parseOutline(text);
  return parseDocumentFacts(text, outline.roots[0].line, outline.trailer);
}

describe('parseChineseDate', () => {
  it.each([
    ['2016年3月17日', '2016-03-17'],
    ['发布时间:2015年06月03日', '2015-06-03'],
    ['二〇一六年三月十七日', '2016-03-17'],
    ['2017年4月31日', null],
    ['2017年4月', null],
  ])('%s → %s', (text, iso) => {
    expect(parseChineseDate(text)).toBe(iso);
  });
});

describe('parseDocumentFacts', () => {
  it('reads a State Council notice: title, number, signature and date (not the web page date)', () => {
    const text = [
      '国务院关于印发《中国制造2025》的通知',
      '',
      '发布时间:2015年06月03日   来源:sme',
      '',
      '国发〔2015〕28号',
      '',
      '各省人民政府:',
      '  现将印发给你们。',
      '',
      '    国务院',
      '',
      '    2015年5月8日',
      '',
      '一、发展形势',
    ].join('\n');
    expect(factsOf(text)).toEqual({
      title: '国务院关于印发《中国制造2025》的通知',
      issuer: '国务院',
      docNumber: '国发〔2015〕28号',
      issuedOn: '2015-05-08',
    });
  });

  it('joins a title broken over two lines and takes the issuer above the date', () => {
    const text = [
      '各地级以上市人民政府，省政府各部门：',
      '　　现将《方案》印发给你们。',
      '广东省人民政府办公厅',
      '',
      '2017年4月21日',
      '',
      '珠江西岸六市一区创建“中国制造2025”',
      '试点示范城市群实施方案',
      '',
      '　　一、总体要求',
    ].join('\n');
    expect(factsOf(text)).toEqual({
      title: '珠江西岸六市一区创建“中国制造2025”试点示范城市群实施方案',
      issuer: '广东省人民政府办公厅',
      docNumber: null,
      issuedOn: '2017-04-21',
    });
  });

  it('infers a regional government from a salutation to its own departments and dates it from the end', () => {
    const text = [
      '各市、县人民政府，自治区人民政府各组成部门、各直属机构：',
      '　　结合广西实际，提出如下意见。',
      '　　一、总体要求',
      '　　（一）任务。广西制造。',
      '　　2016年3月17日',
    ].join('\n');
    expect(factsOf(text)).toEqual({
      title: null,
      issuer: '广西壮族自治区人民政府',
      docNumber: null,
      issuedOn: '2016-03-17',
    });
  });

  it('infers the issuer of a plan that repeals its own earlier notice, and leaves the rest null', () => {
    const text = [
      '为贯彻落实精神，制定本方案。',
      '一、指导思想',
      '（一）任务。',
      '本方案自印发之日起施行，《广西壮族自治区人民政府关于印发广西实施方案的通知》（桂政发〔2017〕1号）同时废止。',
    ].join('\n');
    expect(factsOf(text)).toEqual({
      title: null,
      issuer: '广西壮族自治区人民政府',
      docNumber: null,
      issuedOn: null,
    });
  });

  it.each([
    [{ issuedOn: '2016-03-17', title: null }, '', undefined, 2016],
    [{ issuedOn: null, title: '2021年工作要点' }, '', undefined, 2021],
    [{ issuedOn: null, title: null }, '年内完成', '2020-guangxi-plan.txt', 2020],
    [
      { issuedOn: null, title: null },
      '实现2020年全区增长6%。建立2020年联席会议。到2025年完成。',
      'plan.txt',
      2020,
    ],
    [{ issuedOn: null, title: null }, '到2020年底完成。到2025年完成。', 'plan.txt', null],
  ])('plan year of %j', (facts, text, fileName, year) => {
    expect(planYearOf({ issuer: null, docNumber: null, ...facts }, text, fileName)).toBe(year);
  });
});

describe('parseSupervision', () => {
  const text = [
    '一、主要任务',
    '（一）创新。（牵头单位：自治区科技厅）',
    '二、保障措施',
    '（一）加强组织领导。成立广西推进实施《中国制造 2025》建设领导小组。领导小组办公室设在自治区工业和信息化委，承担日常工作。',
    '（二）强化督导检查。加强督导检查，建立季度通报机制。开展第三方评估。',
    '（三）加大宣传力度。开展宣传，加强监督检查。',
  ].join('\n');

  it('finds the leading body, its office, the cadence and the clauses with their path', () => {
    expect(parseSupervision(parseOutline(text).roots, [])).toEqual({
      leadingBody: '广西推进实施《中国制造2025》建设领导小组',
      office: '自治区工业和信息化委',
      cadence: 'quarterly',
      clauses: [
        { path: ['二', '（二）'], text: '加强督导检查，建立季度通报机制' },
        { path: ['二', '（二）'], text: '开展第三方评估' },
      ],
    });
  });

  it.each([
    ['各部门每半年报送进展情况', 'half-yearly'],
    ['每月调度一次', 'monthly'],
    ['年度考核', 'quarterly'],
    ['实行年度报告制度，每年底前报送', 'yearly'],
    ['建立季度通报机制', 'quarterly'],
  ])('cadence of %s is %s', (sentence, cadence) => {
    expect(cadenceOf([sentence])).toBe(cadence);
  });

  it.each([
    ['加强对重要事项落实情况的督促检查', ['inspection']],
    ['建立季度通报机制', ['bulletin']],
    ['完善统计监测、绩效评估和监督考核机制', ['evaluation']],
    ['重大事项及时向国务院报告', ['reporting']],
    ['提供咨询评估', []],
  ])('kinds of %s', (sentence, kinds) => {
    expect(supervisionKinds(sentence)).toEqual(kinds);
  });

  it('takes a joint meeting the text relies on, and who coordinates, when nothing is set up', () => {
    const plan = [
      '三、主要任务',
      '（一）招商。充分发挥省推进珠江西岸先进装备制造产业带建设联席会议统筹协调作用。',
      '四、保障措施',
      '（一）加强组织领导。省经济和信息化委要做好统筹协调工作。',
    ].join('\n');
    const outline = parseOutline(plan);
    const all = outline.roots.flatMap((r) => [r, ...r.children]).flatMap((n) => n.paragraphs);
    expect(parseSupervision(outline.roots, all)).toMatchObject({
      leadingBody: '省推进珠江西岸先进装备制造产业带建设联席会议',
      office: '省经济和信息化委',
      clauses: [],
    });
  });
});

describe('titles set one line per block', () => {
  it('joins a title spread over lines with blank lines between, and keeps a letterhead apart', () => {
    const text = [
      '广东省人民政府文件',
      '',
      '广东省人民政府关于印发2021年',
      '',
      '省《政府工作报告》重点任务',
      '',
      '分工方案的通知',
      '',
      '粤府〔2021〕22号',
      '',
      '一、主要目标',
    ].join('\n');
    expect(factsOf(text)).toMatchObject({
      title: '广东省人民政府关于印发2021年省《政府工作报告》重点任务分工方案的通知',
      docNumber: '粤府〔2021〕22号',
    });
  });

  it('reads a list of key work (`…责任清单`) as a title', () => {
    expect(factsOf('2025年开发区重点工作及责任清单\n一、重点工作\n').title).toBe(
      '2025年开发区重点工作及责任清单',
    );
  });
});
