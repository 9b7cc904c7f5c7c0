import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { addDays } from '../calendar/work-calendar';
import { periodCutoff, periodOf } from '../progress/reporting-period';
import { endOfDaySql, lastStatusChangeSql, STATUS_AS_OF_SQL } from '../tasks/task-rules';
import type { CompletionPointDto, DashboardDto, ReportsDueDto, UnitReportsDueDto } from './dto/dashboard.dto';
import type { PlanSnapshot } from './supervision-snapshot';
import { owesReport, SupervisionService, type SupervisionQuery } from './supervision.service';

const MOST_OVERDUE = 10;
const WEEK_DAYS = 7;

/**
 * The leaders' 驾驶舱 as of one day, in one answer: the supervision views (lights by section, most overdue, units
 * ranked) from one snapshot, the completion rate at each month's end by the same status-as-of rule, and the
 * reports due in the coming week by the reporting periods' rule.
 */
@Injectable()
export class DashboardService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly supervision: SupervisionService,
  ) {}

  async dashboard(query: SupervisionQuery): Promise<DashboardDto> {
    const snapshot = await this.supervision.snapshot(query);
    const summary = this.supervision.summaryView(snapshot);
    return {
      asOf: snapshot.asOf,
      warnings: snapshot.warnings,
      totals: summary.totals,
      completionTrend: await this.completionTrend(snapshot),
      sections: summary.sections.map(({ id, code, title, counts }) => ({ id, code, title, counts })),
      mostOverdue: this.supervision
        .overdueView(snapshot)
        .items.filter((item) => item.flags.overdue)
        .slice(0, MOST_OVERDUE),
      units: this.supervision.unitsView(snapshot).items,
      reportsDue: await this.reportsDue(snapshot),
    };
  }

  /** For each month of the plan begun by asOf: tasks completed by the end of its last day (asOf in its own month). */
  private async completionTrend({ plan, asOf }: PlanSnapshot): Promise<CompletionPointDto[]> {
    const days: string[] = [];
    for (let month = plan.startDate.slice(0, 7); month <= plan.endDate.slice(0, 7) && `${month}-01` <= asOf; month = nextMonth(month)) {
      const last = addDays(`${nextMonth(month)}-01`, -1);
      days.push(last < asOf ? last : asOf);
    }
    if (days.length === 0) return [];
    const rows: Array<{ day: string; completed: number; total: number }> = await this.dataSource.query(
      `SELECT to_char(d.day, 'YYYY-MM-DD') AS day, count(t.id)::int AS total,
              (count(t.id) FILTER (WHERE ${STATUS_AS_OF_SQL} = 'completed'))::int AS completed
         FROM unnest($2::date[]) AS d(day)
         LEFT JOIN task t ON t.plan_id = $1
         ${lastStatusChangeSql('t', 'd.day')}
        GROUP BY d.day ORDER BY d.day`,
      [plan.id, days],
    );
    return rows.map((row) => ({
      month: row.day.slice(0, 7),
      day: row.day,
      completed: row.completed,
      total: row.total,
      rate: row.total === 0 ? null : Math.round((row.completed / row.total) * 1000) / 10,
    }));
  }

  /** The period open on asOf; when its cutoff comes within a week, who still owes which report for it. */
  private async reportsDue(snapshot: PlanSnapshot): Promise<ReportsDueDto> {
    const { plan, asOf } = snapshot;
    const period = periodOf(asOf, plan.reportingCycle, plan.reportCutoffDay);
    const cutoff = periodCutoff(period, plan.reportCutoffDay);
    const dueThisWeek = cutoff >= asOf && cutoff < addDays(asOf, WEEK_DAYS);
    if (!dueThisWeek) return { period, cutoff, dueThisWeek, total: 0, units: [] };

    const reported: Array<{ task_id: string; unit_ids: string[] }> = await this.dataSource.query(
      `SELECT r.task_id, array_agg(DISTINCT r.unit_id) AS unit_ids
         FROM progress_report r JOIN task t ON t.id = r.task_id
        WHERE t.plan_id = $1 AND r.period = $3 AND r.created_at < ${endOfDaySql('$2')}
        GROUP BY r.task_id`,
      [plan.id, asOf, period],
    );
    const reportedByTask = new Map(reported.map((r) => [r.task_id, new Set(r.unit_ids)]));
    const owed = new Map<string, UnitReportsDueDto>();
    for (const task of snapshot.tasks) {
      const done = reportedByTask.get(task.id) ?? new Set<string>();
      for (const role of ['lead', 'responsible'] as const) {
        for (const unit of task.units[role]) {
          if (!owesReport(role, task, done, unit.id)) continue;
          let entry = owed.get(unit.id);
          if (!entry) owed.set(unit.id, (entry = { unit: { id: unit.id, name: unit.name }, tasks: [] }));
          entry.tasks.push({ id: task.id, number: task.number, content: task.content });
        }
      }
    }
    const units = [...owed.values()].sort(
      (a, b) => b.tasks.length - a.tasks.length || a.unit.name.localeCompare(b.unit.name, 'zh-Hans-CN'),
    );
    return { period, cutoff, dueThisWeek, total: units.reduce((sum, u) => sum + u.tasks.length, 0), units };
  }
}

function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}
