import { chooseRungs, countRaised } from './catch-up';
import { reportLadder, SUPERVISION_DEFAULTS } from './rules';

const sh = (s: string): Date => new Date(`${s}+08:00`);
// 2020-Q3 with the defaults: due at the end of 10 October; reminder -3 d, overdue +1, supervision +5, leading group +10.
const dueAt = sh('2020-10-11T00:00:00');
const steps = reportLadder(dueAt, SUPERVISION_DEFAULTS);

describe('chooseRungs', () => {
  it.each([
    ['2020-10-07T23:59:00', null, [], '2020-10-08T00:00:00'],
    ['2020-10-08T00:00:00', 'reminder', [], '2020-10-12T00:00:00'],
    // Due and not yet overdue: the reminder's reason has gone, nothing to raise.
    ['2020-10-11T12:00:00', null, [], '2020-10-12T00:00:00'],
    ['2020-10-12T00:00:00', 'overdue', [], '2020-10-16T00:00:00'],
    ['2020-10-16T00:00:00', 'supervision', ['overdue'], '2020-10-21T00:00:00'],
    ['2020-10-21T00:00:00', 'leading_group', ['overdue', 'supervision'], null],
    // A cycle for 2020-Q3 opened by hand in 2026: one rung, the current one.
    ['2026-03-01T09:00:00', 'leading_group', ['overdue', 'supervision'], null],
  ])('at %s raises %s (passing %j) and wakes next at %s', (now, raise, passed, next) => {
    const c = chooseRungs(steps, dueAt, sh(now));
    expect(c.raise?.rung ?? null).toBe(raise);
    expect(c.passed.map((s) => s.rung)).toEqual(passed);
    expect(c.nextAt?.toISOString() ?? null).toBe(next ? sh(next).toISOString() : null);
  });

  it('never raises more than one rung per wake-up, at any time', () => {
    for (
      let t = sh('2020-10-01T00:00:00').getTime();
      t < sh('2020-11-01T00:00:00').getTime();
      t += 6 * 3_600_000
    ) {
      const c = chooseRungs(steps, dueAt, new Date(t));
      expect(c.raise ? 1 : 0).toBeLessThanOrEqual(1);
    }
  });

  it('counts what a late opening would raise per rung', () => {
    const late = chooseRungs(steps, dueAt, sh('2020-10-17T00:00:00'));
    const early = chooseRungs(steps, dueAt, sh('2020-09-01T00:00:00'));
    expect(countRaised([late, late, early])).toEqual({
      reminder: 0,
      overdue: 0,
      supervision: 2,
      leading_group: 0,
    });
  });
});
