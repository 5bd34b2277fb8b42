import { localityKey } from '@tracker/documents';
import { parseShare, readBreakdownTable, splitPastedTable } from './breakdown-table';

const targets = [
  { index: 0, text: '新增规上工业企业300家', value: 300, unit: '家' },
  { index: 1, text: '新增规上工业企业300家，新增工业投资500亿元', value: 500, unit: '亿元' },
];
const localities = [
  { unitId: 'nn', unitName: '南宁市人民政府', aliases: ['南宁市政府'] },
  { unitId: 'bs', unitName: '百色市人民政府', aliases: [] },
];

describe('breakdown tables', () => {
  it.each([
    ['南宁市人民政府', '南宁'],
    ['南宁市政府', '南宁'],
    ['南宁市', '南宁'],
    [' 南 宁 ', '南宁'],
    ['防城港市', '防城港'],
  ])('reduces %s to the locality key %s', (name, key) => expect(localityKey(name)).toBe(key));

  it.each([
    ['12', 12],
    ['1,200', 1200],
    ['12.5', 12.5],
    ['30家', 30],
    ['-1', null],
    ['约10', null],
  ])('reads the share %s as %s', (raw, value) => expect(parseShare(raw, '家')).toBe(value));

  it('splits pasted rows by tab, else by spaces, keeping source line numbers', () => {
    expect(splitPastedTable('a\tb\n\nc  d　e\n')).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 3, cells: ['c', 'd', 'e'] },
    ]);
  });

  it('tells two targets of one sentence apart by their unit of measure', () => {
    const { shares, problems } = readBreakdownTable(
      splitPastedTable('地区\t新增工业投资（亿元）\t新增规上工业企业（家）\n百色\t20\t5\n'),
      targets,
      localities,
    );
    expect(problems).toEqual([]);
    expect(shares).toEqual([
      { unitId: 'bs', targetIndex: 1, value: 20 },
      { unitId: 'bs', targetIndex: 0, value: 5 },
    ]);
  });

  it('reports every problem by row and column', () => {
    const { problems } = readBreakdownTable(
      splitPastedTable('地区\t目标1\n南宁\t1\n南宁市\t2\n北京\t3\n百色\tx\n'),
      targets,
      localities,
    );
    expect(problems.map((p) => p.field)).toEqual(['rows.3', 'rows.4', 'rows.5']);
  });
});
