import { parseNumber, toHalfWidth } from './chinese-number';

const NUMBER = '(\\d{1,2}|[一二三四五六七八九十]{1,3})';
const QUARTER_END: Record<string, string> = { 1: '03-31', 2: '06-30', 3: '09-30', 4: '12-31' };

/**
 * Reads a 完成时限 such as 年底前, 6月底前, 三季度末 or 2022年3月15日 as an ISO date.
 * Null when it names no date (长期, 持续推进) or the date does not exist.
 */
export function parseDeadline(text: string, plan: { year: number; endDate: string }): string | null {
  const phrase = toHalfWidth(text)
    .replace(/\s/g, '')
    .replace(/(?:以前|之前|前|完成)+$/, '');
  if (!phrase) return null;
  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(phrase);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));

  const withYear = /^(\d{4})年(.*)$/.exec(phrase);
  const year = withYear ? Number(withYear[1]) : plan.year;
  const rest = (withYear ? (withYear[2] ?? '') : phrase).replace(/^年/, '');
  const yearEnd = year === plan.year ? plan.endDate : `${year}-12-31`;

  if (/^(?:底|末|内|全年|下半年(?:底|末)?)?$/.test(rest)) return yearEnd;
  if (/^上半年(?:底|末)?$/.test(rest)) return `${year}-06-30`;

  const quarter = new RegExp(`^第?${NUMBER}季度(?:底|末)?$`).exec(rest);
  if (quarter) {
    const end = QUARTER_END[String(parseNumber(quarter[1] ?? ''))];
    return end ? `${year}-${end}` : null;
  }

  const monthEnd = new RegExp(`^${NUMBER}月(?:底|末|份)?$`).exec(rest);
  if (monthEnd) {
    const month = parseNumber(monthEnd[1] ?? '') ?? 0;
    return isoDate(year, month, lastDayOf(year, month));
  }

  const day = new RegExp(`^${NUMBER}月(\\d{1,2})[日号]$`).exec(rest);
  if (day) return isoDate(year, parseNumber(day[1] ?? '') ?? 0, Number(day[2]));
  return null;
}

function lastDayOf(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > lastDayOf(year, month)) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
