import { createImportedPlan, createUnitUser, seedJiyuanRegistry, tasksByNumber } from './factories';
import { onDay } from './history';
import { bodyOf, request } from './http';
import type { TestApp } from './test-app';

/**
 * Four tasks of a 2021 plan (from 07-01; monthly reports due by the 25th) and three months of work, done through the
 * API, each step on the day it happened (onDay):
 *
 *   1 新建城市书房10座 — lead 文化广电和旅游局, responsible 教育体育局, due 10-31.
 *     文旅 reports 07 (3 座), 08 (6 座), 09 (10 座); 教体 reports 07 and 09, not 08.
 *     销号 asked 09-22, returned 09-23; asked again 09-24, approved 09-26 (on time).
 *   2 建设高标准农田2万亩 — 农业农村局, due 09-30. Reports 07 (0.5), 08 (1.0), 09 (1.5 万亩); never finished.
 *   3 完善社会救助 — 民政局, due 12-31. Reports 07 only.
 *   4 推进养老服务 — 民政局, due 08-31; 延期 to 09-30 approved 08-11, to 11-30 approved 09-21. Reports 07, 08, 09.
 *   5 生产总值增长8% (an indicator) — 发展改革和统计局, due 12-31. Reports 07 (7.5%), 09 (8.2%), not 08.
 */
export const RESULTS_NOTICE = [
  '一、今年经济社会发展主要预期目标',
  '5.生产总值增长8%。(责任单位:发展改革和统计局)',
  '二、重点工作',
  '1.新建城市书房10座。(牵头单位:文化广电和旅游局;责任单位:教育体育局;完成时限:10月底前)',
  '2.建设高标准农田2万亩。(责任单位:农业农村局;完成时限:9月底前)',
  '3.完善社会救助。(责任单位:民政局)',
  '4.推进养老服务。(责任单位:民政局;完成时限:8月底前)',
].join('\n');

export interface ResultsScenario {
  planId: string;
  planTitle: string;
  tasks: Map<number, any>;
  units: Map<string, string>;
  /** Adds a report through the API on `day` (see onDay); returns the report. */
  report: (number: number, unit: string, period: string, day: string, body: Record<string, unknown>) => Promise<any>;
}

export async function buildResultsScenario(t: TestApp): Promise<ResultsScenario> {
  const units = await seedJiyuanRegistry(t.app);
  const { plan } = await createImportedPlan(t.app, RESULTS_NOTICE, { year: 2021, startDate: '2021-07-01', endDate: '2021-12-31', title: '2021年下半年重点工作' });
  const tasks = await tasksByNumber(t.app, plan.id);
  const tokens = new Map<string, { token: string }>();
  const tokenOf = async (unit: string) => {
    if (!tokens.has(unit)) tokens.set(unit, await createUnitUser(t, units.get(unit)!));
    return tokens.get(unit)!;
  };
  const targetIds = async (number: number) =>
    (await request(t.app, 'GET', `/api/tasks/${tasks.get(number).id}/targets`)).body.targets.map((x: any) => x.id);
  /** A step on a task (its path under the task, or a path of its own), on `day`. */
  const step = (number: number, path: string, body: unknown, day: string, as: { token: string } | 'supervisor', status = 200) =>
    onDay(t, day, () => bodyOf(request(t.app, 'POST', path.startsWith('/') ? path : `/api/tasks/${tasks.get(number).id}/${path}`, body, { as }), status));

  const report: ResultsScenario['report'] = async (number, unit, period, day, body) =>
    step(number, 'progress', { summary: '按计划推进', period, ...body }, day, await tokenOf(unit), 201);
  const actual = async (number: number, value: number) => ({ actuals: [{ targetId: (await targetIds(number))[0], value }] });

  const WENLV = '文化广电和旅游局';
  const JIAOTI = '教育体育局';
  for (const [period, day, books] of [['2021-07', '07-20', 3], ['2021-08', '08-20', 6], ['2021-09', '09-20', 10]] as const) {
    await report(1, WENLV, period, `2021-${day}`, await actual(1, books));
  }
  await report(1, JIAOTI, '2021-07', '2021-07-21', { percent: 30 });
  await report(1, JIAOTI, '2021-09', '2021-09-21', { percent: 100 });
  const wenlv = await tokenOf(WENLV);
  const requestCompletion = (day: string) => step(1, 'completion-request', { summary: '10座城市书房已建成开放' }, day, wenlv, 201);
  await requestCompletion('2021-09-22');
  await step(1, 'completion-review', { decision: 'return', comment: '缺少验收材料' }, '2021-09-23', 'supervisor');
  await requestCompletion('2021-09-24');
  await step(1, 'completion-review', { decision: 'approve' }, '2021-09-26', 'supervisor');

  for (const [period, day, mu] of [['2021-07', '07-20', 0.5], ['2021-08', '08-20', 1], ['2021-09', '09-20', 1.5]] as const) {
    await report(2, '农业农村局', period, `2021-${day}`, await actual(2, mu));
  }
  await report(3, '民政局', '2021-07', '2021-07-20', { percent: 20 });
  // Task 4 and its two 延期, in the order they happened (a 延期 is asked before the due date, by the day's clock).
  const minzheng = await tokenOf('民政局');
  const extend = async (dueDate: string, asked: string, decided: string) => {
    const extension = await step(4, 'extension-requests', { dueDate, reason: '场地调整' }, asked, minzheng, 201);
    await step(4, `/api/extension-requests/${extension.id}/review`, { decision: 'approve' }, decided, 'supervisor');
  };
  await report(4, '民政局', '2021-07', '2021-07-20', { percent: 40 });
  await extend('2021-09-30', '2021-08-10', '2021-08-11');
  await report(4, '民政局', '2021-08', '2021-08-20', { percent: 40 });
  await report(4, '民政局', '2021-09', '2021-09-20', { percent: 40 });
  await extend('2021-11-30', '2021-09-20', '2021-09-21');

  await report(5, '发展改革和统计局', '2021-07', '2021-07-20', { percent: 50, ...(await actual(5, 7.5)) });
  await report(5, '发展改革和统计局', '2021-09', '2021-09-20', { percent: 75, ...(await actual(5, 8.2)) });

  return { planId: plan.id, planTitle: plan.title, tasks: await tasksByNumber(t.app, plan.id), units, report };
}
