import { addDays, CalendarGapError, type WorkCalendar, type WorkdayOracle } from '../calendar/work-calendar';

/**
 * Remembers each day's answer (a CalendarGapError included) and each span's count for one snapshot: 143 tasks that
 * share a due date ask the same question 143 times, and a span into a year without data would otherwise walk
 * the years before it once per task.
 */
export class MemoCalendar implements WorkdayOracle {
  private readonly days = new Map<string, boolean | CalendarGapError>();
  private readonly spans = new Map<string, number | CalendarGapError>();

  constructor(private readonly calendar: WorkCalendar) {}

  isWorkday(day: string): boolean {
    let answer = this.days.get(day);
    if (answer === undefined) {
      try {
        answer = this.calendar.isWorkday(day);
      } catch (error) {
        if (!(error instanceof CalendarGapError)) throw error;
        answer = error;
      }
      this.days.set(day, answer);
    }
    if (answer instanceof CalendarGapError) throw answer;
    return answer;
  }

  /** Same contract as WorkCalendar.workdaysBetween: workdays in (from, to], 0 when to ≤ from. */
  workdaysBetween(from: string, to: string): number {
    const key = `${from}/${to}`;
    let answer = this.spans.get(key);
    if (answer === undefined) {
      try {
        let count = 0;
        for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (this.isWorkday(day)) count++;
        answer = count;
      } catch (error) {
        if (!(error instanceof CalendarGapError)) throw error;
        answer = error;
      }
      this.spans.set(key, answer);
    }
    if (answer instanceof CalendarGapError) throw answer;
    return answer;
  }
}
