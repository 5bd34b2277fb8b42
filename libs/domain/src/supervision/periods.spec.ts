import { periodLabelZh } from './periods';

describe('periodLabelZh', () => {
  it.each([
    ['2020-Q1', '2020年第一季度'],
    ['2020-Q3', '2020年第三季度'],
    ['2021-H1', '2021年上半年'],
    ['2021-H2', '2021年下半年'],
    ['2022-M03', '2022年3月'],
    ['2022-M12', '2022年12月'],
    ['2023-Y', '2023年度'],
    ['not-a-period', 'not-a-period'],
  ])('%s reads %s', (period, label) => {
    expect(periodLabelZh(period)).toBe(label);
  });
});

describe('periodLabelEn', () => {
  it('names periods as people say them in English', () => {
    const { periodLabelEn } = jest.requireActual('./periods') as typeof import('./periods');
    expect(periodLabelEn('2026-Q4')).toBe('the fourth quarter of 2026');
    expect(periodLabelEn('2020-H1')).toBe('the first half of 2020');
    expect(periodLabelEn('2020-M03')).toBe('March 2020');
    expect(periodLabelEn('2020-Y')).toBe('the year 2020');
    expect(periodLabelEn('nonsense')).toBe('nonsense');
  });
});
