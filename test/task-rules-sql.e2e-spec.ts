import { runAsSystem } from '../src/access/request-context';
import { CalendarService } from '../src/calendar/calendar.service';
import { addDays, CalendarGapError, type WorkCalendar } from '../src/calendar/work-calendar';
import { SupervisionSnapshotLoader } from '../src/supervision/supervision-snapshot';
import { SupervisionRepository } from '../src/supervision/supervision.repository';
import { overdueItem, registerItem } from '../src/supervision/view-items';
import { DEFAULT_POLICY } from '../src/supervision/timeliness';
import { deadlineAsOf, expectedPercent, OPEN_STATUSES } from '../src/tasks/task-rules';
import { taskTimelinessSql, timelinessParams, type TimelinessRow } from '../src/tasks/task-rules-sql';
import type { TaskStatus } from '../src/tasks/task-status';
import { createImportedPlan, createUnit, tasksByNumber } from './support/factories';
import { expectStatus, request } from './support/http';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * One rule, two renderings: the SQL functions of the task rules (src/tasks/task-rules-sql.ts) answer exactly what
 * the TypeScript rules answer (task-rules.ts, computeTimeliness), rule by rule over a walk of days and dates that
 * crosses National Day 2026, the end of the bundled calendar (2026) and 2027, a year without data but for one
 * admin override — and then task by task through task_timeliness over a plan's history.
 */
const DAYS: string[] = [];
for (let day = '2026-09-20'; day <= '2027-01-12'; day = addDays(day, 1)) DAYS.push(day);

const STATUSES: TaskStatus[] = [...OPEN_STATUSES, 'completed', 'suspended', 'cancelled'];

function tsWorkdays(calendar: WorkCalendar, from: string, to: string): number | null {
  try {
    return calendar.workdaysBetween(from, to);
  } catch (error) {
    if (error instanceof CalendarGapError) return null;
    throw error;
  }
}

describe('task rules in SQL agree with the TypeScript rules', () => {
  let t: TestApp;
  let calendar: WorkCalendar;
  const sql = <T>(text: string, params: unknown[] = []): Promise<T[]> => t.dataSource.query(text, params);

  beforeAll(async () => {
    t = await createTestApp({ CLOCK_TODAY: '2026-09-20' });
    // 2027 has no data; one override day there is known, the others stay unknown (and calendar_day is re-synced).
    expectStatus(
      await request(t.app, 'PUT', '/api/calendar/overrides', { year: 2027, items: [{ day: '2027-01-04', isWorkday: true, note: '试运行' }] }, { as: 'admin' }),
      200,
    );
    calendar = await t.app.get(CalendarService).load();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('calendar_day holds the days the calendar can answer for, and none it cannot', async () => {
    const [row] = await sql<{ y2026: number; y2027: number; jan4: boolean; oct1: boolean }>(
      `SELECT count(*) FILTER (WHERE day BETWEEN '2026-01-01' AND '2026-12-31')::int AS y2026,
              count(*) FILTER (WHERE day BETWEEN '2027-01-01' AND '2027-12-31')::int AS y2027,
              bool_or(is_workday) FILTER (WHERE day = '2027-01-04') AS jan4,
              bool_or(is_workday) FILTER (WHERE day = '2026-10-01') AS oct1
         FROM calendar_day`,
    );
    expect(row).toEqual({ y2026: 365, y2027: 1, jan4: true, oct1: false });
    expect(calendar.knownDays().length).toBe((await sql<{ n: number }>(`SELECT count(*)::int AS n FROM calendar_day`))[0]!.n);
  });

  it('calendar_workdays_between counts (from, to] as WorkCalendar does, null where a day is unknown', async () => {
    const froms = DAYS.filter((_, i) => i % 3 === 0);
    const rows = await sql<{ f: string; t: string; n: number | null }>(
      `SELECT f::text AS f, d::text AS t, calendar_workdays_between(f, d) AS n
         FROM unnest($1::date[]) AS f CROSS JOIN unnest($2::date[]) AS d`,
      [froms, DAYS],
    );
    expect(rows.length).toBe(froms.length * DAYS.length);
    const mismatches = rows.filter((r) => r.n !== tsWorkdays(calendar, r.f, r.t));
    expect(mismatches).toEqual([]);
    // Both kinds of answer are in the walk.
    expect(rows.some((r) => r.n === null)).toBe(true);
    expect(rows.some((r) => r.n !== null && r.n > 20)).toBe(true);
  });

  it('task_deadline: open, overdue, days and workdays overdue, due soon, workdays left and gap years, per threshold', async () => {
    const dues = DAYS.filter((_, i) => i % 2 === 0);
    let compared = 0;
    const seen = { overdue: 0, dueSoon: 0, soonGap: 0, overdueGap: 0 };
    const mismatches: unknown[] = [];
    for (const workdays of [0, 1, 3, 5]) {
      for (const asOf of DAYS.filter((_, i) => i % 4 === 1)) {
        const rows = await sql<{ status: TaskStatus; due: string } & Record<string, any>>(
          `SELECT s AS status, d::text AS due, dl.*
             FROM task_due_soon_window($1::date, $2::int) AS w
             CROSS JOIN unnest($3::text[]) AS s CROSS JOIN unnest($4::date[]) AS d
             CROSS JOIN LATERAL task_deadline(s, d, $1::date, $2::int, w.horizon, w.unknown_from) AS dl`,
          [asOf, workdays, STATUSES, dues],
        );
        for (const row of rows) {
          const ts = deadlineAsOf({ status: row.status, dueDate: row.due }, asOf, calendar, workdays);
          const fromSql = {
            open: row.open,
            overdue: row.overdue,
            daysOverdue: row.days_overdue,
            workdaysOverdue: row.workdays_overdue,
            dueSoon: row.due_soon,
            workdaysLeft: row.workdays_left,
            calendarGaps: [row.overdue_gap_year, row.due_soon_gap_year].filter((y) => y !== null),
          };
          if (JSON.stringify(fromSql) !== JSON.stringify(ts)) mismatches.push({ asOf, workdays, status: row.status, due: row.due, sql: fromSql, ts });
          compared++;
          if (ts.overdue) seen.overdue++;
          if (ts.dueSoon) seen.dueSoon++;
          if (ts.overdue && ts.calendarGaps.length > 0) seen.overdueGap++;
          if (!ts.overdue && ts.calendarGaps.length > 0) seen.soonGap++;
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(10_000);
    for (const count of Object.values(seen)) expect(count).toBeGreaterThan(0);
  });

  it('task_expected_percent is 序时进度 to the percent', async () => {
    const starts = ['2026-01-01', '2026-09-01', '2026-10-15'];
    const dues = DAYS.filter((_, i) => i % 5 === 0);
    const rows = await sql<{ s: string; d: string; a: string; p: number }>(
      `SELECT s::text AS s, d::text AS d, a::text AS a, task_expected_percent(s, d, a) AS p
         FROM unnest($1::date[]) AS s CROSS JOIN unnest($2::date[]) AS d CROSS JOIN unnest($3::date[]) AS a`,
      [starts, dues, DAYS],
    );
    expect(rows.filter((r) => r.p !== expectedPercent(r.s, r.d, r.a))).toEqual([]);
    expect(new Set(rows.map((r) => r.p)).size).toBeGreaterThan(90);
  });

  describe('task_timeliness over a plan with a history', () => {
    let planId: string;
    let plan: { reportingCycle: any; reportCutoffDay: number; startDate: string };

    beforeAll(async () => {
      const unit = await createUnit(t.app, { name: '民政局' });
      const notice = [
        '一、规则一致性',
        '1.推进社会救助提标扩面。(责任单位:民政局;完成时限:2026-09-30)',
        '2.建成养老服务中心。(责任单位:民政局;完成时限:2026-10-09)',
        '3.建设智慧停车场。(责任单位:民政局;完成时限:2026-10-20)',
        '4.完成校舍维修。(责任单位:民政局;完成时限:2026-12-31)',
        '5.清理历史欠款。(责任单位:民政局;完成时限:2027-01-08)',
        '6.推进资金直达。(责任单位:民政局;完成时限:2026-11-15)',
        '7.新建高标准农田5万亩。(责任单位:民政局;完成时限:2026-12-20)',
        '8.居民消费价格涨幅控制在3%以内。(责任单位:民政局;完成时限:2026-12-31)',
      ].join('\n');
      const created = await createImportedPlan(t.app, notice, { year: 2026, startDate: '2026-09-01' });
      planId = created.plan.id;
      plan = { reportingCycle: created.plan.reportingCycle, reportCutoffDay: created.plan.reportCutoffDay, startDate: created.plan.startDate };
      expectStatus(await request(t.app, 'PUT', '/api/reminder-policy', { planId, dueSoonWorkdays: 5 }), 200);
      const tasks = await tasksByNumber(t.app, planId);
      const id = (n: number) => tasks.get(n).id as string;
      const user = (await sql<{ id: string }>(`SELECT id FROM app_user LIMIT 1`))[0]!.id;
      const event = (n: number, day: string, to: TaskStatus) =>
        sql(`INSERT INTO task_event (task_id, at, actor_username, action, to_status) VALUES ($1, $2::timestamptz, 'test', 'status', $3)`, [
          id(n),
          `${day} 10:00+08`,
          to,
        ]);
      const report = async (n: number, day: string, period: string, percent: number) =>
        (
          await sql<{ id: string }>(
            `INSERT INTO progress_report (task_id, unit_id, period, summary, percent, reported_by, created_at)
             VALUES ($1, $2, $3, '进展', $4, $5, $6::timestamptz) RETURNING id`,
            [id(n), unit.id, period, percent, user, `${day} 10:00+08`],
          )
        )[0]!.id;
      await event(1, '2026-09-22', 'in_progress');
      await event(2, '2026-09-25', 'completion_requested');
      await event(2, '2026-10-12', 'completed');
      await event(3, '2026-09-27', 'suspended');
      await event(3, '2026-10-13', 'in_progress');
      await event(4, '2026-11-02', 'cancelled');
      await event(6, '2026-10-30', 'completed');
      await report(1, '2026-09-24', '2026-09', 30);
      await report(5, '2026-10-20', '2026-10', 60);
      await report(5, '2026-11-20', '2026-11', 10);
      await report(6, '2026-10-25', '2026-10', 95);
      // Indicators: a quantity (5 万亩, counted up against 序时进度) and a rate ceiling (3% 以内).
      await sql(`UPDATE task SET kind = 'indicator' WHERE id = ANY($1)`, [[id(7), id(8)]]);
      await sql(`DELETE FROM task_target WHERE task_id = ANY($1)`, [[id(7), id(8)]]);
      const [farm] = await sql<{ id: string }>(
        `INSERT INTO task_target (task_id, position, metric, comparator, value, unit) VALUES ($1, 0, '高标准农田', 'at_least', 5, '万亩') RETURNING id`,
        [id(7)],
      );
      const [prices] = await sql<{ id: string }>(
        `INSERT INTO task_target (task_id, position, metric, comparator, value, unit) VALUES ($1, 0, '居民消费价格涨幅', 'at_most', 3, '%') RETURNING id`,
        [id(8)],
      );
      const actual = async (n: number, target: string, day: string, period: string, value: number) =>
        sql(`INSERT INTO progress_actual (report_id, target_id, value) VALUES ($1, $2, $3)`, [await report(n, day, period, 50), target, value]);
      await actual(7, farm!.id, '2026-10-10', '2026-09', 2.6);
      await actual(7, farm!.id, '2026-11-10', '2026-10', 2.9);
      await actual(8, prices!.id, '2026-10-10', '2026-09', 2.5);
      await actual(8, prices!.id, '2026-12-01', '2026-11', 3.2);
    });

    it('gives every task the status, flags, 序时进度, latest report and light of the snapshot, day by day', async () => {
      const loader = t.app.get(SupervisionSnapshotLoader);
      const lights = new Set<string>();
      const shortDays = new Set<string>();
      let compared = 0;
      for (const asOf of DAYS) {
        const rows = await sql<TimelinessRow>(
          `SELECT * FROM ${taskTimelinessSql(1)}`,
          timelinessParams(planId, asOf, plan, DEFAULT_POLICY.behindTolerance),
        );
        const snapshot = await runAsSystem(() => loader.load(planId, asOf));
        expect(rows.length).toBe(snapshot.tasks.length);
        const byId = new Map(rows.map((r) => [r.task_id, r]));
        for (const task of snapshot.tasks) {
          const row = byId.get(task.id)!;
          const tl = task.timeliness;
          const fromSql = {
            status: row.status,
            open: row.open,
            overdue: row.overdue,
            daysOverdue: row.days_overdue,
            workdaysOverdue: row.workdays_overdue,
            dueSoon: row.due_soon,
            workdaysLeft: row.workdays_left,
            calendarGaps: [row.overdue_gap_year, row.due_soon_gap_year].filter((y) => y !== null),
            expectedPercent: row.expected_percent,
            latestPercent: row.latest_percent,
            latestAt: row.latest_report_at?.toISOString() ?? null,
            unreported: row.unreported,
            behindSchedule: row.behind_schedule,
            targetsShort: row.targets_short,
            light: row.light,
          };
          expect({ asOf, number: task.number, ...fromSql }).toEqual({
            asOf,
            number: task.number,
            status: task.status,
            open: tl.open,
            overdue: tl.overdue,
            daysOverdue: tl.daysOverdue,
            workdaysOverdue: tl.workdaysOverdue,
            dueSoon: tl.dueSoon,
            workdaysLeft: tl.workdaysLeft,
            calendarGaps: tl.calendarGaps,
            expectedPercent: tl.expectedPercent,
            latestPercent: task.latestReport?.percent ?? null,
            latestAt: task.latestReport?.at.toISOString() ?? null,
            unreported: tl.unreported,
            behindSchedule: tl.behindSchedule,
            targetsShort: tl.targetsShort,
            light: tl.light,
          });
          lights.add(tl.light);
          if (tl.targetsShort) shortDays.add(`${task.number}`);
          compared++;
        }
      }
      expect(compared).toBe(DAYS.length * 8);
      expect([...lights].sort()).toEqual(['green', 'grey', 'red', 'yellow']);
      // Both indicators fall short on some day: the quantity behind 序时进度, the rate past its ceiling.
      expect([...shortDays].sort()).toEqual(['7', '8']);
    });

    it('task_timeliness_of gives named tasks their rows of task_timeliness, and the views word the snapshot\'s reasons from them', async () => {
      const loader = t.app.get(SupervisionSnapshotLoader);
      const repository = t.app.get(SupervisionRepository);
      const tasks = await tasksByNumber(t.app, planId);
      const named = [1, 3, 5, 7, 8].map((n) => tasks.get(n).id as string);
      const reasonsSeen = new Set<string>();
      for (const asOf of DAYS) {
        const params = timelinessParams(planId, asOf, plan, DEFAULT_POLICY.behindTolerance);
        const all = await sql<TimelinessRow>(`SELECT * FROM ${taskTimelinessSql(1)} ORDER BY number`, params);
        const some = await sql<TimelinessRow>(
          `SELECT * FROM task_timeliness_of($1::uuid, $6::uuid[], $2::date, $3::text, $4::boolean, $5::int) ORDER BY number`,
          [...params, named],
        );
        expect({ asOf, rows: some }).toEqual({ asOf, rows: all.filter((row) => named.includes(row.task_id)) });

        const [snapshot, scope] = await runAsSystem(() => Promise.all([loader.load(planId, asOf), repository.scope(planId, asOf)]));
        const { rows: page } = await runAsSystem(() => repository.registerPage(scope, { scopeUnit: null }, 1, 20));
        const board = new Map((await runAsSystem(() => repository.flagged(scope))).map((row) => [row.id, overdueItem(row, scope)]));
        expect(page.map((row) => row.number)).toEqual(snapshot.tasks.map((task) => task.number));
        for (const [i, task] of snapshot.tasks.entries()) {
          const item = registerItem(page[i]!, scope);
          expect({ asOf, number: task.number, light: item.light, reasons: item.reasons }).toEqual({
            asOf,
            number: task.number,
            light: task.timeliness.light,
            reasons: task.timeliness.reasons,
          });
          if (board.has(task.id)) expect(board.get(task.id)!.reasons).toEqual(task.timeliness.reasons);
          for (const reason of task.timeliness.reasons) reasonsSeen.add(reason.replace(/[\d-]+/g, '#'));
        }
      }
      // The walk words every kind of reason: overdue, due soon, a calendar gap, behind, unreported, an indicator, grey, done, on track.
      expect(reasonsSeen.size).toBeGreaterThanOrEqual(9);
    });
  });
});
