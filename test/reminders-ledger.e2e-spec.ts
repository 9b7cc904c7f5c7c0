import { createImportedPlan, createUnit, tasksByNumber } from './support/factories';
import { apiClient, bodyOf, request } from './support/http';
import { onDay } from './support/history';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * The scan's ledger: a plan scanned for a day and unchanged since is skipped by the next scan of that day, which
 * answers with what the first found. Every change that can make a reminder due between two scans of the same day
 * is picked up by the second (a new task, a 延期, a resumed task, a calendar override, reminders deleted), only its
 * plan is scanned again, and the second scan leaves nothing a full scan would still create.
 */
const DAY = '2021-10-11';
const NOTICE = [
  '一、台账测试',
  '1.推进社会救助提标扩面。(责任单位:民政局;完成时限:2021-09-30)',
  '2.建设智慧停车场。(牵头单位:住房和城乡建设局;责任单位:交通运输局;完成时限:2021-10-13)',
  '3.完成校舍维修。(责任单位:教育局;完成时限:2021-09-30)',
].join('\n');
const OTHER_NOTICE = '1.清理历史欠款。(责任单位:财政金融局;完成时限:2021-09-30)';

interface ScanAnswer {
  asOf: string;
  created: number;
  alreadyExisting: number;
  deliveries: number;
  warnings: string[];
}

describe('the reminder scan ledger: a repeat scan of the day skips unchanged plans and misses no change', () => {
  let t: TestApp;
  let plan: string;
  let other: string;
  let tasks: Map<number, any>;
  let units: Record<string, string>;
  const { post } = apiClient(() => t.app);

  const scan = async (): Promise<ScanAnswer> => bodyOf(post('/api/reminders/scan', { asOf: DAY }));
  /** When each plan was last scanned, by plan id. */
  const scannedAt = async (): Promise<Record<string, string>> =>
    Object.fromEntries(
      (await t.dataSource.query(`SELECT plan_id, scanned_at::text AS at FROM reminder_scan_plan`)).map((r: any) => [r.plan_id, r.at]),
    );
  const reminderKeys = async (): Promise<string[]> =>
    (await t.dataSource.query(`SELECT unique_key FROM reminder ORDER BY unique_key`)).map((r: any) => r.unique_key);
  /** The keys of the task's reminders, without its id: kind, unit name, due date and round or period. */
  const remindersOf = async (taskId: string): Promise<string[]> =>
    (
      await t.dataSource.query(
        `SELECT r.kind, u.name, r.unique_key FROM reminder r JOIN unit u ON u.id = r.unit_id WHERE r.task_id = $1 ORDER BY r.unique_key`,
        [taskId],
      )
    ).map((r: any) => `${r.kind} ${r.name} ${r.unique_key.split(':').slice(3).join(':')}`);

  /**
   * The scan after a change: only `changed` plans are scanned again, and a full scan afterwards (every plan marked
   * changed) finds every reminder made and the same count.
   */
  async function scanAfterChange(changed: string[]): Promise<ScanAnswer> {
    const before = await scannedAt();
    const answer = await scan();
    const after = await scannedAt();
    for (const id of [plan, other]) {
      if (changed.includes(id)) expect(after[id]).not.toBe(before[id]);
      else expect(after[id]).toBe(before[id]);
    }
    const keys = await reminderKeys();
    await t.dataSource.query(`INSERT INTO reminder_scan_change (plan_id) VALUES (NULL)`);
    const full = await scan();
    expect(full).toMatchObject({ created: 0, alreadyExisting: answer.created + answer.alreadyExisting, warnings: answer.warnings });
    expect(await reminderKeys()).toEqual(keys);
    return answer;
  }

  beforeAll(async () => {
    t = await createTestApp({ CLOCK_TODAY: DAY });
    units = {};
    for (const name of ['民政局', '住房和城乡建设局', '交通运输局', '教育局', '财政金融局']) units[name] = (await createUnit(t.app, { name })).id;
    plan = (await createImportedPlan(t.app, NOTICE, { year: 2021, startDate: '2021-09-01' })).plan.id;
    other = (await createImportedPlan(t.app, OTHER_NOTICE, { year: 2021, startDate: '2021-09-01' })).plan.id;
    tasks = await tasksByNumber(t.app, plan);
    await onDay(t, '2021-09-20', async () => bodyOf(post(`/api/tasks/${tasks.get(3).id}/suspend`, { reason: '政策调整' })));
  });
  afterAll(() => t?.close());

  it('a repeat scan with nothing changed scans no plan and answers as the first did', async () => {
    const first = await scan();
    expect(first).toMatchObject({ created: 7, alreadyExisting: 0, warnings: [] });
    const before = await scannedAt();
    expect(Object.keys(before).sort()).toEqual([plan, other].sort());
    const keys = await reminderKeys();

    const again = await scan();
    expect(again).toEqual({ asOf: DAY, created: 0, alreadyExisting: 7, deliveries: 0, warnings: [] });
    expect(await scannedAt()).toEqual(before);
    expect(await reminderKeys()).toEqual(keys);
    expect(await t.dataSource.query(`SELECT * FROM reminder_scan_change`)).toEqual([]);
  });

  it('a task added to the plan: its reminders come with the next scan, only its plan is scanned again', async () => {
    const added = await bodyOf(
      post(`/api/plans/${plan}/tasks`, {
        content: '落实市长批示，整治背街小巷。',
        dueDate: '2021-09-30',
        units: { responsible: [units['民政局']] },
        source: { kind: 'instruction', documentNumber: '济政阅〔2021〕8号', date: '2021-03-15' },
      }),
      201,
    );
    const answer = await scanAfterChange([plan]);
    expect(answer).toMatchObject({ created: 2, alreadyExisting: 7 });
    expect(await remindersOf(added.id)).toEqual(['overdue 民政局 2021-09-30:0', 'report_missing 民政局 2021-09']);
  });

  it('a 延期 (extension approved): the due-soon reminder for the new due date', async () => {
    const id = tasks.get(2).id;
    const asked = await bodyOf(
      post(`/api/tasks/${id}/extension-requests`, { dueDate: '2021-10-14', reason: '材料延迟到货', unitId: units['住房和城乡建设局'] }),
      201,
    );
    await bodyOf(post(`/api/extension-requests/${asked.id}/review`, { decision: 'approve' }));
    await scanAfterChange([plan]);
    expect((await remindersOf(id)).filter((r) => r.startsWith('due_soon'))).toEqual([
      'due_soon 住房和城乡建设局 2021-10-13',
      'due_soon 住房和城乡建设局 2021-10-14',
    ]);
  });

  it('a suspended task resumed on the day: open again, so overdue and report missing', async () => {
    const id = tasks.get(3).id;
    expect(await remindersOf(id)).toEqual([]);
    await onDay(t, DAY, async () => bodyOf(post(`/api/tasks/${id}/resume`, { reason: '条件具备' })));
    expect(await scanAfterChange([plan])).toMatchObject({ created: 2 });
    expect(await remindersOf(id)).toEqual(['overdue 教育局 2021-09-30:0', 'report_missing 教育局 2021-09']);
  });

  it('reminders deleted: the next scan of the day makes them again', async () => {
    const id = tasks.get(1).id;
    const kept = await remindersOf(id);
    await t.dataSource.query(`DELETE FROM reminder WHERE task_id = $1`, [id]);
    expect(await scanAfterChange([plan])).toMatchObject({ created: kept.length });
    expect(await remindersOf(id)).toEqual(kept);
  });

  it('a progress report for the owed period: one reminder fewer found due, none created', async () => {
    const before = await scan();
    await bodyOf(post(`/api/tasks/${tasks.get(1).id}/progress`, { summary: '已摸底', percent: 30, period: '2021-09', unitId: units['民政局'] }), 201);
    const answer = await scanAfterChange([plan]);
    expect(answer).toMatchObject({ created: 0, alreadyExisting: before.alreadyExisting - 1 });
  });

  it('a calendar override: workdays are counted anew for every plan (National Day worked: the second overdue round)', async () => {
    const items = ['2021-10-05', '2021-10-06', '2021-10-07'].map((day) => ({ day, isWorkday: true, note: '调休上班' }));
    await bodyOf(request(t.app, 'PUT', '/api/calendar/overrides', { year: 2021, items }, { as: 'admin' }));
    try {
      await scanAfterChange([plan, other]);
      const [otherTask] = await t.dataSource.query(`SELECT id FROM task WHERE plan_id = $1`, [other]);
      expect((await remindersOf(otherTask.id)).filter((r) => r.startsWith('overdue'))).toEqual([
        'overdue 财政金融局 2021-09-30:0',
        'overdue 财政金融局 2021-09-30:1',
      ]);
    } finally {
      await bodyOf(request(t.app, 'PUT', '/api/calendar/overrides', { year: 2021, items: [] }, { as: 'admin' }));
    }
    expect(await scanAfterChange([plan, other])).toMatchObject({ created: 0 });
  });

  it('a change committed while a scan runs is left for the next scan', async () => {
    const writer = t.dataSource.createQueryRunner();
    await writer.connect();
    let added: string;
    try {
      await writer.startTransaction();
      [{ id: added }] = await writer.query(
        `INSERT INTO task (plan_id, number, content, due_date) VALUES ($1, 2, '化解历史债务。', '2021-09-30') RETURNING id`,
        [other],
      );
      await writer.query(`INSERT INTO task_assignment (task_id, unit_id, role, position) VALUES ($1, $2, 'responsible', 0)`, [added, units['财政金融局']]);
      // The scan does not see the uncommitted task, nor its logged change.
      expect(await scan()).toMatchObject({ created: 0 });
      await writer.commitTransaction();
    } finally {
      await writer.release();
    }
    expect(await scanAfterChange([other])).toMatchObject({ created: 2 });
    expect(await remindersOf(added!)).toEqual(['overdue 财政金融局 2021-09-30:0', 'report_missing 财政金融局 2021-09']);
  });
});
