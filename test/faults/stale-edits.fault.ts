import { performance } from 'node:perf_hooks';
import { createImportedPlan, createUnit, tasksByNumber } from '../support/factories';
import { createTestApp, tokenFor, type TestApp } from '../support/test-app';
import { call, startApiProcess, type ApiProcess } from './api-processes';

const PAIRS = 200;
const CONCURRENT_PAIRS = 10;

/**
 * Fault case 2: two api processes behind one database; each task gets two edits made from the same version at
 * the same moment, one through each process. Exactly one may win (200), the other must be told (409), and
 * PostgreSQL must hold the winner's text at version + 1.
 */
describe('fault 2: stale-edit pairs across two api processes', () => {
  let t: TestApp;
  let apis: ApiProcess[];

  beforeAll(async () => {
    t = await createTestApp();
    apis = await Promise.all([startApiProcess(t), startApiProcess(t)]);
  }, 300_000);
  afterAll(async () => {
    await Promise.all((apis ?? []).map((api) => api.child.stop()));
    await t.close();
  });

  it(`${PAIRS} pairs → exactly one 200 and one 409 each; PostgreSQL holds the winner at version + 1`, async () => {
    const unit = await createUnit(t.app);
    const items = Array.from({ length: PAIRS }, (_, i) => `${i + 1}.推进第${i + 1}项重点工作。(责任单位:${unit.name})`);
    const { plan } = await createImportedPlan(t.app, `一、并发修改\n${items.join('\n')}`, { year: 2021 });
    const tasks = [...(await tasksByNumber(t.app, plan.id)).values()];
    expect(tasks).toHaveLength(PAIRS);
    const token = tokenFor(t.app, 'supervisor');

    const outcomes: Array<{ id: string; version: number; statuses: number[]; winner: string | null }> = [];
    const started = performance.now();
    for (let i = 0; i < tasks.length; i += CONCURRENT_PAIRS) {
      const batch = tasks.slice(i, i + CONCURRENT_PAIRS);
      outcomes.push(
        ...(await Promise.all(
          batch.map(async (task) => {
            const edits = apis.map((api, n) => call(api.url, 'PATCH', `/api/tasks/${task.id}`, token, { content: `第${n + 1}个进程的修改 ${task.id}`, version: task.version }));
            const results = await Promise.all(edits);
            const winner = results.findIndex((r) => r.status === 200);
            return {
              id: task.id as string,
              version: task.version as number,
              statuses: results.map((r) => r.status).sort(),
              winner: winner >= 0 ? `第${winner + 1}个进程的修改 ${task.id}` : null,
            };
          }),
        )),
      );
    }
    const elapsed = performance.now() - started;

    const rows: Array<{ id: string; version: number; content: string }> = await t.dataSource.query(
      `SELECT id, version, content FROM task WHERE plan_id = $1`,
      [plan.id],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    const wrong = outcomes.filter((o) => {
      const row = byId.get(o.id)!;
      return o.statuses.join() !== '200,409' || row.version !== o.version + 1 || row.content !== o.winner;
    });
    const conflicts = outcomes.filter((o) => o.statuses.join() === '200,409').length;
    console.log(`fault 2: ${PAIRS} stale-edit pairs over 2 api processes in ${(elapsed / 1000).toFixed(1)} s: ${conflicts} × (200 + 409), ${wrong.length} wrong`);
    expect(wrong).toEqual([]);
  }, 300_000);
});
