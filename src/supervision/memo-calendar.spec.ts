import { CalendarGapError, WorkCalendar } from '../calendar/work-calendar';
import { MemoCalendar } from './memo-calendar';

describe('MemoCalendar', () => {
  it('answers as the calendar does', () => {
    const calendar = new WorkCalendar();
    const memo = new MemoCalendar(calendar);
    for (const [from, to] of [
      ['2021-09-30', '2021-10-08'],
      ['2021-10-08', '2021-10-12'],
      ['2021-10-12', '2021-10-26'],
      ['2021-10-26', '2021-10-26'],
      ['2021-10-26', '2021-10-01'],
    ] as const) {
      expect([from, to, memo.workdaysBetween(from, to)]).toEqual([from, to, calendar.workdaysBetween(from, to)]);
    }
    expect(memo.isWorkday('2021-10-09')).toBe(true); // 调休
    expect(memo.isWorkday('2021-10-04')).toBe(false);
  });

  it('asks the calendar once per day, and keeps a gap as an error', () => {
    const gaps: number[] = [];
    const calendar = new WorkCalendar({ onGap: (year) => gaps.push(year) });
    const isWorkday = jest.spyOn(calendar, 'isWorkday');
    const memo = new MemoCalendar(calendar);
    memo.workdaysBetween('2021-12-20', '2021-12-31');
    memo.workdaysBetween('2021-12-20', '2021-12-31');
    memo.workdaysBetween('2021-12-25', '2021-12-31');
    expect(isWorkday).toHaveBeenCalledTimes(11);
    expect(() => memo.workdaysBetween('2026-12-30', '2027-01-04')).toThrow(CalendarGapError);
    expect(() => memo.workdaysBetween('2026-12-30', '2027-01-04')).toThrow(CalendarGapError);
    expect(() => memo.isWorkday('2027-01-01')).toThrow(CalendarGapError);
    expect(gaps).toEqual([2027]);
  });
});
