import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { taskScopeSql } from '../access/access.repository';
import { NotFoundError } from '../common/domain-errors';
import { shanghaiDay } from '../common/sql-dates';
import { one, Params, rows } from '../database/sql';
import { endOfDaySql, lastStatusChangeSql, STATUS_AS_OF_SQL } from '../tasks/task-rules';
import { closedPeriodAsOf, taskTimelinessSql, timelinessParams, type TimelinessRow } from '../tasks/task-rules-sql';
import type { TaskRow } from '../tasks/task.repository';
import type { TargetComparator } from '../targets/target-parser';
import type { AssignmentRole, SourceKind, TaskStatus } from '../tasks/task-status';
import type { UnitKind } from '../units/unit-kinds';
import type { SectionRef, SectionRow } from './supervision-snapshot';
import { PLAN_COLUMNS, planSections, toSnapshotPlan, type PlanRow, type SnapshotPlan } from './supervision-snapshot.repository';
import { DEFAULT_POLICY, type Light } from './timeliness';

/** A plan with what the views' header and the SQL task rules need. */
export interface ViewPlan extends Omit<SnapshotPlan, 'dueSoonWorkdays'> {
  dueSoonWorkdays: number;
}

/** What a view needs to ask task_timeliness about one plan on one day. */
export interface ViewScope {
  plan: ViewPlan;
  asOf: string;
  period: string;
  periodCutoff: string;
  reportsChecked: boolean;
  /** Whether some task's workdays may run into a year without calendar data, and whether asOf's own year lacks it. */
  calendarGaps: { possible: boolean; asOfYearMissing: boolean };
}

/** The register's filters (GET /api/supervision/tasks); status and light are the ones as of asOf. */
export interface RegisterFilter {
  scopeUnit: string | null;
  light?: Light;
  status?: TaskStatus;
  sourceKind?: SourceKind;
  sectionId?: string;
  unitId?: string;
  role?: AssignmentRole;
  acknowledged?: boolean;
  q?: string;
}

export interface LightCountRow {
  section_id: string | null;
  tasks: number;
  red: number;
  yellow: number;
  green: number;
  grey: number;
  overdue: number;
  due_soon: number;
  behind_schedule: number;
  unreported: number;
  completed: number;
}

/** An assignment not yet signed (签收), with the task and unit it joins. */
export interface UnacknowledgedAssignment {
  unit: { id: string; name: string };
  role: string;
  assignedAt: Date;
  /** The Shanghai day it was given on. */
  assignedDay: string;
  task: { id: string; number: number; content: string; dueDate: string; status: TaskStatus };
}

export interface UnitStandingRow {
  unit_id: string;
  name: string;
  kind: UnitKind;
  as_lead: number;
  as_responsible: number;
  as_cooperating: number;
  completed: number;
  on_time: number;
  overdue: number;
  reports_missing: number;
  last_report_at: Date | null;
}

const END_OF_AS_OF = 'task_end_of_day($2::date)';

/** Unit standings of plan $1 as of day $2: $3 the last closed period, $4 whether a report for it was owed. */
export const UNIT_STANDINGS_SQL = `WITH state AS (
         SELECT t.id, t.due_date, s.status, s.changed_at, dl.open, dl.overdue
           FROM task t
          CROSS JOIN LATERAL task_status_as_of(t.id, $2::date) AS s
          CROSS JOIN LATERAL task_deadline(s.status, t.due_date, $2::date, 0, NULL, NULL) AS dl
          WHERE t.plan_id = $1
         OFFSET 0),
       reports AS (
         SELECT t.id AS task_id, r.unit_id, max(r.created_at) AS last_at, bool_or(r.period = $3::text) AS for_period
           FROM task t
           -- Probed per task, as the assignments below: under row-level security the planner's estimates favour
           -- reading every report of every plan.
          CROSS JOIN LATERAL (SELECT x.unit_id, x.created_at, x.period FROM progress_report x
                               WHERE x.task_id = t.id AND x.created_at < ${END_OF_AS_OF} OFFSET 0) r
          WHERE t.plan_id = $1
          GROUP BY t.id, r.unit_id),
       standing AS (
         SELECT a.unit_id,
                count(*) FILTER (WHERE a.role = 'lead')::int AS as_lead,
                count(*) FILTER (WHERE a.role = 'responsible')::int AS as_responsible,
                count(*) FILTER (WHERE a.role = 'cooperating')::int AS as_cooperating,
                count(*) FILTER (WHERE st.status = 'completed')::int AS completed,
                count(*) FILTER (WHERE st.status = 'completed'
                                   AND (st.changed_at AT TIME ZONE 'Asia/Shanghai')::date <= st.due_date)::int AS on_time,
                count(*) FILTER (WHERE st.overdue)::int AS overdue,
                count(*) FILTER (WHERE $4::boolean AND a.role <> 'cooperating' AND st.open AND rp.for_period IS NOT TRUE)::int AS reports_missing
           FROM state st
           -- Probed per task (OFFSET 0 keeps the probe): a hash join reads every assignment of every plan.
          CROSS JOIN LATERAL (SELECT x.task_id, x.unit_id, x.role FROM task_assignment x WHERE x.task_id = st.id OFFSET 0) a
           LEFT JOIN reports rp ON rp.task_id = a.task_id AND rp.unit_id = a.unit_id
          GROUP BY a.unit_id),
       last_report AS (SELECT unit_id, max(last_at) AS at FROM reports GROUP BY unit_id)
       SELECT s.*, u.name, u.kind, lr.at AS last_report_at
         FROM standing s JOIN unit u ON u.id = s.unit_id LEFT JOIN last_report lr ON lr.unit_id = s.unit_id`;


/** An assigned unit of a view's task, in the notice's order (lead, responsible, cooperating; then position). */
export interface ViewTaskUnit {
  role: AssignmentRole;
  id: string;
  name: string;
  /** Signed (签收) by now. */
  signed: boolean;
  /** When it was given, ISO 8601 to the millisecond. */
  assignedAt: string;
}

/** An indicator's target with the latest actual reported by the end of asOf (numbers as PostgreSQL's text). */
export interface ViewTaskTarget {
  metric: string;
  comparator: TargetComparator;
  value: string;
  unit: string;
  actual: string | null;
}

/**
 * A task of a view, complete in one row: the register's columns (current status and due date), its headings,
 * units and, while it is an open indicator, its targets, and its row of the task rules as of the day.
 */
export interface ViewTaskRow
  extends Pick<
      TaskRow,
      | 'id' | 'plan_id' | 'number' | 'content' | 'kind' | 'due_date' | 'status' | 'version' | 'includes_other_units' | 'leaders'
      | 'deadline_text' | 'origin' | 'source_kind' | 'source_document_number' | 'source_date'
    >,
    Pick<
      TimelinessRow,
      | 'open' | 'overdue' | 'days_overdue' | 'workdays_overdue' | 'overdue_gap_year' | 'due_soon' | 'workdays_left'
      | 'due_soon_gap_year' | 'expected_percent' | 'latest_percent' | 'latest_report_at' | 'behind_schedule' | 'unreported' | 'light'
    > {
  section: SectionRef | null;
  subsection: SectionRef | null;
  units: ViewTaskUnit[];
  targets: ViewTaskTarget[] | null;
  status_as_of: TaskStatus;
}

/**
 * A view's scope: plan $1 with its due-soon window ($3 when it has no policy) and whether day $2 or the plan's
 * tasks may meet a calendar gap. A task gap is only possible when a day between the plan's earliest due date and
 * $2 is unknown, or the due-soon window runs into an unknown day before the latest due date.
 */
export const VIEW_SCOPE_SQL = `SELECT ${PLAN_COLUMNS}, pol.due_soon_workdays,
              coalesce((span.lo < $2::date AND calendar_workdays_between(span.lo, $2::date) IS NULL)
                       OR (pol.due_soon_workdays > 0 AND w.horizon IS NULL AND span.hi >= w.unknown_from), false) AS gap_possible,
              (SELECT count(*) FROM calendar_day
                WHERE day >= date_trunc('year', $2::date)::date AND day < (date_trunc('year', $2::date) + interval '1 year')::date)
                < (date_trunc('year', $2::date) + interval '1 year')::date - date_trunc('year', $2::date)::date AS as_of_year_missing
         FROM plan p
        CROSS JOIN LATERAL (SELECT coalesce((SELECT rp.due_soon_workdays::int FROM reminder_policy rp WHERE rp.plan_id = p.id), $3::int)
                                     AS due_soon_workdays) AS pol
        CROSS JOIN LATERAL (SELECT min(t.due_date) AS lo, max(t.due_date) AS hi FROM task t WHERE t.plan_id = p.id) AS span
        CROSS JOIN LATERAL task_due_soon_window($2::date, pol.due_soon_workdays) AS w
        WHERE p.id = $1`;

const ROLE_ORDER = `array_position(ARRAY['lead', 'responsible', 'cooperating'], a.role), a.position`;

/** A heading as {id, code, title}. */
const headingJson = (s: string) => `json_build_object('id', ${s}.id, 'code', ${s}.code, 'title', ${s}.title)`;

/**
 * ViewTaskRow's columns over task t and its row tl of the task rules as of the day in `asOf` (a parameter); s and p
 * are its heading and the heading's parent (VIEW_TASK_JOINS). A task hangs off its deepest heading: a subsection
 * (under its section) or a section.
 */
export const viewTaskColumns = (asOf: string) => `
  t.id, t.plan_id, t.number, t.content, t.kind, t.due_date, t.status, t.version, t.includes_other_units, t.leaders,
  t.deadline_text, t.origin, t.source_kind, t.source_document_number, t.source_date,
  CASE WHEN p.id IS NOT NULL THEN ${headingJson('p')} WHEN s.id IS NOT NULL THEN ${headingJson('s')} END AS section,
  CASE WHEN p.id IS NOT NULL THEN ${headingJson('s')} END AS subsection,
  coalesce((SELECT json_agg(json_build_object(
                    'role', a.role, 'id', u.id, 'name', u.name, 'signed', a.acknowledged_at IS NOT NULL,
                    'assignedAt', to_char(a.assigned_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) ORDER BY ${ROLE_ORDER})
              FROM task_assignment a JOIN unit u ON u.id = a.unit_id WHERE a.task_id = t.id), '[]') AS units,
  CASE WHEN t.kind = 'indicator' AND tl.open THEN
    (SELECT json_agg(json_build_object('metric', tt.metric, 'comparator', tt.comparator, 'value', tt.value::text,
                                       'unit', tt.unit, 'actual', la.value::text) ORDER BY tt.position)
       FROM task_target tt
       LEFT JOIN LATERAL (
             SELECT pa.value FROM progress_actual pa JOIN progress_report r ON r.id = pa.report_id
              WHERE pa.target_id = tt.id AND r.created_at < task_end_of_day(${asOf}::date)
              ORDER BY r.created_at DESC, r.id DESC LIMIT 1) la ON true
      WHERE tt.task_id = t.id) END AS targets,
  tl.status AS status_as_of, tl.open, tl.overdue, tl.days_overdue, tl.workdays_overdue, tl.overdue_gap_year,
  tl.due_soon, tl.workdays_left, tl.due_soon_gap_year, tl.expected_percent, tl.latest_percent, tl.latest_report_at,
  tl.behind_schedule, tl.unreported, tl.light`;

/** task_timeliness_of(…) for the tasks in `ids` (an SQL uuid[]), over task_timeliness's five parameters from `$first`. */
function taskTimelinessOfSql(first: number, ids: string): string {
  const p = (i: number) => `$${first + i}`;
  return `task_timeliness_of(${p(0)}::uuid, ${ids}, ${p(1)}::date, ${p(2)}::text, ${p(3)}::boolean, ${p(4)}::int)`;
}

export const VIEW_TASK_JOINS = `
  LEFT JOIN plan_section s ON s.id = t.section_id
  LEFT JOIN plan_section p ON p.id = s.parent_id`;

/**
 * The supervision views' SQL: every task's state as of a day comes from the set-based task rules
 * (task_timeliness, migration 1764001200000); filtering, counting, sorting and paging happen here, so only a
 * page (or an aggregate) leaves PostgreSQL. Every statement binds the plan as $1 and the day as $2.
 */
@Injectable()
export class SupervisionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The plan with its policy, the closed period on asOf, and whether the views must look for calendar gaps
   * (gapYears), in one statement (VIEW_SCOPE_SQL).
   */
  async scope(planId: string, asOf: string): Promise<ViewScope> {
    const row = await one<PlanRow & { due_soon_workdays: number; gap_possible: boolean; as_of_year_missing: boolean }>(
      this.dataSource,
      VIEW_SCOPE_SQL,
      [planId, asOf, DEFAULT_POLICY.dueSoonWorkdays],
    );
    if (!row) throw new NotFoundError('计划', planId);
    const plan: ViewPlan = { ...toSnapshotPlan(row), dueSoonWorkdays: row.due_soon_workdays };
    const { period, cutoff, reportsChecked } = closedPeriodAsOf(plan, asOf);
    return {
      plan,
      asOf,
      period,
      periodCutoff: cutoff,
      reportsChecked,
      calendarGaps: { possible: row.gap_possible, asOfYearMissing: row.as_of_year_missing },
    };
  }

  sections(planId: string): Promise<SectionRow[]> {
    return planSections(this.dataSource, planId);
  }

  /** Binds task_timeliness's five parameters as $1–$5 (plan, day first, as every statement here expects). */
  private timeliness(scope: ViewScope): Params {
    const params = new Params();
    for (const value of timelinessParams(scope.plan.id, scope.asOf, scope.plan, DEFAULT_POLICY.behindTolerance)) params.bind(value);
    return params;
  }

  /**
   * One page of the register, by task number, each task complete (ViewTaskRow), and how many tasks match. Without
   * a light or status filter the as-of state is not needed to choose the page, so the count and the choice read
   * the task table alone; the task rules then run for the page's tasks only (task_timeliness_of).
   */
  async registerPage(scope: ViewScope, filter: RegisterFilter, page: number, pageSize: number): Promise<{ rows: ViewTaskRow[]; total: number }> {
    const params = new Params();
    const clauses = [`t.plan_id = ${params.bind(scope.plan.id)}`];
    let rulesFirst: number | undefined;
    const rules = () => {
      if (rulesFirst === undefined) {
        rulesFirst = params.values.length + 1;
        for (const value of timelinessParams(scope.plan.id, scope.asOf, scope.plan, DEFAULT_POLICY.behindTolerance)) params.bind(value);
      }
      return rulesFirst;
    };
    let asOfParam: string | undefined;
    const asOf = () => (asOfParam ??= `${params.bind(scope.asOf)}::date`);
    let from = 'task t';
    if (filter.light) {
      from += ` JOIN ${taskTimelinessSql(rules())} tl ON tl.task_id = t.id`;
      clauses.push(`tl.light = ${params.bind(filter.light)}`);
      if (filter.status) clauses.push(`tl.status = ${params.bind(filter.status)}`);
    } else if (filter.status) {
      from += ` CROSS JOIN LATERAL task_status_as_of(t.id, ${asOf()}) st`;
      clauses.push(`st.status = ${params.bind(filter.status)}`);
    }
    if (filter.scopeUnit) clauses.push(taskScopeSql('t', params.bind(filter.scopeUnit)));
    if (filter.sourceKind) clauses.push(`t.source_kind = ${params.bind(filter.sourceKind)}`);
    if (filter.sectionId) {
      const section = params.bind(filter.sectionId);
      clauses.push(`EXISTS (SELECT 1 FROM plan_section s WHERE s.id = t.section_id AND (s.id = ${section} OR s.parent_id = ${section}))`);
    }
    if (filter.unitId || filter.role) {
      const holds = [
        filter.unitId ? `a.unit_id = ${params.bind(filter.unitId)}` : null,
        filter.role ? `a.role = ${params.bind(filter.role)}` : null,
      ].filter(Boolean);
      clauses.push(`EXISTS (SELECT 1 FROM task_assignment a WHERE a.task_id = t.id AND ${holds.join(' AND ')})`);
    }
    if (filter.acknowledged !== undefined) {
      // As the snapshot had it: the unit asked for, else any assigned unit, had not signed by the end of asOf.
      const ofUnit = filter.unitId ? ` AND k.unit_id = ${params.bind(filter.unitId)}` : '';
      const pending = `EXISTS (SELECT 1 FROM task_assignment k WHERE k.task_id = t.id${ofUnit}
                        AND NOT coalesce(k.acknowledged_at < task_end_of_day(${asOf()}), false))`;
      clauses.push(filter.acknowledged ? `NOT ${pending}` : pending);
    }
    if (filter.q) {
      const text = filter.q.trim();
      const inContent = `strpos(lower(t.content), lower(${params.bind(text)})) > 0`;
      clauses.push(/^\d{1,9}$/.test(text) ? `(${inContent} OR t.number = ${params.bind(Number(text))})` : inContent);
    }
    const where = clauses.join(' AND ');
    const limit = params.bind(pageSize);
    const offset = params.bind((page - 1) * pageSize);
    const first = rules();
    // One statement: the count and the page complete (a page past the end is one row with the count alone). The
    // tasks matched are held once when the as-of state chose them, else the count and the page each read the
    // task table's indexes. The page's ids reach task_timeliness_of through a sub-select, which keeps the function
    // from being inlined: it runs as its own statement, whose plan each connection caches.
    const found = await rows<ViewTaskRow & { total: number }>(
      this.dataSource,
      `WITH matched AS ${filter.light || filter.status ? 'MATERIALIZED' : 'NOT MATERIALIZED'} (SELECT t.id, t.number FROM ${from} WHERE ${where}),
            page AS (SELECT id, number FROM matched ORDER BY number LIMIT ${limit} OFFSET ${offset})
       SELECT (SELECT count(*)::int FROM matched) AS total, shown.*
         FROM (SELECT 1) AS one
         LEFT JOIN (SELECT ${viewTaskColumns(`$${first + 1}`)}
                      FROM page JOIN task t ON t.id = page.id
                      JOIN ${taskTimelinessOfSql(first, 'ARRAY(SELECT id FROM page)')} tl ON tl.task_id = t.id
                      ${VIEW_TASK_JOINS}) AS shown ON true
        ORDER BY shown.number`,
      params.values,
    );
    return { rows: found.filter((row) => row.id !== null), total: found[0]!.total };
  }

  /** The overdue board's tasks (overdue or behind schedule) complete, most days overdue first, then by number; `limit` to cut. */
  flagged(scope: ViewScope, options: { overdueOnly?: boolean; limit?: number } = {}): Promise<ViewTaskRow[]> {
    const params = this.timeliness(scope);
    const limit = options.limit === undefined ? '' : `LIMIT ${params.bind(options.limit)}`;
    return rows<ViewTaskRow>(
      this.dataSource,
      `SELECT ${viewTaskColumns('$2')}
         FROM ${taskTimelinessSql(1)} tl JOIN task t ON t.id = tl.task_id
         ${VIEW_TASK_JOINS}
        WHERE ${options.overdueOnly ? 'tl.overdue' : '(tl.overdue OR tl.behind_schedule)'}
        ORDER BY tl.days_overdue DESC, tl.number ${limit}`,
      params.values,
    );
  }

  /** Counts by light and flag per section a task hangs off (null: none). */
  lightCounts(scope: ViewScope): Promise<LightCountRow[]> {
    return rows<LightCountRow>(
      this.dataSource,
      `SELECT tl.section_id, count(*)::int AS tasks,
              count(*) FILTER (WHERE tl.light = 'red')::int AS red,
              count(*) FILTER (WHERE tl.light = 'yellow')::int AS yellow,
              count(*) FILTER (WHERE tl.light = 'green')::int AS green,
              count(*) FILTER (WHERE tl.light = 'grey')::int AS grey,
              count(*) FILTER (WHERE tl.overdue)::int AS overdue,
              count(*) FILTER (WHERE tl.due_soon)::int AS due_soon,
              count(*) FILTER (WHERE tl.behind_schedule)::int AS behind_schedule,
              count(*) FILTER (WHERE tl.unreported)::int AS unreported,
              count(*) FILTER (WHERE tl.status = 'completed')::int AS completed
         FROM ${taskTimelinessSql(1)} tl
        GROUP BY tl.section_id`,
      this.timeliness(scope).values,
    );
  }

  /**
   * Per unit of the plan: tasks by role, completed, completed on time (on or before the due date, by the day of
   * its completion), overdue, the open lead or responsible tasks it has not itself reported on for the last closed
   * period (when a report was owed), and its latest report in the plan by the end of asOf. Only what these need is
   * computed per task (its status as of the day and task_deadline's overdue, not task_timeliness's every column);
   * the plan's reports by the end of the day are read once, from an index alone, for both report figures.
   */
  unitStandings(scope: ViewScope): Promise<UnitStandingRow[]> {
    return rows<UnitStandingRow>(
      this.dataSource,
      UNIT_STANDINGS_SQL,
      [scope.plan.id, scope.asOf, scope.period, scope.reportsChecked],
    );
  }

  /**
   * Years without calendar data that the views must warn about (README "Calendar gaps"): asOf's own year when the
   * calendar lacks it (calendar_day then misses some of its days), and the years that left some task's workdays
   * unknown. Most days have none (scope's check): only then are the tasks walked.
   */
  async gapYears(scope: ViewScope): Promise<{ asOfYearMissing: boolean; years: number[] }> {
    const { possible, asOfYearMissing } = scope.calendarGaps;
    if (!possible) return { asOfYearMissing, years: [] };
    const found = await rows<{ year: number }>(
      this.dataSource,
      `SELECT DISTINCT y.year
         FROM task_due_soon_window($2::date, $3::int) AS w
         JOIN task t ON t.plan_id = $1
         CROSS JOIN LATERAL task_status_as_of(t.id, $2::date) AS s
         CROSS JOIN LATERAL task_deadline(s.status, t.due_date, $2::date, $3::int, w.horizon, w.unknown_from) AS dl
         CROSS JOIN LATERAL (VALUES (dl.overdue_gap_year), (dl.due_soon_gap_year)) AS y(year)
        WHERE y.year IS NOT NULL
        ORDER BY y.year`,
      [scope.plan.id, scope.asOf, scope.plan.dueSoonWorkdays],
    );
    return { asOfYearMissing, years: found.map((r) => r.year) };
  }

  /** For each day, the plan's tasks and those completed by its end (status as of that day). */
  completedByDay(planId: string, days: string[]): Promise<Array<{ day: string; completed: number; total: number }>> {
    return rows(
      this.dataSource,
      `SELECT d.day, count(t.id)::int AS total,
              (count(t.id) FILTER (WHERE ${STATUS_AS_OF_SQL} = 'completed'))::int AS completed
         FROM unnest($2::date[]) AS d(day)
         LEFT JOIN task t ON t.plan_id = $1
         ${lastStatusChangeSql('t', 'd.day')}
        GROUP BY d.day ORDER BY d.day`,
      [planId, days],
    );
  }

  /**
   * Per unit, the plan's tasks open at the end of asOf that it leads or is responsible for and has not itself
   * reported on for `period` by then (the 驾驶舱's reports due), by task number.
   */
  reportsOwed(scope: ViewScope, period: string): Promise<Array<{ unit_id: string; unit_name: string; task_id: string; number: number; content: string }>> {
    return rows(
      this.dataSource,
      `SELECT a.unit_id, u.name AS unit_name, t.id AS task_id, t.number, t.content
         FROM task t
         CROSS JOIN LATERAL task_status_as_of(t.id, $2::date) AS s
         JOIN task_assignment a ON a.task_id = t.id AND a.role IN ('lead', 'responsible')
         JOIN unit u ON u.id = a.unit_id
        WHERE t.plan_id = $1 AND task_is_open(s.status)
          AND NOT EXISTS (SELECT 1 FROM progress_report r
                           WHERE r.task_id = t.id AND r.unit_id = a.unit_id AND r.period = $3 AND r.created_at < ${END_OF_AS_OF})
        ORDER BY t.number`,
      [scope.plan.id, scope.asOf, period],
    );
  }

  /** The plan's 签收 deadline in working days, when its reminder policy sets one. */
  async acknowledgeWithinWorkdays(planId: string): Promise<number | null> {
    const policy = await one<{ acknowledge_within_workdays: number }>(
      this.dataSource,
      `SELECT acknowledge_within_workdays FROM reminder_policy WHERE plan_id = $1`,
      [planId],
    );
    return policy?.acknowledge_within_workdays ?? null;
  }

  /** The assignments of the plan's tasks open as of asOf that were given by the end of asOf and not signed by then. */
  async unacknowledged(planId: string, asOf: string): Promise<UnacknowledgedAssignment[]> {
    const end = endOfDaySql('$2');
    const found = await rows<{
      unit_id: string;
      unit_name: string;
      role: string;
      assigned_at: Date;
      assigned_day: string;
      task_id: string;
      number: number;
      content: string;
      due_date: string;
      status: TaskStatus;
    }>(
      this.dataSource,
      `SELECT a.unit_id, u.name AS unit_name, a.role, a.assigned_at, ${shanghaiDay('a.assigned_at')} AS assigned_day,
              t.id AS task_id, t.number, t.content, t.due_date, s.status
         FROM task_assignment a
         JOIN task t ON t.id = a.task_id
         JOIN unit u ON u.id = a.unit_id
        CROSS JOIN LATERAL (
              SELECT coalesce((SELECT e.to_status FROM task_event e
                                WHERE e.task_id = t.id AND e.to_status IS NOT NULL AND e.at < ${end}
                                ORDER BY e.at DESC, e.id DESC LIMIT 1), 'not_started') AS status) s
        WHERE t.plan_id = $1
          AND a.assigned_at < ${end}
          AND (a.acknowledged_at IS NULL OR a.acknowledged_at >= ${end})
          AND s.status IN ('not_started', 'in_progress', 'completion_requested')`,
      [planId, asOf],
    );
    return found.map((r) => ({
      unit: { id: r.unit_id, name: r.unit_name },
      role: r.role,
      assignedAt: new Date(r.assigned_at),
      assignedDay: r.assigned_day,
      task: { id: r.task_id, number: r.number, content: r.content, dueDate: r.due_date, status: r.status },
    }));
  }
}
