import type { Client } from 'pg';
import { calendarDaysParams, WRITE_CALENDAR_DAYS_SQL } from '../../src/calendar/calendar-days';
import { WorkCalendar } from '../../src/calendar/work-calendar';
import { DEFAULT_POLICY } from '../../src/supervision/timeliness';

/**
 * The statements behind GET /api/supervision/tasks, /overdue, /summary and /units since the views moved to SQL
 * (src/supervision/supervision.repository.ts over the task rules of migration 1764001200000): the register's
 * count and page (without and with a light filter), the rows of one page loaded whole (the snapshot loader with
 * 20 ids), the overdue board, the light counts, the unit standings and the calendar-gap check. Copied, not imported,
 * so a figure in docs/benchmarks.md names the SQL it measured; a change to those queries updates this list.
 * Parameters: $1 plan, $2 as-of day, $3 closed period, $4 reports checked, $5 behind tolerance, or the page's ids.
 */
const TIMELINESS = `task_timeliness($1::uuid, $2::date, $3::text, $4::boolean, $5::int)`;
const END_OF_AS_OF = `task_end_of_day($2::date)`;

type Params = 'plan' | 'rules' | 'plan+day+page' | 'gap';

export const HOT_QUERIES: Array<{ name: string; sql: string; params: Params }> = [
  { name: 'register: count, no filter', params: 'plan', sql: `SELECT count(*)::int AS total FROM task t WHERE t.plan_id = $1` },
  { name: 'register: page, no filter', params: 'plan', sql: `SELECT t.id FROM task t WHERE t.plan_id = $1 ORDER BY t.number LIMIT 20 OFFSET 0` },
  {
    name: 'register: count, light=red',
    params: 'rules',
    sql: `SELECT count(*)::int AS total FROM task t JOIN ${TIMELINESS} tl ON tl.task_id = t.id WHERE t.plan_id = $1 AND tl.light = 'red'`,
  },
  {
    name: 'register: page, light=red',
    params: 'rules',
    sql: `SELECT t.id FROM task t JOIN ${TIMELINESS} tl ON tl.task_id = t.id WHERE t.plan_id = $1 AND tl.light = 'red'
           ORDER BY t.number LIMIT 20 OFFSET 0`,
  },
  {
    name: 'page rows: status as of the day (20 ids)',
    params: 'plan+day+page',
    sql: `SELECT t.id AS task_id, coalesce(last_change.to_status, 'not_started') AS status
            FROM task t LEFT JOIN LATERAL (
                 SELECT e.to_status, e.at FROM task_event e
                  WHERE e.task_id = t.id AND e.to_status IS NOT NULL AND e.at < ${END_OF_AS_OF}
                  ORDER BY e.at DESC, e.id DESC LIMIT 1) AS last_change ON true
           WHERE t.plan_id = $1 AND t.id = ANY($3)`,
  },
  {
    name: 'page rows: latest report (20 ids)',
    params: 'plan+day+page',
    sql: `SELECT t.id AS task_id, r.percent, r.summary, u.name AS unit_name, r.created_at
            FROM task t
           CROSS JOIN LATERAL (
                 SELECT r.percent, r.summary, r.unit_id, r.created_at FROM progress_report r
                  WHERE r.task_id = t.id AND r.created_at < ${END_OF_AS_OF}
                  ORDER BY r.created_at DESC, r.id DESC LIMIT 1) r
            JOIN unit u ON u.id = r.unit_id
           WHERE t.plan_id = $1 AND t.id = ANY($3)`,
  },
  {
    name: 'page rows: assignments (20 ids)',
    params: 'plan+day+page',
    sql: `SELECT a.task_id, a.role, u.id, u.name, u.kind, coalesce(a.acknowledged_at < ${END_OF_AS_OF}, false) AS signed
            FROM task_assignment a JOIN task t ON t.id = a.task_id JOIN unit u ON u.id = a.unit_id
           WHERE t.plan_id = $1 AND t.id = ANY($3)
           ORDER BY a.task_id, a.role, a.position`,
  },
  {
    name: 'overdue board: flagged tasks',
    params: 'rules',
    sql: `SELECT tl.task_id AS id FROM ${TIMELINESS} tl
           WHERE (tl.overdue OR tl.behind_schedule) ORDER BY tl.days_overdue DESC, tl.number`,
  },
  {
    name: 'summary: light counts by section',
    params: 'rules',
    sql: `SELECT tl.section_id, count(*)::int AS tasks, count(*) FILTER (WHERE tl.light = 'red')::int AS red,
                 count(*) FILTER (WHERE tl.light = 'yellow')::int AS yellow, count(*) FILTER (WHERE tl.light = 'green')::int AS green,
                 count(*) FILTER (WHERE tl.light = 'grey')::int AS grey, count(*) FILTER (WHERE tl.overdue)::int AS overdue,
                 count(*) FILTER (WHERE tl.due_soon)::int AS due_soon, count(*) FILTER (WHERE tl.behind_schedule)::int AS behind_schedule,
                 count(*) FILTER (WHERE tl.unreported)::int AS unreported, count(*) FILTER (WHERE tl.status = 'completed')::int AS completed
            FROM ${TIMELINESS} tl
           GROUP BY tl.section_id`,
  },
  {
    name: 'units: standings',
    params: 'rules',
    sql: `WITH standing AS (
            SELECT a.unit_id,
                   count(*) FILTER (WHERE a.role = 'lead')::int AS as_lead,
                   count(*) FILTER (WHERE a.role = 'responsible')::int AS as_responsible,
                   count(*) FILTER (WHERE a.role = 'cooperating')::int AS as_cooperating,
                   count(*) FILTER (WHERE tl.status = 'completed')::int AS completed,
                   count(*) FILTER (WHERE tl.status = 'completed'
                                      AND (tl.status_changed_at AT TIME ZONE 'Asia/Shanghai')::date <= tl.due_date)::int AS on_time,
                   count(*) FILTER (WHERE tl.overdue)::int AS overdue,
                   count(*) FILTER (WHERE $4::boolean AND a.role <> 'cooperating' AND tl.open AND NOT EXISTS (
                            SELECT 1 FROM progress_report r
                             WHERE r.task_id = tl.task_id AND r.period = $3::text AND r.unit_id = a.unit_id
                               AND r.created_at < ${END_OF_AS_OF}))::int AS reports_missing
              FROM ${TIMELINESS} tl
              JOIN task_assignment a ON a.task_id = tl.task_id
             GROUP BY a.unit_id),
          last_report AS (
            SELECT r.unit_id, max(r.created_at) AS at
              FROM task t JOIN progress_report r ON r.task_id = t.id
             WHERE t.plan_id = $1 AND r.created_at < ${END_OF_AS_OF}
             GROUP BY r.unit_id)
          SELECT s.*, u.name, u.kind, lr.at AS last_report_at
            FROM standing s JOIN unit u ON u.id = s.unit_id LEFT JOIN last_report lr ON lr.unit_id = s.unit_id`,
  },
  {
    name: 'header: is a calendar gap possible',
    params: 'gap',
    sql: `SELECT coalesce((span.lo < $2::date AND calendar_workdays_between(span.lo, $2::date) IS NULL)
                          OR ($3::int > 0 AND w.horizon IS NULL AND span.hi >= w.unknown_from), false) AS possible
            FROM (SELECT min(due_date) AS lo, max(due_date) AS hi FROM task WHERE plan_id = $1) AS span
            CROSS JOIN task_due_soon_window($2::date, $3::int) AS w`,
  },
];

export interface ExplainedQuery {
  name: string;
  executionMs: number;
  plan: string;
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of each statement for one plan and day. calendar_day is written first from the
 * bundled calendar, as every api and worker process does at start, so the task rules see the working days.
 */
export async function explainHotQueries(client: Client, planId: string, asOf: string, period: string): Promise<ExplainedQuery[]> {
  await client.query(WRITE_CALENDAR_DAYS_SQL, calendarDaysParams(new WorkCalendar()));
  const { rows: page } = await client.query<{ id: string }>(`SELECT id FROM task WHERE plan_id = $1 ORDER BY number LIMIT 20`, [planId]);
  const ids = page.map((r) => r.id);
  const paramsFor: Record<Params, unknown[]> = {
    plan: [planId],
    rules: [planId, asOf, period, true, DEFAULT_POLICY.behindTolerance],
    'plan+day+page': [planId, asOf, ids],
    gap: [planId, asOf, DEFAULT_POLICY.dueSoonWorkdays],
  };
  const out: ExplainedQuery[] = [];
  for (const query of HOT_QUERIES) {
    // Statements from the fixed list above; only their parameters vary.
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`, paramsFor[query.params]);
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    const executionMs = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN);
    out.push({ name: query.name, executionMs, plan });
  }
  return out;
}
