// China has had no daylight saving since 1991: Asia/Shanghai is a fixed UTC+8.
const OFFSET_MS = 8 * 3_600_000;

/** The calendar date (YYYY-MM-DD) in Asia/Shanghai of an instant. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant of a wall-clock time in Asia/Shanghai on a date (YYYY-MM-DD). */
export function shanghaiInstant(date: string, time = '00:00'): Date {
  return new Date(`${date}T${time}:00+08:00`);
}

/** Adds calendar days to a YYYY-MM-DD date. */
export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * How a due instant reads to people: the last calendar day (Asia/Shanghai) on which the report may
 * still be filed. A report due at the end of 10 October has the instant 2020-10-11T00:00+08:00 and
 * reads "2020-10-10"; an instant within a day (a revision due at 14:30) reads as that day.
 */
export function dueDateLabel(at: Date): string {
  return shanghaiDate(new Date(at.getTime() - 1));
}
