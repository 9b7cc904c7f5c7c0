import { Workbook, type Worksheet } from 'exceljs';
import { JIYUAN_2021_EXPECTED } from './oracles/jiyuan-2021-units';
import { readJiyuanNotice } from '../src/seed/jiyuan-notice';
import { createImportedPlan, createUnitUser, seedJiyuanRegistry, tasksByNumber } from './support/factories';
import { bodyOf, expectStatus, request } from './support/http';
import { onDay } from './support/history';
import { createTestApp, tokenFor, type TestApp } from './support/test-app';

/**
 * The supervisors' views on the whole 济源 2021 plan (143 tasks, all due 2021-12-31, plan from 2021-01-01, monthly
 * reports due by the 25th), with a history lived through the API and dated day by day (support/history.ts) so every
 * figure below can be worked out by hand. Two days are looked at:
 *
 * A = 2021-10-08, the first workday after the National Day holiday: 序时进度 281/365 = 77%, so behind is < 67%;
 *     the closed period is 2021-09 (cutoff 09-25).
 * B = 2021-10-26: 序时进度 299/365 = 82%, behind is < 72%; the closed period is 2021-10 (cutoff 10-25).
 *
 * Baseline: every lead and responsible unit reports on each of its tasks for 2021-09 on 2021-09-20 10:00 at 70%,
 * and the first report starts the task — except task 17 (never reported), 18 (reported for 2021-08 only, on 08-20),
 * 52 (住房和城乡建设局 did not report; the five streets did) and 6 (发展改革和统计局 did not; 农业农村局 did).
 * October: every lead/responsible unit of section 二 (tasks 9–35) reports for 2021-10 on 10-22 at 75%, except on
 * tasks 10, 11, 12, 13, 15, 16, 17, 19 and 20. Further:
 *   9  due 2021-09-30, never finished                 A: red, 8 days / 1 workday overdue; B: red, 26 / 14
 *   10 due 2021-09-30, completed 09-28 (on time)        green both days
 *   11 due 2021-09-30, 销号 asked 10-06, done 10-12     A: red (a request does not stop the clock); B: completed late
 *   12 due 2021-10-12, 95% on 09-24                     A: yellow, due in 3 workdays; B: red, 14 / 10, unreported
 *   13 due 2021-10-13, 95% on 09-24                     A: green (4 workdays left); B: red, 13 / 9, unreported
 *   14 suspended 10-01, resumed 10-20                   A: grey; B: green
 *   15 cancelled 10-05                                  grey both days
 *   16 30% on 09-22                                     yellow (behind) both days, unreported on B too
 *   17 nothing at all                                   yellow (behind, unreported) both days
 *   18 reported for 2021-08 only                        A: yellow (unreported); B: green (October report)
 *   19 20% for 2021-10 on 10-09                         A: green (the report is after A); B: yellow (behind)
 *   20 completed 10-15                                  A: green, in progress; B: green, completed on time
 */
const A = '2021-10-08';
const B = '2021-10-26';

const ZHUJIAN = '住房和城乡建设局';
const FAGAI = '发展改革和统计局';
const CHENGTOU = '城投建设发展有限公司';
const ZHICHENG = '轵城镇人民政府';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Tasks of a unit by role, counted from the independently written fixture, not from the parser or the API. */
/** Every unit the notice assigns a task to, with the groups (各街道办事处, 各镇人民政府) fanned out. */
const FIXTURE_UNITS = new Set(
  Object.values(JIYUAN_2021_EXPECTED).flatMap((e) => [...(e.lead ?? []), ...(e.responsible ?? []), ...(e.cooperating ?? [])]),
).size;

function fixtureCounts(unit: string): { asLead: number; asResponsible: number; total: number } {
  const items = Object.values(JIYUAN_2021_EXPECTED);
  const asLead = items.filter((e) => e.lead?.includes(unit)).length;
  const asResponsible = items.filter((e) => e.responsible?.includes(unit)).length;
  return { asLead, asResponsible, total: asLead + asResponsible };
}

/** Cell values of a data row, as plain JS values. */
function rowValues(sheet: Worksheet, row: number): unknown[] {
  return (sheet.getRow(row).values as unknown[]).slice(1);
}

describe('supervision views (GET /api/supervision/*)', () => {
  let t: TestApp;
  let planId: string;
  let tasks: Map<number, any>;
  let units: Map<string, string>;
  let unitUserToken: string;

  const get = (path: string, query: Record<string, string> = {}, as: 'supervisor' | 'leader' | 'admin' | { token: string } = 'supervisor') =>
    request(t.app, 'GET', `/api/supervision/${path}?${new URLSearchParams(query).toString()}`, undefined, { as });
  const view = async (path: string, asOf?: string) => {
    const res = await get(path, asOf ? { planId, asOf } : { planId });
    expectStatus(res, 200);
    return res.body;
  };
  /** Downloads an export and opens it with exceljs, as a user's spreadsheet program would. */
  const download = async (path: string, asOf: string) => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/supervision/${path}?planId=${planId}&asOf=${asOf}`,
      headers: { authorization: `Bearer ${tokenFor(t.app, 'leader')}` },
    });
    expect(res.statusCode).toBe(200);
    const workbook = new Workbook();
    const bytes = res.rawPayload;
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    return { headers: res.headers, workbook };
  };
  const byNumber = (items: any[]) => new Map(items.map((i) => [i.task.number, i]));
  const unitItem = (body: any, name: string) => body.items.find((i: any) => i.unit.name === name);

  beforeAll(async () => {
    t = await createTestApp({ CLOCK_TODAY: B });
    units = await seedJiyuanRegistry(t.app);
    ({
      plan: { id: planId },
    } = await createImportedPlan(t.app, readJiyuanNotice(), { year: 2021 }));
    tasks = await tasksByNumber(t.app, planId);
    unitUserToken = (await createUnitUser(t, units.get(ZHUJIAN)!)).token;
    await buildScenario(t, tasks, units);
  });
  afterAll(() => t.close());

  it('the plan is the whole 济源 notice', () => {
    expect(tasks.size).toBe(143);
  });

  describe(`as of ${A}`, () => {
    it('overdue: overdue or behind-schedule tasks, most days overdue first, with workdays across the holiday', async () => {
      const body = await view('overdue', A);
      expect(body).toMatchObject({ asOf: A, period: '2021-09', periodCutoff: '2021-09-25', reportsChecked: true, warnings: [] });
      expect(body.items.map((i: any) => i.task.number)).toEqual([9, 11, 16, 17]);
      const items = byNumber(body.items);
      expect(items.get(9)).toEqual({
        task: {
          id: tasks.get(9).id,
          number: 9,
          content: tasks.get(9).content,
          section: tasks.get(9).section,
          subsection: tasks.get(9).subsection,
          lead: [{ id: units.get('卫生健康委员会'), name: '卫生健康委员会' }],
          responsible: [
            { id: units.get(CHENGTOU), name: CHENGTOU },
            { id: units.get('玉泉街道办事处'), name: '玉泉街道办事处' },
          ],
        },
        dueDate: '2021-09-30',
        status: 'in_progress',
        daysOverdue: 8,
        workdaysOverdue: 1,
        expectedPercent: 100,
        latestPercent: 70,
        lastReportAt: '2021-09-20T02:00:00.000Z',
        light: 'red',
        flags: { overdue: true, dueSoon: false, behindSchedule: true, unreported: false },
        reasons: ['已超过完成时限 2021-09-30 8 天（1 个工作日）', '最新报送进度 70%，落后序时进度 100% 超过 10 个百分点'],
      });
      // 销号 was asked on 10-06 and approved only on 10-12: on A the task is still open, so still overdue.
      expect(items.get(11)).toMatchObject({ status: 'completion_requested', daysOverdue: 8, workdaysOverdue: 1, light: 'red' });
      expect(items.get(16)).toMatchObject({
        status: 'in_progress',
        daysOverdue: 0,
        workdaysOverdue: null,
        expectedPercent: 77,
        latestPercent: 30,
        lastReportAt: '2021-09-22T02:00:00.000Z',
        light: 'yellow',
        flags: { overdue: false, dueSoon: false, behindSchedule: true, unreported: false },
      });
      expect(items.get(17)).toMatchObject({
        status: 'not_started',
        latestPercent: null,
        lastReportAt: null,
        light: 'yellow',
        flags: { overdue: false, dueSoon: false, behindSchedule: true, unreported: true },
        reasons: ['尚无进展报送，落后序时进度 77% 超过 10 个百分点', '2021-09 期进展未报送'],
      });
    });

    it('summary: light and flag counts for the plan, a section and a subsection', async () => {
      const body = await view('summary', A);
      expect(body.totals).toEqual({
        tasks: 143,
        red: 2, // 9, 11
        yellow: 4, // 12 due soon, 16 behind, 17 behind + unreported, 18 unreported
        green: 135,
        grey: 2, // 14 suspended, 15 cancelled
        overdue: 2,
        dueSoon: 1,
        behindSchedule: 4, // 9, 11 (序时进度 100%), 16, 17
        unreported: 2,
        completed: 1, // 10
      });
      expect(body.sections.map((s: any) => s.code)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
      const [first, second] = body.sections;
      expect(first.counts).toMatchObject({ tasks: 8, green: 8, red: 0, yellow: 0, grey: 0 });
      expect(second).toMatchObject({ id: tasks.get(9).section.id, title: tasks.get(9).section.title });
      expect(second.counts).toEqual({
        tasks: 27,
        red: 2,
        yellow: 4,
        green: 19,
        grey: 2,
        overdue: 2,
        dueSoon: 1,
        behindSchedule: 4,
        unreported: 2,
        completed: 1,
      });
      expect(second.subsections.map((s: any) => s.code)).toEqual(['2.1', '2.2', '2.3', '2.4', '2.5']);
      expect(second.subsections[0].counts).toMatchObject({ tasks: 10, red: 2, yellow: 4, green: 2, grey: 2 });
      const subsectionTasks = body.sections.flatMap((s: any) => s.subsections).reduce((n: number, s: any) => n + s.counts.tasks, 0);
      expect(subsectionTasks + first.counts.tasks).toBe(143);
    });

    it('units: per-unit figures and the ranking', async () => {
      const body = await view('units', A);
      expect(FIXTURE_UNITS).toBe(62);
      expect(body.items).toHaveLength(FIXTURE_UNITS);
      expect(body.items.map((i: any) => i.rank)).toEqual(Array.from({ length: 62 }, (_, i) => i + 1));
      expect(unitItem(body, ZHUJIAN)).toEqual({
        unit: { id: units.get(ZHUJIAN), name: ZHUJIAN, kind: 'department' },
        ...fixtureCounts(ZHUJIAN),
        asCooperating: 0,
        completed: 0,
        overdue: 1, // 11
        onTimeCompletionRate: 0, // 0 of (0 completed + 1 overdue)
        reportsMissing: 1, // 52: the streets reported, 住建局 did not
        lastReportAt: '2021-09-24T02:00:00.000Z', // 95% on 12 and 13
        rank: 61,
      });
      expect(fixtureCounts(ZHUJIAN)).toEqual({ asLead: 6, asResponsible: 22, total: 28 });
      expect(unitItem(body, FAGAI)).toMatchObject({
        ...fixtureCounts(FAGAI),
        completed: 0,
        overdue: 0,
        onTimeCompletionRate: null, // nothing completed, nothing overdue
        reportsMissing: 1, // 6: 农业农村局 reported, 发改统计局 did not
        lastReportAt: '2021-09-20T02:00:00.000Z', // its 10-09 report on 19 is after A
      });
      expect(fixtureCounts(FAGAI)).toEqual({ asLead: 12, asResponsible: 30, total: 42 });
      // On 10 (completed on time) and 11 (overdue): 1 of 2.
      expect(unitItem(body, ZHICHENG)).toMatchObject({ completed: 1, overdue: 1, onTimeCompletionRate: 50, reportsMissing: 0 });
      expect(unitItem(body, CHENGTOU)).toMatchObject({ ...fixtureCounts(CHENGTOU), overdue: 2, onTimeCompletionRate: 0, rank: 62 });
      // Fewest overdue first; among those, the best on-time rate; then names in pinyin order.
      expect(body.items.slice(0, 2).map((i: any) => i.unit.name)).toEqual(['投资集团有限公司', '职业技术学院']);
      expect(body.items.slice(-5).map((i: any) => i.unit.name)).toEqual([ZHICHENG, '卫生健康委员会', '玉泉街道办事处', ZHUJIAN, CHENGTOU]);
    });
  });

  describe(`as of ${B}`, () => {
    it('overdue: the three past their due date first, then every behind-schedule task by number', async () => {
      const body = await view('overdue', B);
      expect(body).toMatchObject({ asOf: B, period: '2021-10', periodCutoff: '2021-10-25', warnings: [] });
      const numbers = body.items.map((i: any) => i.task.number);
      expect(numbers).toHaveLength(122);
      expect(numbers.slice(0, 14)).toEqual([9, 12, 13, 1, 2, 3, 4, 5, 6, 7, 8, 16, 17, 19]);
      expect(numbers.slice(14)).toEqual(Array.from({ length: 108 }, (_, i) => i + 36));
      const items = byNumber(body.items);
      expect(items.get(9)).toMatchObject({ daysOverdue: 26, workdaysOverdue: 14, latestPercent: 75, light: 'red' });
      expect(items.get(12)).toMatchObject({
        daysOverdue: 14,
        workdaysOverdue: 10,
        latestPercent: 95,
        flags: { overdue: true, dueSoon: false, behindSchedule: false, unreported: true },
      });
      expect(items.get(13)).toMatchObject({ daysOverdue: 13, workdaysOverdue: 9, light: 'red' });
      expect(items.get(19)).toMatchObject({
        latestPercent: 20,
        lastReportAt: '2021-10-09T02:00:00.000Z',
        light: 'yellow',
        flags: { overdue: false, dueSoon: false, behindSchedule: true, unreported: false },
      });
      expect(items.get(100)).toMatchObject({ expectedPercent: 82, latestPercent: 70, light: 'yellow', reasons: expect.arrayContaining(['2021-10 期进展未报送']) });
      expect(items.has(11)).toBe(false); // completed by now
    });

    it('summary totals and section 二', async () => {
      const body = await view('summary', B);
      expect(body.totals).toEqual({
        tasks: 143,
        red: 3,
        yellow: 119, // 116 outside section 二 without an October report, plus 16, 17, 19
        green: 20,
        grey: 1,
        overdue: 3,
        dueSoon: 0,
        behindSchedule: 120,
        unreported: 120,
        completed: 3,
      });
      expect(body.sections[1].counts).toEqual({
        tasks: 27,
        red: 3,
        yellow: 3,
        green: 20,
        grey: 1,
        overdue: 3,
        dueSoon: 0,
        behindSchedule: 4,
        unreported: 4,
        completed: 3,
      });
    });

    it('units: completions count for the on-time rate, October reports for reportsMissing', async () => {
      const body = await view('units', B);
      expect(unitItem(body, ZHUJIAN)).toMatchObject({
        completed: 1, // 11, late
        overdue: 2, // 12, 13
        onTimeCompletionRate: 0,
        reportsMissing: 26, // 27 open tasks, reported for October only on 29
        lastReportAt: '2021-10-22T02:00:00.000Z',
        rank: 61,
      });
      expect(unitItem(body, FAGAI)).toMatchObject({
        completed: 1, // 20, on time
        overdue: 0,
        onTimeCompletionRate: 100,
        reportsMissing: 30, // 41 open tasks; October reports on 19, 22–26, 28, 30–32, 34
        lastReportAt: '2021-10-22T02:00:00.000Z',
        rank: 1,
      });
      expect(unitItem(body, ZHICHENG)).toMatchObject({ completed: 2, overdue: 1, onTimeCompletionRate: 33.3 });
      expect(unitItem(body, CHENGTOU)).toMatchObject({ completed: 1, overdue: 3, onTimeCompletionRate: 0, reportsMissing: 2, rank: 62 });
      expect(body.items.slice(0, 3).map((i: any) => i.unit.name)).toEqual([FAGAI, '投资集团有限公司', '职业技术学院']);
      expect(body.items.slice(-6).map((i: any) => i.unit.name)).toEqual([
        ZHICHENG,
        '沁园街道办事处',
        '卫生健康委员会',
        '玉泉街道办事处',
        ZHUJIAN,
        CHENGTOU,
      ]);
    });

    it('asOf defaults to today (CLOCK_TODAY)', async () => {
      expect((await view('summary')).asOf).toBe(B);
    });
  });

  describe('Excel exports', () => {
    it('the ledger (任务台账): title, headers, one row per task, lights filled', async () => {
      const { headers, workbook } = await download('ledger.xlsx', A);
      expect(headers['content-type']).toBe(XLSX);
      expect(headers['content-disposition']).toBe(
        `attachment; filename="ledger-${A}.xlsx"; filename*=UTF-8''${encodeURIComponent(`督查台账-${A}.xlsx`)}`,
      );
      const sheet = workbook.getWorksheet('任务台账')!;
      expect(sheet).toBeDefined();
      expect(String(sheet.getCell('A1').value)).toContain(`截至 ${A}`);
      expect(rowValues(sheet, 2)).toEqual([
        '序号',
        '所属部分',
        '任务内容',
        '牵头单位',
        '责任单位',
        '完成时限',
        '状态',
        '最新进展',
        '完成进度(%)',
        '报送时间',
        '预警',
        '逾期天数',
      ]);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
      const dataRows = sheet.getRows(3, sheet.rowCount - 2)!.filter((r) => r.hasValues);
      expect(dataRows).toHaveLength(143);
      expect(dataRows.map((r) => r.getCell(1).value)).toEqual(Array.from({ length: 143 }, (_, i) => i + 1));

      const row9 = sheet.getRow(2 + 9);
      expect(rowValues(sheet, 2 + 9)).toEqual([
        9,
        '二、保持经济平稳运行,强化高质量发展支撑 / (一)强力推进十大工程',
        tasks.get(9).content,
        '卫生健康委员会',
        `${CHENGTOU}、玉泉街道办事处`,
        '2021-09-30',
        '推进中',
        '按计划推进',
        70,
        '2021-09-20 10:00',
        '红灯',
        8,
      ]);
      expect(row9.getCell(11).fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFF4D4F' } });
      const light = (n: number) => sheet.getRow(2 + n).getCell(11).value;
      expect([light(10), light(12), light(14), light(17)]).toEqual(['绿灯', '黄灯', '灰灯', '黄灯']);
      expect(sheet.getRow(2 + 10).getCell(7).value).toBe('已办结');
      expect(sheet.getRow(2 + 17).getCell(9).value).toBeNull();
      const lights = dataRows.map((r) => r.getCell(11).value);
      expect(lights.filter((l) => l === '红灯')).toHaveLength(2);
      expect(lights.filter((l) => l === '黄灯')).toHaveLength(4);
      expect(workbook.getWorksheet('说明')).toBeDefined();
    });

    it('the unit ranking (单位排名)', async () => {
      const { headers, workbook } = await download('units.xlsx', B);
      expect(headers['content-type']).toBe(XLSX);
      expect(headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(`单位排名-${B}.xlsx`)}`);
      const sheet = workbook.getWorksheet('单位排名')!;
      expect(rowValues(sheet, 2)).toEqual(['排名', '单位', '牵头任务', '责任任务', '已完成', '逾期', '按期完成率', '本期未报送', '最近报送时间']);
      expect(rowValues(sheet, 3)).toEqual([1, FAGAI, 12, 30, 1, 0, 1, 30, '2021-10-22 10:00']);
      expect(sheet.getRow(3).getCell(7).numFmt).toBe('0.0%');
      const last = sheet.getRow(2 + 62);
      expect([last.getCell(1).value, last.getCell(2).value, last.getCell(6).value]).toEqual([62, CHENGTOU, 3]);
      expect(sheet.getRow(2 + 63).hasValues).toBe(false);
      const nullRate = (await view('units', B)).items.find((i: any) => i.onTimeCompletionRate === null);
      expect(sheet.getRow(2 + nullRate.rank).getCell(7).value).toBe('—');
    });
  });

  describe('GET /api/supervision/tasks (the register with lights)', () => {
    /** Every page of a filtered list, checking total, page and pageSize on the way. */
    const all = async (query: Record<string, string>, as: 'supervisor' | { token: string } = 'supervisor') => {
      const items: any[] = [];
      let total = 0;
      for (let page = 1; ; page++) {
        const res = await get('tasks', { planId, pageSize: '50', page: String(page), ...query }, as);
        expectStatus(res, 200);
        expect(res.body).toMatchObject({ page, pageSize: 50 });
        total = res.body.total;
        items.push(...res.body.items);
        if (res.body.items.length < 50) break;
      }
      expect(items).toHaveLength(total);
      return items;
    };

    it.each([A, B])('as of %s, the light filter totals are the summary’s light counts', async (asOf) => {
      const summary = await view('summary', asOf);
      let sum = 0;
      for (const light of ['red', 'yellow', 'green', 'grey']) {
        const res = await get('tasks', { planId, asOf, light, pageSize: '1' });
        expectStatus(res, 200);
        expect([light, res.body.total]).toEqual([light, summary.totals[light]]);
        sum += res.body.total;
      }
      expect(sum).toBe(143);
      const reds = await all({ asOf, light: 'red' });
      expect(reds.every((i) => i.light === 'red' && i.flags.overdue && i.daysOverdue > 0)).toBe(true);
    });

    it('items are the register’s tasks with the light of the overdue view', async () => {
      const res = await get('tasks', { planId, asOf: A, q: '9' });
      expectStatus(res, 200);
      const nine = res.body.items.find((i: any) => i.number === 9);
      const overdueNine = byNumber((await view('overdue', A)).items).get(9);
      expect(nine).toMatchObject({
        id: tasks.get(9).id,
        planId,
        version: expect.any(Number),
        leaders: expect.any(Array),
        cooperating: expect.any(Array),
        light: 'red',
        flags: overdueNine.flags,
        reasons: overdueNine.reasons,
        daysOverdue: 8,
        workdaysOverdue: 1,
        expectedPercent: overdueNine.expectedPercent,
        latestPercent: overdueNine.latestPercent,
      });
      expect(res.body).toMatchObject({ asOf: A, warnings: [] });
      const grey = await get('tasks', { planId, asOf: A, q: '15' });
      expect(grey.body.items.find((i: any) => i.number === 15)).toMatchObject({ light: 'grey', statusAsOf: 'cancelled' });
      // asOf defaults to the server's today.
      expect((await get('tasks', { planId, pageSize: '1' })).body.asOf).toBe(B);
    });

    it('pages on the server, in task number order, and combines filters', async () => {
      const first = await get('tasks', { planId, asOf: A, page: '1', pageSize: '20' });
      const eighth = await get('tasks', { planId, asOf: A, page: '8', pageSize: '20' });
      expect(first.body).toMatchObject({ total: 143, page: 1, pageSize: 20 });
      expect(first.body.items.map((i: any) => i.number)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(eighth.body.items.map((i: any) => i.number)).toEqual([141, 142, 143]);
      expect((await get('tasks', { planId, asOf: A, page: '9', pageSize: '20' })).body).toMatchObject({ total: 143, items: [] });
      const yellow = await all({ asOf: A, light: 'yellow' });
      expect(yellow.map((i) => i.number)).toEqual([...yellow.map((i) => i.number)].sort((a, b) => a - b));
      const zhujian = units.get(ZHUJIAN)!;
      const mine = await all({ asOf: A, unitId: zhujian, role: 'lead' });
      expect(mine.length).toBe(fixtureCounts(ZHUJIAN).asLead);
      expect(mine.every((i) => i.lead.some((u: any) => u.id === zhujian))).toBe(true);
      const text = await all({ asOf: A, q: '篮球' });
      expect(text.length).toBe(1);
    });

    it('a unit user sees only its own unit’s tasks, and 403 elsewhere', async () => {
      const zhujian = units.get(ZHUJIAN)!;
      const own = { token: unitUserToken };
      const mine = await all({ asOf: A }, own);
      const expected = Object.values(JIYUAN_2021_EXPECTED).filter((e) =>
        [...(e.lead ?? []), ...(e.responsible ?? []), ...(e.cooperating ?? [])].includes(ZHUJIAN),
      ).length;
      expect(mine.length).toBe(expected);
      expect(mine.length).toBeLessThan(143);
      expect(mine.every((i) => [...i.lead, ...i.responsible, ...i.cooperating].some((u: any) => u.id === zhujian))).toBe(true);
      // Its own unitId is fine; another unit's is refused.
      expect((await get('tasks', { planId, asOf: A, unitId: zhujian, pageSize: '1' }, own)).body.total).toBe(expected);
      const other = await get('tasks', { planId, asOf: A, unitId: units.get(FAGAI)! }, own);
      expect([other.status, other.body.code]).toEqual([403, 'FORBIDDEN']);
      // A plan its unit has no task in.
      const elsewhere = (await createImportedPlan(t.app, '1.推进农村公路建设。(责任单位:交通运输局)', { year: 2021 })).plan.id;
      const denied = await get('tasks', { planId: elsewhere }, own);
      expect([denied.status, denied.body.code]).toEqual([403, 'FORBIDDEN']);
      expectStatus(await get('tasks', { planId: elsewhere }), 200);
      expect((await request(t.app, 'GET', `/api/supervision/tasks?planId=${planId}`, undefined, { as: 'anonymous' })).status).toBe(401);
    });

    it('validation: 400 for a bad light, page or missing planId; 404 for an unknown plan', async () => {
      for (const [query, field] of [
        [{ planId, light: 'blue' }, 'light'],
        [{ planId, pageSize: '201' }, 'pageSize'],
        [{ planId, page: '0' }, 'page'],
        [{ planId, asOf: '2021-02-30' }, 'asOf'],
        [{ planId, status: 'done' }, 'status'],
        [{ light: 'red' }, 'planId'],
      ] as Array<[Record<string, string>, string]>) {
        const res = await get('tasks', query);
        expect([field, res.status, res.body.details?.[0]?.field]).toEqual([field, 400, field]);
      }
      expect((await get('tasks', { planId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    });

    it('GET /api/meta: the server’s today (CLOCK_TODAY) for any role', async () => {
      for (const as of ['supervisor', { token: unitUserToken }] as const) {
        const res = await request(t.app, 'GET', '/api/meta', undefined, { as });
        expectStatus(res, 200);
        expect(res.body).toEqual({ today: B, timezone: 'Asia/Shanghai' });
      }
      expect((await request(t.app, 'GET', '/api/meta', undefined, { as: 'anonymous' })).status).toBe(401);
    });
  });

  describe('access and input', () => {
    it.each(['admin', 'leader'] as const)('%s reads every view', async (as) => {
      for (const path of ['overdue', 'units', 'summary', 'ledger.xlsx', 'units.xlsx']) {
        expect([path, (await get(path, { planId, asOf: A }, as)).status]).toEqual([path, 200]);
      }
    });

    it('a unit user gets 403 on every view, anonymous 401', async () => {
      for (const path of ['overdue', 'units', 'summary', 'ledger.xlsx', 'units.xlsx']) {
        const res = await get(path, { planId }, { token: unitUserToken });
        expect([path, res.status, res.body.code]).toEqual([path, 403, 'FORBIDDEN']);
        expect((await request(t.app, 'GET', `/api/supervision/${path}?planId=${planId}`, undefined, { as: 'anonymous' })).status).toBe(401);
      }
    });

    it('planId is required: 400 naming it', async () => {
      for (const path of ['overdue', 'units', 'summary', 'ledger.xlsx', 'units.xlsx']) {
        const res = await get(path, { asOf: A });
        expectStatus(res, 400);
        expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', message: '请求参数无效：planId' });
        expect(res.body.details).toEqual([{ field: 'planId', reason: expect.stringContaining('必须提供') }]);
      }
    });

    it('a malformed asOf or planId is 400; an unknown plan is 404', async () => {
      for (const asOf of ['2021-02-30', '20211008', '2021-10-08T00:00:00Z']) {
        const res = await get('summary', { planId, asOf });
        expect([asOf, res.status, res.body.details?.[0]?.field]).toEqual([asOf, 400, 'asOf']);
      }
      expect((await get('summary', { planId: 'plan-1' })).body.details[0].field).toBe('planId');
      const unknown = await get('summary', { planId: '00000000-0000-4000-8000-000000000000' });
      expect(unknown.status).toBe(404);
    });

    it('a day in a year without calendar data: 200 with warnings naming the years, workdays left unknown', async () => {
      const asOf = '2031-01-05';
      for (const path of ['overdue', 'units', 'summary']) {
        const body = await view(path, asOf);
        expect(body.warnings).toHaveLength(2);
        expect(body.warnings[0]).toContain('2027 年没有工作日历数据');
        expect(body.warnings[1]).toContain('2031 年没有工作日历数据');
      }
      const overdue = await view('overdue', asOf);
      const open = overdue.items.find((i: any) => i.task.number === 100);
      expect(open).toMatchObject({ daysOverdue: 3292, workdaysOverdue: null, light: 'red' });
      expect(open.reasons[0]).toContain('工作日数无法确定');
      const { workbook } = await download('ledger.xlsx', asOf);
      const notes = workbook.getWorksheet('说明')!;
      const texts = notes.getColumn(1).values.filter(Boolean).map(String);
      expect(texts.filter((line) => line.startsWith('提示：'))).toHaveLength(2);
    });
  });
});

/** Lives the scenario described at the top of this file through the API, each step dated to its day. */
async function buildScenario(t: TestApp, tasks: Map<number, any>, units: Map<string, string>): Promise<void> {
  const zhujian = units.get(ZHUJIAN)!;
  const fagai = units.get(FAGAI)!;
  const id = (n: number) => tasks.get(n).id as string;
  const post = (n: number, step: string, body: object, status = 200) => bodyOf(request(t.app, 'POST', `/api/tasks/${id(n)}/${step}`, body), status);
  /** The units that report on a task: its lead and responsible units. */
  const all = Array.from({ length: 143 }, (_, i) => i + 1);
  const section2 = all.filter((n) => n >= 9 && n <= 35);
  const reporting = (n: number): string[] => [...tasks.get(n).lead, ...tasks.get(n).responsible].map((u: { id: string }) => u.id);

  // Reports, by the supervisor on the units' behalf: (numbers, or all but the excluded) × every reporting unit,
  // minus single (task, unit) pairs, or one unit only.
  const reports = (r: {
    period: string;
    percent: number;
    summary: string;
    only?: number[];
    except?: number[];
    skip?: Array<[number, string]>;
    unit?: string;
  }) => async () => {
    for (const n of r.only ?? all.filter((m) => !r.except?.includes(m))) {
      for (const unitId of r.unit ? [r.unit] : reporting(n)) {
        if (r.skip?.some(([m, unit]) => m === n && unit === unitId)) continue;
        await post(n, 'progress', { period: r.period, percent: r.percent, summary: r.summary, unitId }, 201);
      }
    }
  };
  const requestCompletion = (n: number) => post(n, 'completion-request', { summary: '已完成', unitId: reporting(n)[0] }, 201);
  const approve = (n: number) => post(n, 'completion-review', { decision: 'approve' });

  await onDay(t, '2021-02-01', async () => {
    for (const [n, dueDate] of [[9, '2021-09-30'], [10, '2021-09-30'], [11, '2021-09-30'], [12, '2021-10-12'], [13, '2021-10-13']] as const) {
      await bodyOf(request(t.app, 'PATCH', `/api/tasks/${id(n)}`, { dueDate, version: tasks.get(n).version }));
    }
  });
  await onDay(t, '2021-08-20', reports({ period: '2021-08', percent: 70, summary: '按计划推进', only: [18] }));
  await onDay(
    t,
    '2021-09-20',
    reports({
      period: '2021-09',
      percent: 70,
      summary: '按计划推进',
      except: [17, 18],
      skip: [
        [52, zhujian],
        [6, fagai],
      ],
    }),
  );
  await onDay(t, '2021-09-22', reports({ period: '2021-09', percent: 30, summary: '资金未到位，进度滞后', only: [16], unit: units.get('水利局') }));
  await onDay(t, '2021-09-24', reports({ period: '2021-09', percent: 95, summary: '主体工程基本完工', only: [12, 13], unit: zhujian }));
  await onDay(t, '2021-09-27', () => requestCompletion(10));
  await onDay(t, '2021-09-28 15:00', () => approve(10));
  await onDay(t, '2021-10-01', () => post(14, 'suspend', { reason: '选址调整' }));
  await onDay(t, '2021-10-05', () => post(15, 'cancel', { reason: '已并入其他任务' }));
  await onDay(t, '2021-10-06 09:00', () => requestCompletion(11));
  await onDay(t, '2021-10-09', reports({ period: '2021-10', percent: 20, summary: '项目调整，重新谋划', only: [19], unit: fagai }));
  await onDay(t, '2021-10-12', () => approve(11));
  await onDay(t, '2021-10-14', () => requestCompletion(20));
  await onDay(t, '2021-10-15', () => approve(20));
  await onDay(t, '2021-10-20', () => post(14, 'resume', { reason: '选址已定' }));
  await onDay(
    t,
    '2021-10-22',
    reports({
      period: '2021-10',
      percent: 75,
      summary: '加快推进',
      only: section2.filter((n) => ![10, 11, 12, 13, 15, 16, 17, 19, 20].includes(n)),
    }),
  );
}
