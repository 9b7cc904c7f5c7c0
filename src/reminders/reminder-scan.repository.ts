import { Injectable } from '@nestjs/common';
import { exec, one, Params, rows, type Db } from '../database/sql';
import type { ReportingCycle } from '../plans/plan.entity';
import { DEFAULT_POLICY } from './reminder-policy';
import { SCAN_PLAN, SCAN_TALLY, type PlanScope } from './reminder-scan-ledger.repository';
import { reminderMessageSql, type ReminderFacts, type ReminderKind } from './reminder-texts';

/** The closed reporting period a report is owed for, per plan reporting cycle and cutoff day. */
export interface OwedPeriod {
  cycle: string;
  cutoffDay: number;
  period: string;
  /** The day the period's report was due. */
  cutoff: string;
}

/** An open task whose ladder needs a year the calendar has no data for: it gets no reminder, and the scan says so. */
export interface TaskCalendarGap {
  planId: string;
  planTitle: string;
  number: number;
  gapYear: number;
}

/** An unsigned assignment whose workdays since assignment reach a day the calendar cannot answer for. */
export interface AssignmentCalendarGap {
  planId: string;
  planTitle: string;
  number: number;
  unknownDay: string;
}

/** A slice of the tasks by id, (after, upTo]; null ends are open. */
export interface TaskRange {
  after: string | null;
  upTo: string | null;
}

export interface KindOutcome {
  candidates: number;
  created: number;
}

const SCAN_TASK = 'scan_task';

/** The units a task's ladder speaks to: its lead units, or its responsible units when it has no lead. */
const LEAD_ROLE = `CASE WHEN EXISTS (SELECT 1 FROM task_assignment l WHERE l.task_id = s.id AND l.role = 'lead')
                        THEN 'lead' ELSE 'responsible' END`;
/** The lead units' assignments of the slice's tasks; `inSlice` bounds a.task_id so the join reads the slice's rows only. */
const leadsJoin = (inSlice: InSlice) => `JOIN task_assignment a ON a.task_id = s.id AND ${inSlice('a.task_id')} AND a.role = ${LEAD_ROLE}`;

/**
 * The slice's task id bounds on `column`, as constants the planner sees: a join to a big table (assignments,
 * reports) then reads the slice's range of its task_id index instead of the whole table on every slice.
 */
type InSlice = (column: string) => string;

/** The Shanghai day an assignment was made: the day its 签收 count starts from. */
const ASSIGNED_DAY_JOIN = `CROSS JOIN LATERAL (SELECT (a.assigned_at AT TIME ZONE 'Asia/Shanghai')::date AS assigned_day) AS ad`;

const DAY = (sql: string) => `to_char(${sql}, 'YYYY-MM-DD')`;

/**
 * The reminder scan's statements, set-based, on the SQL task rules (src/tasks/task-rules-sql.ts: status as of the
 * day, task_deadline, the calendar_day workday counts). Per slice of tasks, one statement writes the tasks open at
 * the end of the day into a temporary table with their deadline, then each reminder kind is one INSERT … SELECT over
 * it, limited to the plans the scan ledger says to scan. Only counts and the rare calendar gaps come back to Node.
 * Slices keep every statement short, within the per-statement bound every connection has, whatever the number of
 * tasks; every join to a big table is bounded to the slice's task ids, so a slice costs what its own rows cost.
 *
 * Every candidate carries its unique key; those already stored are dropped by an anti-join on ux_reminder_key
 * before any message is written, so a repeat scan that creates nothing reads keys and writes nothing;
 * ON CONFLICT DO NOTHING still settles a race with another scan.
 */
@Injectable()
export class ReminderScanRepository {
  /**
   * The id that ends each slice of `size` tasks of the plans in `scope`, in id order: slices are (previous, this],
   * the last one open.
   */
  async sliceEnds(db: Db, size: number, scope: PlanScope): Promise<string[]> {
    const ends = await rows<{ id: string }>(
      db,
      `SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM task t WHERE ${inScope(scope, 't.plan_id')}) AS numbered
        WHERE n % $1 = 0 ORDER BY id`,
      [size],
    );
    return ends.map((row) => row.id);
  }

  /** Each reporting cycle and cutoff day some plan uses: a handful of pairs, however many plans. */
  async reportingSchedules(db: Db): Promise<Array<{ cycle: ReportingCycle; cutoffDay: number }>> {
    return rows(db, `SELECT DISTINCT reporting_cycle AS cycle, report_cutoff_day AS "cutoffDay" FROM plan`);
  }

  /** `scan_task`, empty, for the length of the transaction. */
  async createOpenTaskTable(db: Db): Promise<void> {
    await exec(
      db,
      `CREATE TEMP TABLE ${SCAN_TASK} (
         id uuid PRIMARY KEY, plan_id uuid NOT NULL, due_date date NOT NULL, plan_start date NOT NULL,
         reporting_cycle text NOT NULL, report_cutoff_day int NOT NULL, overdue_repeat_workdays int NOT NULL,
         escalate_after_workdays int NOT NULL, report_missing boolean NOT NULL, acknowledge_within_workdays int NOT NULL,
         days_overdue int NOT NULL,
         -- Overdue: workdays in (due, day]; due soon: workdays in (day, due]; null when not, or when not countable.
         workdays_overdue int, workdays_left int,
         -- The year without calendar data that leaves the deadline uncountable: no reminder for the task.
         gap_year int
       ) ON COMMIT DROP`,
    );
  }

  /** Fills `scan_task` with the tasks of `range` open at the end of `asOf` whose plan is in `scope` and has reminders on. */
  async writeOpenTasks(db: Db, asOf: string, range: TaskRange, scope: PlanScope): Promise<number> {
    const p = new Params();
    const day = p.bind(asOf);
    const after = p.bind(range.after);
    const upTo = p.bind(range.upTo);
    const d = DEFAULT_POLICY;
    await exec(db, `TRUNCATE ${SCAN_TASK}`);
    const count = await exec(
      db,
      `WITH policy AS (
         SELECT p.id AS plan_id, p.start_date, p.reporting_cycle, p.report_cutoff_day,
                coalesce(rp.due_soon_workdays, ${p.bind(d.dueSoonWorkdays)})::int AS due_soon_workdays,
                coalesce(rp.overdue_repeat_workdays, ${p.bind(d.overdueRepeatWorkdays)})::int AS overdue_repeat_workdays,
                coalesce(rp.escalate_after_workdays, ${p.bind(d.escalateAfterWorkdays)})::int AS escalate_after_workdays,
                coalesce(rp.report_missing, ${p.bind(d.reportMissing)}) AS report_missing,
                coalesce(rp.acknowledge_within_workdays, ${p.bind(d.acknowledgeWithinWorkdays)})::int AS acknowledge_within_workdays
           FROM plan p LEFT JOIN reminder_policy rp ON rp.plan_id = p.id
          WHERE coalesce(rp.enabled, true) AND ${inScope(scope, 'p.id')}),
       open_task AS MATERIALIZED (
         SELECT t.id, t.due_date, s.status, pol.*
           FROM task t
           JOIN policy pol ON pol.plan_id = t.plan_id
          CROSS JOIN LATERAL task_status_as_of(t.id, ${day}::date) AS s
          WHERE task_is_open(s.status)
            AND (${after}::uuid IS NULL OR t.id > ${after}::uuid)
            AND (${upTo}::uuid IS NULL OR t.id <= ${upTo}::uuid)),
       -- The deadline depends on the status, the due date and the window alone: computed once per combination
       -- (a few hundred among thousands of tasks), not once per task.
       due_soon_window AS MATERIALIZED (
         SELECT w.workdays, win.horizon, win.unknown_from
           FROM (SELECT DISTINCT due_soon_workdays AS workdays FROM open_task) AS w
          CROSS JOIN LATERAL task_due_soon_window(${day}::date, w.workdays) AS win),
       deadline AS MATERIALIZED (
         SELECT c.status, c.due_date, c.due_soon_workdays, dl.*
           FROM (SELECT DISTINCT status, due_date, due_soon_workdays FROM open_task) AS c
           JOIN due_soon_window win ON win.workdays = c.due_soon_workdays
          CROSS JOIN LATERAL task_deadline(c.status, c.due_date, ${day}::date, c.due_soon_workdays, win.horizon, win.unknown_from) AS dl)
       INSERT INTO ${SCAN_TASK}
       SELECT o.id, o.plan_id, o.due_date, o.start_date, o.reporting_cycle, o.report_cutoff_day,
              o.overdue_repeat_workdays, o.escalate_after_workdays, o.report_missing, o.acknowledge_within_workdays,
              dl.days_overdue, dl.workdays_overdue, CASE WHEN dl.due_soon THEN dl.workdays_left END,
              coalesce(dl.overdue_gap_year, dl.due_soon_gap_year)
         FROM open_task o
         JOIN deadline dl USING (status, due_date, due_soon_workdays)`,
      p.values,
    );
    await exec(db, `ANALYZE ${SCAN_TASK}`);
    return count;
  }

  /** Open tasks of the slice the ladder cannot be applied to for want of calendar data, in plan and number order. */
  async taskCalendarGaps(db: Db): Promise<TaskCalendarGap[]> {
    return rows<TaskCalendarGap>(
      db,
      `SELECT p.id AS "planId", p.title AS "planTitle", t.number, s.gap_year AS "gapYear"
         FROM ${SCAN_TASK} s JOIN task t ON t.id = s.id JOIN plan p ON p.id = s.plan_id
        WHERE s.gap_year IS NOT NULL
        ORDER BY p.id, t.number`,
    );
  }

  /** 临期: due within the plan's window, to the lead units. */
  insertDueSoon(db: Db, asOf: string, baseUrl: string, range: TaskRange): Promise<KindOutcome> {
    return this.insertKind(db, asOf, baseUrl, range, 'due_soon', (_p, _day, inSlice) => ({
      candidates: `
        SELECT 'due_soon:' || s.id || ':' || a.unit_id || ':' || ${DAY('s.due_date')} AS key, s.plan_id, s.id AS task_id,
               a.unit_id, 1 AS level, s.due_date, NULL::text AS period, NULL::int AS workdays_overdue, s.workdays_left AS fact
          FROM ${SCAN_TASK} s ${leadsJoin(inSlice)}
         WHERE s.workdays_left IS NOT NULL`,
      facts: { workdaysLeft: 'f.fact' },
    }));
  }

  /** 逾期催办: the first workday after the due date, then every overdue_repeat_workdays (the key names the round). */
  insertOverdue(db: Db, asOf: string, baseUrl: string, range: TaskRange): Promise<KindOutcome> {
    return this.insertKind(db, asOf, baseUrl, range, 'overdue', (_p, _day, inSlice) => ({
      candidates: `
        SELECT 'overdue:' || s.id || ':' || a.unit_id || ':' || ${DAY('s.due_date')} || ':'
                 || ((s.workdays_overdue - 1) / s.overdue_repeat_workdays) AS key,
               s.plan_id, s.id AS task_id, a.unit_id, 1 AS level, s.due_date, NULL::text AS period,
               s.workdays_overdue, s.days_overdue AS fact
          FROM ${SCAN_TASK} s ${leadsJoin(inSlice)}
         WHERE s.workdays_overdue IS NOT NULL`,
      facts: { daysOverdue: 'f.fact' },
    }));
  }

  /** 逾期督办 (level 2): at escalate_after_workdays overdue, to the lead units and a notice to the supervisors. */
  insertEscalation(db: Db, asOf: string, baseUrl: string, range: TaskRange): Promise<KindOutcome> {
    return this.insertKind(db, asOf, baseUrl, range, 'escalation', () => ({
      candidates: `
        SELECT 'escalation:' || s.id || ':' || coalesce(u.unit_id::text, 'supervisors') || ':' || ${DAY('s.due_date')} AS key,
               s.plan_id, s.id AS task_id, u.unit_id, 2 AS level, s.due_date, NULL::text AS period,
               s.workdays_overdue, s.days_overdue AS fact
          FROM ${SCAN_TASK} s
         CROSS JOIN LATERAL (SELECT a.unit_id FROM task_assignment a WHERE a.task_id = s.id AND a.role = ${LEAD_ROLE}
                             UNION ALL SELECT NULL::uuid) u
         WHERE s.workdays_overdue >= s.escalate_after_workdays`,
      facts: { daysOverdue: 'f.fact' },
    }));
  }

  /** 进展未报送: each lead and responsible unit without a report for the last closed period, once its cutoff is after the plan's start. */
  insertReportMissing(db: Db, asOf: string, baseUrl: string, range: TaskRange, owed: readonly OwedPeriod[]): Promise<KindOutcome> {
    return this.insertKind(db, asOf, baseUrl, range, 'report_missing', (p, _day, inSlice) => {
      const periods = `unnest(${p.bind(owed.map((o) => o.cycle))}::text[], ${p.bind(owed.map((o) => o.cutoffDay))}::int[],
                              ${p.bind(owed.map((o) => o.period))}::text[], ${p.bind(owed.map((o) => o.cutoff))}::date[])`;
      return {
        candidates: `
          SELECT 'report_missing:' || s.id || ':' || a.unit_id || ':' || o.period AS key, s.plan_id, s.id AS task_id,
                 a.unit_id, 1 AS level, s.due_date, o.period, NULL::int AS workdays_overdue, NULL::int AS fact
            FROM ${SCAN_TASK} s
            JOIN ${periods} AS o(cycle, cutoff_day, period, cutoff)
              ON o.cycle = s.reporting_cycle::text AND o.cutoff_day = s.report_cutoff_day AND o.cutoff > s.plan_start
            JOIN task_assignment a ON a.task_id = s.id AND ${inSlice('a.task_id')} AND a.role IN ('lead', 'responsible')
           WHERE s.report_missing AND s.gap_year IS NULL
             -- OFFSET 0 keeps this a probe of the task's reports for the period per candidate: as an anti-join the
             -- planner, misjudging the slice's reports as one row, compared every candidate with all of them.
             AND NOT EXISTS (SELECT 1 FROM progress_report r
                              WHERE r.task_id = s.id AND r.period = o.period AND r.unit_id = a.unit_id OFFSET 0)`,
        facts: { period: 'f.period' },
      };
    });
  }

  /**
   * 签收提醒: each unsigned assignment of an open task, acknowledge_within_workdays after the day it was assigned,
   * then every overdue_repeat_workdays until it is signed (the key names the assignment day and the round).
   */
  insertUnacknowledged(db: Db, asOf: string, baseUrl: string, range: TaskRange): Promise<KindOutcome> {
    return this.insertKind(db, asOf, baseUrl, range, 'unacknowledged', (_p, day, inSlice) => ({
      // Workdays since assignment once per assignment day (an import assigns a whole plan on one day).
      candidates: `
        WITH unsigned AS MATERIALIZED (
          SELECT s.id, s.plan_id, s.due_date, s.acknowledge_within_workdays AS within, s.overdue_repeat_workdays AS repeat,
                 a.unit_id, ad.assigned_day
            FROM ${SCAN_TASK} s
            JOIN task_assignment a ON a.task_id = s.id AND ${inSlice('a.task_id')} AND a.acknowledged_at IS NULL
           ${ASSIGNED_DAY_JOIN}
           WHERE s.acknowledge_within_workdays > 0 AND ad.assigned_day < ${day()}::date),
        since AS MATERIALIZED (
          SELECT d.assigned_day, calendar_workdays_between(d.assigned_day, ${day()}::date) AS elapsed
            FROM (SELECT DISTINCT assigned_day FROM unsigned) AS d)
        SELECT 'unacknowledged:' || u.id || ':' || u.unit_id || ':' || ${DAY('u.assigned_day')} || ':'
                 || ((g.elapsed - u.within - 1) / u.repeat) AS key,
               u.plan_id, u.id AS task_id, u.unit_id, 1 AS level, u.due_date, NULL::text AS period,
               g.elapsed - u.within AS workdays_overdue, g.elapsed AS fact, u.assigned_day
          FROM unsigned u JOIN since g USING (assigned_day)
         WHERE g.elapsed > u.within`,
      facts: { assignedDay: DAY('f.assigned_day'), workdaysSinceAssigned: 'f.fact' },
    }));
  }

  /** Unsigned assignments of the slice whose workdays since assignment reach a day without calendar data. */
  async assignmentCalendarGaps(db: Db, asOf: string, range: TaskRange): Promise<AssignmentCalendarGap[]> {
    const p = new Params();
    const day = p.bind(asOf);
    return rows<AssignmentCalendarGap>(
      db,
      `WITH unsigned AS MATERIALIZED (
         SELECT s.id, s.plan_id, a.role, a.position, ad.assigned_day
           FROM ${SCAN_TASK} s
           JOIN task_assignment a ON a.task_id = s.id AND ${sliceBounds(p, range)('a.task_id')} AND a.acknowledged_at IS NULL
          ${ASSIGNED_DAY_JOIN}
          WHERE s.acknowledge_within_workdays > 0 AND ad.assigned_day < ${day}::date),
       uncountable AS MATERIALIZED (
         SELECT d.assigned_day, calendar_first_unknown_after(d.assigned_day) AS unknown_day
           FROM (SELECT DISTINCT assigned_day FROM unsigned) AS d
          WHERE calendar_workdays_between(d.assigned_day, ${day}::date) IS NULL)
       SELECT p.id AS "planId", p.title AS "planTitle", t.number, ${DAY('g.unknown_day')} AS "unknownDay"
         FROM unsigned u
         JOIN uncountable g USING (assigned_day)
         JOIN task t ON t.id = u.id
         JOIN plan p ON p.id = u.plan_id
        ORDER BY p.id, t.number, u.role, u.position`,
      p.values,
    );
  }

  /**
   * One kind's INSERT … SELECT: `candidates` selects (key, plan_id, task_id, unit_id, level, due_date, period,
   * workdays_overdue, fact[, assigned_day]) from scan_task, binding the day scanned by `day()` where it needs it
   * and bounding joined tables to the slice by `inSlice`; the message is written only for new keys. The candidates
   * are tallied per plan for the scan's ledger.
   */
  private async insertKind(
    db: Db,
    asOf: string,
    baseUrl: string,
    range: TaskRange,
    kind: ReminderKind,
    statement: (p: Params, day: () => string, inSlice: InSlice) => { candidates: string; facts: Partial<Record<keyof ReminderFacts, string>> },
  ): Promise<KindOutcome> {
    const p = new Params();
    let dayParam: string | undefined;
    const day = () => (dayParam ??= p.bind(asOf));
    const { candidates, facts } = statement(p, day, sliceBounds(p, range));
    const message = reminderMessageSql(
      kind,
      {
        planTitle: 'p.title',
        taskNumber: 't.number',
        content: 't.content',
        dueDate: DAY('f.due_date'),
        link: `${p.bind(`${baseUrl}/tasks/`)}::text || f.task_id`,
        ...facts,
      },
      p.bind,
    );
    const outcome = await one<KindOutcome>(
      db,
      `WITH candidate AS MATERIALIZED (${candidates}),
       -- OFFSET 0 keeps this a probe of ux_reminder_key per candidate: as a join, the planner trusts statistics
       -- that do not count the rows this scan inserted, and compared every candidate with all of them.
       fresh AS (SELECT c.* FROM candidate c WHERE NOT EXISTS (SELECT 1 FROM reminder r WHERE r.unique_key = c.key OFFSET 0)),
       tallied AS (INSERT INTO ${SCAN_TALLY} (plan_id, candidates) SELECT plan_id, count(*) FROM candidate GROUP BY plan_id),
       inserted AS (
         INSERT INTO reminder (unique_key, plan_id, task_id, unit_id, audience, kind, level, due_date, period, workdays_overdue, message)
         SELECT f.key, f.plan_id, f.task_id, f.unit_id, CASE WHEN f.unit_id IS NULL THEN 'supervisors' ELSE 'unit' END,
                ${p.bind(kind)}, f.level, f.due_date, f.period, f.workdays_overdue, ${message}
           FROM fresh f JOIN task t ON t.id = f.task_id JOIN plan p ON p.id = f.plan_id
         ON CONFLICT (unique_key) DO NOTHING
         RETURNING 1)
       SELECT (SELECT count(*) FROM candidate)::int AS candidates, (SELECT count(*) FROM inserted)::int AS created`,
      p.values,
    );
    return outcome!;
  }
}

/** The bounds on a task id column (none for an open end), binding the slice's ends once, when first used. */
function sliceBounds(p: Params, range: TaskRange): InSlice {
  let bound: { after?: string; upTo?: string } | undefined;
  return (column) => {
    bound ??= { after: range.after === null ? undefined : p.bind(range.after), upTo: range.upTo === null ? undefined : p.bind(range.upTo) };
    const bounds = [bound.after && `${column} > ${bound.after}::uuid`, bound.upTo && `${column} <= ${bound.upTo}::uuid`];
    return bounds.filter(Boolean).join(' AND ') || 'true';
  };
}

/** The condition that keeps `column` (a plan id) within `scope`. */
function inScope(scope: PlanScope, column: string): string {
  return scope === 'every plan' ? 'true' : `${column} IN (SELECT plan_id FROM ${SCAN_PLAN})`;
}
