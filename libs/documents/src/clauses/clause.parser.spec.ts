import { findClauses } from './clause.parser';
import { findLeadConventions } from './lead-convention.parser';

const segmentsOf = (paragraph: string) =>
  findClauses(paragraph).map((c) =>
    c.segments.map((s) => `${s.role}:${s.names.join('|')}`).join(' ; '),
  );

describe('findClauses', () => {
  it.each([
    [
      'labelled lead and support',
      '组建联盟。（牵头单位：自治区工业和信息化委、发展改革委；配合单位：自治区科技厅、财政厅，各市人民政府）',
      ['lead:自治区工业和信息化委|发展改革委 ; support:自治区科技厅|财政厅|各市人民政府'],
    ],
    [
      'lead label alone',
      '严格实施制度。（牵头单位：自治区质监局、工商局、工业和信息化委，各市人民政府）',
      ['lead:自治区质监局|工商局|工业和信息化委|各市人民政府'],
    ],
    [
      'responsible list with a convention',
      '推动发展。（责任单位：自治区科技厅、发展改革委，各市人民政府；排在第一位的为牵头单位，下同）',
      ['responsible:自治区科技厅|发展改革委|各市人民政府'],
    ],
    [
      'bare list of units at the end of the paragraph',
      '建设公共服务平台。（省经济和信息化委，珠江西岸六市一区政府）',
      ['responsible:省经济和信息化委|珠江西岸六市一区政府'],
    ],
    [
      'A、B负责',
      '制定实施方案（省发展改革委、省财政厅负责）。',
      ['responsible:省发展改革委|省财政厅'],
    ],
    [
      'A牵头，B、C配合',
      '建设平台（省发展改革委牵头，省财政厅、省科技厅配合）。',
      ['lead:省发展改革委 ; support:省财政厅|省科技厅'],
    ],
    [
      '由A牵头，各有关部门按职责分工负责',
      '推进改革（由省发展改革委牵头，各有关部门按职责分工负责）。',
      ['lead:省发展改革委 ; support:各有关部门'],
    ],
    [
      '按职责分工负责 alone',
      '抓好落实（各市人民政府按职责分工负责）',
      ['responsible:各市人民政府'],
    ],
    ['A会同B', '完善政策（省财政厅会同省税务局负责）', ['lead:省财政厅 ; support:省税务局']],
    [
      'list ending with 等',
      '加强协作。（牵头单位：自治区工业和信息化委等有关部门，各市人民政府）',
      ['lead:自治区工业和信息化委|各市人民政府'],
    ],
    [
      'a time-limit label after the lists',
      '推进上云（牵头单位：省工业和信息化厅；配合单位：省通信管理局；完成时限：2021年6月底前）',
      ['lead:省工业和信息化厅 ; support:省通信管理局'],
    ],
    [
      'half-width parentheses and colon',
      '推进上云(牵头单位:省工业和信息化厅;配合单位:各地级以上市人民政府)',
      ['lead:省工业和信息化厅 ; support:各地级以上市人民政府'],
    ],
    [
      'a line of its own',
      '责任单位：省发展改革委、省财政厅',
      ['responsible:省发展改革委|省财政厅'],
    ],
    [
      'a time limit inside a verb clause',
      '推进上云（省通信管理局牵头，省工业和信息化厅等按职责分工负责，2021年底前完成）',
      ['lead:省通信管理局 ; support:省工业和信息化厅'],
    ],
    [
      'ongoing wording inside a verb clause',
      '强化示范（各市州人民政府负责，长期坚持）',
      ['responsible:各市州人民政府'],
    ],
    [
      'a time limit inside a labelled clause',
      '完善标准（责任单位：省市场监管局，各市州人民政府；2022年6月底前完成）',
      ['responsible:省市场监管局|各市州人民政府'],
    ],
    [
      'a unit ending in 室 after 会同',
      '强化考核（省工业和信息化厅会同省政府督查室负责）',
      ['lead:省工业和信息化厅 ; support:省政府督查室'],
    ],
    [
      'two clauses in one paragraph',
      '建设平台（省发展改革委牵头）；完善标准（省市场监管局牵头，省工业和信息化厅配合）。',
      ['lead:省发展改革委', 'lead:省市场监管局 ; support:省工业和信息化厅'],
    ],
    [
      'a sentence of its own',
      '改造户厕2000户。由县农业农村局牵头，县卫生健康局配合，各乡镇人民政府具体实施。',
      ['lead:县农业农村局 ; support:县卫生健康局 ; support:各乡镇人民政府'],
    ],
    [
      'a 配合单位 line of its own',
      '配合单位：省农业农村厅、团省委',
      ['support:省农业农村厅|团省委'],
    ],
    [
      '`由A会同B` after a topic phrase',
      '（一）关于“确保谷物基本自给、口粮绝对安全”的问题，由发展改革委会同中央农办、农业部等部门研究提出落实意见。',
      ['lead:发展改革委 ; support:中央农办|农业部'],
    ],
    [
      '`由A会同B等部门负责落实` after a topic phrase',
      '关于“严守耕地保护红线”的问题，由国土资源部会同农业部等部门负责落实。',
      ['lead:国土资源部 ; support:农业部'],
    ],
  ])('%s', (_name, paragraph, expected) => {
    expect(segmentsOf(paragraph)).toEqual(expected);
  });

  it.each([
    ['a parenthetical note', '形成一批制造业创新中心（工业技术研究基地），开展研究。'],
    ['a place in parentheses', '中泰（崇左）产业园建设。'],
    ['a list of things at the end', '完善汽车零部件（电池、电机、电控系统等）。'],
    ['a citation', '贯彻落实《通知》（国发〔2015〕28号）。'],
    [
      'units in a mid-sentence parenthetical without a role',
      '依托骨干企业（广西柳工集团有限公司、广西玉柴机器集团有限公司）建设城市。',
    ],
    [
      'enterprises named as examples at the end',
      '支持龙头企业做大做强（广西柳工集团有限公司、广西玉柴机器集团有限公司）。',
    ],
    [
      'a sentence with 负责 that is no list of units',
      '建立机制（由国务院领导同志担任组长，负责统筹协调）。',
    ],
    ['a body sentence where the unit does something', '省发展改革委牵头制定实施细则。'],
    [
      'a topic phrase followed by no 由 subject',
      '关于耕地保护的问题，发展改革委会同农业部的意见已经印发。',
    ],
  ])('ignores %s', (_name, paragraph) => {
    expect(findClauses(paragraph)).toEqual([]);
  });

  it('records the span of a clause so it can be cut from the text', () => {
    const paragraph = '建设平台。（省经济和信息化委，珠江西岸六市一区政府）';
    const [clause] = findClauses(paragraph);
    expect(paragraph.slice(clause.start, clause.end)).toBe(
      '（省经济和信息化委，珠江西岸六市一区政府）',
    );
  });
});

describe('findLeadConventions', () => {
  it.each([
    ['排在第一位的为牵头单位，下同', 1, true],
    ['排在第一位的为牵头单位', 1, false],
    ['排在第一位的部门为牵头部门', 1, false],
    ['列第一位者为牵头单位', 1, false],
    ['排在前两位的为牵头单位，下同', 2, true],
  ])('%s → first %d lead, persists %s', (text, leadCount, persists) => {
    expect(findLeadConventions(`（责任单位：甲、乙；${text}）`)[0]).toMatchObject({
      leadCount,
      persists,
    });
  });
});

describe('brackets, labels and standing rules of other issuers', () => {
  it('reads a clause in square brackets with 牵头单位 and 责任单位 split by a half-width semicolon', () => {
    const [clause] = findClauses(
      '全力做好监测工作。[牵头单位:区卫健局;责任单位:区疫情防控指挥部成员单位、各街办(新区)]',
    );
    expect(clause.segments).toEqual([
      { role: 'lead', names: ['区卫健局'] },
      { role: 'responsible', names: ['区疫情防控指挥部成员单位', '各街办(新区)'] },
    ]);
  });

  it('ends the lists at a full stop inside 〔〕 and reads the standing rule after it', () => {
    const [clause] = findClauses(
      '深化数据要素创新应用。〔责任单位:省发展改革委、省市场监管局、商务厅按职责分工负责。具体任务均涉及相关市(州)人民政府,不再做分工,下同。〕',
    );
    expect(clause.segments).toEqual([
      { role: 'responsible', names: ['省发展改革委', '省市场监管局', '商务厅'] },
    ]);
    expect(clause.standing).toEqual(['相关市(州)人民政府']);
  });

  it('reads 牵头责任单位 and 协同责任单位 lines as lead and support', () => {
    expect(findClauses('牵头责任单位:省商务厅。')[0].segments).toEqual([
      { role: 'lead', names: ['省商务厅'] },
    ]);
    expect(findClauses('协同责任单位:省发展改革委、合肥海关等。')[0].segments).toEqual([
      { role: 'support', names: ['省发展改革委', '合肥海关'] },
    ]);
  });

  it('takes no person line for a clause (牵头负责领导)', () => {
    expect(findClauses('牵头负责领导:刘惠。')).toEqual([]);
  });
});
