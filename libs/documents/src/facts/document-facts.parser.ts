import { isStandaloneDate, parseChineseDate } from '../text/chinese-date.parser';
import { findBracketSpans, removeSpaces, toHalfWidthDigits, trimText } from '../text/text.util';
import { looksLikeOrgName, PROVINCE_NAMES } from '../units/unit-name.util';

export interface DocumentFacts {
  title: string | null;
  issuer: string | null;
  docNumber: string | null;
  issuedOn: string | null;
}

const TITLE_END =
  /(通知|意见|方案|规划|计划|纲要|办法|决定|措施|细则|规定|指南|要点|批复|公告|通告|报告|条例|清单|分工|分解)([（(][^（）()]{1,24}[）)])?$/;
const METADATA = /(发布时间|发布日期|成文日期|来源|阅读|浏览|字号|打印|关闭)[:：]/;
const DOC_NUMBER = /^([\u4e00-\u9fa5]{1,12})[〔\[［(（]\s*(\d{4})\s*[〕\]］)）]\s*(\d{1,4})\s*号$/;
const TITLE_LINE_MAX = 48;

function isTitleLine(line: string): boolean {
  return (
    line.length > 0 &&
    line.length <= TITLE_LINE_MAX &&
    !/[。：:；;]/.test(line) &&
    !METADATA.test(line) &&
    !isStandaloneDate(line) &&
    !DOC_NUMBER.test(removeSpaces(line)) &&
    !/^[（(].*[）)]$/.test(line)
  );
}

/** Non-blank lines before the first numbered heading, grouped in blocks separated by blank lines. */
function headBlocks(lines: string[]): string[][] {
  const blocks: string[][] = [[]];
  for (const raw of lines) {
    const line = trimText(raw);
    if (line === '') {
      if (blocks[blocks.length - 1].length > 0) blocks.push([]);
    } else blocks[blocks.length - 1].push(line);
  }
  return blocks.filter((b) => b.length > 0);
}

/** One space between joint issuers (`工业和信息化部 国家发展改革委关于…`), none elsewhere (`中国制造 2025`). */
function tidyTitle(title: string): string {
  return title
    .replace(/[\s\u3000]+/g, ' ')
    .replace(/ (?=[\dA-Za-z《》“”（）()〔〕])|(?<=[\dA-Za-z《》“”（）()〔〕]) /g, '')
    .trim();
}

/**
 * A title set one line per block (`广东省人民政府关于印发2021年` / blank / `省《政府工作报告》重点任务` / blank /
 * `分工方案的通知`): consecutive one-line blocks of title-like lines are read as one block. A letterhead
 * (`…人民政府文件`) stays apart.
 */
function withSpacedTitleLines(blocks: string[][]): string[][] {
  const out: string[][] = [];
  let run: string[] | null = null;
  for (const block of blocks) {
    const single = block.length === 1 && isTitleLine(block[0]) && !/文件$/.test(block[0]);
    if (single && run) {
      run.push(block[0]);
      continue;
    }
    run = single ? [block[0]] : null;
    out.push(run ?? block);
  }
  return out;
}

/** The first run of up to three short title-like lines whose joined text ends like a document title. */
function findTitle(blocks: string[][]): string | null {
  for (const block of withSpacedTitleLines(blocks)) {
    for (let i = 0; i < block.length; i++) {
      let joined = '';
      for (let j = i; j < Math.min(block.length, i + 3) && isTitleLine(block[j]); j++) {
        joined += block[j];
        if (TITLE_END.test(joined) && !looksLikeOrgName(joined)) return tidyTitle(joined);
      }
    }
  }
  return null;
}

function findDocNumber(lines: string[]): string | null {
  for (const raw of lines) {
    const m = removeSpaces(trimText(toHalfWidthDigits(raw))).match(DOC_NUMBER);
    if (m) return `${m[1]}〔${m[2]}〕${m[3]}号`;
  }
  return null;
}

/** Signature date on a line of its own, else a 成文日期 / 发布时间 metadata line. */
function findIssuedOn(
  head: string[],
  trailer: string[],
): { date: string | null; index: number; inHead: boolean } {
  const headIndex = head.findIndex((l) => isStandaloneDate(l));
  if (headIndex >= 0)
    return { date: parseChineseDate(head[headIndex]), index: headIndex, inHead: true };
  const trailIndex = trailer.findIndex((l) => isStandaloneDate(l));
  if (trailIndex >= 0)
    return { date: parseChineseDate(trailer[trailIndex]), index: trailIndex, inHead: false };
  for (const label of ['成文日期', '发布日期', '发布时间']) {
    const line = head.find((l) => l.includes(label));
    const date = line ? parseChineseDate(line.slice(line.indexOf(label))) : null;
    if (date) return { date, index: -1, inHead: true };
  }
  return { date: null, index: -1, inHead: true };
}

function previousNonBlank(lines: string[], index: number): string | null {
  for (let i = index - 1; i >= 0; i--) if (trimText(lines[i])) return trimText(lines[i]);
  return null;
}

/** The province-level place the text names most often, of the wanted kind (自治区 / 省). */
function mainProvince(text: string, kind: '自治区' | '省' | '市'): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const [short, full] of Object.entries(PROVINCE_NAMES)) {
    if (!full.endsWith(kind)) continue;
    const count = text.split(short).length - 1;
    if (count > bestCount) [best, bestCount] = [full, count];
  }
  return best;
}

/**
 * Who issued it: the signature line above the date, else `X关于…` in the title, else the
 * government a salutation implies (`自治区人民政府各组成部门` addresses the region's own departments),
 * else the issuer of a notice the text repeals (only the issuer can repeal its own document).
 */
function findIssuer(
  head: string[],
  trailer: string[],
  title: string | null,
  text: string,
  dated: ReturnType<typeof findIssuedOn>,
): string | null {
  if (dated.index >= 0) {
    const above = previousNonBlank(dated.inHead ? head : trailer, dated.index);
    if (above && looksLikeOrgName(above)) return removeSpaces(above);
  }
  // Joint issuers are separated by spaces in a title: list them with 、.
  const about = title?.match(/^(.{2,40}?)关于/);
  const issuers = about?.[1].split(' ').filter((n) => n.length > 0) ?? [];
  if (issuers.length > 0 && issuers.every(looksLikeOrgName)) return issuers.join('、');
  const salutation = head.map(trimText).find((l) => /[：:]$/.test(l) && /各/.test(l));
  const own = salutation?.match(/(自治区|省|市)(人民)?政府(各组成部门|各部门|各委办局)/);
  if (own) {
    const place = mainProvince(text, own[1] as '自治区' | '省' | '市');
    if (place) return `${place}人民政府`;
  }
  const repealed = text.match(/《([^《》]{2,30}?)关于[^《》]{2,80}》[^。]{0,30}?(废止|停止执行)/);
  if (repealed && looksLikeOrgName(repealed[1])) return repealed[1];
  return null;
}

export function parseDocumentFacts(
  text: string,
  firstHeadingLine: number,
  trailer: string[],
): DocumentFacts {
  const lines = text.split(/\r\n|\r|\n/);
  const head = lines.slice(0, Math.max(0, firstHeadingLine - 1));
  const title = findTitle(headBlocks(head));
  const dated = findIssuedOn(head.map(trimText), trailer);
  return {
    title,
    issuer: findIssuer(head, trailer, title, text, dated),
    docNumber: findDocNumber(head),
    issuedOn: dated.date,
  };
}

/** Years the text speaks of as "now" (not targets 到2020年, baselines 比2015年, citations 〔2016〕). */
function currentYearOfText(text: string): number | null {
  const ascii = toHalfWidthDigits(text);
  const hidden = findBracketSpans(ascii, ['〔', '《', '“', '[', '［']);
  const counts = new Map<number, number>();
  for (const m of ascii.matchAll(/(\d{4})年/g)) {
    const at = m.index ?? 0;
    if (hidden.some((s) => at > s.start && at < s.end)) continue;
    if (/[到至比较从自于以和与、—\-~～]$/.test(ascii.slice(Math.max(0, at - 1), at))) continue;
    if (/^(以来|起|开始|以前)/.test(ascii.slice(at + m[0].length))) continue;
    const year = Number(m[1]);
    if (year >= 1949 && year <= 2100) counts.set(year, (counts.get(year) ?? 0) + 1);
  }
  let best: number | null = null;
  let bestCount = 0;
  for (const [year, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== null && year < best))
      [best, bestCount] = [year, count];
  }
  return best;
}

/** The year `年内` means: issuedOn's, else the title's, the file name's, or the text's current year. */
export function planYearOf(facts: DocumentFacts, text: string, fileName?: string): number | null {
  if (facts.issuedOn) return Number(facts.issuedOn.slice(0, 4));
  const inTitle = facts.title && toHalfWidthDigits(facts.title).match(/(19|20)\d{2}/);
  if (inTitle) return Number(inTitle[0]);
  const inName = fileName?.match(/^((19|20)\d{2})(?!\d)/);
  if (inName) return Number(inName[1]);
  return currentYearOfText(text);
}
