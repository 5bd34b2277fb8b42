import {
  AssessmentEvent,
  DEFAULT_ASSESSMENT_SCHEME as S,
  inPeriod,
  pointsOf,
  schemeProblems,
  scoreUnits,
  withSchemeDefaults,
  assessmentPeriodOf,
} from './scoring';

const ev = (
  over: Partial<AssessmentEvent> & Pick<AssessmentEvent, 'kind' | 'unitId'>,
): AssessmentEvent => ({
  at: '2020-10-12T09:00:00.000Z',
  period: '2020-Q3',
  source: { type: 'audit_log', id: `${over.kind}-${Math.random()}` },
  ...over,
});

describe('assessment scoring', () => {
  it.each([
    ['late_report', {}, -2],
    ['escalation_rung', { level: 2 }, -3],
    ['escalation_rung', { level: 3 }, -5],
    ['report_returned', {}, -1],
    ['decline_unreassigned', {}, -2],
    ['completed_on_time', {}, 5],
    ['adjustment', { points: -1.5 }, -1.5],
  ] as const)(
    'a %s event %j is worth %d points under the default scheme',
    (kind, extra, points) => {
      expect(pointsOf(ev({ kind, unitId: 'u', ...extra }), S)).toBe(points);
    },
  );

  it.each([
    [{ period: '2020-Q3' }, '2020-Q3', true],
    [{ period: '2020-Q3' }, '2020-Q4', false],
    [{ period: '2020-Q3' }, '2020-Y', true],
    [{ period: '2020-M08' }, '2020-Q3', true],
    [{ period: '2020-H2' }, '2020-Q3', false],
    [{ period: '2020-H2' }, '2020-Y', true],
    [{ on: '2020-09-30' }, '2020-Q3', true],
    [{ on: '2020-10-01' }, '2020-Q3', false],
    [{ on: '2021-01-01' }, '2020-Y', false],
  ])('an event of %j falls in %s: %s', (e, period, expected) => {
    expect(inPeriod(e, period)).toBe(expected);
  });

  it('scores from the base, ranks by score with shared ranks for ties, and keeps each point with its event', () => {
    const units = [
      { id: 'a', name: '甲厅' },
      { id: 'b', name: '乙厅' },
      { id: 'c', name: '丙厅' },
      { id: 'd', name: '丁厅' },
    ];
    const events = [
      ev({ kind: 'late_report', unitId: 'a' }),
      ev({ kind: 'escalation_rung', unitId: 'a', level: 2, at: '2020-10-16T09:00:00.000Z' }),
      ev({ kind: 'report_returned', unitId: 'b' }),
      ev({ kind: 'report_returned', unitId: 'c' }),
      ev({ kind: 'completed_on_time', unitId: 'd', period: null, on: '2020-09-01' }),
      ev({ kind: 'completed_on_time', unitId: 'd', period: null, on: '2020-10-01' }), // next quarter
      ev({ kind: 'late_report', unitId: 'zz' }), // not a unit of the document
    ];
    const scores = scoreUnits(units, events, S, '2020-Q3');
    expect(scores.map((s) => [s.unitName, s.score, s.rank])).toEqual([
      ['丁厅', 105, 1],
      ['丙厅', 99, 2],
      ['乙厅', 99, 2],
      ['甲厅', 95, 4],
    ]);
    const a = scores.find((s) => s.unitId === 'a')!;
    expect(a.lines.map((l) => [l.event.kind, l.points])).toEqual([
      ['late_report', -2],
      ['escalation_rung', -3],
    ]);
    expect([a.deducted, a.added]).toEqual([5, 0]);
  });

  it('names each field of a scheme that is not a bounded number', () => {
    expect(schemeProblems(S)).toEqual({});
    expect(
      Object.keys(
        schemeProblems({
          ...S,
          lateReport: -1,
          escalationRung: { '2': 'x', '3': 1 },
          completedOnTime: 0.125,
        }),
      ),
    ).toEqual(['lateReport', 'completedOnTime', 'escalationRung.2']);
  });

  it('reads a scheme saved before a field existed with that field at its default', () => {
    const { urged: _urged, ...saved } = { ...S, lateReport: 4 };
    expect(withSchemeDefaults(saved)).toEqual({ ...S, lateReport: 4, urged: S.urged });
    expect(pointsOf(ev({ kind: 'urged', unitId: 'u' }), withSchemeDefaults(saved))).toBe(-1);
    expect(schemeProblems(saved)).toEqual({ urged: [expect.any(String)] });
  });

  it.each([
    ['2020-Q3', '2020-Q3'],
    ['2020-Y', '2020-Y'],
    ['2020-M01', '2020-Q1'],
    ['2020-M06', '2020-Q2'],
    ['2020-M12', '2020-Q4'],
    ['2020-H1', '2020-Y'],
  ])('shows %s bulletins the assessment of %s', (reporting, assessed) => {
    expect(assessmentPeriodOf(reporting)).toBe(assessed);
  });
  it('refuses what is not a reporting period', () => {
    expect(() => assessmentPeriodOf('2020-13')).toThrow(RangeError);
  });
});
