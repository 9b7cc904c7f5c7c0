import { isPeriod, lastClosedPeriod, periodCutoff, periodOf } from './reporting-period';

describe('reporting periods', () => {
  it.each([
    ['2021-10-08', 'monthly', '2021-10'],
    ['2021-10-25', 'monthly', '2021-10'],
    ['2021-10-26', 'monthly', '2021-11'],
    ['2021-12-26', 'monthly', '2022-01'],
    ['2021-07-02', 'quarterly', '2021-Q3'],
    ['2021-09-25', 'quarterly', '2021-Q3'],
    ['2021-09-26', 'quarterly', '2021-Q4'],
    ['2021-12-31', 'quarterly', '2022-Q1'],
  ] as const)('a report made on %s (%s, cutoff 25) counts for %s', (day, cycle, period) => {
    expect(periodOf(day, cycle, 25)).toBe(period);
  });

  it.each([
    ['2021-10-25', 'monthly', '2021-09'],
    ['2021-10-26', 'monthly', '2021-10'],
    ['2021-01-10', 'monthly', '2020-12'],
    ['2021-09-26', 'quarterly', '2021-Q3'],
    ['2021-09-25', 'quarterly', '2021-Q2'],
    ['2021-02-01', 'quarterly', '2020-Q4'],
  ] as const)('as of %s (%s) the last closed period is %s', (asOf, cycle, period) => {
    expect(lastClosedPeriod(asOf, cycle, 25)).toBe(period);
  });

  it('names the cutoff day of monthly and quarterly periods', () => {
    expect(periodCutoff('2021-10', 25)).toBe('2021-10-25');
    expect(periodCutoff('2021-Q3', 20)).toBe('2021-09-20');
  });

  it('accepts only the plan cycle’s period format', () => {
    expect(isPeriod('2021-10', 'monthly')).toBe(true);
    expect(isPeriod('2021-13', 'monthly')).toBe(false);
    expect(isPeriod('2021-Q3', 'monthly')).toBe(false);
    expect(isPeriod('2021-Q3', 'quarterly')).toBe(true);
    expect(isPeriod('2021-Q5', 'quarterly')).toBe(false);
  });
});
