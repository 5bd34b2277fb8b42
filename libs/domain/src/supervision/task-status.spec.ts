import { partStatus, taskStatusColour, TaskStatusFacts } from './task-status';

const base: TaskStatusFacts = {
  state: 'open',
  deadlineOn: null,
  today: '2020-10-01',
  lateReports: 0,
  dueSoonReports: 0,
  returnedReports: 0,
  pendingAcknowledgements: 0,
};

describe('taskStatusColour', () => {
  it('is done for a task no longer open, whatever else holds', () => {
    expect(taskStatusColour({ ...base, state: 'completed', lateReports: 3 })).toBe('done');
  });
  it('is red for a late report or a deadline passed', () => {
    expect(taskStatusColour({ ...base, lateReports: 1 })).toBe('red');
    expect(taskStatusColour({ ...base, deadlineOn: '2020-09-30' })).toBe('red');
  });
  it('is amber for what needs action soon: acknowledgement, a returned report, a report or the deadline near', () => {
    expect(taskStatusColour({ ...base, pendingAcknowledgements: 1 })).toBe('amber');
    expect(taskStatusColour({ ...base, returnedReports: 1 })).toBe('amber');
    expect(taskStatusColour({ ...base, dueSoonReports: 1 })).toBe('amber');
    expect(taskStatusColour({ ...base, deadlineOn: '2020-10-31' })).toBe('amber');
    expect(taskStatusColour({ ...base, deadlineOn: '2020-11-01' })).toBe('green');
  });
  it('is green otherwise, including on the deadline day itself', () => {
    expect(taskStatusColour(base)).toBe('green');
    expect(taskStatusColour({ ...base, deadlineOn: '2020-10-01' })).toBe('amber');
  });
});

describe('partStatus', () => {
  const now = new Date('2020-10-05T10:00:00+08:00');
  const part = {
    taskState: 'open',
    deadlineOn: '2020-12-31',
    today: '2020-10-05',
    assignmentState: 'acknowledged',
    report: null,
    now,
  };
  const report = (over: object) => ({
    state: 'pending',
    dueAt: new Date('2020-10-30T23:59:59+08:00'),
    progressStatus: null,
    ...over,
  });

  it.each([
    ['a closed task', { taskState: 'completed', deadlineOn: '2020-01-01' }, 'green', 'closed'],
    [
      'a report past its due time',
      { report: report({ dueAt: new Date('2020-10-01T00:00:00+08:00') }) },
      'red',
      'reportLate',
    ],
    [
      'a filed report past its due time is not late',
      { report: report({ state: 'submitted', dueAt: new Date('2020-10-01T00:00:00+08:00') }) },
      'green',
      'onTrack',
    ],
    ['a task past its deadline', { deadlineOn: '2020-10-04' }, 'red', 'taskOverdue'],
    [
      'reported delayed',
      { report: report({ state: 'submitted', progressStatus: 'delayed' }) },
      'red',
      'delayed',
    ],
    ['not yet acknowledged', { assignmentState: 'pending' }, 'amber', 'ack'],
    ['a returned report', { report: report({ state: 'returned' }) }, 'amber', 'returned'],
    [
      'a report due within 7 days',
      { report: report({ dueAt: new Date('2020-10-10T23:59:59+08:00') }) },
      'amber',
      'dueSoon',
    ],
    ['a deadline within 30 days', { deadlineOn: '2020-11-04' }, 'amber', 'deadlineSoon'],
    [
      'reported at risk',
      { report: report({ state: 'accepted', progressStatus: 'at_risk' }) },
      'amber',
      'atRisk',
    ],
    ['on track', {}, 'green', 'onTrack'],
  ])('%s', (_name, over, colour, reason) => {
    expect(partStatus({ ...part, ...over })).toEqual({ colour, reason });
  });
});
