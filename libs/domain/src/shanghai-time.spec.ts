import { dueDateLabel } from './shanghai-time';

describe('dueDateLabel', () => {
  it.each([
    ['2020-10-11T00:00:00+08:00', '2020-10-10'], // due at the end of 10 October
    ['2020-10-15T14:30:00+08:00', '2020-10-15'], // a revision due within the day
    ['2020-10-10T16:00:00Z', '2020-10-10'], // the same midnight written in UTC
    ['2021-01-01T00:00:00+08:00', '2020-12-31'],
  ])('shows %s as the last day to file on, %s', (at, label) => {
    expect(dueDateLabel(new Date(at))).toBe(label);
  });
});
