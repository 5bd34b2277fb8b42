import { CADENCES } from './cadence';
import { RECURRENCES, RECURRENCE_NAMES, parseRecurrence } from './recurrence';

describe('recurrence of a time limit', () => {
  it.each([
    ['每年', 'yearly'],
    ['每年度', 'yearly'],
    ['每年6月底前', 'yearly'],
    ['逐年推进', 'yearly'],
    ['每半年', 'half-yearly'],
    ['每季度', 'quarterly'],
    ['每季度末', 'quarterly'],
    ['按季', 'quarterly'],
    ['每月', 'monthly'],
    ['每个月10日前', 'monthly'],
    ['长期坚持', 'ongoing'],
    ['长期', 'ongoing'],
    ['持续推进', 'ongoing'],
    ['常态化', 'ongoing'],
  ])('%s → %s', (limit, recurrence) => {
    expect(parseRecurrence(limit)).toBe(recurrence);
  });

  it.each([['2025年底前'], ['年内'], ['全年'], ['2023—2025年'], [''], [null]])(
    '%s recurs not',
    (limit) => {
      expect(parseRecurrence(limit)).toBeNull();
    },
  );

  it('extends the cadence vocabulary by ongoing work, with a name for each', () => {
    expect(RECURRENCES).toEqual([...CADENCES, 'ongoing']);
    for (const r of RECURRENCES) expect(RECURRENCE_NAMES[r].zh).toBeTruthy();
  });
});
