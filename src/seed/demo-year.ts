import type { WorkdayOracle } from '../calendar/work-calendar';
import { addDays } from '../calendar/work-calendar';
import { expectedPercent } from '../tasks/task-rules';
import { Prng } from './prng';

/** The day the demo stands on: `npm start` makes it the server's today (CLOCK_TODAY). */
export const DEMO_DAY = '2021-10-20';
/** The day the notice was imported and the units were given their tasks. */
export const NOTICE_DAY = '2021-02-01';
const PLAN_START = '2021-01-01';
const SEED = 20211020;

/** How a task's year goes; drawn once per task, in number order. */
export type Course =
  | 'done' // reports, asks for 销号 before the deadline, approved
  | 'returned' // its first 销号 request is returned (退回) with a reason, the second approved
  | 'extended' // asks for 延期 before the deadline, approved
  | 'dueSoon' // 延期 approved to a day just after the demo day
  | 'rejected' // asks for 延期, rejected, misses the deadline
  | 'late' // keeps reporting, misses the deadline
  | 'pending' // asks for 销号 late; still waiting on the demo day
  | 'steady' // on schedule
  | 'behind' // reports, well behind 序时进度
  | 'silent' // stops reporting after July
  | 'early' // a year-end task finished early
  | 'suspended'
  | 'cancelled';

export interface YearTask {
  id: string;
  number: number;
  dueDate: string;
  /** Each assignment's unit, in the notice's order. */
  units: string[];
  /** The units that ask for 销号: the lead units, or the responsible units when there is no lead. */
  leads: string[];
}

/** One thing a user does on a day; `run` order within a day is the order planned. */
export type DemoAction =
  | { kind: 'setDueDate'; task: YearTask; dueDate: string }
  | { kind: 'acknowledge'; task: YearTask; unit: string }
  | { kind: 'report'; task: YearTask; unit: string; percent: number; summary: string; problems?: string }
  | { kind: 'requestCompletion'; task: YearTask; unit: string; summary: string }
  | { kind: 'reviewCompletion'; task: YearTask; decision: 'approve' | 'return'; comment: string }
  | { kind: 'requestExtension'; task: YearTask; unit: string; dueDate: string; reason: string }
  | { kind: 'reviewExtension'; task: YearTask; decision: 'approve' | 'reject'; comment: string }
  | { kind: 'suspend' | 'cancel'; task: YearTask; reason: string };

const MONTHS = ['02', '03', '04', '05', '06', '07', '08', '09', '10'];
const WORK = ['召开专题推进会，细化责任分工', '完成阶段性建设任务', '加快项目前期手续办理', '组织现场督导，协调解决难点',
  '完善工作台账，逐项销号推进', '开展调研摸底，形成工作方案', '推进资金拨付和项目实施', '配合有关单位开展联合检查'];
const PROBLEMS = ['资金到位较慢', '项目用地手续尚未完成', '涉及部门较多，协调难度大', '受汛期影响施工进度放缓'];
const RETURN_REASONS = ['佐证材料不全，请补充验收报告后再申请销号', '完成情况与年度目标不符，请补充量化数据'];
const EXTENSION_REASONS = ['受上级审批进度影响，需顺延完成时限', '项目建设受汛期影响，申请延期办理'];

/**
 * Plans the 济源 demo year, deterministically (a seeded PRNG drawn in task-number order): phase deadlines set by
 * the office, 签收, monthly reports before each cutoff, 销号 (some returned), 延期 (approved and rejected),
 * 暂缓 and 撤销. Pure: it returns the actions by day; DemoHistoryService carries them out through the services.
 */
export function planDemoYear(tasks: YearTask[], calendar: WorkdayOracle, cutoffDay: number): Map<string, DemoAction[]> {
  const rng = new Prng(SEED);
  const byDay = new Map<string, DemoAction[]>();
  const on = (day: string, action: DemoAction) => {
    if (day > DEMO_DAY) return;
    const list = byDay.get(day);
    if (list) list.push(action);
    else byDay.set(day, [action]);
  };
  const workday = (day: string): string => (calendar.isWorkday(day) ? day : workday(addDays(day, 1)));
  const workdaysAfter = (day: string, n: number): string => {
    let d = day;
    for (let i = 0; i < n; i++) d = workday(addDays(d, 1));
    return d;
  };
  const workdayBefore = (day: string): string => (calendar.isWorkday(day) ? day : workdayBefore(addDays(day, -1)));
  /** A working day in [from, to]: a report dated past a cutoff would count for the next month. */
  const between = (from: string, to: string): string => {
    const day = workday(addDays(from, rng.int(0, Math.max(0, diff(from, to)))));
    return day <= to ? day : workdayBefore(to);
  };

  for (const task of tasks) {
    const phase = rng.next();
    const due = phase < 0.18 ? '2021-06-30' : phase < 0.32 ? '2021-09-30' : task.dueDate;
    const course = drawCourse(rng, due);
    if (due !== task.dueDate) on(workdaysAfter(NOTICE_DAY, 2), { kind: 'setDueDate', task, dueDate: due });

    for (const unit of task.units) {
      if (rng.chance(0.9)) on(workdaysAfter(NOTICE_DAY, rng.int(0, 4)), { kind: 'acknowledge', task, unit });
    }

    // The day the work stops being reported: 销号 requested, suspended, cancelled, or fallen silent.
    let stop: string | null = null;
    const lead = task.leads[0]!;
    let dueNow = due;
    const dueMonth = due.slice(0, 7);
    if (course === 'done' || course === 'returned' || course === 'early' || course === 'pending') {
      const window =
        course === 'early' ? ['2021-04-12', '2021-10-08']
        : course === 'pending' ? ['2021-10-11', '2021-10-15']
        : due > DEMO_DAY ? ['2021-08-16', '2021-09-24']
        : [`${dueMonth}-01`, `${dueMonth}-18`];
      stop = between(window[0]!, window[1]!);
      on(stop, { kind: 'report', task, unit: lead, percent: 100, summary: '年度目标任务已全部完成' });
      on(stop, { kind: 'requestCompletion', task, unit: lead, summary: '已完成年度目标任务，申请销号' });
      if (course !== 'pending') {
        let decided = workdaysAfter(stop, rng.int(2, 4));
        if (course === 'returned') {
          on(decided, { kind: 'reviewCompletion', task, decision: 'return', comment: rng.pick(RETURN_REASONS) });
          const again = workdaysAfter(decided, rng.int(3, 6));
          on(again, { kind: 'report', task, unit: lead, percent: 100, summary: '已补充佐证材料和量化数据' });
          on(again, { kind: 'requestCompletion', task, unit: lead, summary: '已补充材料，再次申请销号' });
          decided = workdaysAfter(again, rng.int(2, 3));
        }
        on(decided, { kind: 'reviewCompletion', task, decision: 'approve', comment: '经核查，同意销号' });
      }
    } else if (course === 'extended' || course === 'dueSoon' || course === 'rejected') {
      const asked = workdaysAfter(addDays(due, -25), rng.int(0, 5));
      const to = course === 'dueSoon' ? '2021-10-22' : course === 'extended' && due < '2021-09-01' ? '2021-11-30' : '2021-12-31';
      on(asked, { kind: 'requestExtension', task, unit: lead, dueDate: to, reason: rng.pick(EXTENSION_REASONS) });
      const decided = workdaysAfter(asked, rng.int(2, 4));
      if (course === 'rejected') on(decided, { kind: 'reviewExtension', task, decision: 'reject', comment: '理由不充分，请按原时限完成' });
      else {
        on(decided, { kind: 'reviewExtension', task, decision: 'approve', comment: '同意延期' });
        dueNow = to;
      }
    } else if (course === 'suspended' || course === 'cancelled') {
      stop = between('2021-06-01', '2021-08-31');
      const reason = course === 'suspended' ? '因上级政策调整，暂缓实施' : '经市政府常务会议研究，该项工作不再实施';
      on(stop, { kind: course === 'suspended' ? 'suspend' : 'cancel', task, reason });
    } else if (course === 'silent') stop = '2021-07-26';

    let percent = 0;
    for (const month of MONTHS) {
      const reporters = task.leads.slice(0, 2);
      for (const unit of reporters) {
        const from = month === '02' ? '2021-02-18' : `2021-${month}-08`;
        const day = between(from, `2021-${month}-${cutoffDay}`);
        if (stop !== null && day >= stop) continue;
        if (!rng.chance(course === 'behind' ? 0.8 : month === '10' ? 0.55 : 0.93)) continue;
        const dueForPace = day <= due || course === 'late' || course === 'rejected' || course === 'pending' ? due : dueNow;
        percent = Math.max(percent, pace(rng, course, expectedPercent(PLAN_START, dueForPace, day)));
        const summary = `${Number(month)}月：${rng.pick(WORK)}，累计完成${percent}%`;
        const problems = course === 'behind' || course === 'late' ? rng.pick(PROBLEMS) : undefined;
        on(day, { kind: 'report', task, unit, percent, summary, problems });
      }
    }
  }
  return byDay;
}

function drawCourse(rng: Prng, due: string): Course {
  const r = rng.next();
  if (due === '2021-06-30') return r < 0.55 ? 'done' : r < 0.68 ? 'returned' : r < 0.78 ? 'extended' : r < 0.92 ? 'late' : 'rejected';
  if (due === '2021-09-30') {
    return r < 0.42 ? 'done' : r < 0.52 ? 'returned' : r < 0.58 ? 'dueSoon' : r < 0.64 ? 'extended' : r < 0.82 ? 'late' : r < 0.92 ? 'rejected' : 'pending';
  }
  return r < 0.08 ? 'early' : r < 0.49 ? 'steady' : r < 0.72 ? 'behind' : r < 0.9 ? 'silent' : r < 0.93 ? 'returned' : r < 0.97 ? 'suspended' : r < 0.98 ? 'cancelled' : 'steady';
}

/** The percent a report gives: around 序时进度 for work on schedule, well below it for the laggards. */
function pace(rng: Prng, course: Course, expected: number): number {
  const value =
    course === 'behind' ? Math.round(expected * 0.5) + rng.int(0, 6)
    : course === 'late' || course === 'rejected' ? Math.min(Math.round(expected * 0.75), 85)
    : expected + rng.int(1, 12);
  return Math.max(5, Math.min(95, value));
}

function diff(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
