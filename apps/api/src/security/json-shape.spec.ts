import { checkJsonShape } from './json-shape';

const limits = { maxDepth: 4, maxItems: 3 };
const check = (text: string) => checkJsonShape(Buffer.from(text, 'utf8'), limits);

describe('checkJsonShape', () => {
  it.each([
    ['{}'],
    ['{"a":{"b":{"c":[1,2,3]}}}'],
    ['{"a":"[[[[[[[[,,,,,,,"}'],
    ['{"a":"\\"[[[[[[["}'],
    ['[1,2,3]'],
    ['"plain"'],
  ])('lets %s through', (text) => {
    expect(check(text)).toBeNull();
  });

  it('refuses nesting deeper than the limit', () => {
    expect(check('{"a":{"b":{"c":{"d":[1]}}}}')).toMatchObject({ reason: 'depth' });
    expect(check('['.repeat(100_000))).toMatchObject({ reason: 'depth', at: 4 });
  });

  it('refuses more elements or members than the limit', () => {
    expect(check('[1,2,3,4]')).toMatchObject({ reason: 'items' });
    expect(check('{"a":1,"b":2,"c":3,"d":4}')).toMatchObject({ reason: 'items' });
    expect(check('[[1,2,3],[1,2,3],[1,2,3]]')).toBeNull();
  });

  it('counts escaped quotes inside strings as string content', () => {
    expect(check('["a\\\\",1,2,3]')).toMatchObject({ reason: 'items' });
  });
});
