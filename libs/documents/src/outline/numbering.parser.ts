import { chineseNumeralValue, toHalfWidthDigits, trimText } from '../text/text.util';
import type { OutlineKind } from '../document.types';

export interface NumberingMatch {
  kind: OutlineKind;
  /** Normalised path label: "四", "（一）", "1", "（1）", "专栏1", "第一部分". */
  label: string;
  value: number;
  /** The rest of the line after the label. */
  rest: string;
  /** The punctuation after an item's number (`．`, `.`, `、`), to tell two lists apart. */
  mark?: string;
}

/** Nesting rank of each numbering style; a box hangs under the nearest chapter or section. */
export const RANK: Record<OutlineKind, number> = {
  part: 0,
  chapter: 1,
  section: 2,
  item: 3,
  subitem: 4,
  box: 9,
};

const CN = '[一二三四五六七八九十百零〇两]';
const PART = new RegExp(`^第(${CN}{1,4})(章|部分|篇)[${'\\s\\u3000'}、：:．.]*`);
// `一、` / `一．`, and a half-width `一.` as web copies write it.
const CHAPTER = new RegExp(`^(${CN}{1,4})(?:[、．]|\\.(?!\\d))`);
const SECTION = new RegExp(`^[（(][\\s\\u3000]*(${CN}{1,4})[\\s\\u3000]*[）)]`);
// 1． / 1. / 1、 but not a decimal (1.26) nor a dotted version (1.2.3).
const ITEM = /^(\d{1,3})[\s\u3000]*[.、](?![\d.])/;
const SUBITEM = /^[（(][\s\u3000]*(\d{1,3})[\s\u3000]*[）)]/;
// `1）` / `1)`: a closing bracket only, as many offices number their sub-items.
const SUBITEM_CLOSE_ONLY = /^(\d{1,3})[\s\u3000]*[）)](?=[\s\u3000]*\S)/;
const BOX = new RegExp(`^专栏[\\s\\u3000]*(\\d{1,3}|${CN}{1,4})(?![\\d])`);

/**
 * Recognises a numbering label at the start of a (trimmed) line.
 * Half-width parentheses and dots are accepted; labels come back in one normal form.
 */
export function matchNumbering(rawLine: string): NumberingMatch | null {
  const line = trimText(rawLine);
  const ascii = toHalfWidthDigits(line);
  let m: RegExpMatchArray | null;
  if ((m = ascii.match(BOX))) {
    const value = /^\d/.test(m[1]) ? Number(m[1]) : (chineseNumeralValue(m[1]) ?? 0);
    return { kind: 'box', label: `专栏${m[1]}`, value, rest: restAfter(line, m[0].length, true) };
  }
  if ((m = line.match(PART))) {
    return {
      kind: 'part',
      label: `第${m[1]}${m[2]}`,
      value: chineseNumeralValue(m[1]) ?? 0,
      rest: restAfter(line, m[0].length),
    };
  }
  if ((m = line.match(CHAPTER))) {
    return {
      kind: 'chapter',
      label: m[1],
      value: chineseNumeralValue(m[1]) ?? 0,
      rest: restAfter(line, m[0].length),
    };
  }
  if ((m = line.match(SECTION))) {
    return {
      kind: 'section',
      label: `（${m[1]}）`,
      value: chineseNumeralValue(m[1]) ?? 0,
      rest: restAfter(line, m[0].length),
    };
  }
  if ((m = ascii.match(SUBITEM) ?? ascii.match(SUBITEM_CLOSE_ONLY))) {
    return {
      kind: 'subitem',
      label: `（${Number(m[1])}）`,
      value: Number(m[1]),
      rest: restAfter(line, m[0].length),
    };
  }
  if ((m = ascii.match(ITEM))) {
    const rest = restAfter(line, m[0].length);
    if (!rest) return null;
    const mark = line.slice(m[0].length - 1, m[0].length);
    return { kind: 'item', label: String(Number(m[1])), value: Number(m[1]), rest, mark };
  }
  return null;
}

// `11.121人才梯队项目`: a number whose text starts with digits, told from a decimal by the sequence.
const ITEM_BEFORE_DIGITS = /^(\d{1,3})[\s\u3000]*([.、])(?=\d)/;

/** An item label followed by digits (`11.121…`), accepted only as the number that comes next. */
export function matchItemBeforeDigits(
  rawLine: string,
  expected: number,
  mark: string | undefined,
): NumberingMatch | null {
  const line = trimText(rawLine);
  const m = toHalfWidthDigits(line).match(ITEM_BEFORE_DIGITS);
  if (!m || Number(m[1]) !== expected) return null;
  const lineMark = line.slice(m[0].length - 1, m[0].length);
  if (mark !== undefined && toHalfWidthDigits(lineMark) !== toHalfWidthDigits(mark)) return null;
  const rest = restAfter(line, m[0].length);
  return rest
    ? { kind: 'item', label: String(expected), value: expected, rest, mark: lineMark }
    : null;
}

function restAfter(line: string, length: number, dropSeparator = false): string {
  let rest = trimText(line.slice(length));
  if (dropSeparator) rest = trimText(rest.replace(/^[：:．.、]/, ''));
  return rest;
}
