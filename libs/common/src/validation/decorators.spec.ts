import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CADENCES, TASK_STATES } from '@tracker/domain';
import { IntQuery, isDateOnly, IsDateOnly, IsOneOf, IsPeriod, IsText } from './decorators';
import { findControlChars } from './text';

class Sample {
  @IsDateOnly() on: string;
  @IsText({ max: 10 }) name: string;
  @IsText({ max: 100, multiline: true, optional: true }) note?: string;
  @IntQuery(1, 1000) page?: number;
}

const problems = (plain: Record<string, unknown>): string[] =>
  validateSync(plainToInstance(Sample, { on: '2027-02-28', name: 'ok', ...plain })).map(
    (e) => e.property,
  );

describe('shared validators', () => {
  it.each(['2027-02-28', '2028-02-29', '2027-12-31', '2020-01-01'])(
    'takes the real date %s',
    (d) => {
      expect(isDateOnly(d)).toBe(true);
    },
  );

  it.each([
    '2027-02-30',
    '2027-13-45',
    '2027-00-10',
    '2027-04-31',
    '2027-2-3',
    '2027-02-28T00:00',
    '10000-01-01',
    '2100-02-29',
  ])('refuses the impossible date %s', (d) => {
    expect(isDateOnly(d)).toBe(false);
    expect(problems({ on: d })).toEqual(['on']);
  });

  it('refuses control characters in text, and line breaks in one-line text', () => {
    expect(problems({ name: 'a\u0000b' })).toEqual(['name']);
    expect(problems({ name: 'a\nb' })).toEqual(['name']);
    expect(problems({ note: 'line 1\nline 2\ttab' })).toEqual([]);
    expect(problems({ note: 'bell\u0007' })).toEqual(['note']);
    expect(problems({ name: 'x'.repeat(11) })).toEqual(['name']);
  });

  it.each(['1e20', '-1', '0', '1001', '1.5', '0x10', '', 'abc', '99999999999999999999'])(
    'refuses the page %s',
    (page) => {
      expect(problems({ page })).toEqual(['page']);
    },
  );

  it('reads a plain whole number', () => {
    const s = plainToInstance(Sample, { on: '2027-02-28', name: 'ok', page: '12' });
    expect(s.page).toBe(12);
    expect(validateSync(s)).toEqual([]);
  });

  it('names the path of every string with a control character', () => {
    expect(
      findControlChars({ a: 'ok', b: ['x', 'y\u0000'], c: { d: '\u001b[31m' }, 'e\u0000': 1 }),
    ).toEqual(['b.1', 'c.d', 'e\u0000']);
    expect(findControlChars({ text: 'tab\tand\nnewline' })).toEqual([]);
  });
});

class Vocabulary {
  @IsPeriod() period: string;
  @IsPeriod({ optional: true, pattern: /^[0-9]{4}-(Q[1-4]|Y)$/, message: 'quarter or year' })
  assessed?: string;
  @IsOneOf(TASK_STATES) state: string;
  @IsOneOf(CADENCES, { optional: true, message: 'must be a cadence' }) cadence?: string;
}

const vocabularyProblems = (plain: Record<string, unknown>): Record<string, string[]> =>
  Object.fromEntries(
    validateSync(plainToInstance(Vocabulary, { period: '2020-Q3', state: 'open', ...plain })).map(
      (e) => [e.property, Object.values(e.constraints ?? {})],
    ),
  );

describe('vocabulary validators', () => {
  it.each(['2020-Q3', '2020-H1', '2020-M07', '2020-Y'])('takes the period %s', (period) => {
    expect(vocabularyProblems({ period })).toEqual({});
  });

  it.each(['2020-Q5', '2020Q3', '2020-M13', '20-Q1', '2020-q3', ''])(
    'refuses the period %s with the one message',
    (period) => {
      expect(vocabularyProblems({ period })).toEqual({
        period: ['must be a period like 2020-Q3'],
      });
    },
  );

  it('narrows the periods with a pattern of its own and leaves an optional one out', () => {
    expect(vocabularyProblems({ assessed: '2020-Y' })).toEqual({});
    expect(vocabularyProblems({ assessed: '2020-H1' })).toEqual({ assessed: ['quarter or year'] });
    expect(vocabularyProblems({})).toEqual({});
  });

  it("takes a vocabulary's values only, in its own words when asked", () => {
    expect(vocabularyProblems({ state: 'completed', cadence: 'half-yearly' })).toEqual({});
    expect(Object.keys(vocabularyProblems({ state: 'done' }))).toEqual(['state']);
    expect(vocabularyProblems({ cadence: 'weekly' })).toEqual({ cadence: ['must be a cadence'] });
  });
});
