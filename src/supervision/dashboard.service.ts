import { Injectable } from '@nestjs/common';
import { addDays } from '../calendar/work-calendar';
import { periodCutoff, periodOf } from '../progress/reporting-period';
import type { CompletionPointDto, DashboardDto, ReportsDueDto, UnitReportsDueDto } from './dto/dashboard.dto';
import { SupervisionRepository, type ViewScope } from './supervision.repository';
import { SupervisionService, type SupervisionQuery } from './supervision.service';

const MOST_OVERDUE = 10;
const WEEK_DAYS = 7;

/**
 * The leaders' 驾驶舱 as of one day, in one answer: the supervision views (lights by section, most overdue, units
 * ranked) by the set-based task rules, the completion rate at each month's end by the same status-as-of rule, and the
 * reports due in the coming week by the reporting periods' rule.
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly supervision: SupervisionService,
    private readonly repository: SupervisionRepository,
  ) {}

  async dashboard(query: SupervisionQuery): Promise<DashboardDto> {
    const { scope, header } = await this.supervision.scope(query);
    const [counts, completionTrend, mostOverdue, units, reportsDue] = await Promise.all([
      this.supervision.counts(scope),
      this.completionTrend(scope),
      this.supervision.flagged(scope, { overdueOnly: true, limit: MOST_OVERDUE }),
      this.supervision.standings(scope),
      this.reportsDue(scope),
    ]);
    return {
      asOf: header.asOf,
      warnings: header.warnings,
      totals: counts.totals,
      completionTrend,
      sections: counts.sections.map(({ id, code, title, counts }) => ({ id, code, title, counts })),
      mostOverdue,
      units,
      reportsDue,
    };
  }

  /** For each month of the plan begun by asOf: tasks completed by the end of its last day (asOf in its own month). */
  private async completionTrend({ plan, asOf }: ViewScope): Promise<CompletionPointDto[]> {
    const days: string[] = [];
    for (let month = plan.startDate.slice(0, 7); month <= plan.endDate.slice(0, 7) && `${month}-01` <= asOf; month = nextMonth(month)) {
      const last = addDays(`${nextMonth(month)}-01`, -1);
      days.push(last < asOf ? last : asOf);
    }
    if (days.length === 0) return [];
    const rows = await this.repository.completedByDay(plan.id, days);
    return rows.map((row) => ({
      month: row.day.slice(0, 7),
      day: row.day,
      completed: row.completed,
      total: row.total,
      rate: row.total === 0 ? null : Math.round((row.completed / row.total) * 1000) / 10,
    }));
  }

  /** The period open on asOf; when its cutoff comes within a week, who still owes which report for it. */
  private async reportsDue(scope: ViewScope): Promise<ReportsDueDto> {
    const { plan, asOf } = scope;
    const period = periodOf(asOf, plan.reportingCycle, plan.reportCutoffDay);
    const cutoff = periodCutoff(period, plan.reportCutoffDay);
    const dueThisWeek = cutoff >= asOf && cutoff < addDays(asOf, WEEK_DAYS);
    if (!dueThisWeek) return { period, cutoff, dueThisWeek, total: 0, units: [] };

    const owed = new Map<string, UnitReportsDueDto>();
    for (const row of await this.repository.reportsOwed(scope, period)) {
      let entry = owed.get(row.unit_id);
      if (!entry) owed.set(row.unit_id, (entry = { unit: { id: row.unit_id, name: row.unit_name }, tasks: [] }));
      entry.tasks.push({ id: row.task_id, number: row.number, content: row.content });
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
