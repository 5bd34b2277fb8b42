import {
  chineseDigitsValue,
  chineseNumeralValue,
  isoDate,
  toHalfWidthDigits,
  trimText,
} from './text.util';

const DATE =
  /([0-9]{4}|[〇零一二三四五六七八九]{4})[\s\u3000]*年[\s\u3000]*([0-9]{1,2}|[一二三四五六七八九十]{1,3})[\s\u3000]*月[\s\u3000]*([0-9]{1,2}|[一二三四五六七八九十]{1,3})[\s\u3000]*日/;

function numberOf(s: string): number | null {
  if (/^[0-9]+$/.test(s)) return Number(s);
  return chineseNumeralValue(s) ?? chineseDigitsValue(s);
}

/** `2016年3月17日`, `2015年06月03日`, `二〇一六年三月十七日` → ISO date; null when not a valid date. */
export function parseChineseDate(text: string): string | null {
  const m = toHalfWidthDigits(text).match(DATE);
  if (!m) return null;
  const year = /^[0-9]+$/.test(m[1]) ? Number(m[1]) : chineseDigitsValue(m[1]);
  const month = numberOf(m[2]);
  const day = numberOf(m[3]);
  if (!year || !month || !day || month > 12 || day > 31) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1) return null;
  return isoDate(year, month, day);
}

/** A line that holds nothing but a date: the signature date of a notice. */
export function isStandaloneDate(line: string): boolean {
  const t = trimText(toHalfWidthDigits(line));
  const m = t.match(DATE);
  return !!m && m[0].length === t.length && parseChineseDate(t) !== null;
}
