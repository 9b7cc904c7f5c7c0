import { WorkCalendar } from '../calendar/work-calendar';
import { DEMO_DAY, NOTICE_DAY, planDemoYear, type DemoAction, type YearTask } from './demo-year';

const calendar = new WorkCalendar();
const tasks: YearTask[] = Array.from({ length: 60 }, (_, i) => ({
  id: `task-${i + 1}`,
  number: i + 1,
  dueDate: '2021-12-31',
  units: [`lead-${i % 7}`, `other-${i % 5}`],
  leads: [`lead-${i % 7}`],
}));
const flat = (byDay: Map<string, DemoAction[]>) =>
  [...byDay].flatMap(([day, actions]) => actions.map((a) => ({ day, ...a, task: a.task.number })));

describe('planDemoYear', () => {
  const plan = planDemoYear(tasks, calendar, 25);
  const actions = flat(plan);

  it('plans the same year every time (seeded PRNG)', () => {
    expect(flat(planDemoYear(tasks, calendar, 25))).toEqual(actions);
  });

  it('acts only on working days from the notice day to the demo day', () => {
    for (const { day } of actions) {
      expect(day >= NOTICE_DAY && day <= DEMO_DAY).toBe(true);
      expect(calendar.isWorkday(day)).toBe(true);
    }
  });

  it('reports monthly by the cutoff, with percents that never go down', () => {
    const reports = actions.filter((a) => a.kind === 'report');
    expect(new Set(reports.map((r) => r.day.slice(0, 7))).size).toBe(9);
    for (const task of tasks) {
      const percents = reports
        .filter((r) => r.task === task.number)
        .sort((a, b) => a.day.localeCompare(b.day))
        .map((r) => (r.kind === 'report' ? r.percent : 0));
      expect([...percents].sort((a, b) => a - b)).toEqual(percents);
    }
    // Only the final report before a 销号 request may come after the 25th (it counts for the next month).
    const lateMonthly = reports.filter((r) => Number(r.day.slice(8)) > 25 && r.kind === 'report' && r.percent < 100);
    expect(lateMonthly).toEqual([]);
  });

  it('asks for 销号 only after a report the same day, and reviews only what was asked', () => {
    for (const request of actions.filter((a) => a.kind === 'requestCompletion')) {
      const index = actions.indexOf(request);
      expect(actions.slice(0, index).some((a) => a.kind === 'report' && a.task === request.task && a.day === request.day)).toBe(true);
    }
    for (const review of actions.filter((a) => a.kind === 'reviewCompletion' || a.kind === 'reviewExtension')) {
      const asked = review.kind === 'reviewCompletion' ? 'requestCompletion' : 'requestExtension';
      expect(actions.some((a) => a.kind === asked && a.task === review.task && a.day < review.day)).toBe(true);
    }
  });
});
