import { matchItemBeforeDigits, matchNumbering } from './numbering.parser';

describe('matchNumbering', () => {
  it.each([
    ['　　一、总体要求', 'chapter', '一', '总体要求'],
    ['  三、战略任务和重点', 'chapter', '三', '战略任务和重点'],
    ['十二、其他', 'chapter', '十二', '其他'],
    ['二.保障措施', 'chapter', '二', '保障措施'],
    [
      '　　（一）强力推进具有一定基础或优势的战略性新兴产业。',
      'section',
      '（一）',
      '强力推进具有一定基础或优势的战略性新兴产业。',
    ],
    ['  (一)全球制造业格局面临重大调整。', 'section', '（一）', '全球制造业格局面临重大调整。'],
    ['( 十 )完善机制', 'section', '（十）', '完善机制'],
    ['　　1．新一代信息技术。', 'item', '1', '新一代信息技术。'],
    ['  1.新一代信息技术产业。', 'item', '1', '新一代信息技术产业。'],
    ['10．卫星及应用。重点发展', 'item', '10', '卫星及应用。重点发展'],
    ['3、推进试点', 'item', '3', '推进试点'],
    ['１２．全角数字', 'item', '12', '全角数字'],
    ['（1）细化任务', 'subitem', '（1）', '细化任务'],
    ['(2)细化任务', 'subitem', '（2）', '细化任务'],
    ['1）推进农业产业化', 'subitem', '（1）', '推进农业产业化'],
    ['12) 落实责任', 'subitem', '（12）', '落实责任'],
    ['专栏1 创新能力提升工程', 'box', '专栏1', '创新能力提升工程'],
    ['专栏 2：工业强基工程', 'box', '专栏2', '工业强基工程'],
    ['专栏三 智能制造工程', 'box', '专栏三', '智能制造工程'],
    ['第一部分 总体要求', 'part', '第一部分', '总体要求'],
  ])('%s → %s %s', (line, kind, label, rest) => {
    expect(matchNumbering(line)).toMatchObject({ kind, label, rest });
  });

  it.each([
    ['1.26'],
    ['0.88 0.95'],
    ['2013年 2015年'],
    ['  1 规模以上制造业每亿元主营业务收入有效发明专利数'],
    ['一是加强组织领导'],
    ['在省、市级主要媒体上开设专栏专题'],
    ['说明：1．根据国家统计局有关要求'],
    ['(本文有删减)'],
    ['1．'],
  ])('%s is not a numbered heading', (line) => {
    expect(matchNumbering(line)).toBeNull();
  });

  it('gives chapters, sections and items their numeric value', () => {
    expect(matchNumbering('十五、附则')?.value).toBe(15);
    expect(matchNumbering('（二十一）其他')?.value).toBe(21);
    expect(matchNumbering('30．其他')?.value).toBe(30);
  });
});

describe('items other offices number differently', () => {
  it('reads 1﹒ (small full stop) as an item', () => {
    expect(matchNumbering('1﹒全省生产总值增长7%以上。')).toMatchObject({
      kind: 'item',
      label: '1',
      rest: '全省生产总值增长7%以上。',
    });
  });

  it('reads an item whose text starts with digits only as the number that comes next', () => {
    expect(matchNumbering('11.121人才梯队项目。')).toBeNull();
    expect(matchItemBeforeDigits('11.121人才梯队项目。', 11, '.')).toMatchObject({
      kind: 'item',
      label: '11',
      rest: '121人才梯队项目。',
    });
    expect(matchItemBeforeDigits('11.121人才梯队项目。', 12, '.')).toBeNull();
    expect(matchItemBeforeDigits('11.121人才梯队项目。', 11, '、')).toBeNull();
  });
});
