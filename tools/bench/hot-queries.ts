import type { Client } from 'pg';
import { calendarDaysParams, WRITE_CALENDAR_DAYS_SQL } from '../../src/calendar/calendar-days';
import { WorkCalendar } from '../../src/calendar/work-calendar';
import { DEFAULT_POLICY } from '../../src/supervision/timeliness';
import { UNIT_STANDINGS_SQL } from '../../src/supervision/supervision.repository';

/**
 * The statements behind GET /api/supervision/tasks, /overdue, /summary and /units (src/supervision/supervision.repository.ts
 * over the task rules of migrations 1764001200000 and 1764001800000): every view's scope (plan, policy and the
 * calendar-gap check), the register's count and its page complete in one statement (without and with a light
 * filter), the overdue board complete, the light counts and the unit standings. Copied, not imported, so a figure
 * in docs/benchmarks.md names the SQL it measured; a change to those queries updates this list.
 * Parameters: $1 plan, $2 as-of day, $3 closed period, $4 reports checked, $5 behind tolerance (or $3 the
 * due-soon workdays for the scope).
 */
const TIMELINESS = `task_timeliness($1::uuid, $2::date, $3::text, $4::boolean, $5::int)`;
const END_OF_AS_OF = `task_end_of_day($2::date)`;
const HEADING = (s: string) => `json_build_object('id', ${s}.id, 'code', ${s}.code, 'title', ${s}.title)`;

/** A view's task complete: the register's columns, headings, units, an open indicator's targets, its rules row tl. */
const VIEW_TASK = `
  t.id, t.plan_id, t.number, t.content, t.kind, t.due_date, t.status, t.version, t.includes_other_units, t.leaders,
  t.deadline_text, t.origin, t.source_kind, t.source_document_number, t.source_date,
  CASE WHEN p.id IS NOT NULL THEN ${HEADING('p')} WHEN s.id IS NOT NULL THEN ${HEADING('s')} END AS section,
  CASE WHEN p.id IS NOT NULL THEN ${HEADING('s')} END AS subsection,
  coalesce((SELECT json_agg(json_build_object(
                    'role', a.role, 'id', u.id, 'name', u.name, 'signed', a.acknowledged_at IS NOT NULL,
                    'assignedAt', to_char(a.assigned_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                    ORDER BY array_position(ARRAY['lead', 'responsible', 'cooperating'], a.role), a.position)
              FROM task_assignment a JOIN unit u ON u.id = a.unit_id WHERE a.task_id = t.id), '[]') AS units,
  CASE WHEN t.kind = 'indicator' AND tl.open THEN
    (SELECT json_agg(json_build_object('metric', tt.metric, 'comparator', tt.comparator, 'value', tt.value::text,
                                       'unit', tt.unit, 'actual', la.value::text) ORDER BY tt.position)
       FROM task_target tt
       LEFT JOIN LATERAL (
             SELECT pa.value FROM progress_actual pa JOIN progress_report r ON r.id = pa.report_id
              WHERE pa.target_id = tt.id AND r.created_at < ${END_OF_AS_OF}
              ORDER BY r.created_at DESC, r.id DESC LIMIT 1) la ON true
      WHERE tt.task_id = t.id) END AS targets,
  tl.status AS status_as_of, tl.open, tl.overdue, tl.days_overdue, tl.workdays_overdue, tl.overdue_gap_year,
  tl.due_soon, tl.workdays_left, tl.due_soon_gap_year, tl.expected_percent, tl.latest_percent, tl.latest_report_at,
  tl.behind_schedule, tl.unreported, tl.light`;

const HEADINGS = `LEFT JOIN plan_section s ON s.id = t.section_id LEFT JOIN plan_section p ON p.id = s.parent_id`;

/** The register's page complete, the page chosen from `from … where`; the page's rules through task_timeliness_of. */
const registerPage = (from: string, where: string) => `
  WITH page AS (SELECT t.id, t.number FROM ${from} WHERE ${where} ORDER BY t.number LIMIT 20 OFFSET 0)
  SELECT ${VIEW_TASK}
    FROM page JOIN task t ON t.id = page.id
    JOIN task_timeliness_of($1::uuid, ARRAY(SELECT id FROM page), $2::date, $3::text, $4::boolean, $5::int) tl ON tl.task_id = t.id
    ${HEADINGS}
   ORDER BY page.number`;

type Params = 'plan' | 'rules' | 'standings' | 'scope';

export const HOT_QUERIES: Array<{ name: string; sql: string; params: Params }> = [
  {
    name: 'views: scope and calendar-gap check',
    params: 'scope',
    sql: `SELECT p.id, p.title, p.year, p.start_date, p.end_date, p.reporting_cycle, p.report_cutoff_day, pol.due_soon_workdays,
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
           WHERE p.id = $1`,
  },
  { name: 'register: count, no filter', params: 'plan', sql: `SELECT count(*)::int AS total FROM task t WHERE t.plan_id = $1` },
  { name: 'register: page complete, no filter', params: 'rules', sql: registerPage('task t', 't.plan_id = $1') },
  {
    name: 'register: count, light=red',
    params: 'rules',
    sql: `SELECT count(*)::int AS total FROM task t JOIN ${TIMELINESS} tl ON tl.task_id = t.id WHERE t.plan_id = $1 AND tl.light = 'red'`,
  },
  {
    name: 'register: page complete, light=red',
    params: 'rules',
    sql: registerPage(`task t JOIN ${TIMELINESS} tl ON tl.task_id = t.id`, `t.plan_id = $1 AND tl.light = 'red'`),
  },
  {
    name: 'overdue board: rows complete',
    params: 'rules',
    sql: `SELECT ${VIEW_TASK}
            FROM ${TIMELINESS} tl JOIN task t ON t.id = tl.task_id ${HEADINGS}
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
    params: 'standings',
    sql: UNIT_STANDINGS_SQL,
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
  const paramsFor: Record<Params, unknown[]> = {
    plan: [planId],
    rules: [planId, asOf, period, true, DEFAULT_POLICY.behindTolerance],
    standings: [planId, asOf, period, true],
    scope: [planId, asOf, DEFAULT_POLICY.dueSoonWorkdays],
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
