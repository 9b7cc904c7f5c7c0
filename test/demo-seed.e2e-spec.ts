import { Client } from 'pg';
import { periodOf } from '../src/progress/reporting-period';
import { DEMO_DAY, NOTICE_DAY } from '../src/seed/demo-year';
import { seedDemoDatabase, type SeededDatabase } from './support/demo-seed';

jest.setTimeout(600_000);

async function query<T = Record<string, any>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('the demo seed (npm start’s demo year)', () => {
  let first: SeededDatabase;
  let second: SeededDatabase;

  beforeAll(async () => {
    first = await seedDemoDatabase();
    second = await seedDemoDatabase();
    console.log(`demo seed took ${first.ms} ms and ${second.ms} ms; ${JSON.stringify(first.result)}`);
  });

  afterAll(async () => {
    await first?.drop();
    await second?.drop();
  });

  it('is deterministic: two seeds into two fresh databases give the same lights and the same history', async () => {
    expect(second.result).toEqual(first.result);
    const history = (url: string) =>
      query(
        url,
        `SELECT t.number, e.action, e.to_status, to_char(e.at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day
           FROM task_event e JOIN task t ON t.id = e.task_id ORDER BY t.number, e.at, e.action`,
      );
    expect(await history(second.url)).toEqual(await history(first.url));
  });

  it('shows red, yellow, green and grey on the demo day, none above 60% of the tasks', () => {
    const { totals } = first.result;
    expect(first.result.asOf).toBe(DEMO_DAY);
    expect(totals.tasks).toBe(143);
    for (const light of ['red', 'yellow', 'green', 'grey'] as const) {
      expect(totals[light]).toBeGreaterThan(0);
      expect(totals[light] / totals.tasks).toBeLessThanOrEqual(0.6);
    }
    expect(totals.red + totals.yellow + totals.green + totals.grey).toBe(totals.tasks);
  });

  it('went through the services: every report, 签收, 销号 and reminder read has its audit event', async () => {
    const [counts] = (await query(
      first.url,
      `SELECT (SELECT count(*)::int FROM progress_report) AS reports,
              (SELECT count(*)::int FROM audit_event WHERE action = 'progress.create') AS report_audits,
              (SELECT count(*)::int FROM task_assignment WHERE acknowledged_at IS NOT NULL) AS signed,
              (SELECT count(*)::int FROM audit_event WHERE action = 'task.acknowledge') AS sign_audits,
              (SELECT count(*)::int FROM reminder WHERE read_at IS NOT NULL) AS read,
              (SELECT count(*)::int FROM audit_event WHERE action = 'reminder.read') AS read_audits,
              (SELECT count(*)::int FROM task_assignment) AS assignments`,
    )) as [{ reports: number; report_audits: number; signed: number; sign_audits: number; read: number; read_audits: number; assignments: number }];
    expect(counts.reports).toBeGreaterThan(500);
    expect(counts.report_audits).toBe(counts.reports);
    expect(counts.sign_audits).toBe(counts.signed);
    expect(counts.signed / counts.assignments).toBeGreaterThan(0.8);
    expect(counts.signed).toBeLessThan(counts.assignments);
    expect(counts.read_audits).toBe(counts.read);
    expect(counts.read).toBeGreaterThan(0);
    expect(counts.read).toBe(first.result.remindersRead);
  });

  it('has completed, returned, extended (approved and rejected), suspended and overdue tasks', async () => {
    const actions = await query<{ action: string; n: number }>(
      first.url,
      `SELECT action, count(*)::int AS n FROM task_event GROUP BY action`,
    );
    const n = Object.fromEntries(actions.map((a) => [a.action, a.n]));
    for (const action of ['completion_approved', 'completion_returned', 'extension_approved', 'extension_rejected', 'suspended', 'edited']) {
      expect(n[action]).toBeGreaterThan(0);
    }
    expect(first.result.totals.overdue).toBeGreaterThan(0);
    expect(first.result.totals.behindSchedule).toBeGreaterThan(0);
    expect(first.result.totals.completed).toBeGreaterThan(0);
  });

  it('dates history to the days it happened, before the demo day, with periods that respect the cutoff', async () => {
    const reports = await query<{ day: string; period: string; summary: string }>(
      first.url,
      `SELECT to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day, period, summary FROM progress_report`,
    );
    const days = new Set(reports.map((r) => r.day.slice(0, 7)));
    expect(days.size).toBeGreaterThanOrEqual(8);
    for (const report of reports) {
      expect(report.day <= DEMO_DAY).toBe(true);
      expect(report.period).toBe(periodOf(report.day, 'monthly', 25));
      // A monthly report ("9月：…") is made by that month's cutoff, so it counts for that month.
      const month = /^(\d+)月：/.exec(report.summary)?.[1];
      if (month) expect(report.period).toBe(`2021-${month.padStart(2, '0')}`);
    }
    const [span] = (await query(
      first.url,
      `SELECT min(created_at AT TIME ZONE 'Asia/Shanghai')::date::text AS first, max(created_at AT TIME ZONE 'Asia/Shanghai')::date::text AS last
         FROM reminder`,
    )) as [{ first: string; last: string }];
    expect(span.first).toBe(NOTICE_DAY);
    expect(span.last).toBe(DEMO_DAY);
  });
});
