import { CADENCES, isCadence, parseCadence } from './cadence';

describe('parseCadence', () => {
  it.each([
    ['各牵头单位每年12月底前报送年度工作总结', 'yearly'],
    ['实行年度通报制度', 'yearly'],
    ['建立季度通报机制', 'quarterly'],
    ['各部门每半年报送进展情况', 'half-yearly'],
    ['每月调度一次', 'monthly'],
    ['每半年开展一次督查', 'half-yearly'],
  ])('reads %s as %s', (sentence, cadence) => {
    expect(parseCadence([sentence])).toBe(cadence);
  });

  it('states nothing for a sentence without a cadence', () => {
    expect(parseCadence(['加强组织领导'])).toBeNull();
  });

  it('has one word for yearly, and only the listed cadences pass', () => {
    expect(CADENCES).toEqual(['monthly', 'quarterly', 'half-yearly', 'yearly']);
    expect(isCadence('yearly')).toBe(true);
    expect(isCadence('annual')).toBe(false);
  });
});
