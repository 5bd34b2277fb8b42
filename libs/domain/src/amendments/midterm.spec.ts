import { elapsedShare, midtermReview } from './midterm';

describe('midtermReview', () => {
  const plan = { startOn: '2020-01-01', endOn: '2020-12-31', today: '2020-07-01' };
  const task = (over: object) => ({
    taskId: 't',
    label: '一（一）',
    heading: '任务',
    state: 'open',
    deadlineOn: '2020-12-31',
    leadUnits: [{ id: 'u1', name: '甲' }],
    progressStatus: 'on_track',
    targets: [],
    ...over,
  });

  it('measures the elapsed share of the plan period, clamped', () => {
    expect(elapsedShare('2020-01-01', '2020-12-31', '2020-07-01')).toBeCloseTo(182 / 365, 5);
    expect(elapsedShare('2020-01-01', '2020-12-31', '2019-06-01')).toBe(0);
    expect(elapsedShare('2020-01-01', '2020-12-31', '2021-06-01')).toBe(1);
  });

  it.each([
    [
      'a target well behind the timeline',
      { targets: [{ text: 'x', planned: 100, reported: 20 }] },
      ['behind_timeline'],
    ],
    ['a target near the timeline', { targets: [{ text: 'x', planned: 100, reported: 40 }] }, []],
    ['past its deadline', { deadlineOn: '2020-06-30' }, ['overdue']],
    ['reported delayed', { progressStatus: 'delayed' }, ['reported_delayed']],
    ['closed, however it stands', { state: 'completed', deadlineOn: '2020-06-30' }, []],
  ])('%s', (_name, over, risks) => {
    const r = midtermReview(plan, [task(over)]);
    expect(r.tasks[0].risks).toEqual(risks);
    expect(r.tasks[0].targets.some((g) => g.behind)).toBe(
      (risks as string[]).includes('behind_timeline'),
    );
    expect(r.unitsBehind.length).toBe(risks.length ? 1 : 0);
  });
});
