import { parseIsoDuration } from './duration';

describe('parseIsoDuration', () => {
  it.each([
    ['P1D', 86_400_000],
    ['PT2H', 7_200_000],
    ['P1DT12H', 129_600_000],
    ['P2W', 14 * 86_400_000],
    ['PT90M', 5_400_000],
    ['PT30S', 30_000],
  ])('%s is %d ms', (text, ms) => expect(parseIsoDuration(text)).toBe(ms));

  it.each(['P', 'PT', '1D', 'P1Y', 'P-1D', 'tomorrow', ''])(
    '%j is not a duration it accepts',
    (text) => expect(parseIsoDuration(text)).toBeNull(),
  );
});
