import { Injectable } from '@nestjs/common';
import { exec, one, rows, type Db } from '../database/sql';
import { lastStatusChangeSql, OPEN_STATUSES, STATUS_AS_OF_SQL } from '../tasks/task-rules';
import type { TaskStatus } from '../tasks/task-status';
import { DEFAULT_POLICY } from './reminder-policy';
import { reminderMessageSql, type ReminderFacts, type ReminderKind } from './reminder-texts';
import { SCAN_WORKDAY_TABLE } from './scan-workdays';

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
  taskId: string;
  planTitle: string;
  number: number;
  dueDate: string;
  status: TaskStatus;
  dueSoonWorkdays: number;
}

/** An unsigned assignment whose workdays since assignment cross a year without calendar data. */
export interface AssignmentCalendarGap {
  planTitle: string;
  number: number;
  assignedDay: string;
  within: number;
}

export interface KindOutcome {
  candidates: number;
  created: number;
}

/** Binds values to numbered parameters, in order. */
class Params {
  readonly values: unknown[] = [];
  bind = (value: unknown): string => `$${this.values.push(value)}`;
}

const SCAN_TASK = 'scan_task';

/** The units a task's ladder speaks to: its lead units, or its responsible units when it has no lead. */
const LEAD_ROLE = `CASE WHEN EXISTS (SELECT 1 FROM task_assignment l WHERE l.task_id = s.id AND l.role = 'lead')
                        THEN 'lead' ELSE 'responsible' END`;
const LEADS_JOIN = `JOIN task_assignment a ON a.task_id = s.id AND a.role = ${LEAD_ROLE}`;

const DAY = (sql: string) => `to_char(${sql}, 'YYYY-MM-DD')`;

/**
 * The reminder scan's statements, set-based: one transaction first writes the open tasks as of the day into a
 * temporary table (id, due date, policy, and overdue / due soon counted in workdays), then each reminder kind is
 * one INSERT … SELECT over it. Only counts and the rare calendar gaps come back to Node.
 *
 * Every candidate carries its unique key; those already stored are dropped by an anti-join on ux_reminder_key
 * before any message is written, so a repeat scan that creates nothing reads keys and writes nothing;
 * ON CONFLICT DO NOTHING still settles a race with another scan.
 */
@Injectable()
export class ReminderScanRepository {
  /** `scan_task`: every task open at the end of `asOf` whose plan has reminders on, with its deadline as of then. */
  async writeOpenTasks(db: Db, asOf: string): Promise<number> {
    const p = new Params();
    const day = p.bind(asOf);
    const d = DEFAULT_POLICY;
    const count = await exec(
      db,
      `CREATE TEMP TABLE ${SCAN_TASK} ON COMMIT DROP AS
       WITH open_task AS (
         SELECT t.id, t.plan_id, t.due_date, ${STATUS_AS_OF_SQL} AS status, p.start_date AS plan_start,
                p.reporting_cycle, p.report_cutoff_day,
                coalesce(rp.due_soon_workdays, ${p.bind(d.dueSoonWorkdays)}) AS due_soon_workdays,
                coalesce(rp.overdue_repeat_workdays, ${p.bind(d.overdueRepeatWorkdays)}) AS overdue_repeat_workdays,
                coalesce(rp.escalate_after_workdays, ${p.bind(d.escalateAfterWorkdays)}) AS escalate_after_workdays,
                coalesce(rp.report_missing, ${p.bind(d.reportMissing)}) AS report_missing,
                coalesce(rp.acknowledge_within_workdays, ${p.bind(d.acknowledgeWithinWorkdays)}) AS acknowledge_within_workdays
           FROM task t
           JOIN plan p ON p.id = t.plan_id
           LEFT JOIN reminder_policy rp ON rp.plan_id = t.plan_id
           ${lastStatusChangeSql('t', day)}
          WHERE ${STATUS_AS_OF_SQL} = ANY(${p.bind(OPEN_STATUSES)}::text[])
            AND coalesce(rp.enabled, true))
       SELECT o.*,
              -- Workdays in (due, asOf] for an overdue task; in (asOf, due] when that is at most the due-soon window.
              CASE WHEN o.due_date < ${day}::date AND next_day.run = today.run THEN today.n - next_day.n_before END AS workdays_overdue,
              CASE WHEN o.due_date >= ${day}::date AND o.due_soon_workdays > 0 AND due.run = today.run
                        AND due.n - today.n <= o.due_soon_workdays THEN due.n - today.n END AS workdays_left,
              -- A count that would need a year without data. Due soon counts no further than one workday past the
              -- window, so a due date far in an uncovered year is no gap while the window ends before that year.
              CASE WHEN o.due_date < ${day}::date THEN today.run IS NULL OR next_day.run IS DISTINCT FROM today.run
                   WHEN o.due_soon_workdays > 0 THEN (today.run IS NULL OR due.run IS DISTINCT FROM today.run)
                                                    AND coalesce(today.run_last_n - today.n <= o.due_soon_workdays, true)
                   ELSE false END AS calendar_gap
         FROM open_task o
         LEFT JOIN ${SCAN_WORKDAY_TABLE} today ON today.day = ${day}::date
         LEFT JOIN ${SCAN_WORKDAY_TABLE} next_day ON next_day.day = o.due_date + 1
         LEFT JOIN ${SCAN_WORKDAY_TABLE} due ON due.day = o.due_date`,
      p.values,
    );
    await exec(db, `CREATE INDEX ON ${SCAN_TASK} (id)`);
    await exec(db, `ANALYZE ${SCAN_TASK}`);
    return count;
  }

  /** Open tasks the ladder cannot be applied to for want of calendar data, in plan and number order. */
  async taskCalendarGaps(db: Db): Promise<TaskCalendarGap[]> {
    return rows<TaskCalendarGap>(
      db,
      `SELECT s.id AS "taskId", p.title AS "planTitle", t.number, ${DAY('s.due_date')} AS "dueDate", s.status,
              s.due_soon_workdays AS "dueSoonWorkdays"
         FROM ${SCAN_TASK} s JOIN task t ON t.id = s.id JOIN plan p ON p.id = s.plan_id
        WHERE s.calendar_gap
        ORDER BY p.id, t.number`,
    );
  }

  /** 临期: due within the plan's window, to the lead units. */
  insertDueSoon(db: Db, asOf: string, baseUrl: string): Promise<KindOutcome> {
    return this.insertKind(db, asOf, baseUrl, 'due_soon', (p) => ({
      candidates: `
        SELECT 'due_soon:' || s.id || ':' || a.unit_id || ':' || ${DAY('s.due_date')} AS key, s.plan_id, s.id AS task_id,
               a.unit_id, 1 AS level, s.due_date, NULL::text AS period, NULL::int AS workdays_overdue, s.workdays_left AS fact
          FROM ${SCAN_TASK} s ${LEADS_JOIN}
         WHERE s.workdays_left IS NOT NULL AND NOT s.calendar_gap`,
      facts: { workdaysLeft: 'f.fact' },
    }));
  }

  /** 逾期催办: the first workday after the due date, then every overdue_repeat_workdays (the key names the round). */
  insertOverdue(db: Db, asOf: string, baseUrl: string): Promise<KindOutcome> {
    return this.insertKind(db, asOf, baseUrl, 'overdue', (p, day) => ({
      candidates: `
        SELECT 'overdue:' || s.id || ':' || a.unit_id || ':' || ${DAY('s.due_date')} || ':'
                 || ((s.workdays_overdue - 1) / s.overdue_repeat_workdays) AS key,
               s.plan_id, s.id AS task_id, a.unit_id, 1 AS level, s.due_date, NULL::text AS period,
               s.workdays_overdue, ${day()}::date - s.due_date AS fact
          FROM ${SCAN_TASK} s ${LEADS_JOIN}
         WHERE s.workdays_overdue IS NOT NULL`,
      facts: { daysOverdue: 'f.fact' },
    }));
  }

  /** 逾期督办 (level 2): at escalate_after_workdays overdue, to the lead units and a notice to the supervisors. */
  insertEscalation(db: Db, asOf: string, baseUrl: string): Promise<KindOutcome> {
    return this.insertKind(db, asOf, baseUrl, 'escalation', (p, day) => ({
      candidates: `
        SELECT 'escalation:' || s.id || ':' || coalesce(u.unit_id::text, 'supervisors') || ':' || ${DAY('s.due_date')} AS key,
               s.plan_id, s.id AS task_id, u.unit_id, 2 AS level, s.due_date, NULL::text AS period,
               s.workdays_overdue, ${day()}::date - s.due_date AS fact
          FROM ${SCAN_TASK} s
         CROSS JOIN LATERAL (SELECT a.unit_id FROM task_assignment a WHERE a.task_id = s.id AND a.role = ${LEAD_ROLE}
                             UNION ALL SELECT NULL::uuid) u
         WHERE s.workdays_overdue >= s.escalate_after_workdays`,
      facts: { daysOverdue: 'f.fact' },
    }));
  }

  /** 进展未报送: each lead and responsible unit without a report for the last closed period, once its cutoff is after the plan's start. */
  insertReportMissing(db: Db, asOf: string, baseUrl: string, owed: readonly OwedPeriod[]): Promise<KindOutcome> {
    return this.insertKind(db, asOf, baseUrl, 'report_missing', (p) => {
      const periods = `unnest(${p.bind(owed.map((o) => o.cycle))}::text[], ${p.bind(owed.map((o) => o.cutoffDay))}::int[],
                              ${p.bind(owed.map((o) => o.period))}::text[], ${p.bind(owed.map((o) => o.cutoff))}::date[])`;
      return {
        candidates: `
          SELECT 'report_missing:' || s.id || ':' || a.unit_id || ':' || o.period AS key, s.plan_id, s.id AS task_id,
                 a.unit_id, 1 AS level, s.due_date, o.period, NULL::int AS workdays_overdue, NULL::int AS fact
            FROM ${SCAN_TASK} s
            JOIN ${periods} AS o(cycle, cutoff_day, period, cutoff)
              ON o.cycle = s.reporting_cycle::text AND o.cutoff_day = s.report_cutoff_day AND o.cutoff > s.plan_start
            JOIN task_assignment a ON a.task_id = s.id AND a.role IN ('lead', 'responsible')
           WHERE s.report_missing AND NOT s.calendar_gap
             AND NOT EXISTS (SELECT 1 FROM progress_report r WHERE r.task_id = s.id AND r.unit_id = a.unit_id AND r.period = o.period)`,
        facts: { period: 'f.period' },
      };
    });
  }

  /**
   * 签收提醒: each unsigned assignment of an open task, acknowledge_within_workdays after the day it was assigned,
   * then every overdue_repeat_workdays until it is signed (the key names the assignment day and the round).
   */
  insertUnacknowledged(db: Db, asOf: string, baseUrl: string): Promise<KindOutcome> {
    return this.insertKind(db, asOf, baseUrl, 'unacknowledged', (p, day) => ({
      candidates: `
        SELECT 'unacknowledged:' || s.id || ':' || a.unit_id || ':' || ${DAY('g.assigned_day')} || ':'
                 || ((g.elapsed - s.acknowledge_within_workdays - 1) / s.overdue_repeat_workdays) AS key,
               s.plan_id, s.id AS task_id, a.unit_id, 1 AS level, s.due_date, NULL::text AS period,
               g.elapsed - s.acknowledge_within_workdays AS workdays_overdue, g.elapsed AS fact, g.assigned_day
          FROM ${SCAN_TASK} s
          JOIN task_assignment a ON a.task_id = s.id AND a.acknowledged_at IS NULL
         CROSS JOIN LATERAL (SELECT (a.assigned_at AT TIME ZONE 'Asia/Shanghai')::date AS assigned_day) ad
          JOIN ${SCAN_WORKDAY_TABLE} today ON today.day = ${day()}::date
          JOIN ${SCAN_WORKDAY_TABLE} next_day ON next_day.day = ad.assigned_day + 1 AND next_day.run = today.run
         CROSS JOIN LATERAL (SELECT ad.assigned_day, today.n - next_day.n_before AS elapsed) g
         WHERE s.acknowledge_within_workdays > 0 AND ad.assigned_day < ${day()}::date
           AND g.elapsed > s.acknowledge_within_workdays`,
      facts: { assignedDay: DAY('f.assigned_day'), workdaysSinceAssigned: 'f.fact' },
    }));
  }

  /** Unsigned assignments whose count since assignment would cross a year without calendar data. */
  async assignmentCalendarGaps(db: Db, asOf: string): Promise<AssignmentCalendarGap[]> {
    return rows<AssignmentCalendarGap>(
      db,
      `SELECT p.title AS "planTitle", t.number, ${DAY('ad.assigned_day')} AS "assignedDay", s.acknowledge_within_workdays AS within
         FROM ${SCAN_TASK} s
         JOIN task t ON t.id = s.id
         JOIN plan p ON p.id = s.plan_id
         JOIN task_assignment a ON a.task_id = s.id AND a.acknowledged_at IS NULL
        CROSS JOIN LATERAL (SELECT (a.assigned_at AT TIME ZONE 'Asia/Shanghai')::date AS assigned_day) ad
         LEFT JOIN ${SCAN_WORKDAY_TABLE} today ON today.day = $1::date
         LEFT JOIN ${SCAN_WORKDAY_TABLE} next_day ON next_day.day = ad.assigned_day + 1
        WHERE s.acknowledge_within_workdays > 0 AND ad.assigned_day < $1::date
          AND (today.run IS NULL OR next_day.run IS DISTINCT FROM today.run)
        ORDER BY p.id, t.number, a.role, a.position`,
      [asOf],
    );
  }

  /**
   * One kind's INSERT … SELECT: `candidates` selects (key, plan_id, task_id, unit_id, level, due_date, period,
   * workdays_overdue, fact[, assigned_day]) from scan_task, binding the day scanned by `day()` where it needs it;
   * the message is written only for new keys.
   */
  private async insertKind(
    db: Db,
    asOf: string,
    baseUrl: string,
    kind: ReminderKind,
    statement: (p: Params, day: () => string) => { candidates: string; facts: Partial<Record<keyof ReminderFacts, string>> },
  ): Promise<KindOutcome> {
    const p = new Params();
    let dayParam: string | undefined;
    const day = () => (dayParam ??= p.bind(asOf));
    const { candidates, facts } = statement(p, day);
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
       fresh AS (SELECT c.* FROM candidate c WHERE NOT EXISTS (SELECT 1 FROM reminder r WHERE r.unique_key = c.key)),
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
