import { taskStatusColour, TaskStatusFacts } from './task-status';

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
