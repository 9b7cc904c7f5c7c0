import type { Client } from 'pg';

/**
 * The statements behind GET /api/supervision/tasks and /overdue as of this benchmark's first run: the plan snapshot
 * (src/supervision/supervision-snapshot.ts) that both load whole, then the register's page (TasksService.byIds).
 * Copied, not imported, so the "before" picture stays comparable; a change to those queries updates this list.
 * $1 plan, $2 as-of day, $3 the closed period.
 */
const END_OF_AS_OF = `(($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;

export const HOT_QUERIES: Array<{ name: string; sql: string; params: 'plan' | 'plan+day' | 'plan+day+period' | 'page' }> = [
  { name: 'snapshot: sections', params: 'plan', sql: `SELECT id, parent_id, level, code, title FROM plan_section WHERE plan_id = $1 ORDER BY level, ordinal` },
  {
    name: 'snapshot: tasks',
    params: 'plan',
    sql: `SELECT id, number, content, kind, to_char(due_date, 'YYYY-MM-DD') AS due_date, section_id FROM task WHERE plan_id = $1 ORDER BY number`,
  },
  {
    name: 'snapshot: assignments',
    params: 'plan',
    sql: `SELECT a.task_id, a.role, u.id, u.name, u.kind
            FROM task_assignment a JOIN task t ON t.id = a.task_id JOIN unit u ON u.id = a.unit_id
           WHERE t.plan_id = $1 ORDER BY a.task_id, a.role, a.position`,
  },
  {
    name: 'snapshot: status as of the day',
    params: 'plan+day',
    sql: `SELECT t.id AS task_id, coalesce(last_change.to_status, 'not_started') AS status,
                 to_char(last_change.at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day
            FROM task t LEFT JOIN LATERAL (
                 SELECT e.to_status, e.at FROM task_event e
                  WHERE e.task_id = t.id AND e.to_status IS NOT NULL AND e.at < ${END_OF_AS_OF}
                  ORDER BY e.at DESC, e.id DESC LIMIT 1) AS last_change ON true
           WHERE t.plan_id = $1`,
  },
  {
    name: 'snapshot: latest report',
    params: 'plan+day',
    sql: `SELECT t.id AS task_id, r.percent, r.summary, u.name AS unit_name, r.created_at
            FROM task t
           CROSS JOIN LATERAL (
                 SELECT r.percent, r.summary, r.unit_id, r.created_at FROM progress_report r
                  WHERE r.task_id = t.id AND r.created_at < ${END_OF_AS_OF}
                  ORDER BY r.created_at DESC, r.id DESC LIMIT 1) r
            JOIN unit u ON u.id = r.unit_id
           WHERE t.plan_id = $1`,
  },
  {
    name: 'snapshot: reported for the closed period',
    params: 'plan+day+period',
    sql: `SELECT r.task_id, array_agg(DISTINCT r.unit_id) AS unit_ids
            FROM progress_report r JOIN task t ON t.id = r.task_id
           WHERE t.plan_id = $1 AND r.created_at < ${END_OF_AS_OF} AND r.period = $3
           GROUP BY r.task_id`,
  },
  {
    name: "snapshot: each unit's last report",
    params: 'plan+day',
    sql: `SELECT r.unit_id, max(r.created_at) AS at
            FROM progress_report r JOIN task t ON t.id = r.task_id
           WHERE t.plan_id = $1 AND r.created_at < ${END_OF_AS_OF}
           GROUP BY r.unit_id`,
  },
  {
    name: 'register page (tasks only): byIds',
    params: 'page',
    sql: `SELECT t.id, t.plan_id, t.number, t.content, t.kind, to_char(t.due_date, 'YYYY-MM-DD') AS due_date, t.status, t.version,
                 t.includes_other_units, t.leaders, t.deadline_text, t.source_line,
                 s.id AS s_id, s.code AS s_code, s.title AS s_title, s.level AS s_level,
                 p.id AS p_id, p.code AS p_code, p.title AS p_title
            FROM task t LEFT JOIN plan_section s ON s.id = t.section_id LEFT JOIN plan_section p ON p.id = s.parent_id
           WHERE t.id = ANY($1)`,
  },
];

export interface ExplainedQuery {
  name: string;
  executionMs: number;
  plan: string;
}

export async function explainHotQueries(client: Client, planId: string, asOf: string, period: string): Promise<ExplainedQuery[]> {
  const { rows: page } = await client.query<{ id: string }>(`SELECT id FROM task WHERE plan_id = $1 ORDER BY number LIMIT 20`, [planId]);
  const paramsFor = {
    plan: [planId],
    'plan+day': [planId, asOf],
    'plan+day+period': [planId, asOf, period],
    page: [page.map((r) => r.id)],
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
