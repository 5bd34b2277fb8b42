// A province-scale plan written the way the seed documents are: chapters (一、), sections (（一）)
// and numbered items (1．) whose responsibility clauses name registered units, a deadline and a
// quantitative target here and there, and the closing chapter's supervision clauses. Shared by
// the import bench and the import-at-scale test, so both read the same shape of text.

// Registered names (the unit registry's canonical names) and the way documents abbreviate them.
const LEADS = [
  '自治区工业和信息化厅',
  '自治区发展改革委',
  '自治区科技厅',
  '自治区财政厅',
  '自治区商务厅',
  '自治区自然资源厅',
  '自治区交通运输厅',
  '自治区投资促进局',
];
const SUPPORTS = [
  '工业和信息化厅',
  '发展改革委',
  '财政厅',
  '科技厅',
  '人力资源社会保障厅',
  '商务厅',
  '投资促进局',
  '大数据发展局',
  '国资委',
  '市场监管局',
];
const TOPICS = [
  '产业集群',
  '技术改造',
  '园区建设',
  '数字化转型',
  '招商引资',
  '人才培育',
  '绿色制造',
  '品牌建设',
  '要素保障',
  '开放合作',
];

const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 23 → 二十三 (up to 99: enough numbering for chapters and sections). */
export function chineseNumeral(n: number): string {
  if (n < 1 || n > 99) throw new Error(`${n} is out of range`);
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : DIGITS[tens]}十${DIGITS[n % 10]}`;
}

export interface LargeDocumentShape {
  chapters: number;
  sectionsPerChapter: number;
  itemsPerSection: number;
}

/** The shape that gives `tasks` numbered items (rounded up to whole sections of 50 items). */
export function shapeFor(tasks: number): LargeDocumentShape {
  const itemsPerSection = 50;
  const sections = Math.ceil(tasks / itemsPerSection);
  const sectionsPerChapter = Math.min(10, sections);
  return {
    chapters: Math.ceil(sections / sectionsPerChapter),
    sectionsPerChapter,
    itemsPerSection,
  };
}

/**
 * The text; `tag` makes it unique (its content hash) so runs never find an earlier import. Every
 * item is a task with one lead and two supporting departments (three every fifth item, and the
 * cities' collective every fiftieth).
 */
export function largeDocumentText(shape: LargeDocumentShape, tag: string): string {
  const lines = [
    `广西壮族自治区人民政府办公厅关于印发推动制造业高质量发展重点任务分工方案（${tag}）的通知`,
    '',
    '各市人民政府，自治区人民政府各组成部门、各直属机构：',
    '现将方案印发给你们，请认真贯彻执行。',
    '',
  ];
  let n = 0;
  for (let c = 1; c <= shape.chapters; c++) {
    lines.push(`　　${chineseNumeral(c)}、第${c}方面重点任务`, '');
    for (let s = 1; s <= shape.sectionsPerChapter; s++) {
      const topic = TOPICS[(c + s) % TOPICS.length];
      lines.push(`　　（${chineseNumeral(s)}）推进${topic}工作。`, '');
      for (let i = 1; i <= shape.itemsPerSection; i++, n++) {
        const lead = LEADS[n % LEADS.length];
        const supports = [SUPPORTS[n % SUPPORTS.length], SUPPORTS[(n + 3) % SUPPORTS.length]];
        if (n % 5 === 0) supports.push(SUPPORTS[(n + 7) % SUPPORTS.length]);
        const target = n % 4 === 0 ? `，2020年完成项目${(n % 90) + 10}个` : '';
        const deadline = n % 3 === 0 ? '2020年底前完成。' : '';
        // A collective (expanded to its member cities) now and then, as real plans do.
        const cities = n % 50 === 0 ? '，各设区市人民政府' : '';
        lines.push(
          `　　${i}．加快${topic}第${n + 1}项工作。围绕${topic}重点环节，完善工作机制，强化政策支持${target}。${deadline}（牵头单位：${lead}；配合单位：自治区${supports.join('、')}${cities}）`,
          '',
        );
      }
    }
  }
  lines.push(
    `　　${chineseNumeral(shape.chapters + 1)}、保障措施`,
    '',
    '　　（一）加强组织领导。建立联席会议制度，协调解决工作推进中遇到的重大问题。',
    '',
    '　　（二）强化督导检查。组织督导工作组定期进行督促指导，建立季度通报机制，确保各项目标任务落实到位。',
    '',
  );
  return lines.join('\n');
}
