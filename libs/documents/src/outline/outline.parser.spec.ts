import { flattenOutline, parseOutline } from './outline.parser';

const paths = (text: string) =>
  flattenOutline(parseOutline(text).roots).map((n) => n.path.join('/'));
const node = (text: string, path: string) =>
  flattenOutline(parseOutline(text).roots).find((n) => n.path.join('/') === path);

describe('parseOutline', () => {
  it('joins a labelled clause line broken by a hard wrap, and only that', () => {
    const text = [
      '一、任务',
      '1.做好工作。',
      '牵头单位:区委组织部',
      '协办单位:区委编办、区民政局、园区党工',
      '委、各街道党工委',
      '2.做好工作。',
      '责任单位:区财政局、',
      '区税务局',
      '3.做好工作。',
      '责任单位:区财政局',
      '完成时限:年底前',
    ].join('\n');
    expect(node(text, '一/1')?.paragraphs).toEqual([
      '做好工作。',
      '牵头单位:区委组织部',
      '协办单位:区委编办、区民政局、园区党工委、各街道党工委',
    ]);
    expect(node(text, '一/2')?.paragraphs).toEqual(['做好工作。', '责任单位:区财政局、区税务局']);
    expect(node(text, '一/3')?.paragraphs).toEqual([
      '做好工作。',
      '责任单位:区财政局',
      '完成时限:年底前',
    ]);
  });

  it('nests 一、 > （一） > 1． and normalises half-width labels', () => {
    const text = [
      '一、任务',
      '(一)创新',
      '1.平台。建设平台。',
      '2.中心。',
      '（二）绿色',
      '二、保障',
      '（一）组织',
    ].join('\n');
    expect(paths(text)).toEqual([
      '一',
      '一/（一）',
      '一/（一）/1',
      '一/（一）/2',
      '一/（二）',
      '二',
      '二/（一）',
    ]);
  });

  it('keeps items numbered straight through the sections under their own section', () => {
    const text = [
      '二、重点领域',
      '（一）装备',
      '1．机床。',
      '2．汽车。',
      '（二）新兴产业',
      '3．信息。',
      '4．生物。',
    ].join('\n');
    expect(paths(text)).toEqual([
      '二',
      '二/（一）',
      '二/（一）/1',
      '二/（一）/2',
      '二/（二）',
      '二/（二）/3',
      '二/（二）/4',
    ]);
  });

  it('hangs items under a chapter when a chapter has no sections', () => {
    const text = ['一、任务', '1．甲。', '2．乙。', '二、保障', '3．丙。'].join('\n');
    expect(paths(text)).toEqual(['一', '一/1', '一/2', '二', '二/3']);
  });

  it('attaches body paragraphs to the deepest open item', () => {
    const text = [
      '三、任务',
      '　　导语。',
      '（一）创新',
      '　　本节正文。',
      '1．平台。',
      '　　平台正文一。',
      '　　平台正文二。',
    ].join('\n');
    expect(node(text, '三')?.paragraphs).toEqual(['任务', '导语。']);
    expect(node(text, '三/（一）')?.paragraphs).toEqual(['创新', '本节正文。']);
    expect(node(text, '三/（一）/1')?.paragraphs).toEqual([
      '平台。',
      '平台正文一。',
      '平台正文二。',
    ]);
  });

  it('hangs a box under the section even after a numbered item, and ends it at the next heading', () => {
    const text = [
      '四、任务',
      '（一）创新',
      '1．甲。',
      '2．乙。',
      '专栏1 创新工程',
      '框内说明。',
      '到2020年，形成一批中心。',
      '',
      '',
      '（二）技改',
      '1．丙。',
    ].join('\n');
    expect(paths(text)).toEqual([
      '四',
      '四/（一）',
      '四/（一）/1',
      '四/（一）/2',
      '四/（一）/专栏1',
      '四/（二）',
      '四/（二）/1',
    ]);
    expect(node(text, '四/（一）/专栏1')?.paragraphs).toEqual([
      '创新工程',
      '框内说明。',
      '到2020年，形成一批中心。',
    ]);
  });

  it('ends a box at a blank gap wider than the usual one and returns the text to the section', () => {
    const text = [
      '三、任务',
      '(一)创新',
      '  段一。',
      '  段二。',
      '',
      '专栏1 工程',
      '',
      '  框内。',
      '  到2020年,形成15家。',
      '',
      '  段三。',
      '  段四。',
      '(二)融合',
    ].join('\n');
    expect(node(text, '三/（一）')?.paragraphs).toEqual([
      '创新',
      '段一。',
      '段二。',
      '段三。',
      '段四。',
    ]);
    expect(node(text, '三/（一）/专栏1')?.paragraphs).toEqual([
      '工程',
      '框内。',
      '到2020年,形成15家。',
    ]);
  });

  it('keeps a numbered list that restarts at 1 inside a box', () => {
    const text = [
      '三、任务',
      '（一）创新',
      '1．甲。',
      '专栏1 重点工程',
      '1．工程一。',
      '2．工程二。',
      '（二）融合',
    ].join('\n');
    expect(paths(text)).toEqual(['三', '三/（一）', '三/（一）/1', '三/（一）/专栏1', '三/（二）']);
    expect(node(text, '三/（一）/专栏1')?.paragraphs).toEqual([
      '重点工程',
      '1．工程一。',
      '2．工程二。',
    ]);
  });

  it('gives a number back to the enclosing list when it continues that list in its own punctuation', () => {
    const text = [
      '二、重点任务',
      '1、甲。',
      '2、乙。',
      '专栏1：重点工程',
      '1．工程一。',
      '2．工程二。',
      '3、丙。',
    ].join('\n');
    expect(paths(text)).toEqual(['二', '二/1', '二/2', '二/专栏1', '二/3']);
  });

  it('puts the signature and date after the body into the trailer', () => {
    const parsed = parseOutline(
      [
        '一、任务',
        '（一）甲。',
        '正文。',
        '广西壮族自治区人民政府',
        '2016年3月17日',
        '附件：分解表',
      ].join('\n'),
    );
    expect(
      node(
        ['一、任务', '（一）甲。', '正文。', '广西壮族自治区人民政府', '2016年3月17日'].join('\n'),
        '一/（一）',
      )?.paragraphs,
    ).toEqual(['甲。', '正文。']);
    expect(parsed.trailer).toEqual(['广西壮族自治区人民政府', '2016年3月17日', '附件：分解表']);
  });

  it('keeps the text before the first heading as the preamble', () => {
    const parsed = parseOutline(
      ['国务院关于印发《中国制造2025》的通知', '', '国发〔2015〕28号', '一、形势'].join('\n'),
    );
    expect(parsed.preamble).toEqual(['国务院关于印发《中国制造2025》的通知', '国发〔2015〕28号']);
    expect(parsed.roots[0].line).toBe(4);
  });

  it('takes the heading from the next line when a label stands alone', () => {
    expect(
      node(['一、', '主要任务', '（一）', '加快创新。正文。'].join('\n'), '一/（一）')?.heading,
    ).toBe('加快创新');
  });

  it('finds no items in prose', () => {
    expect(parseOutline('这是一段没有编号的文字。\n第二段。').roots).toEqual([]);
  });
});
