import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import { calendarGapMessage, yearOf } from '../calendar/work-calendar';
import { NotFoundError } from '../common/domain-errors';
import type { ReportingCycle } from '../plans/plan.entity';
import { lastClosedPeriod, periodCutoff } from '../progress/reporting-period';
import { endOfDaySql, lastStatusChangeSql, STATUS_AS_OF_SQL } from '../tasks/task-rules';
import type { AssignmentRole, SourceKind, TaskKind, TaskStatus } from '../tasks/task-status';
import type { UnitKind } from '../units/unit-kinds';
import { MemoCalendar } from './memo-calendar';
import type { TargetComparator } from '../targets/target-parser';
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
  plan: {
    id: string;
    title: string;
    year: number;
    startDate: string;
    endDate: string;
    reportingCycle: ReportingCycle;
    reportCutoffDay: number;
  };
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

interface PlanRow {
  id: string;
  title: string;
  year: number;
  start_date: string;
  end_date: string;
  reporting_cycle: ReportingCycle;
  report_cutoff_day: number;
  due_soon_workdays: number | null;
}

interface TaskRow {
  id: string;
  number: number;
  content: string;
  kind: TaskKind;
  source_kind: SourceKind;
  due_date: string;
  section_id: string | null;
}

/** "On or before asOf" is `< END_OF_AS_OF`. */
const END_OF_AS_OF = endOfDaySql('$2');

/**
 * Loads one plan as of one day in a fixed handful of set-based queries (no per-task query), inside one
 * REPEATABLE READ transaction so that every figure comes from the same moment. The views and exports all start here.
 */
@Injectable()
export class SupervisionSnapshotLoader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendars: CalendarService,
  ) {}

  /**
   * Some tasks of a plan as they stood at the end of asOf (the views' page or board, chosen in SQL), in the order
   * of `ids`, with their timeliness and reasons.
   */
  loadTasks(planId: string, asOf: string, ids: readonly string[]): Promise<TaskSnapshot[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      const plan = await this.plan(manager, planId);
      const byId = new Map((await this.build(manager, plan, asOf, ids)).tasks.map((task) => [task.id, task]));
      return ids.flatMap((id) => byId.get(id) ?? []);
    });
  }

  load(planId: string, asOf: string): Promise<PlanSnapshot> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      return this.build(manager, await this.plan(manager, planId), asOf);
    });
  }

  private async plan(manager: EntityManager, planId: string): Promise<PlanRow> {
    const [plan]: PlanRow[] = await manager.query(
      `SELECT p.id, p.title, p.year, to_char(p.start_date, 'YYYY-MM-DD') AS start_date,
              to_char(p.end_date, 'YYYY-MM-DD') AS end_date, p.reporting_cycle, p.report_cutoff_day, rp.due_soon_workdays
         FROM plan p LEFT JOIN reminder_policy rp ON rp.plan_id = p.id
        WHERE p.id = $1`,
      [planId],
    );
    if (!plan) throw new NotFoundError('计划', planId);
    return plan;
  }

  /** The whole plan, or with `ids` only those of its tasks (every task-level statement filters on $3). */
  private async build(manager: EntityManager, plan: PlanRow, asOf: string, ids?: readonly string[]): Promise<PlanSnapshot> {
    const period = lastClosedPeriod(asOf, plan.reporting_cycle, plan.report_cutoff_day);
    const cutoff = periodCutoff(period, plan.report_cutoff_day);
    const reportsChecked = cutoff > plan.start_date;
    const params = ids ? [plan.id, asOf, ids] : [plan.id, asOf];
    const only = ids ? 'AND t.id = ANY($3)' : '';
    const periodParam = ids ? '$4' : '$3';

    const sections: SectionRow[] = (
      await manager.query(
        `SELECT id, parent_id, level, code, title FROM plan_section WHERE plan_id = $1 ORDER BY level, ordinal`,
        [plan.id],
      )
    ).map((s: Record<string, any>) => ({ id: s.id, parentId: s.parent_id, level: s.level, code: s.code, title: s.title }));

    const tasks: TaskRow[] = await manager.query(
      `SELECT id, number, content, kind, source_kind, to_char(due_date, 'YYYY-MM-DD') AS due_date, section_id
         FROM task t WHERE t.plan_id = $1 ${ids ? 'AND t.id = ANY($2)' : ''} ORDER BY number`,
      ids ? [plan.id, ids] : [plan.id],
    );

    const assignments: Array<{ task_id: string; role: AssignmentRole; id: string; name: string; kind: UnitKind; signed: boolean }> =
      await manager.query(
        `SELECT a.task_id, a.role, u.id, u.name, u.kind, coalesce(a.acknowledged_at < ${END_OF_AS_OF}, false) AS signed
           FROM task_assignment a JOIN task t ON t.id = a.task_id JOIN unit u ON u.id = a.unit_id
          WHERE t.plan_id = $1 ${only}
          ORDER BY a.task_id, a.role, a.position`,
        params,
      );

    // The status a task had at the end of asOf is where its last status change up to then took it.
    const statuses: Array<{ task_id: string; status: TaskStatus; day: string | null }> = await manager.query(
      `SELECT t.id AS task_id, ${STATUS_AS_OF_SQL} AS status,
              to_char(last_change.at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day
         FROM task t ${lastStatusChangeSql('t', '$2')}
        WHERE t.plan_id = $1 ${only}`,
      params,
    );

    const latest: Array<{ task_id: string; percent: number; summary: string; unit_name: string; created_at: Date }> =
      await manager.query(
        // One probe of ix_progress_report_task per task, however many reports a year has piled up.
        `SELECT t.id AS task_id, r.percent, r.summary, u.name AS unit_name, r.created_at
           FROM task t
          CROSS JOIN LATERAL (
                SELECT r.percent, r.summary, r.unit_id, r.created_at FROM progress_report r
                 WHERE r.task_id = t.id AND r.created_at < ${END_OF_AS_OF}
                 ORDER BY r.created_at DESC, r.id DESC LIMIT 1) r
           JOIN unit u ON u.id = r.unit_id
          WHERE t.plan_id = $1 ${only}`,
        params,
      );

    // Per task through ix_progress_report_task_period, not a scan of every report of the period.
    const reported: Array<{ task_id: string; unit_ids: string[] }> = await manager.query(
      `SELECT t.id AS task_id, r.unit_ids
         FROM task t
        CROSS JOIN LATERAL (
              SELECT array_agg(DISTINCT r.unit_id) AS unit_ids FROM progress_report r
               WHERE r.task_id = t.id AND r.period = ${periodParam} AND r.created_at < ${END_OF_AS_OF}) r
        WHERE t.plan_id = $1 ${only} AND r.unit_ids IS NOT NULL`,
      [...params, period],
    );

    const lastByUnit: Array<{ unit_id: string; at: Date }> = ids
      ? []
      : await manager.query(
          `SELECT r.unit_id, max(r.created_at) AS at
             FROM progress_report r JOIN task t ON t.id = r.task_id
            WHERE t.plan_id = $1 AND r.created_at < ${END_OF_AS_OF}
            GROUP BY r.unit_id`,
          params,
        );

    const targetRows: Array<{ task_id: string; id: string; metric: string; comparator: TargetComparator; value: string; unit: string; actual: string | null; period: string | null }> =
      await manager.query(
        `SELECT tt.task_id, tt.id, tt.metric, tt.comparator, tt.value, tt.unit, la.value AS actual, la.period
           FROM task_target tt JOIN task t ON t.id = tt.task_id
           LEFT JOIN LATERAL (
                 SELECT pa.value, r.period FROM progress_actual pa JOIN progress_report r ON r.id = pa.report_id
                  WHERE pa.target_id = tt.id AND r.created_at < ${END_OF_AS_OF}
                  ORDER BY r.created_at DESC, r.id DESC LIMIT 1) la ON true
          WHERE t.plan_id = $1 ${only}
          ORDER BY tt.task_id, tt.position`,
        params,
      );

    const workCalendar = await this.calendars.load(manager);
    const calendar = new MemoCalendar(workCalendar);
    const policy: TimelinessPolicy = { ...DEFAULT_POLICY, dueSoonWorkdays: plan.due_soon_workdays ?? DEFAULT_POLICY.dueSoonWorkdays };

    const sectionById = new Map(sections.map((s) => [s.id, s]));
    const unitsByTask = group(assignments, (a) => a.task_id);
    const statusByTask = new Map(statuses.map((s) => [s.task_id, s]));
    const latestByTask = new Map(latest.map((r) => [r.task_id, r]));
    const reportedByTask = new Map(reported.map((r) => [r.task_id, new Set(r.unit_ids)]));
    const targetsByTask = group(targetRows, (r) => r.task_id);
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
        units[a.role].push({ id: a.id, name: a.name, kind: a.kind });
        if (!a.signed) unacknowledgedUnits.add(a.id);
      }
      const change = statusByTask.get(row.id);
      const status = change?.status ?? 'not_started';
      const report = latestByTask.get(row.id);
      const reportedUnits = reportedByTask.get(row.id) ?? new Set<string>();
      const targets = (targetsByTask.get(row.id) ?? []).map(
        (t): SnapshotTarget => ({
          id: t.id,
          metric: t.metric,
          comparator: t.comparator,
          value: Number(t.value),
          unit: t.unit,
          actual: t.actual === null ? null : Number(t.actual),
          actualPeriod: t.period,
        }),
      );
      const timeliness = computeTimeliness(
        {
          dueDate: row.due_date,
          status,
          startDate: plan.start_date,
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
        sourceKind: row.source_kind,
        dueDate: row.due_date,
        ...sectionsOf(row.section_id, sectionById),
        units,
        status,
        completedOn: status === 'completed' ? change!.day : null,
        latestReport: report
          ? { percent: report.percent, summary: report.summary, unitName: report.unit_name, at: new Date(report.created_at) }
          : null,
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
        startDate: plan.start_date,
        endDate: plan.end_date,
        reportingCycle: plan.reporting_cycle,
        reportCutoffDay: plan.report_cutoff_day,
      },
      asOf,
      period,
      periodCutoff: cutoff,
      reportsChecked,
      policy,
      sections,
      tasks: snapshots,
      unitLastReport: new Map(lastByUnit.map((r) => [r.unit_id, new Date(r.at)])),
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
