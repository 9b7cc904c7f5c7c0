import { SCAN_SLICES } from '../src/reminders/reminder-scan.service';
import { createImportedPlan, createUnit } from './support/factories';
import { expectStatus, request } from './support/http';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * The scan works a slice of tasks (and of digest recipients) at a time. Slicing must change nothing: the same days
 * scanned with slices of two tasks and one unit, and then again from scratch in one slice, make the same reminders
 * (keys, words, counts) and the same digests, with the same answers.
 */
const UNITS = ['民政局', '住房和城乡建设局', '交通运输局', '教育局'];
const NOTICE = [
  '一、切片测试',
  '1.推进社会救助提标扩面。(责任单位:民政局;完成时限:2021-09-30)',
  '2.建设智慧停车场。(牵头单位:住房和城乡建设局;责任单位:交通运输局;完成时限:2021-10-13)',
  '3.完成校舍维修。(责任单位:教育局、民政局;完成时限:2021-09-30)',
  '4.推进老旧小区改造。(牵头单位:住房和城乡建设局;责任单位:民政局、教育局;完成时限:2021-10-12)',
  '5.开通公交新线路。(责任单位:交通运输局;完成时限:2021-10-29)',
  '6.建设社区食堂。(牵头单位:民政局;完成时限:2021-10-11)',
  '7.改造农村公路。(责任单位:交通运输局、住房和城乡建设局;完成时限:2021-09-28)',
].join('\n');
const DAYS = ['2021-09-27', '2021-09-30', '2021-10-08', '2021-10-11', '2021-10-20', '2021-10-26'];

describe('the reminder scan in slices', () => {
  let t: TestApp;
  const defaults = { ...SCAN_SLICES };

  beforeAll(async () => {
    t = await createTestApp({ CLOCK_TODAY: '2021-10-08' });
    for (const name of UNITS) await createUnit(t.app, { name });
    const { plan } = await createImportedPlan(t.app, NOTICE, { year: 2021, startDate: '2021-09-01' });
    // Assigned on Monday 2021-09-27, so the 签收 rung speaks from 09-30 on.
    await t.dataSource.query(`UPDATE task_assignment SET assigned_at = '2021-09-27 10:00+08' WHERE task_id IN (SELECT id FROM task WHERE plan_id = $1)`, [
      plan.id,
    ]);
  });
  afterAll(async () => {
    Object.assign(SCAN_SLICES, defaults);
    await t?.close();
  });

  async function scanAll(): Promise<{ answers: unknown[]; reminders: unknown[]; digests: unknown[] }> {
    const answers: unknown[] = [];
    for (const asOf of DAYS) {
      const res = await request(t.app, 'POST', '/api/reminders/scan', { asOf });
      expectStatus(res, 200);
      answers.push(res.body);
    }
    const reminders = await t.dataSource.query(
      `SELECT unique_key, kind, level, audience, unit_id, due_date::text, period, workdays_overdue, message FROM reminder ORDER BY unique_key`,
    );
    const digests = await t.dataSource.query(
      `SELECT d.unit_id, d.channel, d.day::text, array_agg(r.unique_key ORDER BY r.unique_key) AS keys
         FROM reminder_delivery d CROSS JOIN LATERAL unnest(d.reminder_ids) AS carried(id) JOIN reminder r ON r.id = carried.id
        GROUP BY d.id ORDER BY d.day, d.channel, d.unit_id NULLS FIRST`,
    );
    return { answers, reminders, digests };
  }

  it('slices of two tasks and one unit make exactly what one slice makes', async () => {
    const [{ tasks, units }] = await t.dataSource.query(`SELECT (SELECT count(*)::int FROM task) AS tasks, (SELECT count(*)::int FROM unit) AS units`);
    Object.assign(SCAN_SLICES, { tasks: 2, units: 1 });
    expect(tasks).toBeGreaterThan(3 * SCAN_SLICES.tasks);
    expect(units).toBeGreaterThan(3 * SCAN_SLICES.units);
    const sliced = await scanAll();

    await t.dataSource.query(`TRUNCATE reminder_delivery, reminder`);
    Object.assign(SCAN_SLICES, defaults);
    expect(tasks).toBeLessThan(SCAN_SLICES.tasks);
    const whole = await scanAll();

    // Every rung of the ladder is there, so the comparison covers each kind's statement.
    expect(new Set(whole.reminders.map((r: any) => r.kind))).toEqual(new Set(['due_soon', 'overdue', 'escalation', 'report_missing', 'unacknowledged']));
    expect(sliced.answers).toEqual(whole.answers);
    expect(sliced.reminders).toEqual(whole.reminders);
    expect(sliced.digests).toEqual(whole.digests);
  });
});
