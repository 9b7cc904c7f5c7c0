import type { ReportingCycle } from '../plans/plan.entity';

/**
 * Reporting periods: monthly "2021-10" or quarterly "2021-Q3". A period's report is due by the cutoff day of its
 * (last) month; a report made after that cutoff counts for the next period.
 */
const MONTHLY = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTERLY = /^(\d{4})-Q([1-4])$/;

function parts(day: string): [number, number, number] {
  const [y, m, d] = day.split('-').map(Number);
  return [y!, m!, d!];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The period containing month `month` of `year`; `month` may run past 12 or below 1 when rolling. */
function monthPeriod(year: number, month: number, cycle: ReportingCycle): string {
  const index = year * 12 + (month - 1);
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return cycle === 'monthly' ? `${y}-${pad(m)}` : `${y}-Q${Math.ceil(m / 3)}`;
}

export function isPeriod(period: string, cycle: ReportingCycle): boolean {
  return (cycle === 'monthly' ? MONTHLY : QUARTERLY).test(period);
}

/** The day by which the period's report is due. */
export function periodCutoff(period: string, cutoffDay: number): string {
  const quarter = QUARTERLY.exec(period);
  if (quarter) return `${quarter[1]}-${pad(Number(quarter[2]) * 3)}-${pad(cutoffDay)}`;
  return `${period}-${pad(cutoffDay)}`;
}

/** The period a report made on `day` counts for. */
export function periodOf(day: string, cycle: ReportingCycle, cutoffDay: number): string {
  const [y, m, d] = parts(day);
  const lastMonth = cycle === 'monthly' ? m : Math.ceil(m / 3) * 3;
  const open = m < lastMonth || d <= cutoffDay;
  return monthPeriod(y, open ? lastMonth : lastMonth + (cycle === 'monthly' ? 1 : 3), cycle);
}

/** The latest period whose cutoff lies before `asOf`: the one whose report is now missing if none came. */
export function lastClosedPeriod(asOf: string, cycle: ReportingCycle, cutoffDay: number): string {
  const [y, m, d] = parts(asOf);
  const lastMonth = cycle === 'monthly' ? m : Math.ceil(m / 3) * 3;
  const currentClosed = m === lastMonth && d > cutoffDay;
  return monthPeriod(y, currentClosed ? lastMonth : lastMonth - (cycle === 'monthly' ? 1 : 3), cycle);
}
