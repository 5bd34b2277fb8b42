import { continuesLabelledLine } from '../clauses/clause.parser';
import { isStandaloneDate } from '../text/chinese-date.parser';
import { hasLeadingSpace, trimText } from '../text/text.util';
import { looksLikeOrgName } from '../units/unit-name.util';
import type { OutlineKind } from '../document.types';
import { headingOf } from './heading.parser';
import { matchItemBeforeDigits, matchNumbering, NumberingMatch, RANK } from './numbering.parser';

export interface OutlineNode {
  kind: OutlineKind;
  label: string;
  value: number;
  path: string[];
  heading: string;
  /** Own paragraphs: the rest of the heading line first, then the body, without children. */
  paragraphs: string[];
  children: OutlineNode[];
  /** 1-based line of the heading. */
  line: number;
  /** Punctuation after an item's number. */
  mark?: string;
}

export interface ParsedOutline {
  /** Text before the first numbered item (title, number, salutation, preamble). */
  preamble: string[];
  roots: OutlineNode[];
  /** Signature, date and annex lines after the body. */
  trailer: string[];
  /** 1-based line where the trailer starts (the signature block), else null. */
  trailerLine: number | null;
}

interface OpenBox {
  node: OutlineNode;
  parent: OutlineNode | undefined;
  contentLines: number;
  contentIndented: boolean | null;
  innerLast: number;
  innerMark?: string;
  /** The box's own list is numbered 1. or （1）: one kind throughout. */
  innerKind?: 'item' | 'subitem';
}

// The title of the plan a covering notice issues (`2023年区《政府工作报告》确定的主要目标任务责任分解方案`).
const PLAN_TITLE =
  /^[^。；;，,：:]{4,60}(方案|计划|意见|清单|要点|细则|办法|措施|分解|分工|规划|安排)$/;

/** A line that titles the plan a notice issues (`长沙县2023年优化营商环境攻坚行动实施方案`). */
export function isPlanTitle(line: string): boolean {
  return PLAN_TITLE.test(trimText(line)) && !isStandaloneDate(line);
}

const ASSIGNING = /(牵头|负责|配合|责任单位|责任部门)/;

const END_MARKER = /^(附件|附表|抄送|抄报)([：:\d一二三四五六七八九十\s\u3000]|$)/;
// The closing statement after the last item (`本方案自印发之日起施行，有效期至…`) belongs to no item.
const CLOSING =
  /^本[\u4e00-\u9fa5]{0,6}(方案|意见|办法|计划|措施|细则|规定|通知)(自(印发|发布|公布)之日起(施行|实施|执行)|由[^。]{2,30}负责解释|有效期)/;

/** Most frequent number of blank lines between two paragraphs: 0 in dense texts, 1 in spaced ones. */
function typicalGap(lines: string[]): number {
  const counts = new Map<number, number>();
  let gap = -1;
  for (const line of lines) {
    if (trimText(line) === '') {
      if (gap >= 0) gap++;
      continue;
    }
    if (gap >= 0) counts.set(gap, (counts.get(gap) ?? 0) + 1);
    gap = 0;
  }
  let best = 0;
  let bestCount = -1;
  for (const [g, c] of counts)
    if (c > bestCount || (c === bestCount && g < best)) [best, bestCount] = [g, c];
  return best;
}

/**
 * Builds the numbered tree: 一、 > （一）/(一) > 1．/1. > （1）, with 专栏N boxes hanging under the
 * nearest chapter or section. Unnumbered lines attach to the deepest open item. A box ends at the
 * next numbered heading, at a blank gap wider than the document's usual paragraph gap, or when its
 * unindented content is followed by an indented paragraph; numbered lines inside a box that start
 * their own 1, 2, 3 sequence stay in the box.
 */
export function parseOutline(text: string): ParsedOutline {
  const lines = text.split(/\r\n|\r|\n/);
  const usualGap = typicalGap(lines);
  const preamble: string[] = [];
  const roots: OutlineNode[] = [];
  const trailer: string[] = [];
  const stack: OutlineNode[] = [];
  let box: OpenBox | null = null;
  let gap = 0;
  let inTrailer = false;
  let trailerLine: number | null = null;
  let annexInTrailer = false;
  let lastItem: { value: number; mark: string | undefined } | null = null;

  const top = () => stack[stack.length - 1];
  const closeBox = () => {
    if (box && top() === box.node) stack.pop();
    box = null;
  };
  const open = (m: NumberingMatch, lineNo: number) => {
    if (m.kind === 'box') {
      closeBox();
      while (stack.length > 0 && RANK[top().kind] > RANK.section) stack.pop();
    } else {
      closeBox();
      while (stack.length > 0 && RANK[top().kind] >= RANK[m.kind]) stack.pop();
    }
    const parent = top();
    const node: OutlineNode = {
      kind: m.kind,
      label: m.label,
      value: m.value,
      path: [...(parent?.path ?? []), m.label],
      heading: headingOf(m.kind, m.rest),
      paragraphs: m.rest ? [m.rest] : [],
      children: [],
      line: lineNo,
      mark: m.mark,
    };
    (parent ? parent.children : roots).push(node);
    stack.push(node);
    if (m.kind === 'box')
      box = { node, parent, contentLines: 0, contentIndented: null, innerLast: 0 };
  };

  lines.forEach((raw, index) => {
    const line = trimText(raw);
    if (line === '') {
      gap++;
      return;
    }
    const blankBefore = gap;
    gap = 0;
    if (inTrailer) {
      if (END_MARKER.test(line)) annexInTrailer = true;
      // A covering notice's items before its signature, then the plan it issues: its title and its
      // own numbered items. The notice's items are no tasks; the plan is read as the body.
      // After an `附件` line the same holds only when the notice's items assign no unit themselves
      // (else they are the tasks and the annex restates them).
      const coverOnly =
        !annexInTrailer ||
        !flattenOutline(roots).some((n) => ASSIGNING.test(n.paragraphs.join('')));
      if (
        coverOnly &&
        PLAN_TITLE.test(line) &&
        !isStandaloneDate(line) &&
        numberedSoon(lines, index + 1)
      ) {
        for (const node of flattenOutline(roots))
          preamble.push(`${node.label}${node.paragraphs.join('')}`);
        roots.length = 0;
        inTrailer = false;
        trailerLine = null;
        lastItem = null;
        preamble.push(line);
        return;
      }
      trailer.push(line);
      return;
    }
    if (
      stack.length > 0 &&
      (END_MARKER.test(line) || isStandaloneDate(line) || CLOSING.test(line))
    ) {
      // A signature block: the issuer line just before the date belongs to it, not to the last item.
      const last = top();
      const lastParagraph = last.paragraphs[last.paragraphs.length - 1];
      if (
        isStandaloneDate(line) &&
        lastParagraph &&
        looksLikeOrgName(lastParagraph) &&
        last.paragraphs.length > 1
      ) {
        trailer.push(last.paragraphs.pop() as string);
      }
      stack.length = 0;
      box = null;
      inTrailer = true;
      trailerLine = index + 1;
      annexInTrailer = END_MARKER.test(line);
      trailer.push(line);
      return;
    }
    const m =
      matchNumbering(line) ??
      (lastItem ? matchItemBeforeDigits(line, lastItem.value + 1, lastItem.mark) : null);
    if (m?.kind === 'item') lastItem = { value: m.value, mark: m.mark };
    const openBox = box as OpenBox | null;
    const boxFlushed = !!openBox && openBox.contentLines > 0 && blankBefore > usualGap;
    const inBoxList =
      !!openBox &&
      !boxFlushed &&
      (m?.kind === 'item' || m?.kind === 'subitem') &&
      (openBox.innerKind ?? m.kind) === m.kind &&
      m.value === openBox.innerLast + 1 &&
      !continuesOuter(openBox, m);
    if (openBox && m && inBoxList) {
      openBox.innerLast = m.value;
      openBox.innerMark ??= m.mark;
      openBox.innerKind ??= m.kind as 'item' | 'subitem';
      openBox.node.paragraphs.push(line);
      openBox.contentLines++;
      return;
    }
    if (m) {
      open(m, index + 1);
      return;
    }
    if (openBox && openBox.contentLines > 0) {
      const indentedAfterFlush = openBox.contentIndented === false && hasLeadingSpace(raw);
      if (blankBefore > usualGap || indentedAfterFlush) closeBox();
    }
    const current = top();
    if (!current) {
      preamble.push(line);
      return;
    }
    // A label on a line of its own (`（一）`) takes its heading from the next line.
    if (current.paragraphs.length === 0 && !current.heading)
      current.heading = headingOf(current.kind, line);
    // `（牵头单位：A` / `配合单位：B）`: a parenthesis broken over lines is one paragraph, and so is a
    // labelled clause line broken by a hard wrap (`协办单位：…园区党工` / `委、各街道党工委`).
    const last = current.paragraphs.length - 1;
    if (
      last >= 0 &&
      (unclosedParenthesis(current.paragraphs[last]) ||
        continuesLabelledLine(current.paragraphs[last], line))
    )
      current.paragraphs[last] += line;
    else current.paragraphs.push(line);
    const stillOpen = box as OpenBox | null;
    if (stillOpen && current === stillOpen.node) {
      if (stillOpen.contentLines === 0) stillOpen.contentIndented = hasLeadingSpace(raw);
      stillOpen.contentLines++;
    }
  });
  return { preamble, roots, trailer, trailerLine };
}

/** Whether the text opens a parenthesis it does not close (`（牵头单位：省财政厅`). */
function unclosedParenthesis(text: string): boolean {
  let depth = 0;
  for (const c of text) {
    if (c === '（' || c === '(') depth++;
    else if ((c === '）' || c === ')') && depth > 0) depth--;
  }
  return depth > 0;
}

/** Whether a numbered heading follows within the next few non-blank lines. */
function numberedSoon(lines: string[], from: number): boolean {
  let seen = 0;
  for (let i = from; i < lines.length && seen < 6; i++) {
    const line = trimText(lines[i]);
    if (line === '') continue;
    seen++;
    if (matchNumbering(line)) return true;
  }
  return false;
}

/**
 * Whether a number that could continue the box's own list continues the enclosing list instead:
 * it must follow the enclosing list's last number; when both lists fit, the punctuation decides
 * (`3、` after outer `2、` and inner `2．`), and a list the box has started keeps it otherwise.
 */
function continuesOuter(box: OpenBox, m: NumberingMatch): boolean {
  const siblings = box.parent ? box.parent.children : [];
  const lastItem = [...siblings].reverse().find((n) => n.kind === 'item');
  if (!lastItem || m.value !== lastItem.value + 1) return false;
  if (box.innerLast === 0) return true;
  return m.mark === lastItem.mark && m.mark !== box.innerMark;
}

/** All nodes in document order. */
export function flattenOutline(roots: OutlineNode[]): OutlineNode[] {
  const out: OutlineNode[] = [];
  const walk = (nodes: OutlineNode[]) => {
    for (const n of nodes) {
      out.push(n);
      walk(n.children);
    }
  };
  walk(roots);
  return out;
}
