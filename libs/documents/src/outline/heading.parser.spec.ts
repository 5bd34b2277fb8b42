import { headingOf, HEADING_MAX } from './heading.parser';

describe('headingOf', () => {
  it.each([
    ['section', '加快制造业创新体系建设。', '加快制造业创新体系建设'],
    ['section', '突出创新驱动，构建制造业创新体系。', '突出创新驱动，构建制造业创新体系'],
    ['item', '智能制造装备。重点发展高档数控机床、工业机器人', '智能制造装备'],
    ['item', '海洋工程装备及高技术船舶。大力发展深海探测', '海洋工程装备及高技术船舶'],
    ['section', '指导思想。全面贯彻创新、协调、绿色、开放、共享新发展理念', '指导思想'],
    ['chapter', '主要任务和重点工程', '主要任务和重点工程'],
    ['item', '加强组织领导：各地要建立机制。', '加强组织领导'],
    ['item', '加强组织领导（省发展改革委负责）。建立机制。', '加强组织领导'],
    ['item', '制定实施方案（2021年6月底前完成）。', '制定实施方案'],
    ['item', '培育龙头企业（牵头单位：省经济和信息化委；配合单位：各市人民政府）', '培育龙头企业'],
    ['item', '建设制造业创新中心(工业技术研究基地)。', '建设制造业创新中心(工业技术研究基地)'],
    ['box', '制造业创新中心(工业技术研究基地)建设工程', '制造业创新中心(工业技术研究基地)建设工程'],
  ])('%s %s → %s', (kind, rest, heading) => {
    expect(headingOf(kind as 'item', rest)).toBe(heading);
  });

  it('uses the first clause when an item has no title phrase', () => {
    const rest =
      '在机械、汽车、有色、冶金、电子信息等行业开展双创平台建设，选择重点行业骨干企业，培育建设一批平台。';
    expect(headingOf('item', rest)).toBe(
      '在机械、汽车、有色、冶金、电子信息等行业开展双创平台建设',
    );
  });

  it('truncates a long first clause to HEADING_MAX characters with an ellipsis', () => {
    const rest = `${'很'.repeat(60)}长的一句话。`;
    expect(headingOf('item', rest)).toBe(`${'很'.repeat(HEADING_MAX)}…`);
  });
});
