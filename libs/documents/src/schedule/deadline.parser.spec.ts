import { findTimePhrases, parseDeadline } from './deadline.parser';

const ctx = { planYear: 2020, issuedOn: '2020-05-15' };

describe('parseDeadline', () => {
  it.each([
    ['到2019年，共新引进项目800个', '到2019年', '2019-12-31'],
    ['力争到2020年底，建成平台', '到2020年底', '2020-12-31'],
    ['2020年底前，进口每箱平均费用降至2200元', '2020年底前', '2020-12-31'],
    ['（2021年6月底前完成）', '2021年6月底前', '2021-06-30'],
    ['2021年2月底前完成', '2021年2月底前', '2021-02-28'],
    ['2021年6月前出台', '2021年6月前', '2021-05-31'],
    ['2021年6月30日前完成', '2021年6月30日前', '2021-06-30'],
    ['到2021年6月，完成评估', '到2021年6月', '2021-06-30'],
    ['2021年上半年完成', '2021年上半年', '2021-06-30'],
    ['2021年第三季度完成', '2021年第三季度', '2021-09-30'],
    ['年内完成投资92亿元', '年内', '2020-12-31'],
    ['力争当年开工竣工800万平方米以上', '当年', '2020-12-31'],
    ['今年底前完成', '今年底前', '2020-12-31'],
    ['明年底前完成', '明年底前', '2021-12-31'],
    ['自印发之日起30日内制定细则', '印发之日起30日内', '2020-06-14'],
    ['印发之日起3个月内完成', '印发之日起3个月内', '2020-08-15'],
    ['长期坚持', '长期坚持', null],
    ['持续推进“千企技改”工程', '持续推进', null],
    ['2020年内完成', '2020年内', '2020-12-31'],
    ['本方案印发后3个月内完成', '印发后3个月内', '2020-08-15'],
    ['2021年第三季度前完成', '2021年第三季度前', '2021-09-30'],
    ['2020年完成改造80个，2021年完成70个', '2020年', '2020-12-31'],
    ['到2025年覆盖率达到90%。\n完成时限：2022年12月底前', '2022年12月底前', '2022-12-31'],
    ['牵头单位：甲局　完成时限：2025年', '2025年', '2025-12-31'],
    ['培训人才1万人次。\n完成时限：每年', '每年', null],
    ['2023—2025年，每年新增高标准农田5万亩', '2023—2025年', '2025-12-31'],
    ['2023-2025年完成改造', '2023-2025年', '2025-12-31'],
    ['2021年至2023年，累计培育企业100家', '2021年至2023年', '2023-12-31'],
    ['２０２２－２０２４年底前全面完成', '２０２２－２０２４年底前', '2024-12-31'],
    ['牵头单位：甲局。完成时限：2023—2025年', '2023—2025年', '2025-12-31'],
    ['完成时限：每年6月底前', '每年6月底前', null],
    ['完成时限：长期', '长期', null],
    ['上半年完成招标', '上半年', '2020-06-30'],
    ['三季度末前完成验收', '三季度末前', '2020-09-30'],
    ['一季度开工建设', '一季度', '2020-03-31'],
    ['确保年底完工', '年底', '2020-12-31'],
    ['今年6月底前完成', '今年6月底前', '2020-06-30'],
    ['今年9月30日前印发', '今年9月30日前', '2020-09-30'],
    ['完成时限：2023年12月31日', '2023年12月31日', '2023-12-31'],
    ['完成时限：6月30日', '6月30日', '2020-06-30'],
    ['完成时限：年底', '年底', '2020-12-31'],
    ['完成时限：上半年', '上半年', '2020-06-30'],
    ['时间节点：三季度', '三季度', '2020-09-30'],
    ['完成时限：第一季度', '第一季度', '2020-03-31'],
  ])('%s → %s %s', (text, deadlineText, deadline) => {
    expect(parseDeadline(text, ctx)).toEqual({ deadlineText, deadline });
  });

  it.each([
    ['比2016年增长20%'],
    ['2017年单位GDP能耗累计下降率计算以2015年数据为基数'],
    ['2015年以来'],
    ['国务院2015年5月8日印发'],
    ['持续提升产业竞争力'],
    ['2019年完成投资50亿元'],
    ['上半年地区生产总值增长5%'],
    ['每季度开展一次督查'],
    ['年底工作总结'],
    ['落实《广东省制造业高质量发展“十四五”规划（2021—2025年）》'],
  ])('finds no time limit in %s', (text) => {
    expect(parseDeadline(text, ctx)).toEqual({ deadlineText: null, deadline: null });
  });

  it('prefers a dated limit over ongoing wording, and the first dated one', () => {
    expect(parseDeadline('持续推进改造，到2020年完成一批，到2025年全面完成', ctx)).toEqual({ deadlineText: '到2020年', deadline: '2020-12-31' });
  });

  it('leaves 年内 undated without a plan year, and 印发之日起 undated without an issue date', () => {
    const none = { planYear: null, issuedOn: null };
    expect(parseDeadline('年内完成', none)).toEqual({ deadlineText: '年内', deadline: null });
    expect(parseDeadline('印发之日起30日内', none)).toEqual({ deadlineText: '印发之日起30日内', deadline: null });
  });

  it('lists clause-initial bare years only when asked (they date targets, not tasks)', () => {
    const text = '加快建设，2020年沿海口岸整体通关时间达到一流水平';
    expect(findTimePhrases(text, ctx)).toEqual([]);
    expect(findTimePhrases(text, ctx, true)).toMatchObject([{ text: '2020年', kind: 'year', date: '2020-12-31' }]);
  });
});

describe('a month without its year', () => {
  it('dates 5月底前 in the plan year, and not without one', () => {
    expect(parseDeadline('加快建立“中介超市”,5月底前实现上线运行', { planYear: 2016, issuedOn: null })).toEqual({ deadlineText: '5月底前', deadline: '2016-05-31' });
    expect(parseDeadline('5月底前实现上线运行', { planYear: null, issuedOn: null })).toEqual({ deadlineText: null, deadline: null });
    expect(parseDeadline('3个月底前', { planYear: 2016, issuedOn: null }).deadline).toBeNull();
  });
});
