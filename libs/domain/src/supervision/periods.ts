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
const MONTH_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** How a period reads in English: `2020-Q3` → the third quarter of 2020, `2020-H1` → the first half of 2020. */
export function periodLabelEn(period: string): string {
  const m = PERIOD_PATTERN.exec(period);
  if (!m) return period;
  const [, year, part] = m;
  if (part.startsWith('Q')) return `the ${QUARTER_EN[Number(part[1]) - 1]} quarter of ${year}`;
  if (part === 'H1') return `the first half of ${year}`;
  if (part === 'H2') return `the second half of ${year}`;
  if (part.startsWith('M')) return `${MONTH_EN[Number(part.slice(1)) - 1]} ${year}`;
  return `the year ${year}`;
}

/** How a period reads in Chinese: `2020-Q3` → 2020年第三季度, `2020-H1` → 2020年上半年, `2020-M03` → 2020年3月, `2020-Y` → 2020年度. */
export function periodLabelZh(period: string): string {
  const m = PERIOD_PATTERN.exec(period);
  if (!m) return period;
  const [, year, part] = m;
  if (part.startsWith('Q')) return `${year}年第${QUARTER_ZH[Number(part[1]) - 1]}季度`;
  if (part === 'H1') return `${year}年上半年`;
  if (part === 'H2') return `${year}年下半年`;
  if (part.startsWith('M')) return `${year}年${Number(part.slice(1))}月`;
  return `${year}年度`;
}
