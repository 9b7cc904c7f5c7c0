import { createImportedPlan, createUnit, createUnitUser, tasksByNumber } from './support/factories';
import { expectStatus, request } from './support/http';
import { onDay } from './support/history';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * The 驾驶舱 on a five-task plan (2021, monthly reports due by the 25th), looked at on 2021-10-20: 序时进度 of a
 * year-end task is 293/365 = 80%, the last closed period is 2021-09, the open one 2021-10 (cutoff 10-25, within
 * the week). Units 甲局, 乙局, 丙局 (unique names per run). Reports name their period: the server's clock is not 2021.
 *   1 (一) due 06-30, lead 甲 + responsible 乙, 50% on 05-10, never finished     red, 112 days overdue
 *   2 (一) due 08-31, responsible 甲: 30% on 03-10, 销号 asked 07-15, approved 07-20  green, completed in July
 *   3 (一) due 09-30, responsible 乙, never reported                               red, 20 days overdue
 *   4 (二) due 12-31, responsible 丙, cooperating 甲: 85% on 10-15 (period 2021-10)  yellow: nothing for 2021-09
 *   5 (二) due 12-31, responsible 丙: 100% on 04-12, 销号 04-14, approved 04-16       green, completed in April
 */
describe('驾驶舱 (GET /api/supervision/dashboard)', () => {
  let t: TestApp;
  let planId: string;
  let tasks: Map<number, any>;
  const unit = { jia: '', yi: '', bing: '' };
  const name = { jia: '', yi: '', bing: '' };

  const post = async (url: string, body: object) => {
    const res = await request(t.app, 'POST', url, body);
    expect([200, 201]).toContain(res.status);
    return res.body;
  };

  beforeAll(async () => {
    t = await createTestApp();
    for (const key of ['jia', 'yi', 'bing'] as const) {
      const created = await createUnit(t.app, { name: `${{ jia: '甲', yi: '乙', bing: '丙' }[key]}局${Math.random().toString(36).slice(2, 6)}` });
      unit[key] = created.id;
      name[key] = created.name;
    }
    const notice = [
      '一、经济发展',
      `1.任务一。(牵头单位:${name.jia};责任单位:${name.yi};完成时限:2021-06-30)`,
      `2.任务二。(责任单位:${name.jia};完成时限:2021-08-31)`,
      `3.任务三。(责任单位:${name.yi};完成时限:2021-09-30)`,
      '二、民生保障',
      `4.任务四。(责任单位:${name.bing};配合单位:${name.jia})`,
      `5.任务五。(责任单位:${name.bing})`,
    ].join('\n');
    planId = (await createImportedPlan(t.app, notice, { year: 2021 })).plan.id;
    tasks = await tasksByNumber(t.app, planId);
    const id = (n: number) => tasks.get(n).id as string;

    await onDay(t, '2021-03-10', () => post(`/api/tasks/${id(2)}/progress`, { summary: '启动', percent: 30, period: '2021-03', unitId: unit.jia }));
    await onDay(t, '2021-04-12', () => post(`/api/tasks/${id(5)}/progress`, { summary: '完成', percent: 100, period: '2021-04', unitId: unit.bing }));
    await onDay(t, '2021-04-14', () => post(`/api/tasks/${id(5)}/completion-request`, { summary: '已完成', unitId: unit.bing }));
    await onDay(t, '2021-04-16', () => post(`/api/tasks/${id(5)}/completion-review`, { decision: 'approve', comment: '同意' }));
    await onDay(t, '2021-05-10', () => post(`/api/tasks/${id(1)}/progress`, { summary: '推进中', percent: 50, period: '2021-05', unitId: unit.jia }));
    await onDay(t, '2021-07-15', () => post(`/api/tasks/${id(2)}/completion-request`, { summary: '已完成', unitId: unit.jia }));
    await onDay(t, '2021-07-20', () => post(`/api/tasks/${id(2)}/completion-review`, { decision: 'approve', comment: '同意' }));
    await onDay(t, '2021-10-15', () => post(`/api/tasks/${id(4)}/progress`, { summary: '推进中', percent: 85, period: '2021-10', unitId: unit.bing }));
  });
  afterAll(() => t.close());

  const dashboard = async (asOf = '2021-10-20', as: 'leader' | 'supervisor' | 'admin' = 'leader') => {
    const res = await request(t.app, 'GET', `/api/supervision/dashboard?planId=${planId}&asOf=${asOf}`, undefined, { as });
    expectStatus(res, 200);
    return res.body;
  };

  it('counts the lights of the plan and of each section', async () => {
    const body = await dashboard();
    expect(body.asOf).toBe('2021-10-20');
    expect(body.totals).toMatchObject({ tasks: 5, red: 2, yellow: 1, green: 2, grey: 0, overdue: 2, completed: 2 });
    expect(body.sections.map((s: any) => [s.code, s.title, s.counts.red, s.counts.yellow, s.counts.green, s.counts.grey])).toEqual([
      ['1', '经济发展', 2, 0, 1, 0],
      ['2', '民生保障', 0, 1, 1, 0],
    ]);
  });

  it('gives the completion rate at the end of each month of the plan up to asOf (asOf itself in its month)', async () => {
    const { completionTrend } = await dashboard();
    expect(completionTrend.map((p: any) => [p.month, p.day, p.completed, p.total, p.rate])).toEqual([
      ['2021-01', '2021-01-31', 0, 5, 0],
      ['2021-02', '2021-02-28', 0, 5, 0],
      ['2021-03', '2021-03-31', 0, 5, 0],
      ['2021-04', '2021-04-30', 1, 5, 20],
      ['2021-05', '2021-05-31', 1, 5, 20],
      ['2021-06', '2021-06-30', 1, 5, 20],
      ['2021-07', '2021-07-31', 2, 5, 40],
      ['2021-08', '2021-08-31', 2, 5, 40],
      ['2021-09', '2021-09-30', 2, 5, 40],
      ['2021-10', '2021-10-20', 2, 5, 40],
    ]);
    // A day before the second 销号: the curve ends there.
    const earlier = await dashboard('2021-07-19');
    expect(earlier.completionTrend.map((p: any) => [p.day, p.completed])).toEqual([
      ['2021-01-31', 0], ['2021-02-28', 0], ['2021-03-31', 0], ['2021-04-30', 1], ['2021-05-31', 1], ['2021-06-30', 1], ['2021-07-19', 1],
    ]);
  });

  it('lists the most overdue tasks first, with days overdue', async () => {
    const { mostOverdue } = await dashboard();
    expect(mostOverdue.map((i: any) => [i.task.number, i.daysOverdue, i.light])).toEqual([
      [1, 112, 'red'],
      [3, 20, 'red'],
    ]);
  });

  it('ranks the units: fewest overdue first', async () => {
    const { units } = await dashboard();
    expect(units.map((u: any) => [u.rank, u.unit.name, u.total, u.completed, u.overdue, u.onTimeCompletionRate])).toEqual([
      [1, name.bing, 2, 1, 0, 100],
      [2, name.jia, 3, 1, 1, 50],
      [3, name.yi, 2, 0, 2, 0],
    ]);
  });

  it('lists the reports due this week: the open period’s, by unit, most owed first', async () => {
    const { reportsDue } = await dashboard();
    expect(reportsDue).toMatchObject({ period: '2021-10', cutoff: '2021-10-25', dueThisWeek: true, total: 3 });
    expect(reportsDue.units.map((u: any) => [u.unit.name, u.tasks.map((x: any) => x.number)])).toEqual([
      [name.yi, [1, 3]],
      [name.jia, [1]],
    ]);
    // On 10-08 the 10-25 cutoff is more than a week away: nothing listed.
    const early = await dashboard('2021-10-08');
    expect(early.reportsDue).toEqual({ period: '2021-10', cutoff: '2021-10-25', dueThisWeek: false, total: 0, units: [] });
  });

  it('is for leaders, supervisors and admins; a unit user gets 403, a bad asOf 400 naming the field', async () => {
    await dashboard('2021-10-20', 'supervisor');
    await dashboard('2021-10-20', 'admin');
    const clerk = await createUnitUser(t, unit.jia);
    const denied = await request(t.app, 'GET', `/api/supervision/dashboard?planId=${planId}`, undefined, { as: { token: clerk.token } });
    expect(denied.status).toBe(403);
    const bad = await request(t.app, 'GET', `/api/supervision/dashboard?planId=${planId}&asOf=2021-13-01`, undefined, { as: 'leader' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: any) => d.field)).toContain('asOf');
  });
});
