import { EXACT_TOTAL_LIMIT } from '../src/tasks/tasks.service';
import { createImportedPlan, createUnit, createUnitUser, listTasks, tasksUrl } from './support/factories';
import { expectStatus, request } from './support/http';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * GET /api/tasks at scale (issue 11, item 3): a cursor (`after` / `nextCursor`) pages in the same order as page
 * numbers; the total is exact up to EXACT_TOTAL_LIMIT tasks and flagged as an estimate past it; a unit user's
 * own-unit filter reads exactly what its scope allows.
 */
describe('GET /api/tasks: keyset pages and bounded totals', () => {
  let t: TestApp;
  let planId: string;
  let ownUnit: { id: string; name: string };
  let otherUnit: { id: string; name: string };
  let unitToken: string;

  beforeAll(async () => {
    t = await createTestApp();
    ownUnit = await createUnit(t.app);
    otherUnit = await createUnit(t.app);
    // 45 tasks: the even ones the own unit's, the odd ones the other unit's.
    const lines = Array.from({ length: 45 }, (_, i) => `${i + 1}.建设第${i + 1}个停车场。(责任单位:${(i + 1) % 2 === 0 ? ownUnit.name : otherUnit.name})`);
    ({ plan: { id: planId } } = await createImportedPlan(t.app, `一、测试\n${lines.join('\n')}`, { year: 2021 }));
    unitToken = (await createUnitUser(t, ownUnit.id)).token;
  }, 120_000);
  afterAll(() => t?.close());

  async function followCursors(query: Record<string, string | number>, as?: { token: string }): Promise<any[]> {
    const pages: any[] = [];
    let after: string | undefined;
    do {
      const res = await request(t.app, 'GET', tasksUrl({ ...query, after }), undefined, as ? { as } : {});
      expectStatus(res, 200);
      pages.push(res.body);
      after = res.body.nextCursor ?? undefined;
    } while (after);
    return pages;
  }

  it('cursors page through every task once, in the order page numbers give, and end with nextCursor null', async () => {
    const pages = await followCursors({ planId, pageSize: 20 });
    expect(pages.map((p) => p.items.length)).toEqual([20, 20, 5]);
    expect(pages.map((p) => p.nextCursor === null)).toEqual([false, false, true]);
    const byCursor = pages.flatMap((p) => p.items.map((task: any) => task.number));
    expect(byCursor).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));

    const byNumber: number[] = [];
    for (const page of [1, 2, 3]) byNumber.push(...(await listTasks(t.app, { planId, pageSize: 20, page })).items.map((task: any) => task.number));
    expect(byCursor).toEqual(byNumber);
    expect(pages.every((p) => p.total === 45 && p.totalExact === true)).toBe(true);
  });

  it('the page-number form keeps its fields and adds the cursor of its last row', async () => {
    const first = await listTasks(t.app, { planId, pageSize: 10 });
    expect(first).toMatchObject({ total: 45, page: 1, pageSize: 10, totalExact: true });
    const next = await listTasks(t.app, { planId, pageSize: 10, after: first.nextCursor });
    expect(next.items[0].number).toBe(11);
    expect((await listTasks(t.app, { planId, pageSize: 10, page: 5 })).nextCursor).toBeNull();
  });

  it('a malformed cursor is a 400 naming after; after with page is a 400 naming page', async () => {
    for (const after of ['not-a-cursor', Buffer.from('x/1').toString('base64url'), '']) {
      const res = await request(t.app, 'GET', `/api/tasks?planId=${planId}&after=${after}`);
      expectStatus(res, 400);
      expect(JSON.stringify(res.body.details)).toContain('after');
    }
    const first = await listTasks(t.app, { planId, pageSize: 10 });
    const both = await request(t.app, 'GET', tasksUrl({ planId, after: first.nextCursor, page: 2 }));
    expectStatus(both, 400);
    expect(both.body.details).toEqual([expect.objectContaining({ field: 'page' })]);
  });

  it("a unit user's own-unit filter gives exactly its readable tasks; another unit's filter still keeps to them", async () => {
    const as = { token: unitToken };
    const own = (await followCursors({ planId, unitId: ownUnit.id, pageSize: 7 }, as)).flatMap((p) => p.items.map((task: any) => task.number));
    const unfiltered = (await followCursors({ planId, pageSize: 7 }, as)).flatMap((p) => p.items.map((task: any) => task.number));
    expect(own).toEqual(Array.from({ length: 22 }, (_, i) => 2 * (i + 1)));
    expect(unfiltered).toEqual(own);
    const other = await request(t.app, 'GET', tasksUrl({ planId, unitId: otherUnit.id }), undefined, { as });
    expectStatus(other, 200);
    expect(other.body).toMatchObject({ items: [], total: 0, totalExact: true, nextCursor: null });
  });

  it(`past ${EXACT_TOTAL_LIMIT} matching tasks the total is flagged as an estimate, and cursors still reach the end`, async () => {
    await t.dataSource.query(
      `INSERT INTO task (plan_id, number, content, due_date)
       SELECT $1, 100 + n, '批量任务' || n, DATE '2021-12-31' FROM generate_series(1, $2::int) AS n`,
      [planId, EXACT_TOTAL_LIMIT + 100],
    );
    await t.dataSource.query(`ANALYZE task`);
    const first = await listTasks(t.app, { planId, pageSize: 200 });
    expect(first.totalExact).toBe(false);
    expect(first.total).toBeGreaterThan(EXACT_TOTAL_LIMIT);
    const pages = await followCursors({ planId, pageSize: 200 });
    expect(pages.reduce((n, p) => n + p.items.length, 0)).toBe(45 + EXACT_TOTAL_LIMIT + 100);
    expect(pages.at(-1).items.at(-1).number).toBe(100 + EXACT_TOTAL_LIMIT + 100);
    // A narrower filter under the limit is exact again.
    expect(await listTasks(t.app, { planId, q: '批量任务10', pageSize: 5 })).toMatchObject({ totalExact: true });
  });
});
