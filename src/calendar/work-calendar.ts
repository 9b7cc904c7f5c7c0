import statutoryJson from 'chinese-days/dist/chinese-days.json';
import { BadRequestError, DomainError } from '../common/domain-errors';

/** Day → "English name,中文名,n" as chinese-days ships it, e.g. "National Day,国庆节,3". */
export interface StatutoryData {
  holidays: Readonly<Record<string, string>>;
  workdays: Readonly<Record<string, string>>;
}

export interface CalendarOverrideEntry {
  isWorkday: boolean;
  note: string | null;
}

/**
 * Where a day's answer came from: an admin override, the State Council schedule (holiday or 调休 workday),
 * or plain Monday–Friday in a year whose schedule is known.
 */
export type DaySource = 'statutory' | 'override' | 'weekend-rule';

export interface DayStatus {
  day: string;
  isWorkday: boolean;
  source: DaySource;
  /** The holiday's name (国庆节, 国庆节调休上班) or the admin's note. */
  note: string | null;
}

export interface YearCoverage {
  year: number;
  /** The bundled State Council schedule covers the year. */
  statutory: boolean;
  /** An admin declared the year's overrides the complete official schedule. */
  official: boolean;
}

export interface WorkCalendarOptions {
  overrides?: Iterable<readonly [string, CalendarOverrideEntry]>;
  /** Years whose overrides an admin declared complete: other days there follow Monday–Friday. */
  officialYears?: Iterable<number>;
  /** Defaults to the schedule bundled with chinese-days; tests pass their own. */
  statutory?: StatutoryData;
  /** Called whenever a question falls into a year without data, so the caller can log it loudly. */
  onGap?: (year: number) => void;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export const BUNDLED_STATUTORY: StatutoryData = statutoryJson;

/** The message users and the log see for a year nobody can answer for. */
export function calendarGapMessage(year: number): string {
  return (
    `${year} 年没有工作日历数据（内置的国务院节假日安排为 ${BUNDLED_RANGE} 年），` +
    `该年的工作日无法确定，系统不会按周一至周五推测。请管理员录入该年的节假日和调休安排并标记为完整。`
  );
}

/** What the task rules ask of a working-day calendar (a WorkCalendar, or a memo of one). */
export type WorkdayOracle = Pick<WorkCalendar, 'isWorkday' | 'workdaysBetween'>;

/** A day was asked about in a year with neither statutory data nor a complete admin schedule. */
export class CalendarGapError extends DomainError {
  constructor(
    readonly day: string,
    readonly year: number,
  ) {
    super(422, 'CALENDAR_GAP', `无法判断 ${day} 是否为工作日：${calendarGapMessage(year)}`, { day, year });
  }
}

/** Throws unless `day` is a real calendar date written YYYY-MM-DD. */
export function assertDay(day: string): void {
  const m = DAY.exec(day);
  if (m) {
    const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    if (date.toISOString().slice(0, 10) === day) return;
  }
  throw new BadRequestError('INVALID_DATE', `日期无效：“${day}”，应为 YYYY-MM-DD 格式的真实日期`, { day });
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * MS_PER_DAY).toISOString().slice(0, 10);
}

export function yearOf(day: string): number {
  return Number(day.slice(0, 4));
}

/** 0 = Sunday … 6 = Saturday. */
function weekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

function statutoryYears(data: StatutoryData): Set<number> {
  return new Set([...Object.keys(data.holidays), ...Object.keys(data.workdays)].map(yearOf));
}

/** "2004–2026": every year in between has data, so the range says it all. */
const BUNDLED_RANGE = (() => {
  const years = [...statutoryYears(BUNDLED_STATUTORY)];
  return `${Math.min(...years)}–${Math.max(...years)}`;
})();

function holidayName(entry: string): string {
  return entry.split(',')[1] ?? entry;
}

/**
 * Working days in China: the State Council schedule with its 调休 make-up days, corrected by admin overrides.
 * Pure: built from data read elsewhere. A day in a year nobody has data for is a CalendarGapError, never a guess
 * from the weekday — a wrong guess would send reminders on a holiday or count a deadline wrong.
 */
export class WorkCalendar {
  private readonly statutory: StatutoryData;
  private readonly statutoryYears: Set<number>;
  private readonly overrides: Map<string, CalendarOverrideEntry>;
  private readonly officialYears: Set<number>;
  private readonly onGap?: (year: number) => void;

  constructor(options: WorkCalendarOptions = {}) {
    this.statutory = options.statutory ?? BUNDLED_STATUTORY;
    this.statutoryYears = statutoryYears(this.statutory);
    this.overrides = new Map(options.overrides ?? []);
    this.officialYears = new Set(options.officialYears ?? []);
    this.onGap = options.onGap;
  }

  /** True when every day of the year can be answered. */
  hasData(year: number): boolean {
    return this.statutoryYears.has(year) || this.officialYears.has(year);
  }

  coverage(year: number): YearCoverage {
    return { year, statutory: this.statutoryYears.has(year), official: this.officialYears.has(year) };
  }

  /**
   * The day's status, or null when its year has no data and no override names the day. An override is an explicit
   * answer even in such a year; the other days there stay unknown until the year is declared complete.
   */
  lookup(day: string): DayStatus | null {
    assertDay(day);
    const override = this.overrides.get(day);
    if (override) return { day, isWorkday: override.isWorkday, source: 'override', note: override.note };
    const year = yearOf(day);
    if (this.statutoryYears.has(year)) {
      const workday = this.statutory.workdays[day];
      if (workday !== undefined) return { day, isWorkday: true, source: 'statutory', note: `${holidayName(workday)}调休上班` };
      const holiday = this.statutory.holidays[day];
      if (holiday !== undefined) return { day, isWorkday: false, source: 'statutory', note: holidayName(holiday) };
    } else if (!this.officialYears.has(year)) {
      this.onGap?.(year);
      return null;
    }
    const dow = weekday(day);
    return { day, isWorkday: dow !== 0 && dow !== 6, source: 'weekend-rule', note: null };
  }

  /** Like lookup, but a day without data is a CalendarGapError. */
  describe(day: string): DayStatus {
    const status = this.lookup(day);
    if (!status) throw new CalendarGapError(day, yearOf(day));
    return status;
  }

  isWorkday(day: string): boolean {
    return this.describe(day).isWorkday;
  }

  /** The first workday strictly after `day`. */
  nextWorkday(day: string): string {
    let next = addDays(day, 1);
    while (!this.isWorkday(next)) next = addDays(next, 1);
    return next;
  }

  /** Same as nextWorkday; the name reads better where a deadline is moved past a day. */
  firstWorkdayAfter(day: string): string {
    return this.nextWorkday(day);
  }

  /** The n-th workday after `day`; for n = 0, `day` itself when it is a workday, else the next one. */
  addWorkdays(day: string, n: number): string {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`addWorkdays: n must be a non-negative integer, got ${n}`);
    if (n === 0) return this.isWorkday(day) ? day : this.nextWorkday(day);
    let current = day;
    for (let i = 0; i < n; i++) current = this.nextWorkday(current);
    return current;
  }

  /**
   * Every day the calendar can answer for, in order: each day of the years with data, and the override days of
   * other years. PostgreSQL's calendar_day table holds exactly these (CalendarService.syncDays).
   */
  knownDays(): Array<{ day: string; isWorkday: boolean }> {
    const years = [...new Set([...this.statutoryYears, ...this.officialYears])];
    const days = new Set([...this.overrides.keys()]);
    for (const year of years) {
      for (let day = `${year}-01-01`; yearOf(day) === year; day = addDays(day, 1)) days.add(day);
    }
    return [...days].sort().map((day) => ({ day, isWorkday: this.describe(day).isWorkday }));
  }

  /** Workdays in (from, to]: how many working days `to` is after `from`; 0 when to ≤ from. */
  workdaysBetween(from: string, to: string): number {
    assertDay(from);
    assertDay(to);
    let count = 0;
    for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (this.isWorkday(day)) count++;
    return count;
  }
}
