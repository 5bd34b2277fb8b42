import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { isBeyondHorizon, planHorizonYear } from './horizon';

const seed = (name: string): string =>
  readFileSync(path.resolve(__dirname, '../../../../seeds', name), 'utf8');

describe('planHorizonYear', () => {
  it.each([
    ['到2020年，制造业增加值占比……', [], 2020],
    ['力争2020年底前建成', [], 2020],
    ['实施期为2016—2020年', [], 2020],
    ['到2020年……到2025年……', ['2019-12-31'], 2025],
    ['加快推进', ['2022-06-30', null], 2022],
    ['加快推进', [], null],
  ])('%s with deadlines %j ends in %s', (text, deadlines, year) => {
    expect(planHorizonYear(text, deadlines)).toBe(year);
  });

  it.each([
    ['2020-guangxi-manufacturing-breakthrough-year-plan.txt', 2020],
    ['guangxi-manufacturing-internet-integration-plan.txt', 2025],
    ['2017-guangdong-pearl-river-west-pilot-plan.txt', 2025],
  ])('reads the seed %s as running to %s', (file, year) => {
    expect(planHorizonYear(seed(file))).toBe(year);
  });
});

describe('isBeyondHorizon', () => {
  it.each([
    ['2020-Q4', 2020, false],
    ['2021-Q1', 2020, true],
    ['2026-Q1', 2020, true],
    ['2021-M01', 2021, false],
    ['2030-Y', null, false],
  ] as const)('%s against %s: %s', (period, year, beyond) => {
    expect(isBeyondHorizon(period, year)).toBe(beyond);
  });
});
