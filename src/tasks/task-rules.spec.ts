import { WorkCalendar } from '../calendar/work-calendar';
import { daysBetween, deadlineAsOf, expectedPercent, isOpen, isPastDue, OPEN_STATUSES } from './task-rules';
import { TASK_STATUSES } from './task-status';

const calendar = new WorkCalendar();

describe('the task rules, each on its own', () => {
  it('open: 未开始, 推进中 and 申请销号 (a completion request does not stop the clock); the rest are closed', () => {
    expect(OPEN_STATUSES).toEqual(['not_started', 'in_progress', 'completion_requested']);
    expect(TASK_STATUSES.filter(isOpen)).toEqual(['not_started', 'in_progress', 'completion_requested']);
  });

  it('past due: the day after the due date, never the due date itself', () => {
    expect(isPastDue('2021-09-30', '2021-09-30')).toBe(false);
    expect(isPastDue('2021-09-30', '2021-10-01')).toBe(true);
    expect(isPastDue('2021-09-30', '2021-09-29')).toBe(false);
  });

  it('overdue: open and past due, counted in calendar days and in workdays of (due date, asOf] with 调休', () => {
    const task = { status: 'in_progress', dueDate: '2021-09-30' } as const;
    expect(deadlineAsOf(task, '2021-10-08', calendar, 3)).toMatchObject({ open: true, overdue: true, daysOverdue: 8, workdaysOverdue: 1, dueSoon: false });
    // The 调休 Saturday 2021-10-09 is a workday.
    expect(deadlineAsOf(task, '2021-10-09', calendar, 3)).toMatchObject({ daysOverdue: 9, workdaysOverdue: 2 });
    expect(deadlineAsOf(task, '2021-09-30', calendar, 3)).toMatchObject({ overdue: false, daysOverdue: 0, workdaysOverdue: null });
    for (const status of ['completed', 'suspended', 'cancelled'] as const) {
      expect(deadlineAsOf({ ...task, status }, '2021-10-08', calendar, 3)).toMatchObject({ open: false, overdue: false, dueSoon: false });
    }
  });

  it('due soon: open, not overdue, at most N workdays in (asOf, due date]; N = 0 turns it off', () => {
    const due = (dueDate: string, n = 3) => deadlineAsOf({ status: 'not_started', dueDate }, '2021-10-08', calendar, n);
    expect(due('2021-10-08')).toMatchObject({ dueSoon: true, workdaysLeft: 0 });
    // 10-09 (调休 Saturday), 10-11, 10-12: three workdays; 10-13 is the fourth.
    expect(due('2021-10-12')).toMatchObject({ dueSoon: true, workdaysLeft: 3 });
    expect(due('2021-10-13')).toMatchObject({ dueSoon: false, workdaysLeft: null });
    expect(due('2021-10-08', 0)).toMatchObject({ dueSoon: false });
    // Over the holiday, seven calendar days are one workday.
    expect(deadlineAsOf({ status: 'in_progress', dueDate: '2021-10-08' }, '2021-09-30', calendar, 3)).toMatchObject({ dueSoon: true, workdaysLeft: 1 });
  });

  it('a year without calendar data is named, never guessed', () => {
    const gaps = new WorkCalendar();
    expect(deadlineAsOf({ status: 'in_progress', dueDate: '2021-12-31' }, '2031-01-05', gaps, 3)).toMatchObject({
      overdue: true,
      daysOverdue: 3292,
      workdaysOverdue: null,
      calendarGaps: [2027],
    });
    expect(deadlineAsOf({ status: 'in_progress', dueDate: '2031-01-07' }, '2031-01-05', gaps, 3)).toMatchObject({
      dueSoon: true,
      workdaysLeft: null,
      calendarGaps: [2031],
    });
  });
});

describe('expectedPercent (序时进度)', () => {
  it.each([
    ['2021-10-08', 77], // 281 of 365 days
    ['2021-10-26', 82], // 299 of 365
    ['2021-01-01', 0], // 1 of 365 rounds to 0
    ['2021-07-02', 50], // 183 of 365
    ['2021-12-31', 100],
    ['2022-03-01', 100],
    ['2020-12-31', 0],
  ])('from 2021-01-01 to 2021-12-31, as of %s: %i%%', (asOf, percent) => {
    expect(expectedPercent('2021-01-01', '2021-12-31', asOf)).toBe(percent);
  });

  it('a one-day span is 100% on its day and 0% before it', () => {
    expect(expectedPercent('2021-05-01', '2021-05-01', '2021-05-01')).toBe(100);
    expect(expectedPercent('2021-05-01', '2021-05-01', '2021-04-30')).toBe(0);
  });

  it('daysBetween counts calendar days', () => {
    expect(daysBetween('2021-09-30', '2021-10-08')).toBe(8);
    expect(daysBetween('2021-10-08', '2021-09-30')).toBe(-8);
  });
});

