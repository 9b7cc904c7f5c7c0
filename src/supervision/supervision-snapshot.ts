import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import { calendarGapMessage, yearOf } from '../calendar/work-calendar';
import { NotFoundError } from '../common/domain-errors';
import { readTransaction } from '../database/organization-scope';
import { lastClosedPeriod, periodCutoff } from '../progress/reporting-period';
import type { AssignmentRole, SourceKind, TaskKind, TaskStatus } from '../tasks/task-status';
import type { UnitKind } from '../units/unit-kinds';
import { MemoCalendar } from './memo-calendar';
import type { TargetComparator } from '../targets/target-parser';
import { SupervisionSnapshotRepository, type SnapshotPlan, type SnapshotScope } from './supervision-snapshot.repository';
import { computeTimeliness, DEFAULT_POLICY, type Timeliness, type TimelinessPolicy } from './timeliness';

export interface SectionRef {
  id: string;
  code: string;
  title: string;
}

export interface UnitRef {
  id: string;
  name: string;
  kind: UnitKind;
}

export interface SectionRow extends SectionRef {
  parentId: string | null;
  level: number;
}

export interface LatestReport {
  percent: number;
  summary: string;
  unitName: string;
  at: Date;
}

/** A target of a task with the latest actual reported for it on or before asOf. */
export interface SnapshotTarget {
  id: string;
  metric: string;
  comparator: TargetComparator;
  value: number;
  unit: string;
  actual: number | null;
  actualPeriod: string | null;
}

/** One task as it stood at the end of asOf, with its timeliness computed once. */
export interface TaskSnapshot {
  id: string;
  number: number;
  content: string;
  kind: TaskKind;
  sourceKind: SourceKind;
  dueDate: string;
  section: SectionRef | null;
  subsection: SectionRef | null;
  units: Record<AssignmentRole, UnitRef[]>;
  status: TaskStatus;
  /** The Shanghai day it was completed on, when completed as of asOf. */
  completedOn: string | null;
  latestReport: LatestReport | null;
  /** Units that reported for the last closed period on or before asOf. */
  reportedUnits: ReadonlySet<string>;
  /** Assigned units that had not signed (签收) the task by the end of asOf. */
  unacknowledgedUnits: ReadonlySet<string>;
  targets: SnapshotTarget[];
  timeliness: Timeliness;
}

export interface PlanSnapshot {
  plan: Omit<SnapshotPlan, 'dueSoonWorkdays'>;
  asOf: string;
  period: string;
  periodCutoff: string;
  reportsChecked: boolean;
  policy: TimelinessPolicy;
  sections: SectionRow[];
  tasks: TaskSnapshot[];
  /** Each unit's latest report in the plan made on or before asOf. */
  unitLastReport: ReadonlyMap<string, Date>;
  warnings: string[];
}

/**
 * Loads one plan as of one day in a fixed handful of set-based queries (no per-task query), inside one
 * REPEATABLE READ transaction so that every figure comes from the same moment. The exports (ledger, bulletin, scores) start here.
 */
@Injectable()
export class SupervisionSnapshotLoader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: SupervisionSnapshotRepository,
    private readonly calendars: CalendarService,
  ) {}

  load(planId: string, asOf: string): Promise<PlanSnapshot> {
    return readTransaction(this.dataSource, async (manager) => {
      const repository = this.repository.in(manager);
      await repository.readOnly();
      return this.build(manager, repository, await this.plan(repository, planId), asOf);
    });
  }

  private async plan(repository: SupervisionSnapshotRepository, planId: string): Promise<SnapshotPlan> {
    const plan = await repository.plan(planId);
    if (!plan) throw new NotFoundError('计划', planId);
    return plan;
  }

  private async build(manager: EntityManager, repository: SupervisionSnapshotRepository, plan: SnapshotPlan, asOf: string): Promise<PlanSnapshot> {
    const period = lastClosedPeriod(asOf, plan.reportingCycle, plan.reportCutoffDay);
    const cutoff = periodCutoff(period, plan.reportCutoffDay);
    const reportsChecked = cutoff > plan.startDate;
    const scope: SnapshotScope = { planId: plan.id, asOf };

    const sections = await repository.sections(plan.id);
    const tasks = await repository.tasks(scope);
    const assignments = await repository.assignments(scope);
    const statuses = await repository.statuses(scope);
    const latestByTask = await repository.latestReports(scope);
    const reportedByTask = await repository.reportedUnits(scope, period);
    const unitLastReport = await repository.lastReportByUnit(plan.id, asOf);
    const targetRows = await repository.targets(scope);

    const workCalendar = await this.calendars.load(manager);
    const calendar = new MemoCalendar(workCalendar);
    const policy: TimelinessPolicy = { ...DEFAULT_POLICY, dueSoonWorkdays: plan.dueSoonWorkdays ?? DEFAULT_POLICY.dueSoonWorkdays };

    const sectionById = new Map(sections.map((s) => [s.id, s]));
    const unitsByTask = group(assignments, (a) => a.taskId);
    const statusByTask = new Map(statuses.map((s) => [s.taskId, s]));
    const targetsByTask = group(targetRows, (r) => r.taskId);
    const gaps = new Set<number>();
    if (!workCalendar.hasData(yearOf(asOf))) {
      gaps.add(yearOf(asOf));
      // Asking about the day itself puts the gap in the calendar's loud (once per process) log as well.
      workCalendar.lookup(asOf);
    }

    const snapshots = tasks.map((row): TaskSnapshot => {
      const units: Record<AssignmentRole, UnitRef[]> = { lead: [], responsible: [], cooperating: [] };
      const unacknowledgedUnits = new Set<string>();
      for (const a of unitsByTask.get(row.id) ?? []) {
        units[a.role].push(a.unit);
        if (!a.signed) unacknowledgedUnits.add(a.unit.id);
      }
      const change = statusByTask.get(row.id);
      const status = change?.status ?? 'not_started';
      const report = latestByTask.get(row.id);
      const reportedUnits = reportedByTask.get(row.id) ?? new Set<string>();
      const targets = (targetsByTask.get(row.id) ?? []).map((t) => t.target);
      const timeliness = computeTimeliness(
        {
          dueDate: row.dueDate,
          status,
          startDate: plan.startDate,
          latestPercent: report?.percent ?? null,
          reportedForClosedPeriod: reportedUnits.size > 0,
          closedPeriodApplies: reportsChecked,
          closedPeriod: period,
          indicatorTargets: row.kind === 'indicator' ? targets : undefined,
        },
        asOf,
        calendar,
        policy,
      );
      for (const year of timeliness.calendarGaps) gaps.add(year);
      return {
        id: row.id,
        number: row.number,
        content: row.content,
        kind: row.kind,
        sourceKind: row.sourceKind,
        dueDate: row.dueDate,
        ...sectionsOf(row.sectionId, sectionById),
        units,
        status,
        completedOn: status === 'completed' ? change!.day : null,
        latestReport: report ?? null,
        reportedUnits,
        unacknowledgedUnits,
        targets,
        timeliness,
      };
    });

    return {
      plan: {
        id: plan.id,
        title: plan.title,
        year: plan.year,
        startDate: plan.startDate,
        endDate: plan.endDate,
        reportingCycle: plan.reportingCycle,
        reportCutoffDay: plan.reportCutoffDay,
      },
      asOf,
      period,
      periodCutoff: cutoff,
      reportsChecked,
      policy,
      sections,
      tasks: snapshots,
      unitLastReport,
      warnings: [...gaps].sort((a, b) => a - b).map(calendarGapMessage),
    };
  }
}

function group<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(key(row));
    if (list) list.push(row);
    else map.set(key(row), [row]);
  }
  return map;
}

/** A task hangs off its deepest heading: a subsection (with its parent section) or a section. */
export function sectionsOf(sectionId: string | null, byId: Map<string, SectionRow>): { section: SectionRef | null; subsection: SectionRef | null } {
  const own = sectionId ? byId.get(sectionId) : undefined;
  if (!own) return { section: null, subsection: null };
  const ref = (s: SectionRow): SectionRef => ({ id: s.id, code: s.code, title: s.title });
  const parent = own.parentId ? byId.get(own.parentId) : undefined;
  return parent ? { section: ref(parent), subsection: ref(own) } : { section: ref(own), subsection: null };
}
