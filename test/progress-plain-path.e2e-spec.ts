import { ProgressRepository, type NewReport, type ReportedTask } from '../src/progress/progress.repository';
import { count, createImportedPlan, createUnitUser, seedJiyuanRegistry, tasksByNumber } from './support/factories';
import { apiClient, bodyOf, expectStatus, type As } from './support/http';
import { createTestApp, type TestApp } from './support/test-app';

const NOTICE = [
  '一、进展报送测试',
  '1.建设停车场。(牵头单位:住房和城乡建设局;责任单位:民政局)',
  '2.完善社会救助。(责任单位:民政局)',
  '3.改善供热。(责任单位:民政局)',
  '4.建设养老服务中心。(责任单位:民政局)',
  '5.推进社区食堂建设。(责任单位:民政局)',
].join('\n');

/**
 * A plain report on a task under way is read without a lock and written by one statement that re-checks the task
 * under its row lock; whatever changed in between sends the request to the locked path, which decides it again.
 */
describe('progress reports on a task under way: one statement, re-checked under the row lock', () => {
  let t: TestApp;
  let tasks: Map<number, any>;
  let units: Map<string, string>;
  let minzheng: { token: string; user: any };

  const { get, post } = apiClient(() => t.app);
  const report = (taskId: string, as: As, body: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    post(`/api/tasks/${taskId}/progress`, { summary: '按计划推进', percent: 40, ...body }, as, headers);
  const reports = (taskId: string) => count(t, `SELECT count(*) FROM progress_report WHERE task_id = $1`, [taskId]);
  const events = (taskId: string, action: string) => count(t, `SELECT count(*) FROM audit_event WHERE entity_id = $1 AND action = $2`, [taskId, action]);
  const signedAt = async (taskId: string, unit: string) =>
    (await t.dataSource.query(`SELECT acknowledged_at FROM task_assignment WHERE task_id = $1 AND unit_id = $2`, [taskId, units.get(unit)]))[0]
      .acknowledged_at as Date | null;
  /** Runs `change` in a transaction that holds the task's row lock while `during` runs, then commits. */
  const whileLocked = async <T>(taskId: string, change: string, during: () => Promise<T>): Promise<T> => {
    const runner = t.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(`SELECT id FROM task WHERE id = $1 FOR UPDATE`, [taskId]);
      await runner.query(change, [taskId]);
      const result = await during();
      await runner.commitTransaction();
      return result;
    } finally {
      await runner.release();
    }
  };
  /** Checks that the request has waited `ms` without an answer; its answer comes boxed (a bare promise would be awaited). */
  const afterWaiting = async <T>(answer: Promise<T>, ms: number): Promise<{ answer: Promise<T> }> => {
    let settled = false;
    void answer.finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, ms));
    expect(settled).toBe(false);
    return { answer };
  };

  beforeAll(async () => {
    t = await createTestApp({ CLOCK_TODAY: '2021-10-08' });
    units = await seedJiyuanRegistry(t.app);
    const { plan } = await createImportedPlan(t.app, NOTICE, { year: 2021 });
    tasks = await tasksByNumber(t.app, plan.id);
    minzheng = await createUnitUser(t, units.get('民政局')!);
    // Every task under way; no unit has signed.
    await t.dataSource.query(`UPDATE task SET status = 'in_progress', version = version + 1 WHERE plan_id = $1`, [plan.id]);
  });
  afterAll(() => t.close());

  it('the first report of an unsigned unit signs for it once; the next one signs nothing more', async () => {
    const task = tasks.get(1);
    expectStatus(await report(task.id, minzheng), 201);
    const signed = await signedAt(task.id, '民政局');
    expect(signed).not.toBeNull();
    expectStatus(await report(task.id, minzheng, { percent: 50 }), 201);
    expect(await signedAt(task.id, '民政局')).toEqual(signed);
    expect(await signedAt(task.id, '住房和城乡建设局')).toBeNull();
    expect(await events(task.id, 'task.acknowledge')).toBe(1);
    expect(await events(task.id, 'progress.create')).toBe(2);
    expect(await reports(task.id)).toBe(2);
  });

  it('answers the report exactly as the list shows it, and keeps that answer as its audit event', async () => {
    const task = tasks.get(5);
    const created = await bodyOf(report(task.id, minzheng, { percent: 35, problems: '资金未到位', nextSteps: '争取专项债' }), 201);
    expect(created).toMatchObject({ percent: 35, actuals: [], problems: '资金未到位', nextSteps: '争取专项债', onBehalf: false });
    expect(created.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const listed = await bodyOf(get(`/api/tasks/${task.id}/progress`, minzheng));
    expect(listed.at(-1)).toEqual(created);
    expect(Object.keys(listed.at(-1))).toEqual(Object.keys(created));
    const [audited] = await t.dataSource.query(
      `SELECT after FROM audit_event WHERE entity_id = $1 AND action = 'progress.create' ORDER BY at DESC LIMIT 1`,
      [task.id],
    );
    expect(audited.after).toEqual(created);
  });

  it('a supervisor reporting for a unit does not sign for it', async () => {
    const task = tasks.get(1);
    const res = await report(task.id, 'supervisor', { unitId: units.get('住房和城乡建设局') });
    expectStatus(res, 201);
    expect(res.body).toMatchObject({ onBehalf: true, unit: { name: '住房和城乡建设局' } });
    expect(await signedAt(task.id, '住房和城乡建设局')).toBeNull();
  });

  it('a task the api remembers out of date (closed since, by another process) is decided again: 409, nothing stored', async () => {
    const task = tasks.get(1);
    expectStatus(await report(task.id, minzheng, { percent: 60 }), 201);
    const before = await reports(task.id);
    await t.dataSource.query(`UPDATE task SET status = 'completed', version = version + 1 WHERE id = $1`, [task.id]);
    const res = await report(task.id, minzheng, { percent: 70 });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('TASK_CLOSED');
    expect(await reports(task.id)).toBe(before);
  });

  it('a report that meets a 销号 being approved waits for it, then is refused and stores nothing', async () => {
    const task = tasks.get(2);
    const before = await reports(task.id);
    const waiting = await whileLocked(task.id, `UPDATE task SET status = 'completed', version = version + 1 WHERE id = $1`, () =>
      afterWaiting(report(task.id, minzheng), 300),
    );
    const res = await waiting.answer;
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('TASK_CLOSED');
    expect(await reports(task.id)).toBe(before);
    expect(await events(task.id, 'progress.create')).toBe(0);
  });

  it('a report that meets another change to its task (延期) waits for it and is then written once', async () => {
    const task = tasks.get(3);
    const waiting = await whileLocked(task.id, `UPDATE task SET due_date = '2022-06-30', version = version + 1 WHERE id = $1`, () =>
      afterWaiting(report(task.id, minzheng), 300),
    );
    const res = await waiting.answer;
    expectStatus(res, 201);
    expect(await reports(task.id)).toBe(1);
    expect(await events(task.id, 'progress.create')).toBe(1);
    expect(await events(task.id, 'task.acknowledge')).toBe(1);
  });

  describe('the statement writes nothing unless the task is still as read', () => {
    let repository: ProgressRepository;
    let task: any;
    let current: ReportedTask;
    const newReport = (overrides: Partial<NewReport> = {}): NewReport => ({
      taskId: task.id,
      unitId: units.get('民政局')!,
      period: '2021-10',
      summary: '按计划推进',
      percent: 40,
      problems: null,
      nextSteps: null,
      reportedBy: minzheng.user.id,
      onBehalf: false,
      idempotencyKey: null,
      requestHash: 'hash',
      ...overrides,
    });
    const unsigned = { needed: false, event: { actorId: null, organizationId: null, actorUsername: '', action: 'task.acknowledge', entity: 'task', entityId: null, before: null, after: null, requestId: null, ip: null } };

    beforeAll(async () => {
      repository = t.app.get(ProgressRepository);
      task = tasks.get(4);
      const [row] = await t.dataSource.query(
        `SELECT t.organization_id, t.version, p.reporting_cycle, p.report_cutoff_day FROM task t JOIN plan p ON p.id = t.plan_id WHERE t.id = $1`,
        [task.id],
      );
      current = { organizationId: row.organization_id, version: row.version, reportingCycle: row.reporting_cycle, reportCutoffDay: row.report_cutoff_day };
    });

    it.each([
      ['an older version of the task', () => ({ task: { ...current, version: current.version - 1 } })],
      ['another reporting cycle', () => ({ task: { ...current, reportingCycle: current.reportingCycle === 'monthly' ? 'quarterly' : 'monthly' } })],
      ['another organization', () => ({ task: { ...current, organizationId: '00000000-0000-4000-8000-000000000000' } })],
      ['a unit not assigned to it', () => ({ report: { unitId: units.get('住房和城乡建设局')! } })],
      ['a reporter who would sign, leaving out a 签收 the unit has not given', () => ({ along: { acknowledge: unsigned, audit: null } })],
    ])('%s: no row is answered and nothing is written', async (_case, given) => {
      const { task: seen = current, report: changes = {}, along } = given() as any;
      expect(await repository.insert(newReport(changes), seen, along)).toBeNull();
      expect(await reports(task.id)).toBe(0);
      expect(await signedAt(task.id, '民政局')).toBeNull();
    });

    it('an idempotency key used already: no row is answered and the first report stands alone', async () => {
      const first = await repository.insert(newReport({ idempotencyKey: 'k-1' }), current);
      expect(first).toMatchObject({ answer: { percent: 40, unit: { name: '民政局' }, actuals: [] }, signed: false });
      expect(await repository.insert(newReport({ idempotencyKey: 'k-1', percent: 90 }), current)).toBeNull();
      expect(await reports(task.id)).toBe(1);
    });
  });
});
