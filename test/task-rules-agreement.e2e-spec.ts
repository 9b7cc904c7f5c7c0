import { createImportedPlan, createUnit, tasksByNumber } from './support/factories';
import { expectStatus, request, bodyOf } from './support/http';
import { onDay } from './support/history';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * The reminders and the lights read the same task rules: for every task and every day scanned, each overdue,
 * escalation or due-soon reminder the scan creates matches the light's flags for that task and day, and every
 * task the light calls overdue or due soon has its reminder. The history is made through the API first, dated to
 * the days below; then the days from 2021-09-22 to 2021-10-29 are scanned one by one (as a catch-up would), so
 * each day's status is the one the task had then, not its current one. China's 2021 calendar: National Day
 * 10-01…10-07 off, Sunday 09-26 and Saturday 10-09 make-up workdays.
 *
 *   1 due 09-30, open throughout (民政局)
 *   2 due 09-30, lead 住建局: reported 09-24, 销号 asked 09-29 (still open), approved 10-11
 *   3 due 10-12, 延期 asked 10-08, approved 10-11 to 10-22 (the current due date counts for every day)
 *   4 due 10-14, suspended 09-27, resumed 10-13
 *   5 due 09-30, cancelled 10-09
 *   6 due 10-08, completed 09-28, the day it would have become due soon
 */
const NOTICE = [
  '一、规则一致性',
  '1.推进社会救助提标扩面。(责任单位:民政局;完成时限:2021-09-30)',
  '2.建成养老服务中心。(牵头单位:住房和城乡建设局;责任单位:民政局;完成时限:2021-09-30)',
  '3.建设智慧停车场。(责任单位:民政局;完成时限:2021-10-12)',
  '4.完成校舍维修。(责任单位:民政局;完成时限:2021-10-14)',
  '5.清理历史欠款。(责任单位:民政局;完成时限:2021-09-30)',
  '6.推进资金直达。(责任单位:民政局;完成时限:2021-10-08)',
].join('\n');

const FIRST = '2021-09-22';
const LAST = '2021-10-29';

interface ReminderRow {
  id: string;
  task_id: string;
  unit_id: string | null;
  kind: 'overdue' | 'escalation' | 'due_soon';
  unique_key: string;
  due_date: string;
  workdays_overdue: number | null;
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

describe('task rules: every overdue and due-soon reminder agrees with the light, day by day', () => {
  let t: TestApp;
  let planId: string;
  let tasks: Map<number, any>;
  let minzheng: string;
  let zhujian: string;

  const post = (url: string, body: unknown, status = 201) => bodyOf(request(t.app, 'POST', url, body), status);
  const task = (n: number) => tasks.get(n).id as string;

  beforeAll(async () => {
    // "Today" is the day the 延期 is asked: it must be asked before the due date.
    t = await createTestApp({ CLOCK_TODAY: '2021-10-08' });
    minzheng = (await createUnit(t.app, { name: '民政局' })).id;
    zhujian = (await createUnit(t.app, { name: '住房和城乡建设局' })).id;
    ({
      plan: { id: planId },
    } = await createImportedPlan(t.app, NOTICE, { year: 2021, startDate: '2021-09-01' }));
    tasks = await tasksByNumber(t.app, planId);
    // Only the ladder's deadline rungs are compared here; report-missing has its own tests.
    expectStatus(await request(t.app, 'PUT', '/api/reminder-policy', { planId, reportMissing: false }), 200);

    await onDay(t, '2021-09-24', () => post(`/api/tasks/${task(2)}/progress`, { summary: '主体完工', percent: 90, unitId: zhujian }));
    await onDay(t, '2021-09-27', () => post(`/api/tasks/${task(4)}/suspend`, { reason: '选址调整' }, 200));
    await onDay(t, '2021-09-28', async () => {
      await post(`/api/tasks/${task(6)}/progress`, { summary: '资金已下达', percent: 100, unitId: minzheng });
      await post(`/api/tasks/${task(6)}/completion-request`, { summary: '已全部下达', unitId: minzheng });
      await post(`/api/tasks/${task(6)}/completion-review`, { decision: 'approve' }, 200);
    });
    await onDay(t, '2021-09-29', () => post(`/api/tasks/${task(2)}/completion-request`, { summary: '已竣工', unitId: zhujian }));
    const extension = await onDay(t, '2021-10-08', () =>
      post(`/api/tasks/${task(3)}/extension-requests`, { dueDate: '2021-10-22', reason: '设备到货延迟', unitId: minzheng }),
    );
    await onDay(t, '2021-10-09', () => post(`/api/tasks/${task(5)}/cancel`, { reason: '已并入其他任务' }, 200));
    await onDay(t, '2021-10-11', async () => {
      await post(`/api/tasks/${task(2)}/completion-review`, { decision: 'approve' }, 200);
      await post(`/api/extension-requests/${extension.id}/review`, { decision: 'approve' }, 200);
    });
    await onDay(t, '2021-10-13', () => post(`/api/tasks/${task(4)}/resume`, { reason: '选址已定' }, 200));
  });
  afterAll(() => t?.close());

  it(`scanning each day from ${FIRST} to ${LAST}: the reminders created are exactly the lights' overdue and due-soon flags`, async () => {
    const seen = new Set<string>();
    const mismatches: string[] = [];
    let scanned = 0;
    for (let day = FIRST; day <= LAST; day = nextDay(day)) {
      const scan = await request(t.app, 'POST', '/api/reminders/scan', { asOf: day });
      expectStatus(scan, 200);
      const all: ReminderRow[] = await t.dataSource.query(
        `SELECT id, task_id, unit_id, kind, unique_key, to_char(due_date, 'YYYY-MM-DD') AS due_date, workdays_overdue
           FROM reminder WHERE plan_id = $1 AND kind IN ('overdue', 'escalation', 'due_soon')`,
        [planId],
      );
      const created = all.filter((r) => !seen.has(r.id));
      for (const r of created) seen.add(r.id);
      if (scan.body.skipped) {
        expect([day, scan.body.skipped, created.length]).toEqual([day, 'non_working_day', 0]);
        continue;
      }
      scanned++;
      expect(scan.body.warnings).toEqual([]);

      const page = await request(t.app, 'GET', `/api/supervision/tasks?planId=${planId}&asOf=${day}&pageSize=100`);
      expectStatus(page, 200);
      const lights = new Map<string, any>(page.body.items.map((item: any) => [item.id, item]));

      // Each reminder created today stands on the light's flag for its task and day.
      for (const r of created) {
        const light = lights.get(r.task_id);
        const flag = r.kind === 'due_soon' ? light.flags.dueSoon : light.flags.overdue;
        if (!flag) mismatches.push(`${day} task ${light.number}: a ${r.kind} reminder, but the light (${light.light}, ${light.statusAsOf}) is not ${r.kind === 'due_soon' ? 'due soon' : 'overdue'}`);
        if (r.due_date !== light.dueDate) mismatches.push(`${day} task ${light.number}: ${r.kind} for due date ${r.due_date}, the light's is ${light.dueDate}`);
        if (r.kind !== 'due_soon' && r.workdays_overdue !== light.workdaysOverdue) {
          mismatches.push(`${day} task ${light.number}: ${r.kind} at ${r.workdays_overdue} workdays overdue, the light says ${light.workdaysOverdue}`);
        }
      }
      // Each flag the light raises has its reminder by now (overdue: the one of the current 5-workday round).
      for (const light of lights.values()) {
        const lead = light.lead.length > 0 ? light.lead[0].id : light.responsible[0].id;
        const has = (key: string) => all.some((r) => r.unique_key === key);
        if (light.flags.overdue) {
          const round = Math.floor((light.workdaysOverdue - 1) / 5);
          if (!has(`overdue:${light.id}:${lead}:${light.dueDate}:${round}`)) mismatches.push(`${day} task ${light.number}: overdue (round ${round}) without its reminder`);
        }
        if (light.flags.dueSoon && !has(`due_soon:${light.id}:${lead}:${light.dueDate}`)) mismatches.push(`${day} task ${light.number}: due soon without its reminder`);
      }
    }
    expect(mismatches).toEqual([]);
    // 2021-09-22 … 10-29 has 25 workdays (the make-up Sunday 09-26 and Saturday 10-09 among them).
    expect(scanned).toBe(25);

    // Not a vacuous agreement: what each task got over the walk, worked out by hand from the history above.
    const got: Array<{ number: number; kind: string; n: number }> = await t.dataSource.query(
      `SELECT t.number, r.kind, count(*)::int AS n FROM reminder r JOIN task t ON t.id = r.task_id
        WHERE r.plan_id = $1 GROUP BY t.number, r.kind ORDER BY t.number, r.kind`,
      [planId],
    );
    expect(got.map((g) => `${g.number} ${g.kind} ×${g.n}`)).toEqual([
      // due soon 09-27; overdue 10-08 (round 0), 10-14, 10-21, 10-28; escalated at 10 workdays (10-20), unit + office.
      '1 due_soon ×1',
      '1 escalation ×2',
      '1 overdue ×4',
      // to the lead only: due soon 09-27, overdue 10-08 while 销号 was pending; completed 10-11.
      '2 due_soon ×1',
      '2 overdue ×1',
      // against the extended due date 10-22: due soon 10-19, overdue 10-25.
      '3 due_soon ×1',
      '3 overdue ×1',
      // nothing while suspended; due soon the day it resumed (10-13), overdue 10-15, 10-22, 10-29; escalated 10-28.
      '4 due_soon ×1',
      '4 escalation ×2',
      '4 overdue ×3',
      // due soon 09-27, overdue 10-08; cancelled 10-09.
      '5 due_soon ×1',
      '5 overdue ×1',
    ]);
  });
});
