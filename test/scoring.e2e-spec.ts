import { Workbook } from 'exceljs';
import { createUnitUser } from './support/factories';
import { expectStatus, request } from './support/http';
import { buildResultsScenario, type ResultsScenario } from './support/results-scenario';
import { createTestApp, tokenFor, type TestApp } from './support/test-app';

/** The scenario of support/results-scenario.ts, scored with the default rules unless a test sets others. */
describe('考核 scores (GET /api/supervision/scores)', () => {
  let t: TestApp;
  let s: ResultsScenario;

  const scores = async (asOf: string, as: 'supervisor' | 'leader' = 'supervisor') => {
    const res = await request(t.app, 'GET', `/api/supervision/scores?planId=${s.planId}&asOf=${asOf}`, undefined, { as });
    expectStatus(res, 200);
    return res.body;
  };
  const table = (body: any) => body.items.map((i: any) => [i.rank, i.unit.name, i.score]);

  beforeAll(async () => {
    t = await createTestApp();
    s = await buildResultsScenario(t);
  });
  afterAll(() => t.close());

  it('as of 2021-10-15: every unit’s score and rank with the default rules', async () => {
    const body = await scores('2021-10-15', 'leader');
    expect(body.rules).toMatchObject({ base: 100, onTimeCompletion: 2, overduePerWorkday: 0.5, missingReport: 1 });
    expect(table(body)).toEqual([
      [1, '文化广电和旅游局', 101],
      [2, '发展改革和统计局', 99],
      [3, '教育体育局', 99],
      [4, '农业农村局', 96.5],
      [5, '民政局', 96],
    ]);
    const events = (name: string) => body.items.find((i: any) => i.unit.name === name).events.map((e: any) => [e.kind, e.taskNumber, e.points, e.detail]);
    expect(events('文化广电和旅游局')).toEqual([
      ['completion_returned', 1, -1, '第1项销号申请于 2021-09-23 被退回'],
      ['on_time_completion', 1, 2, '第1项 2021-09-26 按期销号'],
    ]);
    expect(events('教育体育局')).toEqual([['missing_report', 1, -1, '第1项 2021-08 期未报送进展']]);
    // 10-01…10-07 are the National Day holiday and 10-09 a make-up workday: 7 workdays after 09-30.
    expect(events('农业农村局')).toEqual([['overdue', 2, -3.5, '第2项逾期未办结，逾期 7 个工作日']]);
    expect(events('民政局')).toEqual([
      ['missing_report', 3, -1, '第3项 2021-08 期未报送进展'],
      ['missing_report', 3, -1, '第3项 2021-09 期未报送进展'],
      ['extension_beyond', 4, -2, '第4项第 2 次延期（2021-09-21 批准，超过 1 次）'],
    ]);
    expect(body.items[0]).toMatchObject({ bonus: 2, deductions: 1 });
  });

  it('as of an earlier day only what had happened by then counts', async () => {
    const body = await scores('2021-09-01');
    expect(table(body)).toEqual([
      [1, '农业农村局', 100],
      [2, '文化广电和旅游局', 100],
      [3, '发展改革和统计局', 99],
      [4, '教育体育局', 99],
      [5, '民政局', 99],
    ]);
  });

  it('lights over the months: the overdue farmland is red, the indicator yellow while its actual missed the target', async () => {
    const light = async (number: number, asOf: string) => {
      const res = await request(t.app, 'GET', `/api/supervision/tasks?planId=${s.planId}&asOf=${asOf}&q=${number}&pageSize=1`);
      return res.body.items.find((i: any) => i.number === number);
    };
    expect(await light(2, '2021-10-15')).toMatchObject({
      light: 'red',
      latestPercent: 75,
      reasons: ['已超过完成时限 2021-09-30 15 天（7 个工作日）', '最新报送进度 75%，落后序时进度 100% 超过 10 个百分点'],
    });
    expect(await light(5, '2021-07-26')).toMatchObject({ light: 'yellow', reasons: ['指标“生产总值”实际 7.5%，未达目标（不低于 8%）'] });
    expect(await light(5, '2021-09-01')).toMatchObject({
      light: 'yellow',
      reasons: ['2021-08 期进展未报送', '指标“生产总值”实际 7.5%，未达目标（不低于 8%）'],
    });
    expect(await light(5, '2021-10-15')).toMatchObject({ light: 'green', reasons: ['按期推进'] });
  });

  it('a supervisor edits the rules (audited); scores follow at once, for any day', async () => {
    const before = await request(t.app, 'GET', `/api/plans/${s.planId}/scoring-rules`, undefined, { as: 'leader' });
    expectStatus(before, 200);
    expect(before.body).toMatchObject({ isDefault: true, labels: { base: '基础分' } });
    const rules = { ...before.body.rules, missingReport: 2, overdueCapPerTask: 3 };
    const put = await request(t.app, 'PUT', `/api/plans/${s.planId}/scoring-rules`, rules);
    expectStatus(put, 200);
    expect(put.body).toMatchObject({ isDefault: false, rules });
    expect(table(await scores('2021-10-15'))).toEqual([
      [1, '文化广电和旅游局', 101],
      [2, '发展改革和统计局', 98],
      [3, '教育体育局', 98],
      [4, '农业农村局', 97],
      [5, '民政局', 94],
    ]);
    const [audit] = await t.dataSource.query(`SELECT before, after FROM audit_event WHERE action = 'plan.scoring_rules' AND entity_id = $1`, [s.planId]);
    expect(audit).toMatchObject({ before: { missingReport: 1 }, after: { missingReport: 2 } });
    const events = (await scores('2021-10-15')).items.find((i: any) => i.unit.name === '农业农村局').events;
    expect(events[0].detail).toBe('第2项逾期未办结，逾期 7 个工作日（已达单项扣分上限）');
    expectStatus(await request(t.app, 'PUT', `/api/plans/${s.planId}/scoring-rules`, { ...before.body.rules }), 200);
  });

  it('refuses bad rules with 400 naming the field; leaders and unit users may not edit, unit users may not read', async () => {
    const { rules } = (await request(t.app, 'GET', `/api/plans/${s.planId}/scoring-rules`)).body;
    const bad = await request(t.app, 'PUT', `/api/plans/${s.planId}/scoring-rules`, { ...rules, overduePerWorkday: -1 });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('overduePerWorkday');
    const missing = await request(t.app, 'PUT', `/api/plans/${s.planId}/scoring-rules`, { base: 100 });
    expect(missing.status).toBe(400);
    expect((await request(t.app, 'PUT', `/api/plans/${s.planId}/scoring-rules`, rules, { as: 'leader' })).status).toBe(403);
    const unitUser = await createUnitUser(t, s.units.get('民政局')!);
    expect((await request(t.app, 'GET', `/api/supervision/scores?planId=${s.planId}&asOf=2021-10-15`, undefined, { as: unitUser })).status).toBe(403);
  });

  it('exports the scores as Excel: ranking, events and rules', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/supervision/scores.xlsx?planId=${s.planId}&asOf=2021-10-15`,
      headers: { authorization: `Bearer ${tokenFor(t.app, 'leader')}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('考核得分_2021-10-15.xlsx'));
    const workbook = new Workbook();
    const bytes = res.rawPayload;
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const ranking = workbook.getWorksheet('考核得分')!;
    expect((ranking.getRow(3).values as unknown[]).slice(1)).toEqual([1, '文化广电和旅游局', 101, 2, 1, 2]);
    expect(ranking.rowCount).toBe(7);
    const details = workbook.getWorksheet('得分明细')!;
    expect((details.getRow(3).values as unknown[]).slice(1)).toEqual(['文化广电和旅游局', '销号退回', 1, -1, '第1项销号申请于 2021-09-23 被退回']);
    expect(workbook.getWorksheet('计分规则')!.getRow(3).values).toEqual([undefined, '基础分', 100]);
  });
});
