import { Injectable } from '@nestjs/common';
import { AccessService } from '../access/access.service';
import { requirePermission } from '../access/permissions';
import { mayReadTask } from '../access/rules';
import { assertDay } from '../calendar/work-calendar';
import { Clock } from '../common/clock';
import type { AssignmentRole } from '../tasks/task-status';
import { TasksService } from '../tasks/tasks.service';
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
import { SupervisionSnapshotLoader, type PlanSnapshot, type TaskSnapshot, type UnitRef } from './supervision-snapshot';

export interface SupervisionQuery {
  planId: string;
  asOf?: string;
}

/** Header fields every view shares. */
function header(snapshot: PlanSnapshot) {
  return {
    asOf: snapshot.asOf,
    period: snapshot.period,
    periodCutoff: snapshot.periodCutoff,
    reportsChecked: snapshot.reportsChecked,
    warnings: snapshot.warnings,
  };
}

/**
 * A unit owes its own report on a task it leads or is responsible for while the task is open, as the report-missing
 * reminders ask; `reported` holds the units that reported for the period in question.
 */
export function owesReport(role: AssignmentRole, task: TaskSnapshot, reported: ReadonlySet<string>, unitId: string): boolean {
  return role !== 'cooperating' && task.timeliness.open && !reported.has(unitId);
}

const names = (units: UnitRef[]) => units.map(({ id, name }) => ({ id, name }));

function emptyCounts(): LightCountsDto {
  return { tasks: 0, red: 0, yellow: 0, green: 0, grey: 0, overdue: 0, dueSoon: 0, behindSchedule: 0, unreported: 0, completed: 0 };
}

function count(counts: LightCountsDto, task: TaskSnapshot): void {
  const t = task.timeliness;
  counts.tasks++;
  counts[t.light]++;
  if (t.overdue) counts.overdue++;
  if (t.dueSoon) counts.dueSoon++;
  if (t.behindSchedule) counts.behindSchedule++;
  if (t.unreported) counts.unreported++;
  if (task.status === 'completed') counts.completed++;
}

/** The filters of GET /api/tasks (see TasksService.list), on a snapshot task; status is the one as of asOf. */
function matches(task: TaskSnapshot, query: SupervisionTasksQueryDto): boolean {
  if (query.light && task.timeliness.light !== query.light) return false;
  if (query.status && task.status !== query.status) return false;
  if (query.sourceKind && task.sourceKind !== query.sourceKind) return false;
  if (query.sectionId && task.section?.id !== query.sectionId && task.subsection?.id !== query.sectionId) return false;
  if (query.unitId || query.role) {
    const roles = query.role ? [query.role] : (['lead', 'responsible', 'cooperating'] as const);
    const holds = roles.some((role) => task.units[role].some((unit) => !query.unitId || unit.id === query.unitId));
    if (!holds) return false;
  }
  if (query.acknowledged !== undefined) {
    // As GET /api/tasks: the unit's own 签收, or without a unit any (false) / every (true) assigned unit's, as of asOf.
    const pending = query.unitId ? task.unacknowledgedUnits.has(query.unitId) : task.unacknowledgedUnits.size > 0;
    if (pending === query.acknowledged) return false;
  }
  if (query.q) {
    const text = query.q.trim();
    const inContent = task.content.toLowerCase().includes(text.toLowerCase());
    if (!inContent && !(/^\d{1,9}$/.test(text) && task.number === Number(text))) return false;
  }
  return true;
}

/** One decimal of a percent, or null for an empty denominator. */
const percent = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);

/**
 * The supervisors' views of one plan as of one day (overdue list, unit ranking, summary by section). Every figure
 * is computed from the snapshot, never stored; the Excel exports reuse the same results.
 */
@Injectable()
export class SupervisionService {
  constructor(
    private readonly snapshots: SupervisionSnapshotLoader,
    private readonly clock: Clock,
    private readonly access: AccessService,
    private readonly tasksRegister: TasksService,
  ) {}

  /** Checks the caller and loads the plan as of the given day (today in Shanghai by default). */
  async snapshot(query: SupervisionQuery): Promise<PlanSnapshot> {
    requirePermission('read:all');
    const asOf = query.asOf ?? this.clock.today();
    assertDay(asOf);
    return this.snapshots.load(query.planId, asOf);
  }

  /**
   * The task register of one plan with each task's light as of asOf: the filters of GET /api/tasks (status is the
   * one as of asOf) plus the light, applied to the snapshot, then one page. Staff see every task; a unit user only
   * its own unit's, in a plan it may read.
   */
  async tasks(query: SupervisionTasksQueryDto): Promise<SupervisedTaskPageDto> {
    const scopeUnit = this.access.readScope();
    if (scopeUnit) await this.access.requireReadPlan(query.planId);
    this.access.listScope(query.unitId, '任务');
    const asOf = query.asOf ?? this.clock.today();
    assertDay(asOf);
    const snapshot = await this.snapshots.load(query.planId, asOf);
    const readable = (task: TaskSnapshot) => mayReadTask(scopeUnit, Object.values(task.units).flatMap((units) => units.map((u) => u.id)));
    const matching = snapshot.tasks.filter((task) => readable(task) && matches(task, query));
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const slice = matching.slice((page - 1) * pageSize, page * pageSize);
    const registered = await this.tasksRegister.byIds(slice.map((task) => task.id));
    const byId = new Map(slice.map((task) => [task.id, task]));
    const items = registered.map((task) => {
      const snap = byId.get(task.id)!;
      const item = this.item(snap);
      return {
        ...task,
        statusAsOf: snap.status,
        light: item.light,
        flags: item.flags,
        reasons: item.reasons,
        daysOverdue: item.daysOverdue,
        workdaysOverdue: item.workdaysOverdue,
        expectedPercent: item.expectedPercent,
        latestPercent: item.latestPercent,
      };
    });
    return { asOf: snapshot.asOf, items, total: matching.length, page, pageSize, warnings: snapshot.warnings };
  }

  async overdue(query: SupervisionQuery): Promise<OverdueViewDto> {
    return this.overdueView(await this.snapshot(query));
  }

  async units(query: SupervisionQuery): Promise<UnitsViewDto> {
    return this.unitsView(await this.snapshot(query));
  }

  async summary(query: SupervisionQuery): Promise<SummaryViewDto> {
    return this.summaryView(await this.snapshot(query));
  }

  overdueView(snapshot: PlanSnapshot): OverdueViewDto {
    const items = snapshot.tasks
      .filter((task) => task.timeliness.overdue || task.timeliness.behindSchedule)
      .sort((a, b) => b.timeliness.daysOverdue - a.timeliness.daysOverdue || a.number - b.number)
      .map((task) => this.item(task));
    return { ...header(snapshot), items };
  }

  item(task: TaskSnapshot): OverdueItemDto {
    const t = task.timeliness;
    return {
      task: {
        id: task.id,
        number: task.number,
        content: task.content,
        section: task.section,
        subsection: task.subsection,
        lead: names(task.units.lead),
        responsible: names(task.units.responsible),
      },
      dueDate: task.dueDate,
      status: task.status,
      daysOverdue: t.daysOverdue,
      workdaysOverdue: t.workdaysOverdue,
      expectedPercent: t.expectedPercent,
      latestPercent: task.latestReport?.percent ?? null,
      lastReportAt: task.latestReport?.at.toISOString() ?? null,
      light: t.light,
      flags: { overdue: t.overdue, dueSoon: t.dueSoon, behindSchedule: t.behindSchedule, unreported: t.unreported },
      reasons: t.reasons,
    };
  }

  unitsView(snapshot: PlanSnapshot): UnitsViewDto {
    interface Tally {
      unit: UnitRef;
      asLead: number;
      asResponsible: number;
      asCooperating: number;
      completed: number;
      onTime: number;
      overdue: number;
      reportsMissing: number;
    }
    const tallies = new Map<string, Tally>();
    for (const task of snapshot.tasks) {
      const t = task.timeliness;
      const onTime = task.completedOn !== null && task.completedOn <= task.dueDate;
      for (const role of ['lead', 'responsible', 'cooperating'] as const) {
        for (const unit of task.units[role]) {
          let tally = tallies.get(unit.id);
          if (!tally) {
            tally = { unit, asLead: 0, asResponsible: 0, asCooperating: 0, completed: 0, onTime: 0, overdue: 0, reportsMissing: 0 };
            tallies.set(unit.id, tally);
          }
          if (role === 'lead') tally.asLead++;
          else if (role === 'responsible') tally.asResponsible++;
          else tally.asCooperating++;
          if (task.status === 'completed') tally.completed++;
          if (onTime) tally.onTime++;
          if (t.overdue) tally.overdue++;
          if (snapshot.reportsChecked && owesReport(role, task, task.reportedUnits, unit.id)) tally.reportsMissing++;
        }
      }
    }
    const items = [...tallies.values()].map(
      (x): Omit<UnitStandingDto, 'rank'> => ({
        unit: x.unit,
        asLead: x.asLead,
        asResponsible: x.asResponsible,
        asCooperating: x.asCooperating,
        total: x.asLead + x.asResponsible + x.asCooperating,
        completed: x.completed,
        overdue: x.overdue,
        // Of the tasks whose deadline has been put to the test (completed, or open past it), those done in time.
        onTimeCompletionRate: percent(x.onTime, x.completed + x.overdue),
        reportsMissing: x.reportsMissing,
        lastReportAt: snapshot.unitLastReport.get(x.unit.id)?.toISOString() ?? null,
      }),
    );
    items.sort(
      (a, b) =>
        a.overdue - b.overdue ||
        (b.onTimeCompletionRate ?? -1) - (a.onTimeCompletionRate ?? -1) ||
        b.completed - a.completed ||
        a.unit.name.localeCompare(b.unit.name, 'zh-Hans-CN'),
    );
    return { ...header(snapshot), items: items.map((item, i) => ({ ...item, rank: i + 1 })) };
  }

  summaryView(snapshot: PlanSnapshot): SummaryViewDto {
    const totals = emptyCounts();
    const sections = new Map<string, SectionSummaryDto>();
    const subsections = new Map<string, SectionSummaryDto['subsections'][number]>();
    for (const s of snapshot.sections) {
      const node = { id: s.id, code: s.code, title: s.title, counts: emptyCounts() };
      if (s.level === 1) sections.set(s.id, { ...node, subsections: [] });
      else subsections.set(s.id, node);
    }
    for (const s of snapshot.sections) {
      if (s.level !== 1 && s.parentId) sections.get(s.parentId)?.subsections.push(subsections.get(s.id)!);
    }
    for (const task of snapshot.tasks) {
      count(totals, task);
      if (task.section) {
        const section = sections.get(task.section.id);
        if (section) count(section.counts, task);
      }
      if (task.subsection) {
        const subsection = subsections.get(task.subsection.id);
        if (subsection) count(subsection.counts, task);
      }
    }
    return { ...header(snapshot), totals, sections: [...sections.values()] };
  }
}
