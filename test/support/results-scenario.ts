import { createImportedPlan, createUnitUser, seedJiyuanRegistry, tasksByNumber } from './factories';
import { expectStatus, request } from './http';
import type { TestApp } from './test-app';

/**
 * Four tasks of a 2021 plan (from 07-01; monthly reports due by the 25th) and three months of work, done through the
 * API and then moved back to the day it happened (the API stamps now()):
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
  /** Adds a report through the API and dates it; returns the report. */
  report: (number: number, unit: string, period: string, at: string, body: Record<string, unknown>) => Promise<any>;
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
  const q = (sql: string, params: unknown[]) => t.dataSource.query(sql, params);
  /** What the API just wrote on the task (stamped now) happened at `at`. */
  const dateLatest = async (taskId: string, at: string) => {
    await q(`UPDATE task_event SET at = $2 WHERE task_id = $1 AND at > '2025-01-01'`, [taskId, at]);
    await q(`UPDATE completion_request SET requested_at = $2 WHERE task_id = $1 AND requested_at > '2025-01-01'`, [taskId, at]);
    await q(`UPDATE completion_request SET decided_at = $2 WHERE task_id = $1 AND decided_at > '2025-01-01'`, [taskId, at]);
  };
  const targetIds = async (number: number) =>
    (await request(t.app, 'GET', `/api/tasks/${tasks.get(number).id}/targets`)).body.targets.map((x: any) => x.id);

  const report: ResultsScenario['report'] = async (number, unit, period, at, body) => {
    const task = tasks.get(number);
    const res = await request(t.app, 'POST', `/api/tasks/${task.id}/progress`, { summary: '按计划推进', period, ...body }, { as: await tokenOf(unit) });
    expectStatus(res, 201);
    await q(`UPDATE progress_report SET created_at = $2 WHERE id = $1`, [res.body.id, at]);
    await dateLatest(task.id, at);
    return res.body;
  };
  const actual = async (number: number, value: number) => ({ actuals: [{ targetId: (await targetIds(number))[0], value }] });
  const step = async (number: number, url: string, body: unknown, at: string, as: { token: string } | 'supervisor') => {
    const res = await request(t.app, 'POST', `/api/tasks/${tasks.get(number).id}/${url}`, body, { as });
    expectStatus(res, 200);
    await dateLatest(tasks.get(number).id, at);
  };

  const WENLV = '文化广电和旅游局';
  const JIAOTI = '教育体育局';
  for (const [period, day, books] of [['2021-07', '07-20', 3], ['2021-08', '08-20', 6], ['2021-09', '09-20', 10]] as const) {
    await report(1, WENLV, period, `2021-${day} 10:00+08`, await actual(1, books));
  }
  await report(1, JIAOTI, '2021-07', '2021-07-21 10:00+08', { percent: 30 });
  await report(1, JIAOTI, '2021-09', '2021-09-21 10:00+08', { percent: 100 });
  const wenlv = await tokenOf(WENLV);
  const requestCompletion = async (at: string) => {
    const res = await request(t.app, 'POST', `/api/tasks/${tasks.get(1).id}/completion-request`, { summary: '10座城市书房已建成开放' }, { as: wenlv });
    expectStatus(res, 201);
    await dateLatest(tasks.get(1).id, at);
  };
  await requestCompletion('2021-09-22 10:00+08');
  await step(1, 'completion-review', { decision: 'return', comment: '缺少验收材料' }, '2021-09-23 10:00+08', 'supervisor');
  await requestCompletion('2021-09-24 10:00+08');
  await step(1, 'completion-review', { decision: 'approve' }, '2021-09-26 10:00+08', 'supervisor');

  for (const [period, day, mu] of [['2021-07', '07-20', 0.5], ['2021-08', '08-20', 1], ['2021-09', '09-20', 1.5]] as const) {
    await report(2, '农业农村局', period, `2021-${day} 10:00+08`, await actual(2, mu));
  }
  await report(3, '民政局', '2021-07', '2021-07-20 10:00+08', { percent: 20 });
  for (const [period, day] of [['2021-07', '07-20'], ['2021-08', '08-20'], ['2021-09', '09-20']] as const) {
    await report(4, '民政局', period, `2021-${day} 10:00+08`, { percent: 40 });
  }
  // Two 延期 of task 4, as a review would leave them (the API takes requests only before the due date, by today's clock).
  const minzheng = units.get('民政局')!;
  const [supervisor] = await q(`SELECT id FROM app_user WHERE role = 'supervisor' LIMIT 1`, []);
  const [reporter] = await q(`SELECT id FROM app_user WHERE unit_id = $1 LIMIT 1`, [minzheng]);
  for (const [from, to, asked, decided] of [
    ['2021-08-31', '2021-09-30', '2021-08-10 10:00+08', '2021-08-11 10:00+08'],
    ['2021-09-30', '2021-11-30', '2021-09-20 10:00+08', '2021-09-21 10:00+08'],
  ]) {
    await q(
      `INSERT INTO extension_request (task_id, unit_id, previous_due_date, requested_due_date, reason, requested_by, requested_at,
                                      decision, decided_by, decided_at)
       VALUES ($1, $2, $3, $4, '场地调整', $5, $6, 'approve', $7, $8)`,
      [tasks.get(4).id, minzheng, from, to, reporter.id, asked, supervisor.id, decided],
    );
  }
  await q(`UPDATE task SET due_date = '2021-11-30' WHERE id = $1`, [tasks.get(4).id]);

  await report(5, '发展改革和统计局', '2021-07', '2021-07-20 10:00+08', { percent: 50, ...(await actual(5, 7.5)) });
  await report(5, '发展改革和统计局', '2021-09', '2021-09-20 10:00+08', { percent: 75, ...(await actual(5, 8.2)) });

  return { planId: plan.id, planTitle: plan.title, tasks: await tasksByNumber(t.app, plan.id), units, report };
}
