import { parseNumber, toHalfWidth } from './chinese-number';

const NUMBER = '(\\d{1,2}|[一二三四五六七八九十]{1,3})';
const QUARTER_END: Record<string, string> = { 1: '03-31', 2: '06-30', 3: '09-30', 4: '12-31' };

const TENDAY_END: Record<string, number> = { 上旬: 10, 中旬: 20 };

/**
 * Reads a 完成时限 such as 年底前, 6月底前, 三季度末, 10月中旬 or 2022年3月15日 as an ISO date; of a compound one
 * (“6月底前完成初稿，年底前全面完成”, “2023—2025年”) the latest date it names, when the whole reads as none.
 * Null when it names no date (长期, 持续推进) or the date does not exist.
 */
export function parseDeadline(text: string, plan: { year: number; endDate: string }): string | null {
  const whole = parseOne(text, plan);
  if (whole) return whole;
  const parts = toHalfWidth(text)
    .split(/[,;、\n—–~～至]|-(?!\d{1,2}(?:-|$))/)
    .map((part) => parseOne(part, plan))
    .filter((date): date is string => date !== null);
  return parts.length > 0 ? parts.reduce((latest, date) => (date > latest ? date : latest)) : null;
}

function parseOne(text: string, plan: { year: number; endDate: string }): string | null {
  const phrase = toHalfWidth(text)
    .replace(/\s/g, '')
    .replace(/^(?:完成时限|完成时间|时限|时间节点)[:：]?/, '')
    .replace(/^(?:力争|确保|于|在|到|截至|截止)+/, '')
    .replace(/(?:全面|基本|全部|初步)?(?:完成|建成|见效|到位|落实|实现|办结)$/, '')
    .replace(/(?:以前|之前|前|完成)+$/, '');
  if (!phrase) return null;
  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(phrase);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));

  const withYear = /^(\d{4})年(.*)$/.exec(phrase);
  const year = withYear ? Number(withYear[1]) : plan.year;
  const rest = (withYear ? (withYear[2] ?? '') : phrase).replace(/^年/, '');
  const yearEnd = year === plan.year ? plan.endDate : `${year}-12-31`;

  if (/^(?:底|末|内|全年|下半年(?:底|末)?)?$/.test(rest)) return yearEnd;
  if (/^(?:上半年(?:底|末)?|中)$/.test(rest)) return `${year}-06-30`;

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

  const tenDays = new RegExp(`^${NUMBER}月(上旬|中旬|下旬)$`).exec(rest);
  if (tenDays) {
    const month = parseNumber(tenDays[1] ?? '') ?? 0;
    return isoDate(year, month, TENDAY_END[tenDays[2] ?? ''] ?? lastDayOf(year, month));
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
