import { performance } from 'node:perf_hooks';
import { parseNotice } from '../../src/notice-import/notice-parser';
import { readJiyuanNotice } from '../../src/seed/jiyuan-notice';
import { createPlan, createUnitUser, importNotice, seedJiyuanRegistry } from '../support/factories';
import { expectStatus, request } from '../support/http';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * `npm run bench`: figures, not assertions of speed. Each line is the median of several runs on this machine,
 * against the real PostgreSQL and Redis the test setup starts. The only assertions check that the work was done.
 */
const ITEMS = 2000;
const figures: string[] = [];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function time(label: string, runs: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  const result = median(samples);
  figures.push(`${label.padEnd(58)} median ${result.toFixed(1).padStart(8)} ms  (${runs} runs)`);
  return result;
}

/** A national-scale notice: the 济源 items cycled and renumbered, under repeated headings. */
function largeNotice(items: number): string {
  const source = parseNotice(readJiyuanNotice()).items.map((item) => item.sourceLine.replace(/^\d+\./, ''));
  const lines: string[] = [];
  for (let n = 1; n <= items; n++) {
    if ((n - 1) % 250 === 0) lines.push(`${'一二三四五六七八九十'[Math.floor((n - 1) / 250)]}、第${Math.floor((n - 1) / 250) + 1}部分`);
    lines.push(`${n}.${source[(n - 1) % source.length]}`);
  }
  return lines.join('\n');
}

describe('throughput benchmark', () => {
  let t: TestApp;
  const text = largeNotice(ITEMS);

  beforeAll(async () => {
    t = await createTestApp();
    await seedJiyuanRegistry(t.app);
  }, 120_000);
  afterAll(async () => {
    console.log(['', `Benchmark (${ITEMS}-item notice, ${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB):`, ...figures, ''].join('\n'));
    await t.close();
  });

  it('parses, imports, re-imports and queries a national-scale notice', async () => {
    await time('parse the 济源 notice (143 items)', 50, () => parseNotice(readJiyuanNotice()));
    await time(`parse a ${ITEMS}-item notice`, 10, () => parseNotice(text));

    const plans: string[] = [];
    await time(`import ${ITEMS} items into a new plan (one transaction)`, 3, async () => {
      const plan = await createPlan(t.app, { year: 2021 });
      const res = await importNotice(t.app, plan.id, { text });
      expectStatus(res, 201);
      expect(res.body.tasks.created).toBe(ITEMS);
      plans.push(plan.id);
    });
    const planId = plans[0]!;
    await time(`re-import the same ${ITEMS} items (no change)`, 3, async () => {
      const res = await importNotice(t.app, planId, { text });
      expect(res.body.tasks).toEqual({ created: 0, updated: 0, unchanged: ITEMS });
    });
    await time(`dry run of ${ITEMS} items`, 3, () => importNotice(t.app, planId, { text, dryRun: true }));

    await time('GET /api/tasks (50 per page, one plan)', 30, () => request(t.app, 'GET', `/api/tasks?planId=${planId}&pageSize=50&page=7`));
    await time('GET /api/tasks?q= (text search)', 30, () => request(t.app, 'GET', `/api/tasks?planId=${planId}&q=${encodeURIComponent('生态')}`));
    await time(`GET /api/supervision/summary (${ITEMS} tasks)`, 10, () =>
      request(t.app, 'GET', `/api/supervision/summary?planId=${planId}&asOf=2021-10-08`),
    );
    await time(`GET /api/supervision/ledger.xlsx (${ITEMS} rows)`, 5, () =>
      request(t.app, 'GET', `/api/supervision/ledger.xlsx?planId=${planId}&asOf=2021-10-08`),
    );

    const [{ id: unitId }] = await t.dataSource.query(`SELECT id FROM unit WHERE name = '发展改革和统计局'`);
    const unitUser = await createUnitUser(t, unitId);
    const [{ id: taskId }] = await t.dataSource.query(
      `SELECT t.id FROM task t JOIN task_assignment a ON a.task_id = t.id WHERE t.plan_id = $1 AND a.unit_id = $2 LIMIT 1`,
      [planId, unitId],
    );
    await time('POST /api/tasks/:id/progress (a unit user)', 50, async () => {
      const res = await request(t.app, 'POST', `/api/tasks/${taskId}/progress`, { summary: '按计划推进', percent: 50 }, { as: unitUser });
      expectStatus(res, 201);
    });
    await time(`POST /api/reminders/scan (${ITEMS * 3} tasks in 3 plans)`, 3, () =>
      request(t.app, 'POST', '/api/reminders/scan', { asOf: '2022-01-05' }),
    );
  }, 600_000);
});
