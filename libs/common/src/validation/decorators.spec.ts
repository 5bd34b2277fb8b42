import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IntQuery, isDateOnly, IsDateOnly, IsText } from './decorators';
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
