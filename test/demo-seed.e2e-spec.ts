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

  it('places 济源 in a small demo province: 洛阳 with its own 财政局 and the county 孟津区, tasks delivered down and reported', async () => {
    const tree = await query(
      first.url,
      `SELECT o.name, o.kind, p.name AS parent, (SELECT u.name FROM unit u WHERE u.represents_organization_id = o.id) AS represented_by
         FROM organization o LEFT JOIN organization p ON p.id = o.parent_id ORDER BY o.created_at, o.name`,
    );
    expect(tree).toEqual(
      expect.arrayContaining([
        { name: '河南省（演示）', kind: 'province', parent: null, represented_by: null },
        { name: '济源市', kind: 'city', parent: '河南省（演示）', represented_by: '济源市人民政府' },
        { name: '洛阳市', kind: 'city', parent: '河南省（演示）', represented_by: '洛阳市人民政府' },
        { name: '孟津区', kind: 'county', parent: '洛阳市', represented_by: '孟津区人民政府' },
      ]),
    );
    expect(tree).toHaveLength(4);
    const finance = await query(first.url, `SELECT o.name FROM unit u JOIN organization o ON o.id = u.organization_id WHERE u.name = '财政局'`);
    expect(finance).toEqual([{ name: '洛阳市' }]);
    const inboxes = await query(
      first.url,
      `SELECT o.name, count(*) FILTER (WHERE i.accepted_at IS NULL)::int AS pending, count(i.accepted_at)::int AS accepted
         FROM incoming_task i JOIN organization o ON o.id = i.organization_id GROUP BY o.name ORDER BY o.name COLLATE "C"`,
    );
    expect(inboxes).toEqual([
      { name: '孟津区', pending: 0, accepted: 1 },
      { name: '洛阳市', pending: 1, accepted: 1 },
      { name: '济源市', pending: 2, accepted: 0 },
    ]);
    // The county's task hangs off 洛阳's, which hangs off the province's; the county reported on it.
    const [chain] = await query(
      first.url,
      `SELECT c.content AS county, o.name AS county_org, array_length(array(SELECT 1 FROM progress_report r WHERE r.task_id = c.id), 1) AS reports,
              po.name AS province_org, p.content AS province_task
         FROM task c JOIN organization o ON o.id = c.organization_id
         JOIN task m ON m.id = c.parent_task_id JOIN task p ON p.id = m.parent_task_id JOIN organization po ON po.id = p.organization_id
        WHERE o.name = '孟津区'`,
    );
    expect(chain).toEqual({
      county: '推进高标准农田建设，完成年度新建高标准农田任务。',
      county_org: '孟津区',
      reports: 2,
      province_org: '河南省（演示）',
      province_task: '推进高标准农田建设，完成年度新建高标准农田任务。',
    });
    const accounts = await query(
      first.url,
      `SELECT u.username, u.role, o.name AS organization FROM app_user u JOIN organization o ON o.id = u.organization_id
        WHERE u.username IN ('sheng-duchashi', 'sheng-lingdao', 'luoyang-duchashi', 'mengjin-duchashi', '洛阳市财政局', 'duchashi') ORDER BY u.username COLLATE "C"`,
    );
    expect(accounts).toEqual([
      { username: 'duchashi', role: 'supervisor', organization: '济源市' },
      { username: 'luoyang-duchashi', role: 'supervisor', organization: '洛阳市' },
      { username: 'mengjin-duchashi', role: 'supervisor', organization: '孟津区' },
      { username: 'sheng-duchashi', role: 'supervisor', organization: '河南省（演示）' },
      { username: 'sheng-lingdao', role: 'leader', organization: '河南省（演示）' },
      { username: '洛阳市财政局', role: 'unit_user', organization: '洛阳市' },
    ]);
  });
});
