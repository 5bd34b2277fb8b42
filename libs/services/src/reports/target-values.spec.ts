import { keyTargetValues } from './reports.service';

describe('keyTargetValues', () => {
  // Two targets of one sentence share their text (到2020年，新增A 10个、B 20个 reads as two targets).
  const targets = [
    { text: '到2020年，新增示范企业' },
    { text: '到2020年，新增示范企业' },
    { text: '工业投资增长' },
  ];

  it('keys each value by its target position, so two targets with the same text keep their own numbers', () => {
    const out = keyTargetValues(
      [
        { index: 1, target: 'x', value: 20 },
        { index: 0, target: 'y', value: 10 },
      ],
      targets,
    );
    expect(out).toEqual([
      { index: 1, target: '到2020年，新增示范企业', value: 20 },
      { index: 0, target: '到2020年，新增示范企业', value: 10 },
    ]);
  });

  it('gives values without a position the next unfilled target with their text', () => {
    const out = keyTargetValues(
      [
        { target: '到2020年，新增示范企业', value: 10 },
        { target: '到2020年，新增示范企业', value: 20 },
      ],
      targets,
    );
    expect(out.map((v) => [v.index, v.value])).toEqual([
      [0, 10],
      [1, 20],
    ]);
  });

  it('refuses a value for no target, a position out of range, or a second value for one target, naming the field', () => {
    expect(() => keyTargetValues([{ target: '不存在的指标', value: 1 }], targets)).toThrow(
      /targetValues\[0\]: names no target/,
    );
    expect(() => keyTargetValues([{ index: 3, target: '', value: 1 }], targets)).toThrow(
      /targetValues\[0\]: index is not a target/,
    );
    expect(() =>
      keyTargetValues(
        [
          { index: 2, target: '', value: 1 },
          { index: 2, target: '', value: 2 },
        ],
        targets,
      ),
    ).toThrow(/targetValues\[1\]: gives a second value/);
  });
});
