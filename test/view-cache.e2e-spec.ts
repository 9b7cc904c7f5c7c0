import { createImportedPlan, createUnit, createUnitUser, tasksByNumber } from './support/factories';
import { onDay } from './support/history';
import { apiClient, bodyOf, request } from './support/http';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * The supervision views' answer cache (src/supervision/view-cache.ts): an answer is given again while nothing its
 * plan's views read has changed, and never after a change committed before the request — by this api, by another
 * connection, or by a transaction that was still open when the answer was computed. Callers with other access never
 * share an answer.
 */
const DAY = '2021-10-11';
const NOTICE = [
  '一、缓存测试',
  '1.推进社会救助提标扩面。(责任单位:民政局;完成时限:2021-09-30)',
  '2.完成校舍维修。(责任单位:教育局;完成时限:2021-12-31)',
  '3.建设智慧停车场。(责任单位:民政局;完成时限:2021-12-31)',
].join('\n');
const OTHER_NOTICE = '1.清理历史欠款。(责任单位:教育局;完成时限:2021-09-30)';

describe('the supervision views answer from a cache that no committed change gets past', () => {
  let t: TestApp;
  let plan: string;
  let other: string;
  let tasks: Map<number, any>;
  let units: Record<string, string>;
  const { get, post, patch } = apiClient(() => t.app);

  const register = (): Promise<any> => bodyOf(get(`/api/supervision/tasks?planId=${plan}&asOf=${DAY}`));
  const contentOf = async (number: number): Promise<string> => (await register()).items.find((i: any) => i.number === number).content;
  /** Changes a task's content without the change log hearing of it (triggers off for this transaction). */
  const unloggedContent = async (taskId: string, content: string): Promise<void> => {
    await t.dataSource.transaction(async (m) => {
      await m.query(`SET LOCAL session_replication_role = replica`);
      await m.query(`UPDATE task SET content = $2 WHERE id = $1`, [taskId, content]);
    });
  };

  beforeAll(async () => {
    t = await createTestApp({ CLOCK_TODAY: DAY });
    units = {};
    for (const name of ['民政局', '教育局']) units[name] = (await createUnit(t.app, { name })).id;
    plan = (await createImportedPlan(t.app, NOTICE, { year: 2021, startDate: '2021-09-01' })).plan.id;
    other = (await createImportedPlan(t.app, OTHER_NOTICE, { year: 2021, startDate: '2021-09-01' })).plan.id;
    tasks = await tasksByNumber(t.app, plan);
  });
  afterAll(() => t?.close());

  it('gives an answer again while its plan is unchanged; a change of another plan does not renew it, one of its own does', async () => {
    const original = await contentOf(1);
    await unloggedContent(tasks.get(1).id, '未记入变更日志的内容');
    // The unlogged change is invisible to the cache: the answer is the one kept.
    expect(await contentOf(1)).toBe(original);

    const otherTask = (await tasksByNumber(t.app, other)).get(1).id;
    await t.dataSource.query(`UPDATE task SET content = content || '（修订）' WHERE id = $1`, [otherTask]);
    expect(await contentOf(1)).toBe(original);

    await t.dataSource.query(`UPDATE task SET content = '记入变更日志的内容' WHERE id = $1`, [tasks.get(2).id]);
    expect(await contentOf(1)).toBe('未记入变更日志的内容');
    expect(await contentOf(2)).toBe('记入变更日志的内容');
  });

  it('shows a progress report made through the api in the next answer of every view', async () => {
    const id = tasks.get(3).id;
    const before = await register();
    const units3 = await bodyOf(get(`/api/supervision/units?planId=${plan}&asOf=${DAY}`));
    const summary = await bodyOf(get(`/api/supervision/summary?planId=${plan}&asOf=${DAY}`));
    expect(before.items.find((i: any) => i.id === id).latestPercent).toBeNull();
    expect(units3.items.find((u: any) => u.unit.name === '民政局').lastReportAt).toBeNull();

    await onDay(t, DAY, () =>
      bodyOf(post(`/api/tasks/${id}/progress`, { summary: '已完成选址', percent: 30, period: '2021-10', unitId: units['民政局'] }), 201),
    );

    expect((await register()).items.find((i: any) => i.id === id).latestPercent).toBe(30);
    const after = await bodyOf(get(`/api/supervision/units?planId=${plan}&asOf=${DAY}`));
    expect(after.items.find((u: any) => u.unit.name === '民政局').lastReportAt).not.toBeNull();
    const summaryAfter = await bodyOf(get(`/api/supervision/summary?planId=${plan}&asOf=${DAY}`));
    // 30 % by 10-11 is within the tolerance of 序时进度 for a task due at the year's end: no longer behind.
    expect(summaryAfter.totals.behindSchedule).toBe(summary.totals.behindSchedule - 1);
  });

  it('sees a change whose transaction was still open when the answer was computed, once it commits', async () => {
    const runner = t.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(`UPDATE task SET content = '提交在后的内容' WHERE id = $1`, [tasks.get(2).id]);
      // Another change, committed, makes the next answer be computed (and kept) while the first is still open.
      await t.dataSource.query(`UPDATE task SET content = '先提交的内容' WHERE id = $1`, [tasks.get(1).id]);
      expect(await contentOf(1)).toBe('先提交的内容');
      expect(await contentOf(2)).toBe('记入变更日志的内容');
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    expect(await contentOf(2)).toBe('提交在后的内容');
  });

  it('renews every plan’s answers on a change that names no plan (a unit renamed)', async () => {
    const url = `/api/supervision/units?planId=${other}&asOf=${DAY}`;
    expect((await bodyOf(get(url))).items.map((u: any) => u.unit.name)).toEqual(['教育局']);
    await bodyOf(patch(`/api/units/${units['教育局']}`, { name: '教育体育局' }, 'admin'), 200);
    expect((await bodyOf(get(url))).items.map((u: any) => u.unit.name)).toEqual(['教育体育局']);
  });

  it('never gives one caller’s answer to a caller with other access', async () => {
    const staff = await register();
    expect(staff.total).toBe(3);
    const minzheng = await createUnitUser(t, units['民政局']!);
    const own = await bodyOf(request(t.app, 'GET', `/api/supervision/tasks?planId=${plan}&asOf=${DAY}`, undefined, { as: { token: minzheng.token } }));
    expect(own.items.map((i: any) => i.number)).toEqual([1, 3]);
    expect(own.total).toBe(2);
    // A unit with no task in the plan is refused, however often the plan's register was answered to others.
    const outsider = await createUnit(t.app, { name: '审计局' });
    const stranger = await createUnitUser(t, outsider.id);
    const refused = await request(t.app, 'GET', `/api/supervision/tasks?planId=${plan}&asOf=${DAY}`, undefined, { as: { token: stranger.token } });
    expect(refused.status).toBe(403);
    // Unit users do not see the staff views at all.
    const board = await request(t.app, 'GET', `/api/supervision/overdue?planId=${plan}&asOf=${DAY}`, undefined, { as: { token: minzheng.token } });
    expect(board.status).toBe(403);
  });
});
