import { percentFromActuals, type ResolvedActual } from './actuals';

const actual = (overrides: Partial<ResolvedActual>): ResolvedActual => ({
  targetId: 'x',
  metric: '城市书房',
  unit: '座',
  comparator: 'at_least',
  target: 15,
  value: 5,
  ...overrides,
});

describe('percentFromActuals', () => {
  it('is actual ÷ target for a quantity, rounded down and capped at 100', () => {
    expect(percentFromActuals([actual({ value: 5 })])).toBe(33);
    expect(percentFromActuals([actual({ value: 15 })])).toBe(100);
    expect(percentFromActuals([actual({ value: 20 })])).toBe(100);
  });

  it('averages several quantities (2.1 of 2.9 万亩 and 15 of 15 座 → 86%)', () => {
    expect(percentFromActuals([actual({ unit: '万亩', target: 2.9, value: 2.1 }), actual({ value: 15 })])).toBe(86);
  });

  it('says nothing from rates or ceilings', () => {
    expect(percentFromActuals([actual({ unit: '%', target: 8, value: 7.8 })])).toBeNull();
    expect(percentFromActuals([actual({ comparator: 'at_most' })])).toBeNull();
    expect(percentFromActuals([])).toBeNull();
  });
});
