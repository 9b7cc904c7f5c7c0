import { BadRequestError } from '../common/domain-errors';
import { CalendarGapError, WorkCalendar, type CalendarOverrideEntry } from './work-calendar';

const off = (note: string | null = null): CalendarOverrideEntry => ({ isWorkday: false, note });
const on = (note: string | null = null): CalendarOverrideEntry => ({ isWorkday: true, note });

describe('WorkCalendar', () => {
  const calendar = new WorkCalendar();

  describe('the statutory schedule (chinese-days)', () => {
    it.each([
      ['2021-09-18', 'Saturday, 中秋 调休'],
      ['2021-09-26', 'Sunday, 国庆 调休'],
      ['2021-10-09', 'Saturday, 国庆 调休'],
      ['2021-09-30', 'an ordinary Thursday'],
      ['2021-10-08', 'the Friday after National Day'],
    ])('%s is a workday (%s)', (day) => {
      expect(calendar.isWorkday(day)).toBe(true);
    });

    it.each(['2021-10-01', '2021-10-02', '2021-10-03', '2021-10-04', '2021-10-05', '2021-10-06', '2021-10-07'])(
      '%s (National Day week) is not a workday',
      (day) => {
        expect(calendar.isWorkday(day)).toBe(false);
      },
    );

    it('an ordinary weekend is off, and says where each answer came from', () => {
      expect(calendar.describe('2021-10-10')).toEqual({ day: '2021-10-10', isWorkday: false, source: 'weekend-rule', note: null });
      expect(calendar.describe('2021-10-01')).toEqual({ day: '2021-10-01', isWorkday: false, source: 'statutory', note: '国庆节' });
      expect(calendar.describe('2021-10-09')).toEqual({
        day: '2021-10-09',
        isWorkday: true,
        source: 'statutory',
        note: '国庆节调休上班',
      });
    });

    it('covers 2004–2026 and nothing after', () => {
      expect([2003, 2004, 2021, 2026, 2027].map((y) => calendar.hasData(y))).toEqual([false, true, true, true, false]);
      expect(calendar.coverage(2026)).toEqual({ year: 2026, statutory: true, official: false });
      expect(calendar.coverage(2027)).toEqual({ year: 2027, statutory: false, official: false });
    });
  });

  describe('arithmetic across holidays and 调休', () => {
    it('the next workday after 2021-09-30 is 2021-10-08', () => {
      expect(calendar.nextWorkday('2021-09-30')).toBe('2021-10-08');
      expect(calendar.firstWorkdayAfter('2021-09-30')).toBe('2021-10-08');
    });

    it('nextWorkday is strictly after, even from a workday', () => {
      expect(calendar.nextWorkday('2021-09-17')).toBe('2021-09-18');
      expect(calendar.nextWorkday('2021-09-18')).toBe('2021-09-22');
    });

    it('addWorkdays counts the 调休 Saturday and skips the holiday', () => {
      expect(calendar.addWorkdays('2021-09-17', 1)).toBe('2021-09-18');
      expect(calendar.addWorkdays('2021-09-17', 2)).toBe('2021-09-22');
      expect(calendar.addWorkdays('2021-09-30', 2)).toBe('2021-10-09');
      expect(calendar.addWorkdays('2021-09-30', 3)).toBe('2021-10-11');
    });

    it('addWorkdays(day, 0) is the day itself when a workday, else the next workday', () => {
      expect(calendar.addWorkdays('2021-10-09', 0)).toBe('2021-10-09');
      expect(calendar.addWorkdays('2021-10-01', 0)).toBe('2021-10-08');
      expect(() => calendar.addWorkdays('2021-10-01', -1)).toThrow(RangeError);
      expect(() => calendar.addWorkdays('2021-10-01', 1.5)).toThrow(RangeError);
    });

    it('workdaysBetween counts (from, to] across National Day', () => {
      // 09-26 (Sun, 调休) + 09-27..30 + 10-08 + 10-09 (Sat, 调休); 09-25 and 10-01..07, 10-10 are off.
      expect(calendar.workdaysBetween('2021-09-24', '2021-10-10')).toBe(7);
      expect(calendar.workdaysBetween('2021-09-30', '2021-10-08')).toBe(1);
      expect(calendar.workdaysBetween('2021-09-30', '2021-10-07')).toBe(0);
      expect(calendar.workdaysBetween('2021-10-08', '2021-10-08')).toBe(0);
      expect(calendar.workdaysBetween('2021-10-09', '2021-10-08')).toBe(0);
    });

    it('works across a year end with data on both sides', () => {
      expect(calendar.nextWorkday('2021-12-31')).toBe('2022-01-04');
    });
  });

  describe('admin overrides', () => {
    const overridden = new WorkCalendar({
      overrides: [
        ['2021-10-04', on('防汛值班')],
        ['2021-09-22', off('本地停工')],
      ],
    });

    it('turn a statutory holiday into a workday and a workday off', () => {
      expect(overridden.describe('2021-10-04')).toEqual({ day: '2021-10-04', isWorkday: true, source: 'override', note: '防汛值班' });
      expect(overridden.isWorkday('2021-09-22')).toBe(false);
      expect(calendar.isWorkday('2021-10-04')).toBe(false);
      expect(calendar.isWorkday('2021-09-22')).toBe(true);
    });

    it('change the arithmetic', () => {
      expect(overridden.nextWorkday('2021-09-30')).toBe('2021-10-04');
      expect(overridden.addWorkdays('2021-09-18', 1)).toBe('2021-09-23');
      expect(overridden.workdaysBetween('2021-09-24', '2021-10-10')).toBe(8);
    });
  });

  describe('a year without data', () => {
    it('is a CalendarGapError with a Chinese message, never a guess from the weekday', () => {
      const gaps: number[] = [];
      const withLog = new WorkCalendar({ onGap: (year) => gaps.push(year) });
      let error: unknown;
      try {
        withLog.isWorkday('2027-03-01');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CalendarGapError);
      expect(error).toMatchObject({ statusCode: 422, code: 'CALENDAR_GAP', day: '2027-03-01', year: 2027 });
      expect((error as Error).message).toContain('2027 年没有工作日历数据');
      expect((error as Error).message).toContain('2004–2026');
      expect(gaps).toEqual([2027]);
      expect(withLog.lookup('2027-03-01')).toBeNull();
    });

    it('stops arithmetic that walks into it', () => {
      expect(() => calendar.nextWorkday('2026-12-31')).toThrow(CalendarGapError);
      expect(() => calendar.addWorkdays('2026-12-30', 2)).toThrow(CalendarGapError);
      expect(() => calendar.workdaysBetween('2026-12-30', '2027-01-05')).toThrow(CalendarGapError);
      expect(calendar.addWorkdays('2026-12-30', 1)).toBe('2026-12-31');
    });

    it('answers for the days an override names, and only those, until the year is declared complete', () => {
      const partial = new WorkCalendar({ overrides: [['2027-01-01', off('元旦')]] });
      expect(partial.isWorkday('2027-01-01')).toBe(false);
      expect(partial.hasData(2027)).toBe(false);
      expect(() => partial.isWorkday('2027-01-04')).toThrow(CalendarGapError);
    });

    it('declared complete (official), follows its overrides and Monday–Friday otherwise', () => {
      const official = new WorkCalendar({
        overrides: [
          ['2027-01-01', off('元旦')],
          ['2027-02-20', on('春节调休上班')],
        ],
        officialYears: [2027],
      });
      expect(official.hasData(2027)).toBe(true);
      expect(official.coverage(2027)).toEqual({ year: 2027, statutory: false, official: true });
      expect(official.describe('2027-01-04')).toMatchObject({ isWorkday: true, source: 'weekend-rule' });
      expect(official.isWorkday('2027-01-02')).toBe(false);
      expect(official.isWorkday('2027-02-20')).toBe(true);
      expect(official.nextWorkday('2026-12-31')).toBe('2027-01-04');
      expect(() => official.isWorkday('2028-01-03')).toThrow(CalendarGapError);
    });
  });

  it.each(['2021-02-30', '2021-9-18', '20210918', '2021-09-18T00:00:00Z', ''])('refuses the malformed day %j', (day) => {
    expect(() => calendar.isWorkday(day)).toThrow(BadRequestError);
  });
});
