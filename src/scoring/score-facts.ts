import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import { CalendarGapError, calendarGapMessage } from '../calendar/work-calendar';
import type { ReportingCycle } from '../plans/plan.entity';
import { periodCutoff } from '../progress/reporting-period';
import type { PlanSnapshot, TaskSnapshot } from '../supervision/supervision-snapshot';
import type { TaskStatus } from '../tasks/task-status';
import { OPEN_STATUSES } from '../tasks/task-rules';
import type { ScoreFact } from './score-calculator';

/** The instant the Shanghai day after asOf begins: "on or before asOf" is `< $bound`. */
const END_OF_AS_OF = `(($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;
const SHANGHAI_DAY = (column: string) => `to_char(${column} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`;

export interface ScoreFacts {
  units: Array<{ id: string; name: string }>;
  facts: ScoreFact[];
  warnings: string[];
}

/** The units a task's completion and lateness count for: its 牵头单位, or all its 责任单位 when it names none. */
function leadUnits(task: TaskSnapshot): string[] {
  return (task.units.lead.length > 0 ? task.units.lead : task.units.responsible).map((u) => u.id);
}

/** The closed periods of a plan by asOf: those whose cutoff lies after the plan start and before asOf. */
export function closedPeriods(startDate: string, asOf: string, cycle: ReportingCycle, cutoffDay: number): string[] {
  const periods: string[] = [];
  const [startYear] = startDate.split('-').map(Number);
  const [endYear] = asOf.split('-').map(Number);
  for (let year = startYear!; year <= endYear!; year++) {
    for (let month = 1; month <= 12; month++) {
      if (cycle === 'quarterly' && month % 3 !== 0) continue;
      const period = cycle === 'monthly' ? `${year}-${String(month).padStart(2, '0')}` : `${year}-Q${month / 3}`;
      const cutoff = periodCutoff(period, cutoffDay);
      if (cutoff > startDate && cutoff < asOf) periods.push(period);
    }
  }
  return periods;
}

/**
 * What happened in a plan up to the end of asOf that the 考核 counts: completions on time or late, lateness of open
 * tasks, periods not reported, 销号 returned, 延期 approved. Read from PostgreSQL on every request.
 */
@Injectable()
export class ScoreFactsLoader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendars: CalendarService,
  ) {}

  async load(snapshot: PlanSnapshot): Promise<ScoreFacts> {
    const params = [snapshot.plan.id, snapshot.asOf];
    const [plan]: Array<{ reporting_cycle: ReportingCycle; report_cutoff_day: number }> = await this.dataSource.query(
      `SELECT reporting_cycle, report_cutoff_day FROM plan WHERE id = $1`,
      [snapshot.plan.id],
    );
    const statusEvents: Array<{ task_id: string; to_status: TaskStatus; day: string }> = await this.dataSource.query(
      `SELECT e.task_id, e.to_status, ${SHANGHAI_DAY('e.at')} AS day
         FROM task_event e JOIN task t ON t.id = e.task_id
        WHERE t.plan_id = $1 AND e.to_status IS NOT NULL AND e.at < ${END_OF_AS_OF}
        ORDER BY e.task_id, e.at, e.id`,
      params,
    );
    const reports: Array<{ task_id: string; unit_id: string; period: string }> = await this.dataSource.query(
      `SELECT DISTINCT r.task_id, r.unit_id, r.period
         FROM progress_report r JOIN task t ON t.id = r.task_id
        WHERE t.plan_id = $1 AND r.created_at < ${END_OF_AS_OF}`,
      params,
    );
    const returns: Array<{ task_id: string; unit_id: string; day: string }> = await this.dataSource.query(
      `SELECT c.task_id, c.unit_id, ${SHANGHAI_DAY('c.decided_at')} AS day
         FROM completion_request c JOIN task t ON t.id = c.task_id
        WHERE t.plan_id = $1 AND c.decision = 'return' AND c.decided_at < ${END_OF_AS_OF}
        ORDER BY c.decided_at, c.id`,
      params,
    );
    const extensions: Array<{ task_id: string; unit_id: string; day: string; nth: number }> = await this.dataSource.query(
      `SELECT x.task_id, x.unit_id, ${SHANGHAI_DAY('x.decided_at')} AS day,
              row_number() OVER (PARTITION BY x.task_id ORDER BY x.decided_at, x.id)::int AS nth
         FROM extension_request x JOIN task t ON t.id = x.task_id
        WHERE t.plan_id = $1 AND x.decision = 'approve' AND x.decided_at < ${END_OF_AS_OF}`,
      params,
    );
    const calendar = await this.calendars.load();
    const warnings = new Set<string>();

    const units = new Map<string, { id: string; name: string }>();
    const facts: ScoreFact[] = [];
    const taskById = new Map(snapshot.tasks.map((task) => [task.id, task]));
    for (const task of snapshot.tasks) {
      for (const unit of [...task.units.lead, ...task.units.responsible]) units.set(unit.id, { id: unit.id, name: unit.name });
      const ref = { id: task.id, number: task.number };
      if (task.completedOn !== null) {
        if (task.completedOn <= task.dueDate) {
          facts.push({ kind: 'on_time_completion', unitIds: leadUnits(task), task: ref, day: task.completedOn });
        } else {
          let workdays: number;
          try {
            workdays = calendar.workdaysBetween(task.dueDate, task.completedOn);
          } catch (error) {
            if (!(error instanceof CalendarGapError)) throw error;
            warnings.add(`${calendarGapMessage(error.year)}（逾期按自然日计）`);
            workdays = task.timeliness.daysOverdue;
          }
          facts.push({ kind: 'overdue', unitIds: leadUnits(task), task: ref, workdays, completed: true });
        }
      } else if (task.timeliness.overdue) {
        const workdays = task.timeliness.workdaysOverdue ?? task.timeliness.daysOverdue;
        facts.push({ kind: 'overdue', unitIds: leadUnits(task), task: ref, workdays, completed: false });
      }
    }
    for (const warning of snapshot.warnings) warnings.add(warning);

    // A unit owes a report for each closed period on each task it leads or is responsible for that was open at the
    // period's cutoff; a late report (made after the cutoff, by asOf) still counts as made.
    const reported = new Set(reports.map((r) => `${r.task_id}|${r.unit_id}|${r.period}`));
    const eventsByTask = new Map<string, Array<{ to_status: TaskStatus; day: string }>>();
    for (const e of statusEvents) eventsByTask.set(e.task_id, [...(eventsByTask.get(e.task_id) ?? []), e]);
    const statusOn = (taskId: string, day: string): TaskStatus =>
      (eventsByTask.get(taskId) ?? []).filter((e) => e.day <= day).at(-1)?.to_status ?? 'not_started';
    for (const period of closedPeriods(snapshot.plan.startDate, snapshot.asOf, plan!.reporting_cycle, plan!.report_cutoff_day)) {
      const cutoff = periodCutoff(period, plan!.report_cutoff_day);
      for (const task of snapshot.tasks) {
        if (!OPEN_STATUSES.includes(statusOn(task.id, cutoff))) continue;
        for (const unit of [...task.units.lead, ...task.units.responsible]) {
          if (!reported.has(`${task.id}|${unit.id}|${period}`)) {
            facts.push({ kind: 'missing_report', unitId: unit.id, task: { id: task.id, number: task.number }, period });
          }
        }
      }
    }
    for (const r of returns) {
      const task = taskById.get(r.task_id)!;
      facts.push({ kind: 'completion_returned', unitId: r.unit_id, task: { id: task.id, number: task.number }, day: r.day });
    }
    for (const x of extensions) {
      const task = taskById.get(x.task_id)!;
      facts.push({ kind: 'extension', unitId: x.unit_id, task: { id: task.id, number: task.number }, day: x.day, nth: x.nth });
    }
    return { units: [...units.values()], facts, warnings: [...warnings] };
  }
}
