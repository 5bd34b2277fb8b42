import { periodBounds } from './periods';

// 到2020年, 至2025年底, 2020年底前, 2016—2020年: the years a plan states it runs to.
const STATED_END =
  /(?:[到至]\s*(20\d{2})\s*年)|(?:(20\d{2})\s*年\s*(?:底|末|前))|(?:20\d{2}\s*[-—–~～至到]\s*(20\d{2})\s*年)/g;

/**
 * The last year a plan runs: the latest of its tasks' deadlines and the end years its text states
 * (到20XX年, 20XX年底, 20XX—20XX年); null when it states none (it then runs until archived).
 */
export function planHorizonYear(text: string, deadlines: (string | null)[] = []): number | null {
  let year: number | null = null;
  const consider = (y: number): void => {
    if (y >= 2000 && y < 2100 && (year === null || y > year)) year = y;
  };
  for (const d of deadlines) if (d && /^\d{4}/.test(d)) consider(Number(d.slice(0, 4)));
  for (const m of text.matchAll(STATED_END)) consider(Number(m[1] ?? m[2] ?? m[3]));
  return year;
}

/** A period starts after the plan's last year (a null horizon never ends). */
export function isBeyondHorizon(period: string, horizonYear: number | null): boolean {
  if (horizonYear === null) return false;
  return Number(periodBounds(period).startOn.slice(0, 4)) > horizonYear;
}
