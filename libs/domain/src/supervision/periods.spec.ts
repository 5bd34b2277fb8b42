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
