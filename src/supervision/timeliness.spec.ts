import { WorkCalendar } from '../calendar/work-calendar';
import { computeTimeliness, type TimelinessInput } from './timeliness';

const calendar = new WorkCalendar();

/** An in-progress task of a 2021 plan, reported at 70% for the last period: green unless a test changes that. */
const task = (overrides: Partial<TimelinessInput> = {}): TimelinessInput => ({
  dueDate: '2021-12-31',
  status: 'in_progress',
  startDate: '2021-01-01',
  latestPercent: 70,
  reportedForClosedPeriod: true,
  closedPeriodApplies: true,
  closedPeriod: '2021-09',
  ...overrides,
});

describe('computeTimeliness', () => {
  it('an open task past its due date across the National Day holiday: 8 days, 1 workday overdue, red', () => {
    const t = computeTimeliness(task({ dueDate: '2021-09-30' }), '2021-10-08', calendar);
    expect(t).toMatchObject({ overdue: true, daysOverdue: 8, workdaysOverdue: 1, dueSoon: false, light: 'red', calendarGaps: [] });
    expect(t.reasons[0]).toBe('已超过完成时限 2021-09-30 8 天（1 个工作日）');
    // The 调休 Saturday 2021-10-09 is a workday.
    expect(computeTimeliness(task({ dueDate: '2021-09-30' }), '2021-10-09', calendar).workdaysOverdue).toBe(2);
  });

  it('not overdue on the due date itself; due soon with 0 workdays left; 序时进度 is 100%', () => {
    const t = computeTimeliness(task({ dueDate: '2021-10-08', latestPercent: 95 }), '2021-10-08', calendar);
    expect(t).toMatchObject({ overdue: false, daysOverdue: 0, workdaysOverdue: null, dueSoon: true, workdaysLeft: 0, light: 'yellow' });
    expect(t).toMatchObject({ expectedPercent: 100, behindSchedule: false });
  });

  it('due soon is ≤ 3 workdays: 2021-10-12 is 3 workdays after 2021-10-08 (Saturday 10-09 works), 10-13 is 4', () => {
    const soon = computeTimeliness(task({ dueDate: '2021-10-12', latestPercent: 95 }), '2021-10-08', calendar);
    expect(soon).toMatchObject({ dueSoon: true, workdaysLeft: 3, light: 'yellow' });
    expect(soon.reasons).toEqual(['距完成时限 2021-10-12 还有 3 个工作日']);
    const later = computeTimeliness(task({ dueDate: '2021-10-13', latestPercent: 95 }), '2021-10-08', calendar);
    expect(later).toMatchObject({ dueSoon: false, workdaysLeft: null, light: 'green', reasons: ['按期推进'] });
  });

  it('over the holiday, 7 calendar days can be a single workday: due soon counts workdays, not days', () => {
    expect(computeTimeliness(task({ dueDate: '2021-10-08' }), '2021-09-30', calendar)).toMatchObject({ dueSoon: true, workdaysLeft: 1 });
  });

  it('a policy of 0 workdays turns due soon off', () => {
    const t = computeTimeliness(task({ dueDate: '2021-10-08', latestPercent: 95 }), '2021-10-08', calendar, {
      dueSoonWorkdays: 0,
      behindTolerance: 10,
    });
    expect(t).toMatchObject({ dueSoon: false, light: 'green' });
  });

  it('behind schedule: below 序时进度 by more than the tolerance (77% − 10 = 67)', () => {
    expect(computeTimeliness(task({ latestPercent: 67 }), '2021-10-08', calendar)).toMatchObject({
      expectedPercent: 77,
      behindSchedule: false,
      light: 'green',
    });
    const behind = computeTimeliness(task({ latestPercent: 66 }), '2021-10-08', calendar);
    expect(behind).toMatchObject({ behindSchedule: true, light: 'yellow' });
    expect(behind.reasons).toEqual(['最新报送进度 66%，落后序时进度 77% 超过 10 个百分点']);
    const never = computeTimeliness(task({ latestPercent: null }), '2021-10-08', calendar);
    expect(never).toMatchObject({ behindSchedule: true });
    expect(never.reasons).toEqual(['尚无进展报送，落后序时进度 77% 超过 10 个百分点']);
    expect(computeTimeliness(task({ latestPercent: 60 }), '2021-10-08', calendar, { dueSoonWorkdays: 3, behindTolerance: 20 }).behindSchedule).toBe(false);
  });

  it('unreported only when a report for the closed period was owed', () => {
    const missing = computeTimeliness(task({ reportedForClosedPeriod: false }), '2021-10-08', calendar);
    expect(missing).toMatchObject({ unreported: true, light: 'yellow', reasons: ['2021-09 期进展未报送'] });
    const notOwed = computeTimeliness(task({ reportedForClosedPeriod: false, closedPeriodApplies: false }), '2021-10-08', calendar);
    expect(notOwed).toMatchObject({ unreported: false, light: 'green' });
  });

  it('red wins over yellow, and every reason is listed, the most serious first', () => {
    const t = computeTimeliness(
      task({ dueDate: '2021-09-30', latestPercent: 20, reportedForClosedPeriod: false }),
      '2021-10-08',
      calendar,
    );
    expect(t).toMatchObject({ overdue: true, behindSchedule: true, unreported: true, light: 'red' });
    expect(t.reasons).toEqual([
      '已超过完成时限 2021-09-30 8 天（1 个工作日）',
      '最新报送进度 20%，落后序时进度 100% 超过 10 个百分点',
      '2021-09 期进展未报送',
    ]);
  });

  it('a completion request does not stop the clock: still open, still red when overdue', () => {
    expect(computeTimeliness(task({ dueDate: '2021-09-30', status: 'completion_requested' }), '2021-10-08', calendar)).toMatchObject({
      open: true,
      overdue: true,
      light: 'red',
    });
  });

  it('completed is green and flags nothing, even past the due date and without reports', () => {
    const t = computeTimeliness(
      task({ dueDate: '2021-09-30', status: 'completed', latestPercent: null, reportedForClosedPeriod: false }),
      '2021-10-08',
      calendar,
    );
    expect(t).toMatchObject({ open: false, overdue: false, daysOverdue: 0, dueSoon: false, behindSchedule: false, unreported: false });
    expect(t).toMatchObject({ light: 'green', reasons: ['任务已办结'] });
  });

  it.each([
    ['suspended', '任务已暂缓，不计预警'],
    ['cancelled', '任务已撤销，不计预警'],
  ] as const)('%s is grey and flags nothing', (status, reason) => {
    const t = computeTimeliness(task({ dueDate: '2021-09-30', status, latestPercent: null, reportedForClosedPeriod: false }), '2021-10-08', calendar);
    expect(t).toMatchObject({ overdue: false, behindSchedule: false, unreported: false, light: 'grey', reasons: [reason] });
  });

  it('not started counts as open', () => {
    expect(computeTimeliness(task({ status: 'not_started', latestPercent: null }), '2021-10-08', calendar)).toMatchObject({
      open: true,
      behindSchedule: true,
      light: 'yellow',
    });
  });

  describe('a year without calendar data: reported, never guessed', () => {
    const gapCalls: number[] = [];
    const gapCalendar = new WorkCalendar({ onGap: (year) => gapCalls.push(year) });

    it('overdue into an uncovered year: days known, workdays null, the year named', () => {
      const t = computeTimeliness(task(), '2031-01-05', gapCalendar);
      expect(t).toMatchObject({ overdue: true, daysOverdue: 3292, workdaysOverdue: null, light: 'red' });
      expect(t.calendarGaps).toEqual([2027]);
      expect(t.reasons[0]).toBe('已超过完成时限 2021-12-31 3292 天（工作日数无法确定：缺少工作日历数据）');
      expect(gapCalls).toContain(2027);
    });

    it('due within N calendar days is due soon without asking the calendar how many are workdays', () => {
      const t = computeTimeliness(task({ dueDate: '2031-01-07' }), '2031-01-05', gapCalendar);
      expect(t).toMatchObject({ dueSoon: true, workdaysLeft: null, calendarGaps: [2031], light: 'yellow' });
      expect(t.reasons).toContain('距完成时限 2031-01-07 仅剩 2 天');
    });

    it('further away it is not flagged, and the reasons say it could not be decided', () => {
      const t = computeTimeliness(task({ dueDate: '2031-01-20', startDate: '2031-01-01' }), '2031-01-05', gapCalendar);
      expect(t).toMatchObject({ dueSoon: false, calendarGaps: [2031] });
      expect(t.reasons).toContain('无法判断是否临期：缺少 2031 年工作日历数据');
    });
  });
});
