import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { shanghaiDay } from '../common/sql-dates';
import { exec, one, Params, rows, type Db } from '../database/sql';
import type { ReportingCycle } from '../plans/plan.entity';
import type { TargetComparator } from '../targets/target-parser';
import { endOfDaySql, lastStatusChangeSql, STATUS_AS_OF_SQL } from '../tasks/task-rules';
import type { AssignmentRole, SourceKind, TaskKind, TaskStatus } from '../tasks/task-status';
import type { UnitKind } from '../units/unit-kinds';
import type { LatestReport, SectionRow, SnapshotTarget, UnitRef } from './supervision-snapshot';

/** A plan with what a snapshot needs to judge its tasks. */
export interface SnapshotPlan {
  id: string;
  title: string;
  year: number;
  startDate: string;
  endDate: string;
  reportingCycle: ReportingCycle;
  reportCutoffDay: number;
  dueSoonWorkdays: number | null;
}

/** The plan a statement covers, its tasks as they stood at the end of asOf. */
export interface SnapshotScope {
  planId: string;
  asOf: string;
}

export interface SnapshotTaskRow {
  id: string;
  number: number;
  content: string;
  kind: TaskKind;
  sourceKind: SourceKind;
  dueDate: string;
  sectionId: string | null;
}

export interface SnapshotAssignment {
  taskId: string;
  role: AssignmentRole;
  unit: UnitRef;
  /** Signed (签收) by the end of asOf. */
  signed: boolean;
}

export interface SnapshotStatus {
  taskId: string;
  status: TaskStatus;
  /** The Shanghai day of the last status change up to asOf. */
  day: string | null;
}

/** The statements of a snapshot, each binding its own parameters: the plan and the day, then what it filters on. */
class ScopeParams extends Params {
  readonly plan: string;
  readonly endOfAsOf: string;
  readonly asOf: string;

  constructor(scope: SnapshotScope) {
    super();
    this.plan = this.bind(scope.planId);
    this.asOf = this.bind(scope.asOf);
    // "On or before asOf" is `< endOfAsOf`.
    this.endOfAsOf = endOfDaySql(this.asOf);
  }
}

/** A plan's row with its reminder policy's due-soon window, as `PLAN_COLUMNS` reads it. */
export interface PlanRow {
  id: string;
  title: string;
  year: number;
  start_date: string;
  end_date: string;
  reporting_cycle: ReportingCycle;
  report_cutoff_day: number;
  due_soon_workdays: number | null;
}

/** The columns of PlanRow from plan `p` (the due-soon window comes from the caller's join). */
export const PLAN_COLUMNS = `p.id, p.title, p.year, p.start_date, p.end_date, p.reporting_cycle, p.report_cutoff_day`;

export function toSnapshotPlan(row: PlanRow): SnapshotPlan {
  return {
    id: row.id,
    title: row.title,
    year: row.year,
    startDate: row.start_date,
    endDate: row.end_date,
    reportingCycle: row.reporting_cycle,
    reportCutoffDay: row.report_cutoff_day,
    dueSoonWorkdays: row.due_soon_workdays,
  };
}

/** A plan with its reminder policy's due-soon window (null: the plan has no policy of its own). */
export async function planWithPolicy(db: Db, planId: string): Promise<SnapshotPlan | null> {
  const row = await one<PlanRow>(
    db,
    `SELECT ${PLAN_COLUMNS}, rp.due_soon_workdays
       FROM plan p LEFT JOIN reminder_policy rp ON rp.plan_id = p.id
      WHERE p.id = $1`,
    [planId],
  );
  return row ? toSnapshotPlan(row) : null;
}

/** The section tree of a plan, top level first. */
export async function planSections(db: Db, planId: string): Promise<SectionRow[]> {
  const found = await rows<{ id: string; parent_id: string | null; level: number; code: string; title: string }>(
    db,
    `SELECT id, parent_id, level, code, title FROM plan_section WHERE plan_id = $1 ORDER BY level, ordinal`,
    [planId],
  );
  return found.map((s) => ({ id: s.id, parentId: s.parent_id, level: s.level, code: s.code, title: s.title }));
}

/**
 * The snapshot's reads: a fixed handful of set-based statements per plan (no per-task statement), run by
 * SupervisionSnapshotLoader inside one read-only REPEATABLE READ transaction (`in(manager)`).
 */
@Injectable()
export class SupervisionSnapshotRepository {
  constructor(@InjectDataSource() private readonly db: Db) {}

  in(db: Db): SupervisionSnapshotRepository {
    return new SupervisionSnapshotRepository(db);
  }

  async readOnly(): Promise<void> {
    await exec(this.db, 'SET TRANSACTION READ ONLY');
  }

  plan(planId: string): Promise<SnapshotPlan | null> {
    return planWithPolicy(this.db, planId);
  }

  sections(planId: string): Promise<SectionRow[]> {
    return planSections(this.db, planId);
  }

  /** The scope's tasks in number order. */
  async tasks(scope: SnapshotScope): Promise<SnapshotTaskRow[]> {
    const params = new Params();
    const plan = params.bind(scope.planId);
    const found = await rows<{ id: string; number: number; content: string; kind: TaskKind; source_kind: SourceKind; due_date: string; section_id: string | null }>(
      this.db,
      `SELECT id, number, content, kind, source_kind, due_date, section_id
         FROM task t WHERE t.plan_id = ${plan} ORDER BY number`,
      params.values,
    );
    return found.map((t) => ({
      id: t.id,
      number: t.number,
      content: t.content,
      kind: t.kind,
      sourceKind: t.source_kind,
      dueDate: t.due_date,
      sectionId: t.section_id,
    }));
  }

  /** The units of each task by role, in their order. */
  async assignments(scope: SnapshotScope): Promise<SnapshotAssignment[]> {
    const params = new ScopeParams(scope);
    const found = await rows<{ task_id: string; role: AssignmentRole; id: string; name: string; kind: UnitKind; signed: boolean }>(
      this.db,
      `SELECT a.task_id, a.role, u.id, u.name, u.kind, coalesce(a.acknowledged_at < ${params.endOfAsOf}, false) AS signed
         FROM task_assignment a JOIN task t ON t.id = a.task_id JOIN unit u ON u.id = a.unit_id
        WHERE t.plan_id = ${params.plan}
        ORDER BY a.task_id, a.role, a.position`,
      params.values,
    );
    return found.map((a) => ({ taskId: a.task_id, role: a.role, unit: { id: a.id, name: a.name, kind: a.kind }, signed: a.signed }));
  }

  /** The status each task had at the end of asOf: where its last status change up to then took it. */
  async statuses(scope: SnapshotScope): Promise<SnapshotStatus[]> {
    const params = new ScopeParams(scope);
    const found = await rows<{ task_id: string; status: TaskStatus; day: string | null }>(
      this.db,
      `SELECT t.id AS task_id, ${STATUS_AS_OF_SQL} AS status,
              ${shanghaiDay('last_change.at')} AS day
         FROM task t ${lastStatusChangeSql('t', params.asOf)}
        WHERE t.plan_id = ${params.plan}`,
      params.values,
    );
    return found.map((s) => ({ taskId: s.task_id, status: s.status, day: s.day }));
  }

  /** Each task's latest report made on or before asOf, by task id. */
  async latestReports(scope: SnapshotScope): Promise<Map<string, LatestReport>> {
    const params = new ScopeParams(scope);
    const found = await rows<{ task_id: string; percent: number; summary: string; unit_name: string; created_at: Date }>(
      this.db,
      // One probe of ix_progress_report_task per task, however many reports a year has piled up.
      `SELECT t.id AS task_id, r.percent, r.summary, u.name AS unit_name, r.created_at
         FROM task t
        CROSS JOIN LATERAL (
              SELECT r.percent, r.summary, r.unit_id, r.created_at FROM progress_report r
               WHERE r.task_id = t.id AND r.created_at < ${params.endOfAsOf}
               ORDER BY r.created_at DESC, r.id DESC LIMIT 1) r
         JOIN unit u ON u.id = r.unit_id
        WHERE t.plan_id = ${params.plan}`,
      params.values,
    );
    return new Map(
      found.map((r) => [r.task_id, { percent: r.percent, summary: r.summary, unitName: r.unit_name, at: new Date(r.created_at) }]),
    );
  }

  /** The units that reported for `period` on or before asOf, by task id (tasks nobody reported for are absent). */
  async reportedUnits(scope: SnapshotScope, period: string): Promise<Map<string, Set<string>>> {
    const params = new ScopeParams(scope);
    const found = await rows<{ task_id: string; unit_ids: string[] }>(
      this.db,
      // Per task through ix_progress_report_task_period, not a scan of every report of the period.
      `SELECT t.id AS task_id, r.unit_ids
         FROM task t
        CROSS JOIN LATERAL (
              SELECT array_agg(DISTINCT r.unit_id) AS unit_ids FROM progress_report r
               WHERE r.task_id = t.id AND r.period = ${params.bind(period)} AND r.created_at < ${params.endOfAsOf}) r
        WHERE t.plan_id = ${params.plan} AND r.unit_ids IS NOT NULL`,
      params.values,
    );
    return new Map(found.map((r) => [r.task_id, new Set(r.unit_ids)]));
  }

  /** Each unit's latest report in the plan made on or before asOf. */
  async lastReportByUnit(planId: string, asOf: string): Promise<Map<string, Date>> {
    const params = new ScopeParams({ planId, asOf });
    const found = await rows<{ unit_id: string; at: Date }>(
      this.db,
      `SELECT r.unit_id, max(r.created_at) AS at
         FROM progress_report r JOIN task t ON t.id = r.task_id
        WHERE t.plan_id = ${params.plan} AND r.created_at < ${params.endOfAsOf}
        GROUP BY r.unit_id`,
      params.values,
    );
    return new Map(found.map((r) => [r.unit_id, new Date(r.at)]));
  }

  /** The targets of each task in their order, with the latest actual reported for each on or before asOf. */
  async targets(scope: SnapshotScope): Promise<Array<{ taskId: string; target: SnapshotTarget }>> {
    const params = new ScopeParams(scope);
    const found = await rows<{
      task_id: string;
      id: string;
      metric: string;
      comparator: TargetComparator;
      value: string;
      unit: string;
      actual: string | null;
      period: string | null;
    }>(
      this.db,
      `SELECT tt.task_id, tt.id, tt.metric, tt.comparator, tt.value, tt.unit, la.value AS actual, la.period
         FROM task_target tt JOIN task t ON t.id = tt.task_id
         LEFT JOIN LATERAL (
               SELECT pa.value, r.period FROM progress_actual pa JOIN progress_report r ON r.id = pa.report_id
                WHERE pa.target_id = tt.id AND r.created_at < ${params.endOfAsOf}
                ORDER BY r.created_at DESC, r.id DESC LIMIT 1) la ON true
        WHERE t.plan_id = ${params.plan}
        ORDER BY tt.task_id, tt.position`,
      params.values,
    );
    return found.map((t) => ({
      taskId: t.task_id,
      target: {
        id: t.id,
        metric: t.metric,
        comparator: t.comparator,
        value: Number(t.value),
        unit: t.unit,
        actual: t.actual === null ? null : Number(t.actual),
        actualPeriod: t.period,
      },
    }));
  }
}
