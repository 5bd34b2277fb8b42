import { parseTargets } from './target.parser';

const ctx = { planYear: 2020, issuedOn: null };
const brief = (text: string) =>
  parseTargets(text, ctx).map((t) => `${t.value}${t.unit}@${t.by ?? '-'}`);

describe('parseTargets', () => {
  it.each([
    ['到2019年，在珠江西岸地区建设10个智能制造系统解决方案公共服务平台。', ['10个@2019-12-31']],
    [
      '到2019年，实现装备制造业增加值年均增长12%，投资额年均增长20%。',
      ['12%@2019-12-31', '20%@2019-12-31'],
    ],
    [
      '到2020年,重点形成15家左右中心,力争到2025年形成40家左右中心。',
      ['15家@2020-12-31', '40家@2025-12-31'],
    ],
    [
      '到2020年，建成千家绿色示范工厂和百家绿色示范园区。',
      ['1000家@2020-12-31', '100家@2020-12-31'],
    ],
    ['年内完成投资92亿元。', ['92亿元@2020-12-31']],
    ['重点推动百色铝业等63个计划年内投产项目建设。', ['63个@2020-12-31']],
    ['力争当年开工竣工800万平方米以上。', ['800万平方米@2020-12-31']],
    ['选择100家骨干企业开展贯标工作。', ['100家@-']],
    ['到2020年，全区制造业产品质量合格率达到95%以上。', ['95%@2020-12-31']],
    [
      '到2019年，支持培育技能人才108万人，比2016年增长20%；基地总数达130个。',
      ['108万人@2019-12-31', '20%@2019-12-31', '130个@2019-12-31'],
    ],
    ['培育4个国家级工业设计中心、10个省级工业设计中心', ['4个@-', '10个@-']],
    ['开通海铁联运班列线路6条以上', ['6条@-']],
    ['推动汽车制造、电子信息等12个产业领域发展', ['12个@-']],
    ['累计突破4000亿元。', ['4000亿元@-']],
  ])('%s', (text, expected) => {
    expect(brief(text)).toEqual(expected);
  });

  it.each([
    ['investment thresholds that qualify projects', '共新引进投资超1亿元装备制造业项目', []],
    ['baselines after 由', '进口每箱平均费用由3300元降至2200元', ['2200元@-']],
    ['incentives', '对新增上规模的工业企业每家给予10万元一次性奖励', []],
    ['counts of administrative areas', '分解到14个设区市的市属工业园区及35个工业重点县', []],
    ['figures in quotes', '狠抓“5个50”产业项目建设', []],
    ['calculation bases', '按一票运单包含1个标准箱计算', []],
    [
      'a count that sums up the names listed',
      '推进珠海、佛山、中山、肇庆、江门、顺德等6个省级智能制造示范基地建设',
      [],
    ],
    ['figures in citations', '落实国发〔2016〕28号文件', []],
    ['years and model names', '比2016年增长，推进5G和3D打印', []],
    ['a duration', '本方案印发后3个月内出台办法', []],
    ['the terms of an incentive', '按设备投资额的10%给予补助，单个项目最高不超过1000万元', []],
    ['a column unit in a table header', '年度　智能工厂（个）　上云企业（万家）', []],
  ])('skips %s', (_name, text, expected) => {
    expect(brief(text)).toEqual(expected);
  });

  it('reports the clause that states the target as written', () => {
    const [target] = parseTargets(
      '推动示范。到2019年，在珠江西岸地区建设10个智能制造系统解决方案公共服务平台。下一句。',
      ctx,
    );
    expect(target).toEqual({
      text: '到2019年，在珠江西岸地区建设10个智能制造系统解决方案公共服务平台',
      value: 10,
      unit: '个',
      by: '2019-12-31',
    });
  });

  it('leads each figure with the clause of its time phrase, across a ；', () => {
    const text = '到2019年，支持培育技能人才108万人，比2016年增长20%；基地总数达130个。';
    expect(parseTargets(text, ctx).map((t) => t.text)).toEqual([
      '到2019年，支持培育技能人才108万人',
      '到2019年，比2016年增长20%',
      '到2019年，基地总数达130个',
    ]);
  });

  it('dates a figure by a clause-initial year of its sentence', () => {
    expect(brief('加快建设，2020年完成投资50亿元。')).toEqual(['50亿元@2020-12-31']);
  });
});
