import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createImportedPlan, createUnit, createUnitUser, tasksByNumber } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';
import { sleep, waitUntil } from '../support/wait';
import { startApiProcess, type ApiProcess } from './api-processes';

const REPORTS = 2000;
const CONCURRENCY = 8;
const KILL_AFTER = 600;

/**
 * Fault case 1: 2,000 progress reports, each with its own Idempotency-Key, sent by a client that retries (same
 * key, same body) on whichever api process answers; one of the two api processes is `kill -9`ed in the middle and
 * started again. Every report the client saw acknowledged is in PostgreSQL exactly once, and nothing else is.
 */
describe('fault 1: api kill -9 during 2,000 progress reports with Idempotency-Keys', () => {
  let t: TestApp;
  let apis: ApiProcess[];

  beforeAll(async () => {
    t = await createTestApp({ CLOCK_TODAY: '2021-10-08' });
    apis = await Promise.all([startApiProcess(t), startApiProcess(t)]);
  }, 300_000);
  afterAll(async () => {
    await Promise.all((apis ?? []).map((api) => api.child.stop()));
    await t?.close();
  });

  it('acknowledged = stored, 0 duplicates, 0 strays', async () => {
    const unit = await createUnit(t.app);
    const items = Array.from({ length: 20 }, (_, i) => `${i + 1}.推进第${i + 1}项工作。(责任单位:${unit.name})`);
    const { plan } = await createImportedPlan(t.app, `一、进程被杀\n${items.join('\n')}`, { year: 2021 });
    const tasks = [...(await tasksByNumber(t.app, plan.id)).values()];
    const { token } = await createUnitUser(t, unit.id);

    const acknowledged = new Map<string, number>();
    const outcomes = { cut: 0, refused: 0, retries: 0, onRetry: 0, replays: 0 };
    let next = 0;
    let turn = 0;

    /** One report until acknowledged: a cut connection or a 5xx is retried with the same key on the next process. */
    async function report(n: number): Promise<void> {
      const key = randomUUID();
      const taskId = tasks[n % tasks.length]!.id;
      const body = JSON.stringify({ summary: `第${n}次进展报送`, percent: (n % 100) + 1 });
      for (let attempt = 0; ; attempt++) {
        if (attempt > 0) outcomes.retries++;
        const api = apis[turn++ % apis.length]!;
        const res = await fetch(`${api.url}/api/tasks/${taskId}/progress`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
          body,
        }).catch(() => null);
        if (res === null) {
          outcomes.cut++;
          await sleep(50);
          continue;
        }
        const status = res.status;
        await res.arrayBuffer();
        if (status === 201 || status === 200) {
          if (attempt > 0) outcomes.onRetry++;
          // Stored by an attempt whose answer the client never got: the retry is answered with that report.
          if (res.headers.get('idempotent-replayed') === 'true') outcomes.replays++;
          acknowledged.set(key, n);
          return;
        }
        if (status < 500) throw new Error(`report ${n} refused: ${status}`);
        outcomes.refused++;
        await sleep(50);
      }
    }

    const started = performance.now();
    const clients = Array.from({ length: CONCURRENCY }, async () => {
      while (next < REPORTS) await report(next++);
    });
    await waitUntil(() => acknowledged.size >= KILL_AFTER, { timeoutMs: 240_000, what: `${KILL_AFTER} acknowledged reports` });
    const victim = apis[0]!;
    victim.child.process.kill('SIGKILL');
    expect(await victim.child.exited).toBe('SIGKILL');
    const killedAt = acknowledged.size;
    // The survivor carries the traffic while the victim starts again.
    apis = [apis[1]!];
    apis.push(await startApiProcess(t));
    await Promise.all(clients);
    const elapsed = (performance.now() - started) / 1000;

    const rows: Array<{ key: string; n: number }> = await t.dataSource.query(
      `SELECT r.idempotency_key AS key, count(*)::int AS n
         FROM progress_report r JOIN task k ON k.id = r.task_id WHERE k.plan_id = $1 GROUP BY r.idempotency_key`,
      [plan.id],
    );
    const stored = new Map(rows.map((r) => [r.key, r.n]));
    const duplicates = rows.filter((r) => r.n > 1).length;
    const lost = [...acknowledged.keys()].filter((key) => !stored.has(key));
    const strays = rows.filter((r) => !acknowledged.has(r.key)).length;
    console.log(
      `fault 1: ${REPORTS} progress reports with Idempotency-Keys, ${CONCURRENCY} clients over 2 api processes, ` +
        `one kill -9ed after ${killedAt} acknowledgements and started again; ${elapsed.toFixed(1)} s\n` +
        `  cut connections: ${outcomes.cut}, 5xx answers: ${outcomes.refused}, retries: ${outcomes.retries} ` +
        `(${outcomes.onRetry} acknowledged on a retry, ${outcomes.replays} of them replays of a report stored before the cut)\n` +
        `  acknowledged: ${acknowledged.size}, stored: ${rows.length}, lost: ${lost.length}, duplicates: ${duplicates}, stored but never acknowledged: ${strays}`,
    );
    expect(acknowledged.size).toBe(REPORTS);
    expect(lost).toEqual([]);
    expect(duplicates).toBe(0);
    expect(strays).toBe(0);
    expect(rows.length).toBe(REPORTS);
    // The kill did cut requests in flight: the case tested what it says.
    expect(outcomes.cut).toBeGreaterThan(0);
  }, 600_000);
});
