// Small text helpers shared by the parsers: Chinese numerals, trimming, bracket-aware scanning.

const CN_DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** Whitespace including the full-width space (U+3000), NBSP and a BOM. */
export const SPACE_CLASS = '\\s\\u3000\\u00a0\\ufeff';
const EDGE_SPACE = new RegExp(`^[${SPACE_CLASS}]+|[${SPACE_CLASS}]+$`, 'g');
const ANY_SPACE = new RegExp(`[${SPACE_CLASS}]+`, 'g');

export function trimText(s: string): string {
  return s.replace(EDGE_SPACE, '');
}

/** Names never contain spaces; the sources sometimes do (`《中国制造 2025》`). */
export function removeSpaces(s: string): string {
  return s.replace(ANY_SPACE, '');
}

export function hasLeadingSpace(line: string): boolean {
  return new RegExp(`^[${SPACE_CLASS}]`).test(line);
}

/** Full-width digits and signs as ASCII, same length (keeps indexes aligned). */
export function toHalfWidthDigits(s: string): string {
  return s.replace(/[０-９％．﹒]/g, (c) => {
    if (c === '％') return '%';
    if (c === '．' || c === '﹒') return '.';
    return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
  });
}

/** 一 → 1, 十二 → 12, 二十 → 20, 一百零五 → 105, 千 → 1000; null when not a numeral. */
export function chineseNumeralValue(s: string): number | null {
  if (!s || !/^[〇零一二两三四五六七八九十百千万]+$/.test(s)) return null;
  let total = 0;
  let section = 0;
  let digit = -1;
  for (const c of s) {
    if (c in CN_DIGITS) {
      digit = CN_DIGITS[c];
      continue;
    }
    const unit = c === '十' ? 10 : c === '百' ? 100 : c === '千' ? 1000 : 10000;
    const d = digit < 0 ? 1 : digit;
    if (unit === 10000) {
      total += (section + (digit < 0 ? 0 : digit)) * unit || unit;
      section = 0;
    } else {
      section += d * unit;
    }
    digit = -1;
  }
  return total + section + (digit < 0 ? 0 : digit);
}

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (for numbering labels up to 999). */
export function chineseNumeralText(n: number): string {
  const digits = '零一二三四五六七八九';
  if (!Number.isInteger(n) || n <= 0 || n > 999) return String(n);
  const hundreds = Math.floor(n / 100);
  const tens = Math.floor((n % 100) / 10);
  const ones = n % 10;
  let out = hundreds ? `${digits[hundreds]}百` : '';
  if (tens) out += `${tens === 1 && !hundreds ? '' : digits[tens]}十`;
  else if (hundreds && ones) out += '零';
  if (ones) out += digits[ones];
  return out;
}

/** Digits written one by one (二〇一六) → 2016. */
export function chineseDigitsValue(s: string): number | null {
  let out = '';
  for (const c of s) {
    if (/[0-9]/.test(c)) out += c;
    else if (c in CN_DIGITS) out += String(CN_DIGITS[c]);
    else return null;
  }
  return out ? Number(out) : null;
}

const OPENERS: Record<string, string> = {
  '（': '）',
  '(': ')',
  '“': '”',
  '《': '》',
  '〔': '〕',
  '［': '］',
  '[': ']',
  '【': '】',
  '‘': '’',
  '「': '」',
  '〈': '〉',
};
// Lookup tables indexed by UTF-16 code unit: the scans below visit every character of every
// paragraph, and an array read is several times cheaper there than a Map or Set lookup.
const CLOSER_OF = new Uint16Array(0x10000);
const IS_CLOSER = new Uint8Array(0x10000);
for (const [o, c] of Object.entries(OPENERS)) {
  CLOSER_OF[o.charCodeAt(0)] = c.charCodeAt(0);
  IS_CLOSER[c.charCodeAt(0)] = 1;
}
const ANY_BRACKET = /[（(“《〔［[【‘「〈）)”》〕］\]】’」〉]/;

export interface BracketSpan {
  start: number;
  /** Index just after the closing bracket. */
  end: number;
  open: string;
  inner: string;
}

/** Top-level bracketed spans of the given opening kinds (nesting of any kind is respected). */
export function findBracketSpans(text: string, kinds: string[]): BracketSpan[] {
  const spans: BracketSpan[] = [];
  if (!ANY_BRACKET.test(text)) return spans;
  const stack: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const top = stack[stack.length - 1];
    if (top !== undefined && code === CLOSER_OF[text.charCodeAt(top)]) {
      stack.pop();
      const open = text[top];
      if (stack.length === 0 && kinds.includes(open)) {
        spans.push({ start: top, end: i + 1, open, inner: text.slice(top + 1, i) });
      }
    } else if (CLOSER_OF[code] !== 0) {
      stack.push(i);
    }
  }
  return spans;
}

/** Splits on the separator characters that sit outside any brackets or quotes. */
export function splitOutsideBrackets(text: string, separators: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (CLOSER_OF[code] !== 0) depth++;
    else if (IS_CLOSER[code] === 1) depth = Math.max(0, depth - 1);
    else if (depth === 0 && separators.includes(text[i])) {
      parts.push(text.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(text.slice(from));
  return parts;
}

export function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/** Last day of a month as an ISO date (month 1..12). */
export function monthEnd(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return isoDate(year, month, day);
}

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Adds days / months / years to an ISO date (calendar arithmetic, no time zone involved). */
export function addToIsoDate(iso: string, amount: number, unit: 'day' | 'month' | 'year'): string {
  const [y, m, d] = iso.split('-').map(Number);
  if (unit === 'day') {
    const t = new Date(Date.UTC(y, m - 1, d + amount));
    return isoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
  }
  const months = unit === 'year' ? amount * 12 : amount;
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = Number(monthEnd(year, month).slice(8));
  return isoDate(year, month, Math.min(d, last));
}
