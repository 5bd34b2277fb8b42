import { addDays, shanghaiDate, shanghaiInstant } from '../shanghai-time';

import { Cadence } from './cadence';

/** A reporting period label: 2020-Q3, 2020-H2, 2020-M07, 2020-Y. */
export const PERIOD_PATTERN = /^([0-9]{4})-(Q[1-4]|H[12]|M(0[1-9]|1[0-2])|Y)$/;

export interface PeriodBounds {
  period: string;
  /** First and last calendar day (Asia/Shanghai), inclusive. */
  startOn: string;
  endOn: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');

function lastDayOfMonth(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month, 0));
  return d.toISOString().slice(0, 10);
}

function monthsOf(period: string): { year: number; first: number; last: number } {
  const m = PERIOD_PATTERN.exec(period);
  if (!m) throw new RangeError(`${period} is not a reporting period (like 2020-Q3)`);
  const year = Number(m[1]);
  const part = m[2];
  if (part === 'Y') return { year, first: 1, last: 12 };
  if (part.startsWith('Q')) {
    const q = Number(part.slice(1));
    return { year, first: 3 * q - 2, last: 3 * q };
  }
  if (part.startsWith('H')) {
    const h = Number(part.slice(1));
    return { year, first: 6 * h - 5, last: 6 * h };
  }
  const month = Number(part.slice(1));
  return { year, first: month, last: month };
}

export function periodBounds(period: string): PeriodBounds {
  const { year, first, last } = monthsOf(period);
  return { period, startOn: `${year}-${pad(first)}-01`, endOn: lastDayOfMonth(year, last) };
}

/** The period of a cadence that contains an instant (computed in Asia/Shanghai). */
export function periodAt(cadence: Cadence, at: Date): string {
  const date = shanghaiDate(at);
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  switch (cadence) {
    case 'monthly':
      return `${year}-M${pad(month)}`;
    case 'quarterly':
      return `${year}-Q${Math.ceil(month / 3)}`;
    case 'half-yearly':
      return `${year}-H${month <= 6 ? 1 : 2}`;
    case 'yearly':
      return `${year}-Y`;
  }
}

export function isPeriodOf(cadence: Cadence, period: string): boolean {
  const m = PERIOD_PATTERN.exec(period);
  if (!m) return false;
  const part = m[2];
  return (
    (cadence === 'quarterly' && part.startsWith('Q')) ||
    (cadence === 'half-yearly' && part.startsWith('H')) ||
    (cadence === 'monthly' && part.startsWith('M')) ||
    (cadence === 'yearly' && part === 'Y')
  );
}

/** The instant a period opens: 00:00 Asia/Shanghai on its first day. */
export function periodOpensAt(period: string): Date {
  return shanghaiInstant(periodBounds(period).startOn);
}

export { addDays };

const QUARTER_ZH = ['一', '二', '三', '四'];
const QUARTER_EN = ['first', 'second', 'third', 'fourth'];
const MONTH_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export interface PeriodPartLabel {
  /** With `{year}` where the period's year goes: `{year}年第三季度`. */
  zh: string;
  en: string;
}

/**
 * How each part of a period reads, keyed by the part after the year (`Q3`, `H1`, `M03`, `Y`):
 * the one table behind periodLabelZh/En, served to the web pages as it is.
 */
export const PERIOD_PART_LABELS: Readonly<Record<string, PeriodPartLabel>> = Object.freeze({
  ...Object.fromEntries(
    QUARTER_ZH.map((zh, i) => [
      `Q${i + 1}`,
      { zh: `{year}年第${zh}季度`, en: `the ${QUARTER_EN[i]} quarter of {year}` },
    ]),
  ),
  H1: { zh: '{year}年上半年', en: 'the first half of {year}' },
  H2: { zh: '{year}年下半年', en: 'the second half of {year}' },
  ...Object.fromEntries(
    MONTH_EN.map((en, i) => [`M${pad(i + 1)}`, { zh: `{year}年${i + 1}月`, en: `${en} {year}` }]),
  ),
  Y: { zh: '{year}年度', en: 'the year {year}' },
});

function periodLabel(period: string, lang: keyof PeriodPartLabel): string {
  const m = PERIOD_PATTERN.exec(period);
  if (!m) return period;
  return PERIOD_PART_LABELS[m[2]][lang].replace('{year}', m[1]);
}

/** How a period reads in English: `2020-Q3` → the third quarter of 2020, `2020-H1` → the first half of 2020. */
export function periodLabelEn(period: string): string {
  return periodLabel(period, 'en');
}

/** How a period reads in Chinese: `2020-Q3` → 2020年第三季度, `2020-H1` → 2020年上半年, `2020-M03` → 2020年3月, `2020-Y` → 2020年度. */
export function periodLabelZh(period: string): string {
  return periodLabel(period, 'zh');
}
