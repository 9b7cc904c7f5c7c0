import { isUUID } from 'class-validator';
import { Pool, type Client } from 'pg';
import { buildBaseline } from '../tools/bench/baseline-server';
import { AS_OF, benchId, benchShape, userName } from '../tools/bench/bench-shape';
import { connect } from '../tools/bench/bench-database';
import { checksums, countRows, generateBenchData } from '../tools/bench/generate-data';
import { createTestDatabase } from './support/test-database';

/** The benchmark's data generator at a tiny scale, so `npm run bench:data` cannot rot unnoticed. */
describe('bench:data generator', () => {
  const shape = benchShape(0.002);
  const databases: Array<{ client: Client; drop: () => Promise<void> }> = [];

  async function generated(): Promise<Client & { url: string }> {
    const database = await createTestDatabase();
    const client = await connect(database.url);
    databases.push({ client, drop: database.drop });
    await generateBenchData(client, shape);
    return Object.assign(client, { url: database.url });
  }

  afterAll(async () => {
    for (const { client, drop } of databases) {
      await client.end();
      await drop();
    }
  });

  it('writes the shape asked for, consistently, and the same rows on every run', async () => {
    const first = await generated();
    const tasks = shape.smallPlans * shape.smallPlanTasks + shape.bigPlanTasks;
    const counts = await countRows(first);
    expect(counts).toMatchObject({
      unit: shape.units,
      app_user: 3 + shape.unitUsers,
      plan: shape.smallPlans + 1,
      task: tasks,
      task_assignment: 3 * tasks,
    });
    // About 3.3 reports and 2.6 events per task, as in the national set.
    expect(counts.progress_report! / tasks).toBeGreaterThan(3);
    expect(counts.progress_report! / tasks).toBeLessThan(3.6);
    expect(counts.task_event! / tasks).toBeGreaterThan(2.3);
    expect(counts.task_event! / tasks).toBeLessThan(2.9);

    // Each task's stored status is where its history leads, so the as-of rules read the same status today.
    const { rows: disagreeing } = await first.query(`
      SELECT t.id FROM task t
        LEFT JOIN LATERAL (SELECT e.to_status FROM task_event e WHERE e.task_id = t.id AND e.to_status IS NOT NULL
                            ORDER BY e.at DESC LIMIT 1) last ON true
       WHERE t.status <> coalesce(last.to_status, 'not_started')`);
    expect(disagreeing).toEqual([]);

    // Every status and both sides of the as-of day occur; the heavy units lead one task in twenty between them.
    const { rows: statuses } = await first.query(`SELECT DISTINCT status FROM task ORDER BY status`);
    expect(statuses.map((r) => r.status)).toEqual(['cancelled', 'completed', 'completion_requested', 'in_progress', 'not_started', 'suspended']);
    const { rows: overdue } = await first.query(
      `SELECT count(*)::int AS n FROM task WHERE due_date < $1 AND status IN ('not_started', 'in_progress', 'completion_requested')`,
      [AS_OF],
    );
    expect(overdue[0].n).toBeGreaterThan(0);
    const { rows: heavy } = await first.query(
      `SELECT count(*)::int AS n FROM task_assignment WHERE role = 'lead' AND unit_id = ANY($1::uuid[])`,
      [Array.from({ length: shape.heavyUnits }, (_, i) => benchId(`unit:${i + 1}`))],
    );
    expect(heavy[0].n).toBeGreaterThan(tasks / 40);
    expect(heavy[0].n).toBeLessThan(tasks / 10);
    const { rows: bigPlan } = await first.query(`SELECT count(*)::int AS n FROM task WHERE plan_id = $1`, [benchId('plan:0')]);
    expect(bigPlan[0].n).toBe(shape.bigPlanTasks);
    // The derived ids pass the api's uuid validation, so the load benchmark can put them in URLs.
    const { rows: ids } = await first.query(`SELECT id FROM plan UNION ALL (SELECT id FROM task LIMIT 20) UNION ALL (SELECT id FROM unit LIMIT 20)`);
    expect(ids.filter((r) => !isUUID(r.id))).toEqual([]);

    const second = await generated();
    expect(await checksums(second)).toEqual(await checksums(first));
  }, 120_000);

  it("has the baseline write a report as the project does: checked, with its audit event, starting the task, answered whole", async () => {
    const client = await generated();
    const pool = new Pool({ connectionString: client.url, max: 2 });
    const baseline = buildBaseline(pool);
    try {
      const { rows: tasks } = await client.query(
        `SELECT t.id, t.organization_id, a.unit_id FROM task t JOIN task_assignment a ON a.task_id = t.id
          WHERE t.status = 'not_started' ORDER BY t.id, a.unit_id LIMIT 1`,
      );
      const task = tasks[0]!;
      const unit = task.unit_id;
      const body = { summary: '基准压测：按计划推进', percent: 50, period: '2025-10', unitId: unit, userId: benchId('user:1'), username: userName(1) };
      // A unit the task is not assigned to is refused, as the project refuses it, and nothing is written.
      const { rows: strangers } = await client.query(
        `SELECT u.id FROM unit u WHERE NOT EXISTS (SELECT 1 FROM task_assignment a WHERE a.task_id = $1 AND a.unit_id = u.id) LIMIT 1`,
        [task.id],
      );
      const refused = await baseline.inject({ method: 'POST', url: `/tasks/${task.id}/progress`, payload: { ...body, unitId: strangers[0]!.id } });
      expect(refused.statusCode).toBe(403);

      const res = await baseline.inject({ method: 'POST', url: `/tasks/${task.id}/progress`, payload: body });
      expect(res.statusCode).toBe(201);
      const reportId = res.json().id;
      // The answer is the report as the project answers it: with its unit's name and its reporter.
      const { rows: names } = await client.query(
        `SELECT u.name AS unit, au.display_name FROM unit u, app_user au WHERE u.id = $1 AND au.id = $2`,
        [unit, body.userId],
      );
      expect(res.json()).toMatchObject({
        taskId: task.id,
        unit: { id: unit, name: names[0].unit },
        summary: body.summary,
        percent: 50,
        reportedBy: { id: body.userId, username: body.username, displayName: names[0].display_name },
        onBehalf: false,
      });

      const { rows: reports } = await client.query(`SELECT task_id, unit_id, summary, percent, reported_by FROM progress_report WHERE id = $1`, [reportId]);
      expect(reports).toEqual([{ task_id: task.id, unit_id: unit, summary: body.summary, percent: 50, reported_by: body.userId }]);
      const { rows: events } = await client.query(
        `SELECT actor_id, organization_id, actor_username, action, entity, entity_id, after->>'id' AS report FROM audit_event WHERE entity_id = $1`,
        [task.id],
      );
      expect(events).toEqual([
        { actor_id: body.userId, organization_id: task.organization_id, actor_username: body.username, action: 'progress.create', entity: 'task', entity_id: task.id, report: reportId },
      ]);
      const { rows: after } = await client.query(`SELECT status FROM task WHERE id = $1`, [task.id]);
      expect(after[0].status).toBe('in_progress');
    } finally {
      await baseline.close();
      await pool.end();
    }
  }, 120_000);
});
