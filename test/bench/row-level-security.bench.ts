import { performance } from 'node:perf_hooks';
import { OrganizationScope } from '../../src/database/organization-scope';
import { readJiyuanNotice } from '../../src/seed/jiyuan-notice';
import { createImportedPlan, seedJiyuanRegistry, tasksByNumber } from '../support/factories';
import { bodyOf, request } from '../support/http';
import { createTestApp, tokenFor } from '../support/test-app';

/**
 * `npm run bench`: what row-level security costs a read. The 济源 notice imported into three plans (429 tasks) with
 * reports; each route is called in rounds, alternating the bounded read (one read-only transaction, SET ROLE
 * duban_tenant and the organizations, every statement under the policies) with the same code unbounded (each
 * statement on a pooled connection as the owner, as before). Medians of single sequential requests; figures only.
 */
jest.setTimeout(900_000);

const ROUNDS = 6;
const CALLS = 25;
const AS_OF = '2021-10-26';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

it('measures the supervision views and the task register with and without the organization bound', async () => {
  const t = await createTestApp();
  const bounded = OrganizationScope.prototype.read;
  try {
    await seedJiyuanRegistry(t.app);
    const plans: string[] = [];
    for (let i = 0; i < 3; i++) plans.push((await createImportedPlan(t.app, readJiyuanNotice(), { year: 2021 })).plan.id);
    const tasks = await tasksByNumber(t.app, plans[0]!);
    for (const number of [1, 2, 3, 9, 20, 40, 60, 80, 100, 120]) {
      const task = tasks.get(number)!;
      const unit = task.lead[0] ?? task.responsible[0];
      await bodyOf(request(t.app, 'POST', `/api/tasks/${task.id}/progress`, { summary: '推进中', percent: 50, period: '2021-09', unitId: unit.id }), 201);
    }
    const headers = { authorization: `Bearer ${tokenFor(t.app, 'supervisor')}` };
    const routes = [
      `/api/supervision/tasks?planId=${plans[0]}&asOf=${AS_OF}&pageSize=20`,
      `/api/supervision/overdue?planId=${plans[0]}&asOf=${AS_OF}`,
      `/api/supervision/units?planId=${plans[0]}&asOf=${AS_OF}`,
      `/api/tasks?pageSize=50`,
    ];
    const samples = new Map(routes.map((route) => [route, { bounded: [] as number[], unbounded: [] as number[] }]));
    const unbounded: typeof bounded = (_organizations, work) => work();
    for (let round = 0; round < ROUNDS; round++) {
      for (const mode of round % 2 === 0 ? (['bounded', 'unbounded'] as const) : (['unbounded', 'bounded'] as const)) {
        OrganizationScope.prototype.read = mode === 'bounded' ? bounded : unbounded;
        for (const route of routes) {
          for (let i = 0; i < CALLS; i++) {
            const start = performance.now();
            const res = await t.app.inject({ method: 'GET', url: route, headers });
            samples.get(route)![mode].push(performance.now() - start);
            expect(res.statusCode).toBe(200);
          }
        }
      }
    }
    const lines = routes.map((route) => {
      const { bounded: b, unbounded: u } = samples.get(route)!;
      const [mb, mu] = [median(b), median(u)];
      return `${route.replace(/[0-9a-f-]{36}/g, ':plan')}: bounded ${mb.toFixed(1)} ms, unbounded ${mu.toFixed(1)} ms, ${mb >= mu ? '+' : ''}${(mb - mu).toFixed(1)} ms (${b.length} calls each)`;
    });
    console.log(['', 'Row-level security, median of sequential requests:', ...lines, ''].join('\n'));
  } finally {
    OrganizationScope.prototype.read = bounded;
    await t.close();
  }
});
