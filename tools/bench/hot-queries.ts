import type { Client } from 'pg';
import { calendarDaysParams, WRITE_CALENDAR_DAYS_SQL } from '../../src/calendar/calendar-days';
import { WorkCalendar } from '../../src/calendar/work-calendar';
import { DEFAULT_POLICY } from '../../src/supervision/timeliness';
import { UNIT_STANDINGS_SQL, VIEW_SCOPE_SQL, VIEW_TASK_JOINS, viewTaskColumns } from '../../src/supervision/supervision.repository';

/**
 * The statements behind GET /api/supervision/tasks, /overdue, /summary and /units (src/supervision/supervision.repository.ts
 * over the task rules of migrations 1764001200000 and 1764001800000): every view's scope (plan, policy and the
 * calendar-gap check), the register's count and its page complete in one statement (without and with a light
 * filter), the overdue board complete, the light counts and the unit standings. The statements the repository keeps
 * whole (the scope, a view's task columns and joins, the standings) are imported; the register's and the board's
 * frames, which the repository builds per filter, are spelt out here for the filters measured.
 * Parameters: $1 plan, $2 as-of day, $3 closed period, $4 reports checked, $5 behind tolerance (or $3 the
 * due-soon workdays for the scope).
 */
const TIMELINESS = `task_timeliness($1::uuid, $2::date, $3::text, $4::boolean, $5::int)`;
const VIEW_TASK = viewTaskColumns('$2');

/** The register's page complete, the page chosen from `from … where`; the page's rules through task_timeliness_of. */
const registerPage = (from: string, where: string) => `
  WITH page AS (SELECT t.id, t.number FROM ${from} WHERE ${where} ORDER BY t.number LIMIT 20 OFFSET 0)
  SELECT ${VIEW_TASK}
    FROM page JOIN task t ON t.id = page.id
    JOIN task_timeliness_of($1::uuid, ARRAY(SELECT id FROM page), $2::date, $3::text, $4::boolean, $5::int) tl ON tl.task_id = t.id
    ${VIEW_TASK_JOINS}
   ORDER BY page.number`;

type Params = 'plan' | 'rules' | 'standings' | 'scope';

export const HOT_QUERIES: Array<{ name: string; sql: string; params: Params }> = [
  {
    name: 'views: scope and calendar-gap check',
    params: 'scope',
    sql: VIEW_SCOPE_SQL,
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
            FROM ${TIMELINESS} tl JOIN task t ON t.id = tl.task_id ${VIEW_TASK_JOINS}
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
