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
import { ScoringRepository, type StatusChange } from './scoring.repository';

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
    const { id: planId } = snapshot.plan;
    const scoring = new ScoringRepository(this.dataSource);
    const plan = await scoring.reportingSchedule(planId);
    const statusEvents = await scoring.statusChanges(planId, snapshot.asOf);
    const reports = await scoring.reportsMade(planId, snapshot.asOf);
    const returns = await scoring.completionsReturned(planId, snapshot.asOf);
    const extensions = await scoring.extensionsApproved(planId, snapshot.asOf);
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
    const reported = new Set(reports.map((r) => `${r.taskId}|${r.unitId}|${r.period}`));
    const eventsByTask = new Map<string, StatusChange[]>();
    for (const e of statusEvents) eventsByTask.set(e.taskId, [...(eventsByTask.get(e.taskId) ?? []), e]);
    const statusOn = (taskId: string, day: string): TaskStatus =>
      (eventsByTask.get(taskId) ?? []).filter((e) => e.day <= day).at(-1)?.toStatus ?? 'not_started';
    for (const period of closedPeriods(snapshot.plan.startDate, snapshot.asOf, plan!.reportingCycle, plan!.reportCutoffDay)) {
      const cutoff = periodCutoff(period, plan!.reportCutoffDay);
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
      const task = taskById.get(r.taskId)!;
      facts.push({ kind: 'completion_returned', unitId: r.unitId, task: { id: task.id, number: task.number }, day: r.day });
    }
    for (const x of extensions) {
      const task = taskById.get(x.taskId)!;
      facts.push({ kind: 'extension', unitId: x.unitId, task: { id: task.id, number: task.number }, day: x.day, nth: x.nth });
    }
    return { units: [...units.values()], facts, warnings: [...warnings] };
  }
}
