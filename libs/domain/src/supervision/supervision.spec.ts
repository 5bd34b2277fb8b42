import { periodAt, periodBounds } from './periods';
import { citeClause, rulesFromClauses } from './clauses';
import {
  ackLadder,
  dueRungs,
  reportDueAt,
  reportLadder,
  SUPERVISION_DEFAULTS,
  withDefaults,
} from './rules';

const sh = (s: string): Date => new Date(`${s}+08:00`);
const iso = (d: Date): string => d.toISOString();

describe('periods', () => {
  it.each([
    ['quarterly', '2020-07-01T00:00:00', '2020-Q3'],
    ['quarterly', '2020-06-30T23:59:00', '2020-Q2'],
    ['half-yearly', '2020-07-01T00:00:00', '2020-H2'],
    ['monthly', '2020-12-31T23:00:00', '2020-M12'],
    ['yearly', '2021-01-01T00:30:00', '2021-Y'],
  ] as const)('%s period at %s (Asia/Shanghai) is %s', (cadence, at, period) => {
    expect(periodAt(cadence, sh(at))).toBe(period);
  });

  it('bounds a quarter by its first and last day', () => {
    expect(periodBounds('2020-Q1')).toEqual({
      period: '2020-Q1',
      startOn: '2020-01-01',
      endOn: '2020-03-31',
    });
  });
});

describe('due times and the ladder', () => {
  it('is due at the end of the 10th calendar day after the quarter', () => {
    expect(iso(reportDueAt('2020-Q3', SUPERVISION_DEFAULTS))).toBe(iso(sh('2020-10-11T00:00:00')));
  });

  it('counts working days across the National Day holiday when the profile says so', () => {
    // 2020-10-01..08 are holidays; 10-10 (Saturday) is a make-up working day (chinese-days).
    const rules = withDefaults({ countWorkingDays: true, dueOffsetDays: 3 });
    expect(iso(reportDueAt('2020-Q3', rules))).toBe(iso(sh('2020-10-13T00:00:00')));
  });

  it.each([
    ['2020-10-07T23:00:00', [], 'reminder'],
    ['2020-10-08T00:00:00', ['reminder'], 'overdue'],
    ['2020-10-12T00:00:00', ['overdue'], 'supervision'],
    ['2020-10-21T00:00:00', ['overdue', 'supervision', 'leading_group'], null],
  ])('at %s raises %j and next wakes for %s', (now, rungs, next) => {
    const due = sh('2020-10-11T00:00:00');
    const steps = reportLadder(due, SUPERVISION_DEFAULTS);
    const r = dueRungs(steps, due, sh(now));
    expect(r.due.map((s) => s.rung)).toEqual(rungs);
    expect(r.nextAt ? steps.find((s) => s.at.getTime() === r.nextAt?.getTime())?.rung : null).toBe(
      next,
    );
  });

  it('colours the rungs blue, yellow, orange, red', () => {
    expect(
      reportLadder(sh('2020-10-11T00:00:00'), SUPERVISION_DEFAULTS).map((s) => [s.colour, s.level]),
    ).toEqual([
      ['blue', 0],
      ['yellow', 1],
      ['orange', 2],
      ['red', 3],
    ]);
  });

  it('requests an acknowledgement at once, then chases it after 3 and 7 days', () => {
    const steps = ackLadder(sh('2020-07-01T09:00:00'), SUPERVISION_DEFAULTS);
    expect(steps.map((s) => [s.rung, iso(s.at)])).toEqual([
      ['ack_request', iso(sh('2020-07-01T09:00:00'))],
      ['ack_reminder', iso(sh('2020-07-04T09:00:00'))],
      ['ack_overdue', iso(sh('2020-07-08T09:00:00'))],
    ]);
  });
});

describe('supervision clauses', () => {
  it.each([
    [
      '各牵头单位每季度结束后10个工作日内报送进展情况',
      { cadence: 'quarterly', dueOffsetDays: 10, countWorkingDays: true },
    ],
    [
      '每半年报送一次，半年结束后十五日内报领导小组办公室',
      { cadence: 'half-yearly', dueOffsetDays: 15 },
    ],
    ['实行季度通报机制，于次月5日前报送', { cadence: 'quarterly', dueOffsetDays: 5 }],
    ['加强组织领导', {}],
  ])('reads %s', (text, rules) => {
    expect(rulesFromClauses([{ path: ['五'], text }])).toEqual(rules);
  });

  it('cites the sentence that authorises a notice', () => {
    const clauses = [
      { path: ['五', '（一）'], text: '加强组织领导。重大问题提请领导小组研究。' },
      { path: ['五', '（三）'], text: '强化督导检查。对推进不力的单位进行督办。' },
    ];
    expect(citeClause('方案', clauses, 'supervision')).toEqual({
      documentTitle: '方案',
      path: ['五', '（三）'],
      text: '强化督导检查。',
    });
    expect(citeClause('方案', clauses, 'leading_group')?.text).toBe('重大问题提请领导小组研究。');
    expect(citeClause('方案', [], 'chase')).toBeNull();
  });
});
