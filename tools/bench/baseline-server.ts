import Fastify from 'fastify';
import { Pool } from 'pg';

/**
 * The bare baseline of `npm run bench:load`: Fastify and a pg pool of the api's size (10), no framework, no auth,
 * answering each benchmarked route with the smallest SQL that gives the same page or list. The ratio of the api to
 * this server in the same run is the figure that counts; its SQL is kept here, apart from the product's, on purpose.
 */

/** The open statuses: a task in one is on the boards, and may be reported on (the project's REPORTABLE). */
const OPEN_STATUSES = ['not_started', 'in_progress', 'completion_requested'];
const OPEN = `(${OPEN_STATUSES.map((status) => `'${status}'`).join(', ')})`;
const END_OF_AS_OF = `(($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;

/** The status each task `t` had at the end of the day in $2. */
const STATUS_AS_OF = `
  LEFT JOIN LATERAL (
    SELECT e.to_status FROM task_event e
     WHERE e.task_id = t.id AND e.to_status IS NOT NULL AND e.at < ${END_OF_AS_OF}
     ORDER BY e.at DESC, e.id DESC LIMIT 1) last_change ON true`;
const STATUS = `coalesce(last_change.to_status, 'not_started')`;

/** The latest report of task `t` made by the end of the day in $2. */
const LATEST_REPORT = `
  LEFT JOIN LATERAL (
    SELECT r.percent, r.created_at FROM progress_report r
     WHERE r.task_id = t.id AND r.created_at < ${END_OF_AS_OF}
     ORDER BY r.created_at DESC, r.id DESC LIMIT 1) latest ON true`;

const UNITS_OF_TASK = `
  (SELECT json_agg(json_build_object('id', u.id, 'name', u.name, 'role', a.role) ORDER BY a.role, a.position)
     FROM task_assignment a JOIN unit u ON u.id = a.unit_id WHERE a.task_id = t.id) AS units`;

/** 序时进度 of task `t` in plan `p` as of $2. */
const EXPECTED = `CASE WHEN $2::date >= t.due_date THEN 100 WHEN $2::date < p.start_date THEN 0
  ELSE round(100.0 * ($2::date - p.start_date + 1) / (t.due_date - p.start_date + 1)) END`;

interface PageQuery {
  planId?: string;
  unitId?: string;
  asOf?: string;
  page?: string;
  pageSize?: string;
}

function page(query: PageQuery): { limit: number; offset: number } {
  const size = Math.min(200, Math.max(1, Number(query.pageSize ?? 20)));
  return { limit: size, offset: (Math.max(1, Number(query.page ?? 1)) - 1) * size };
}

export function buildBaseline(pool: Pool) {
  const app = Fastify({ logger: false });

  app.get('/health', async () => ({ status: 'ok' }));

  // The register with lights: one page of a plan's tasks with their as-of status and latest report, and the total.
  app.get<{ Querystring: PageQuery }>('/supervision/tasks', async (request) => {
    const { planId, asOf } = request.query;
    const { limit, offset } = page(request.query);
    const [total, items] = await Promise.all([
      pool.query(`SELECT count(*)::int AS n FROM task WHERE plan_id = $1`, [planId]),
      pool.query(
        `SELECT t.id, t.number, t.content, to_char(t.due_date, 'YYYY-MM-DD') AS due_date, ${STATUS} AS status,
                latest.percent, ${EXPECTED} AS expected, ${UNITS_OF_TASK}
           FROM task t JOIN plan p ON p.id = t.plan_id ${STATUS_AS_OF} ${LATEST_REPORT}
          WHERE t.plan_id = $1
          ORDER BY t.number LIMIT $3 OFFSET $4`,
        [planId, asOf, limit, offset],
      ),
    ]);
    return { asOf, items: items.rows, total: total.rows[0].n };
  });

  // The overdue board: every open task past due or behind 序时进度 by more than 10 points, most overdue first.
  app.get<{ Querystring: PageQuery }>('/supervision/overdue', async (request) => {
    const { planId, asOf } = request.query;
    const { rows } = await pool.query(
      `SELECT * FROM (
         SELECT t.id, t.number, t.content, to_char(t.due_date, 'YYYY-MM-DD') AS due_date, ${STATUS} AS status,
                greatest(0, $2::date - t.due_date) AS days_overdue, latest.percent, latest.created_at AS last_report_at,
                ${EXPECTED} AS expected, ${UNITS_OF_TASK}
           FROM task t JOIN plan p ON p.id = t.plan_id ${STATUS_AS_OF} ${LATEST_REPORT}
          WHERE t.plan_id = $1) s
        WHERE s.status IN ${OPEN} AND (s.due_date::date < $2::date OR coalesce(s.percent, 0) < s.expected - 10)
        ORDER BY s.days_overdue DESC, s.number`,
      [planId, asOf],
    );
    return { asOf, items: rows };
  });

  // Unit standings: each assigned unit's tasks by role, completed and overdue as of the day.
  app.get<{ Querystring: PageQuery }>('/supervision/units', async (request) => {
    const { planId, asOf } = request.query;
    const { rows } = await pool.query(
      `SELECT u.id, u.name,
              count(*) FILTER (WHERE a.role = 'lead')::int AS as_lead,
              count(*) FILTER (WHERE a.role = 'responsible')::int AS as_responsible,
              count(*) FILTER (WHERE a.role = 'cooperating')::int AS as_cooperating,
              count(*) FILTER (WHERE s.status = 'completed')::int AS completed,
              count(*) FILTER (WHERE s.status IN ${OPEN} AND s.due_date < $2::date)::int AS overdue
         FROM (SELECT t.id, t.due_date, ${STATUS} AS status FROM task t ${STATUS_AS_OF} WHERE t.plan_id = $1) s
         JOIN task_assignment a ON a.task_id = s.id JOIN unit u ON u.id = a.unit_id
        GROUP BY u.id, u.name
        ORDER BY overdue DESC, u.name`,
      [planId, asOf],
    );
    return { asOf, units: rows };
  });

  // A unit's task list: one page and the total.
  app.get<{ Querystring: PageQuery }>('/tasks', async (request) => {
    const { unitId } = request.query;
    const { limit, offset } = page(request.query);
    const owned = `EXISTS (SELECT 1 FROM task_assignment a WHERE a.task_id = t.id AND a.unit_id = $1)`;
    const [total, items] = await Promise.all([
      pool.query(`SELECT count(*)::int AS n FROM task t WHERE ${owned}`, [unitId]),
      pool.query(
        `SELECT t.id, t.plan_id, t.number, t.content, to_char(t.due_date, 'YYYY-MM-DD') AS due_date, t.status,
                s.code AS section_code, s.title AS section_title, ${UNITS_OF_TASK}
           FROM task t LEFT JOIN plan_section s ON s.id = t.section_id
          WHERE ${owned}
          ORDER BY t.plan_id, t.number LIMIT $2 OFFSET $3`,
        [unitId, limit, offset],
      ),
    ]);
    return { items: items.rows, total: total.rows[0].n };
  });

  // A progress report, as the route's contract has it: lock the task if the unit is assigned to it (else 403) and it is
  // open (else 409), append the report with its audit event (the project must keep one for every write: who, what,
  // on which task, the report as answered), start the task on its first report, and answer the report with its
  // unit's name and its reporter, as the project answers. Named (prepared) statements, as the project's: planning
  // the insert again for every report would cost more than running it.
  app.post<{ Params: { id: string }; Body: { summary: string; percent: number; period: string; unitId: string; userId: string; username: string } }>(
    '/tasks/:id/progress',
    async (request, reply) => {
      const { summary, percent, period, unitId, userId, username } = request.body;
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const { rows: tasks } = await client.query({
          name: 'progress.lock',
          text: `SELECT t.status, t.organization_id FROM task t
                  WHERE t.id = $1 AND EXISTS (SELECT 1 FROM task_assignment a WHERE a.task_id = t.id AND a.unit_id = $2)
                    FOR UPDATE OF t`,
          values: [request.params.id, unitId],
        });
        const task = tasks[0];
        if (!task || !OPEN_STATUSES.includes(task.status)) {
          await client.query('ROLLBACK');
          return reply.code(task ? 409 : 403).send({ statusCode: task ? 409 : 403 });
        }
        const { rows } = await client.query({
          name: 'progress.insert',
          text: `WITH report AS (
             INSERT INTO progress_report (task_id, unit_id, period, summary, percent, reported_by)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING *),
           answer AS (
             SELECT json_build_object('id', r.id, 'taskId', r.task_id, 'unit', json_build_object('id', u.id, 'name', u.name),
                      'period', r.period, 'summary', r.summary, 'percent', r.percent, 'actuals', '[]'::json,
                      'problems', r.problems, 'nextSteps', r.next_steps,
                      'reportedBy', json_build_object('id', au.id, 'username', au.username, 'displayName', au.display_name),
                      'onBehalf', r.on_behalf, 'createdAt', r.created_at) AS answer
               FROM report r JOIN unit u ON u.id = r.unit_id JOIN app_user au ON au.id = r.reported_by),
           audited AS (
             INSERT INTO audit_event (actor_id, organization_id, actor_username, action, entity, entity_id, after, request_id, ip)
             SELECT $6, $7, $8, 'progress.create', 'task', $1, answer::jsonb, $9, $10 FROM answer)
           SELECT answer FROM answer`,
          values: [request.params.id, unitId, period, summary, percent, userId, task.organization_id, username, request.id, request.ip],
        });
        if (task.status === 'not_started') {
          await client.query({
            name: 'progress.start',
            text: `UPDATE task SET status = 'in_progress', version = version + 1 WHERE id = $1`,
            values: [request.params.id],
          });
        }
        await client.query('COMMIT');
        reply.code(201);
        return rows[0].answer;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
  );
  return app;
}

async function main(): Promise<void> {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10, application_name: 'duban-baseline' });
  const app = buildBaseline(pool);
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
  const stop = async () => {
    await app.close();
    await pool.end();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`[baseline] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
