import type { Client } from 'pg';
import { WorkCalendar, addDays } from '../../src/calendar/work-calendar';

/**
 * The set-based yardstick for the reminder scan: each kind of the ladder as one bare INSERT … SELECT … ON CONFLICT
 * DO NOTHING over every task at once, with the same unique keys and messages as the scan (first workday after the
 * due date, then every overdue_repeat_workdays; escalation at escalate_after_workdays; due soon within
 * due_soon_workdays; report missing for the last closed period; 签收 after acknowledge_within_workdays; to the lead
 * units, or the responsible ones when a task has no lead). Written here on its own, without the project's rule
 * functions or slicing, so it measures what PostgreSQL needs for the same work. Parameters: $1 the day, $2 the
 * link base; report missing also $3 cycles, $4 cutoff days, $5 periods, $6 cutoffs (one entry per pair in use).
 */

/** A temporary table numbering the workdays of the bundled calendar: workdays in (a, b] = n(b) - n(a). */
export async function createWorkdayTable(client: Client, fromYear: number, toYear: number): Promise<void> {
  const calendar = new WorkCalendar();
  const days: string[] = [];
  const numbers: number[] = [];
  let n = 0;
  for (let day = `${fromYear}-01-01`; day <= `${toYear}-12-31`; day = addDays(day, 1)) {
    if (calendar.isWorkday(day)) n++;
    days.push(day);
    numbers.push(n);
  }
  await client.query(`DROP TABLE IF EXISTS bench_workday`);
  await client.query(`CREATE TEMP TABLE bench_workday (day date PRIMARY KEY, n int NOT NULL)`);
  await client.query(`INSERT INTO bench_workday SELECT * FROM unnest($1::date[], $2::int[])`, [days, numbers]);
}

const OPEN_TASK = `
    FROM task t
    JOIN plan p ON p.id = t.plan_id
    LEFT JOIN reminder_policy rp ON rp.plan_id = t.plan_id
    LEFT JOIN LATERAL (
          SELECT e.to_status FROM task_event e
           WHERE e.task_id = t.id AND e.to_status IS NOT NULL AND e.at < (($1::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
           ORDER BY e.at DESC, e.id DESC LIMIT 1) last_change ON true`;

const IS_OPEN = `coalesce(last_change.to_status, 'not_started') IN ('not_started', 'in_progress', 'completion_requested')
     AND coalesce(rp.enabled, true)`;

const LEADS = `
    JOIN task_assignment a ON a.task_id = t.id
     AND a.role = CASE WHEN EXISTS (SELECT 1 FROM task_assignment l WHERE l.task_id = t.id AND l.role = 'lead')
                       THEN 'lead' ELSE 'responsible' END`;

const TASK_WORDS = `p.title, t.number, CASE WHEN length(t.content) > 60 THEN left(t.content, 60) || '…' ELSE t.content END`;
const TAIL = `to_char(t.due_date, 'YYYY-MM-DD'), $2::text, t.id`;

const WORKDAYS_OVERDUE = `(SELECT n FROM bench_workday WHERE day = $1::date) - (SELECT n FROM bench_workday WHERE day = t.due_date)`;

export const OVERDUE_INSERT_SQL = `
  INSERT INTO reminder (unique_key, plan_id, task_id, unit_id, audience, kind, level, due_date, workdays_overdue, message)
  SELECT format('overdue:%s:%s:%s:%s', t.id, a.unit_id, to_char(t.due_date, 'YYYY-MM-DD'),
                floor((w.overdue - 1)::numeric / coalesce(rp.overdue_repeat_workdays, 5))::int),
         t.plan_id, t.id, a.unit_id, 'unit', 'overdue', 1, t.due_date, w.overdue,
         format('【逾期催办】《%s》第%s项“%s”已逾期 %s 天，请立即办理并报送进展。完成时限 %s。详情：%s/tasks/%s',
                ${TASK_WORDS}, $1::date - t.due_date, ${TAIL})
    ${OPEN_TASK}
   CROSS JOIN LATERAL (SELECT ${WORKDAYS_OVERDUE} AS overdue) w
    ${LEADS}
   WHERE t.due_date < $1::date AND ${IS_OPEN}
  ON CONFLICT (unique_key) DO NOTHING`;

export const ESCALATION_INSERT_SQL = `
  INSERT INTO reminder (unique_key, plan_id, task_id, unit_id, audience, kind, level, due_date, workdays_overdue, message)
  SELECT format('escalation:%s:%s:%s', t.id, coalesce(u.unit_id::text, 'supervisors'), to_char(t.due_date, 'YYYY-MM-DD')),
         t.plan_id, t.id, u.unit_id, CASE WHEN u.unit_id IS NULL THEN 'supervisors' ELSE 'unit' END, 'escalation', 2,
         t.due_date, w.overdue,
         format('【逾期督办】《%s》第%s项“%s”已逾期 %s 天，现予督办，请单位主要负责人督促落实并书面说明情况。完成时限 %s。详情：%s/tasks/%s',
                ${TASK_WORDS}, $1::date - t.due_date, ${TAIL})
    ${OPEN_TASK}
   CROSS JOIN LATERAL (SELECT ${WORKDAYS_OVERDUE} AS overdue) w
   CROSS JOIN LATERAL (
          SELECT a.unit_id FROM task_assignment a
           WHERE a.task_id = t.id
             AND a.role = CASE WHEN EXISTS (SELECT 1 FROM task_assignment l WHERE l.task_id = t.id AND l.role = 'lead')
                               THEN 'lead' ELSE 'responsible' END
          UNION ALL SELECT NULL::uuid) u
   WHERE t.due_date < $1::date AND w.overdue >= coalesce(rp.escalate_after_workdays, 10) AND ${IS_OPEN}
  ON CONFLICT (unique_key) DO NOTHING`;

export const DUE_SOON_INSERT_SQL = `
  INSERT INTO reminder (unique_key, plan_id, task_id, unit_id, audience, kind, level, due_date, message)
  SELECT format('due_soon:%s:%s:%s', t.id, a.unit_id, to_char(t.due_date, 'YYYY-MM-DD')),
         t.plan_id, t.id, a.unit_id, 'unit', 'due_soon', 1, t.due_date,
         format('【临期提醒】《%s》第%s项“%s”还有 %s 个工作日到期，请抓紧推进。完成时限 %s。详情：%s/tasks/%s',
                ${TASK_WORDS}, w.left_, ${TAIL})
    ${OPEN_TASK}
   CROSS JOIN LATERAL (SELECT (SELECT n FROM bench_workday WHERE day = t.due_date)
                              - (SELECT n FROM bench_workday WHERE day = $1::date) AS left_) w
    ${LEADS}
   WHERE t.due_date >= $1::date AND w.left_ <= coalesce(rp.due_soon_workdays, 3) AND coalesce(rp.due_soon_workdays, 3) > 0
     AND ${IS_OPEN}
  ON CONFLICT (unique_key) DO NOTHING`;

export const REPORT_MISSING_INSERT_SQL = `
  INSERT INTO reminder (unique_key, plan_id, task_id, unit_id, audience, kind, level, due_date, period, message)
  SELECT format('report_missing:%s:%s:%s', t.id, a.unit_id, o.period),
         t.plan_id, t.id, a.unit_id, 'unit', 'report_missing', 1, t.due_date, o.period,
         format('【进展未报送提醒】《%s》第%s项“%s”尚未报送 %s 期进展，请尽快报送。完成时限 %s。详情：%s/tasks/%s',
                ${TASK_WORDS}, o.period, ${TAIL})
    ${OPEN_TASK}
    JOIN unnest($3::text[], $4::int[], $5::text[], $6::date[]) AS o(cycle, cutoff_day, period, cutoff)
      ON o.cycle = p.reporting_cycle AND o.cutoff_day = p.report_cutoff_day AND o.cutoff > p.start_date
    JOIN task_assignment a ON a.task_id = t.id AND a.role IN ('lead', 'responsible')
   WHERE coalesce(rp.report_missing, true) AND ${IS_OPEN}
     AND NOT EXISTS (SELECT 1 FROM progress_report r WHERE r.task_id = t.id AND r.unit_id = a.unit_id AND r.period = o.period)
  ON CONFLICT (unique_key) DO NOTHING`;

export const UNACKNOWLEDGED_INSERT_SQL = `
  INSERT INTO reminder (unique_key, plan_id, task_id, unit_id, audience, kind, level, due_date, workdays_overdue, message)
  SELECT format('unacknowledged:%s:%s:%s:%s', t.id, a.unit_id, to_char(g.day, 'YYYY-MM-DD'),
                (g.elapsed - coalesce(rp.acknowledge_within_workdays, 2) - 1) / coalesce(rp.overdue_repeat_workdays, 5)),
         t.plan_id, t.id, a.unit_id, 'unit', 'unacknowledged', 1, t.due_date, g.elapsed - coalesce(rp.acknowledge_within_workdays, 2),
         format('【签收提醒】《%s》第%s项“%s”已于 %s 交办贵单位，%s 个工作日仍未签收，请登录系统签收并抓紧办理。完成时限 %s。详情：%s/tasks/%s',
                ${TASK_WORDS}, to_char(g.day, 'YYYY-MM-DD'), g.elapsed, ${TAIL})
    ${OPEN_TASK}
    JOIN task_assignment a ON a.task_id = t.id AND a.acknowledged_at IS NULL
   CROSS JOIN LATERAL (
          SELECT d.day, (SELECT n FROM bench_workday WHERE day = $1::date) - (SELECT n FROM bench_workday WHERE day = d.day) AS elapsed
            FROM (SELECT (a.assigned_at AT TIME ZONE 'Asia/Shanghai')::date AS day) d) g
   WHERE coalesce(rp.acknowledge_within_workdays, 2) > 0 AND g.day < $1::date
     AND g.elapsed > coalesce(rp.acknowledge_within_workdays, 2) AND ${IS_OPEN}
  ON CONFLICT (unique_key) DO NOTHING`;

/** Every kind's statement, in the scan's order; report missing needs the owed periods as $3…$6. */
export const SET_BASED_KINDS = [
  { kind: 'due_soon', sql: DUE_SOON_INSERT_SQL, periods: false },
  { kind: 'overdue', sql: OVERDUE_INSERT_SQL, periods: false },
  { kind: 'escalation', sql: ESCALATION_INSERT_SQL, periods: false },
  { kind: 'report_missing', sql: REPORT_MISSING_INSERT_SQL, periods: true },
  { kind: 'unacknowledged', sql: UNACKNOWLEDGED_INSERT_SQL, periods: false },
] as const;
