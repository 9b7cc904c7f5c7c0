import { Injectable } from '@nestjs/common';
import { AccessService } from '../access/access.service';
import { requirePermission } from '../access/permissions';
import { CalendarService } from '../calendar/calendar.service';
import { assertDay, calendarGapMessage, yearOf } from '../calendar/work-calendar';
import { Clock } from '../common/clock';
import type {
  LightCountsDto,
  OverdueItemDto,
  OverdueViewDto,
  SectionSummaryDto,
  SummaryViewDto,
  SupervisedTaskPageDto,
  SupervisionTasksQueryDto,
  UnitStandingDto,
  UnitsViewDto,
} from './dto/supervision.dto';
import { SupervisionSnapshotLoader, sectionsOf, type PlanSnapshot } from './supervision-snapshot';
import { SupervisionRepository, type LightCountRow, type ViewScope } from './supervision.repository';
import { ViewCache } from './view-cache';
import { overdueItem, registerItem } from './view-items';

export interface SupervisionQuery {
  planId: string;
  asOf?: string;
}

function emptyCounts(): LightCountsDto {
  return { tasks: 0, red: 0, yellow: 0, green: 0, grey: 0, overdue: 0, dueSoon: 0, behindSchedule: 0, unreported: 0, completed: 0 };
}

function addCounts(counts: LightCountsDto, row: LightCountRow): void {
  counts.tasks += row.tasks;
  counts.red += row.red;
  counts.yellow += row.yellow;
  counts.green += row.green;
  counts.grey += row.grey;
  counts.overdue += row.overdue;
  counts.dueSoon += row.due_soon;
  counts.behindSchedule += row.behind_schedule;
  counts.unreported += row.unreported;
  counts.completed += row.completed;
}

/** Header fields every view shares. */
export interface ViewHeader {
  asOf: string;
  period: string;
  periodCutoff: string;
  reportsChecked: boolean;
  warnings: string[];
}

/** One decimal of a percent, or null for an empty denominator. */
const percent = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);


/**
 * The supervisors' views of one plan as of one day (task register, overdue board, unit ranking, summary by
 * section). Which tasks, how many and in what order is decided in PostgreSQL by the set-based task rules
 * (SupervisionRepository), and a page or board comes back complete in one statement; only the reasons are worded
 * here, from each row (view-items.ts). Nothing is stored.
 */
@Injectable()
export class SupervisionService {
  constructor(
    private readonly snapshots: SupervisionSnapshotLoader,
    private readonly repository: SupervisionRepository,
    private readonly calendars: CalendarService,
    private readonly clock: Clock,
    private readonly access: AccessService,
    private readonly cache: ViewCache,
  ) {}

  /** The whole plan as of the given day (today in Shanghai by default), for the ledger, the bulletin and scores. */
  async snapshot(query: SupervisionQuery): Promise<PlanSnapshot> {
    requirePermission('read:all');
    await this.access.requireReadPlan(query.planId);
    return this.snapshots.load(query.planId, this.asOf(query));
  }

  /** Checks the caller, then the plan and day every staff view starts from, with the header they share. */
  async scope(query: SupervisionQuery): Promise<{ scope: ViewScope; header: ViewHeader }> {
    requirePermission('read:all');
    await this.access.requireReadPlan(query.planId);
    const scope = await this.repository.scope(query.planId, this.asOf(query));
    return { scope, header: await this.header(scope) };
  }

  private asOf(query: SupervisionQuery): string {
    const asOf = query.asOf ?? this.clock.today();
    assertDay(asOf);
    return asOf;
  }

  private async header(scope: ViewScope): Promise<ViewHeader> {
    const gaps = await this.repository.gapYears(scope);
    const years = new Set(gaps.years);
    if (gaps.asOfYearMissing) {
      years.add(yearOf(scope.asOf));
      // Asking about the day itself puts the gap in the calendar's loud (once per process) log as well.
      (await this.calendars.load()).lookup(scope.asOf);
    }
    return {
      asOf: scope.asOf,
      period: scope.period,
      periodCutoff: scope.periodCutoff,
      reportsChecked: scope.reportsChecked,
      warnings: [...years].sort((a, b) => a - b).map(calendarGapMessage),
    };
  }

  /**
   * The task register of one plan with each task's light as of asOf: the filters of GET /api/tasks (status is the
   * one as of asOf) plus the light, one page by task number. Staff see every task; a unit user only its own
   * unit's, in a plan it may read.
   */
  async tasks(query: SupervisionTasksQueryDto): Promise<SupervisedTaskPageDto> {
    const day = { ...query, asOf: this.asOf(query) };
    return this.cache.answer('tasks', query.planId, day, () => this.access.readBounded(() => this.register(day)));
  }

  private async register(query: SupervisionTasksQueryDto): Promise<SupervisedTaskPageDto> {
    const scopeUnit = this.access.readScope();
    await this.access.requireReadPlan(query.planId);
    this.access.listScope(query.unitId, '任务');
    const scope = await this.repository.scope(query.planId, this.asOf(query));
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const [{ rows, total }, header] = await Promise.all([
      this.repository.registerPage(scope, { ...query, scopeUnit }, page, pageSize),
      this.header(scope),
    ]);
    const items = rows.map((row) => registerItem(row, scope));
    return { asOf: scope.asOf, items, total, page, pageSize, warnings: header.warnings };
  }

  async overdue(query: SupervisionQuery): Promise<OverdueViewDto> {
    return this.staffView('overdue', query, async (scope, header) => ({ ...header, items: await this.flagged(scope) }));
  }

  async units(query: SupervisionQuery): Promise<UnitsViewDto> {
    return this.staffView('units', query, async (scope, header) => ({ ...header, items: await this.standings(scope) }));
  }

  async summary(query: SupervisionQuery): Promise<SummaryViewDto> {
    return this.staffView('summary', query, async (scope, header) => ({ ...header, ...(await this.counts(scope)) }));
  }

  /** A staff view of one plan and day, from the answer cache or computed in one organization-bounded read. */
  private async staffView<T>(view: string, query: SupervisionQuery, build: (scope: ViewScope, header: ViewHeader) => Promise<T>): Promise<T> {
    requirePermission('read:all');
    const day = { planId: query.planId, asOf: this.asOf(query) };
    return this.cache.answer(view, query.planId, day, () =>
      this.access.readBounded(async () => {
        const { scope, header } = await this.scope(day);
        return build(scope, header);
      }),
    );
  }

  /** Overdue or behind-schedule tasks, most days overdue first, then by number (`overdueOnly`, `limit`: the 驾驶舱's). */
  async flagged(scope: ViewScope, options: { overdueOnly?: boolean; limit?: number } = {}): Promise<OverdueItemDto[]> {
    return (await this.repository.flagged(scope, options)).map((row) => overdueItem(row, scope));
  }

  /** Ranked by fewest overdue, then highest on-time rate, then most completed, then name. */
  async standings(scope: ViewScope): Promise<UnitStandingDto[]> {
    const items = (await this.repository.unitStandings(scope)).map(
      (x): Omit<UnitStandingDto, 'rank'> => ({
        unit: { id: x.unit_id, name: x.name, kind: x.kind },
        asLead: x.as_lead,
        asResponsible: x.as_responsible,
        asCooperating: x.as_cooperating,
        total: x.as_lead + x.as_responsible + x.as_cooperating,
        completed: x.completed,
        overdue: x.overdue,
        // Of the tasks whose deadline has been put to the test (completed, or open past it), those done in time.
        onTimeCompletionRate: percent(x.on_time, x.completed + x.overdue),
        reportsMissing: x.reports_missing,
        lastReportAt: x.last_report_at ? new Date(x.last_report_at).toISOString() : null,
      }),
    );
    items.sort(
      (a, b) =>
        a.overdue - b.overdue ||
        (b.onTimeCompletionRate ?? -1) - (a.onTimeCompletionRate ?? -1) ||
        b.completed - a.completed ||
        a.unit.name.localeCompare(b.unit.name, 'zh-Hans-CN'),
    );
    return items.map((item, i) => ({ ...item, rank: i + 1 }));
  }

  /** Counts for the plan, each top-level section (its subsections' tasks and its own) and each subsection. */
  async counts(scope: ViewScope): Promise<Pick<SummaryViewDto, 'totals' | 'sections'>> {
    const [sectionRows, countRows] = await Promise.all([this.repository.sections(scope.plan.id), this.repository.lightCounts(scope)]);
    const totals = emptyCounts();
    const sections = new Map<string, SectionSummaryDto>();
    const subsections = new Map<string, SectionSummaryDto['subsections'][number]>();
    for (const s of sectionRows) {
      const node = { id: s.id, code: s.code, title: s.title, counts: emptyCounts() };
      if (s.level === 1) sections.set(s.id, { ...node, subsections: [] });
      else subsections.set(s.id, node);
    }
    for (const s of sectionRows) {
      if (s.level !== 1 && s.parentId) sections.get(s.parentId)?.subsections.push(subsections.get(s.id)!);
    }
    const byId = new Map(sectionRows.map((s) => [s.id, s]));
    for (const row of countRows) {
      addCounts(totals, row);
      const { section, subsection } = sectionsOf(row.section_id, byId);
      const sectionNode = section && sections.get(section.id);
      if (sectionNode) addCounts(sectionNode.counts, row);
      const subsectionNode = subsection && subsections.get(subsection.id);
      if (subsectionNode) addCounts(subsectionNode.counts, row);
    }
    return { totals, sections: [...sections.values()] };
  }
}
