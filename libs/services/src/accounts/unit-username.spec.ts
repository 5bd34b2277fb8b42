import { unitSlug, unitUsernames } from './unit-username';

describe('unit usernames', () => {
  it.each([
    ['自治区工业和信息化厅', 'gx-gyxxht'],
    ['自治区工业和信息化委', 'gx-gyxxhw'],
    ['省经济和信息化委', 'gd-jjxxhw'],
    ['发展改革委', 'fzggw'],
    ['广西银监局', 'gx-yjj'],
    ['国务院', 'gwy'],
  ])('%s → %s', (name, slug) => {
    expect(unitSlug(name)).toBe(slug);
  });

  it('makes colliding slugs unique with a hash of the name, independent of order', () => {
    const a = unitUsernames(['科技厅', '科技团', '财政厅']);
    const b = unitUsernames(['财政厅', '科技团', '科技厅']);
    expect(a).toEqual(b);
    expect(a.get('财政厅')).toBe('czt');
    expect(a.get('科技厅')).toMatch(/^kjt-[0-9a-f]{4}$/);
    expect(a.get('科技团')).not.toBe(a.get('科技厅'));
  });

  it('never hands out a reserved name or an empty slug', () => {
    const names = unitUsernames(['Office', '☃'], new Set(['office']));
    expect(names.get('Office')).toMatch(/^office-[0-9a-f]{4}$/);
    expect(names.get('☃')).toMatch(/^unit-[0-9a-f]{4}$/);
  });
});
