import {
  count,
  createImportedPlan,
  createUnitUser,
  seedJiyuanRegistry,
  tasksByNumber,
} from './support/factories';
import { expectStatus, request, type ApiResponse, apiClient, type As } from './support/http';
import { createTestApp, type TestApp } from './support/test-app';

const NOTICE = [
  '一、测试任务',
  '1.建设停车场。(牵头单位:住房和城乡建设局;责任单位:济水街道办事处)',
  '2.完善社会救助。(责任单位:民政局)',
  '3.改善供热。(责任单位:住房和城乡建设局)',
].join('\n');

describe('progress reports, lifecycle, extensions, milestones, edits', () => {
  let t: TestApp;
  let tasks: Map<number, any>;
  let zhujian: { token: string };
  let jishui: { token: string };
  let minzheng: { token: string };
  let units: Map<string, string>;

  const { get, post } = apiClient(() => t.app);
  const report = (taskId: string, as: As, body: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    post(`/api/tasks/${taskId}/progress`, { summary: '已完成立项', percent: 30, ...body }, as, headers);
  const taskRow = async (id: string) => (await t.dataSource.query(`SELECT status, version, to_char(due_date, 'YYYY-MM-DD') AS due FROM task WHERE id = $1`, [id]))[0];

  beforeAll(async () => {
    // The 2021 plan, as on a working Friday in October 2021.
    t = await createTestApp({ CLOCK_TODAY: '2021-10-08' });
    units = await seedJiyuanRegistry(t.app);
    await createImportedPlan(t.app, NOTICE, { year: 2021 });
    tasks = await tasksByNumber(t.app, (await get('/api/plans')).body[0].id);
    zhujian = await createUnitUser(t, units.get('住房和城乡建设局')!);
    jishui = await createUnitUser(t, units.get('济水街道办事处')!);
    minzheng = await createUnitUser(t, units.get('民政局')!);
  });
  afterAll(() => t.close());

  describe('progress reports', () => {
    it('an assigned unit reports; the first report starts the task and the period defaults to the current one', async () => {
      const task = tasks.get(1);
      const res = await report(task.id, zhujian, { problems: '资金未到位', nextSteps: '月底前开工' });
      expectStatus(res, 201);
      expect(res.body).toMatchObject({
        taskId: task.id,
        unit: { name: '住房和城乡建设局' },
        period: '2021-10',
        percent: 30,
        problems: '资金未到位',
        nextSteps: '月底前开工',
        onBehalf: false,
      });
      expect(await taskRow(task.id)).toMatchObject({ status: 'in_progress', version: task.version + 1 });
      const history = (await get(`/api/tasks/${task.id}/history`)).body;
      expect(history).toContainEqual(expect.objectContaining({ action: 'first_report', fromStatus: 'not_started', toStatus: 'in_progress' }));
    });

    it('a correction is a new report: nothing is overwritten', async () => {
      const task = tasks.get(1);
      await report(task.id, jishui, { percent: 35 });
      const list = (await get(`/api/tasks/${task.id}/progress`, zhujian)).body;
      expect(list.map((r: any) => r.percent)).toEqual([30, 35]);
    });

    it('each report leaves a progress.create audit event holding the report as answered, and the unit signs once', async () => {
      const task = tasks.get(2);
      const first = await report(task.id, minzheng, { problems: '经费紧张' });
      const second = await report(task.id, minzheng, { percent: 40 });
      expectStatus(second, 201);
      const events = await t.dataSource.query(
        `SELECT action, after, actor_username, request_id FROM audit_event WHERE entity_id = $1 AND action IN ('progress.create', 'task.acknowledge')`,
        [task.id],
      );
      const afters = events.filter((e: any) => e.action === 'progress.create').map((e: any) => e.after);
      expect(afters).toEqual(expect.arrayContaining([first.body, second.body]));
      expect(events.filter((e: any) => e.action === 'task.acknowledge').map((e: any) => e.after)).toEqual([{ unitId: units.get('民政局'), via: 'progress' }]);
      expect(events.every((e: any) => e.request_id && e.actor_username)).toBe(true);
    });

    it('a unit that is not assigned gets 403 and nothing is stored', async () => {
      const before = await count(t, `SELECT count(*) FROM progress_report`, []);
      const res = await report(tasks.get(1).id, minzheng);
      expect(res.status).toBe(403);
      expect(await count(t, `SELECT count(*) FROM progress_report`, [])).toBe(before);
    });

    it('a supervisor reports on a unit’s behalf only naming an assigned unit, and it is marked so', async () => {
      const task = tasks.get(2);
      expect((await report(task.id, 'supervisor')).status).toBe(400);
      expect((await report(task.id, 'supervisor', { unitId: units.get('住房和城乡建设局') })).status).toBe(403);
      const res = await report(task.id, 'supervisor', { unitId: units.get('民政局') });
      expectStatus(res, 201);
      expect(res.body).toMatchObject({ onBehalf: true, unit: { name: '民政局' }, reportedBy: { username: 'test-supervisor' } });
    });

    it('the same Idempotency-Key from 50 parallel requests stores one report and returns it to all', async () => {
      const task = tasks.get(3);
      const headers = { 'idempotency-key': 'monthly-2021-10-task-3' };
      const answers = await Promise.all(Array.from({ length: 50 }, () => report(task.id, zhujian, { percent: 50 }, headers)));
      expect(new Set(answers.map((a) => a.status))).toEqual(new Set([201]));
      expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
      expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(49);
      expect(await count(t, `SELECT count(*) FROM progress_report WHERE task_id = $1`, [task.id])).toBe(1);
    });

    it('reusing a key for a different report is refused (422), not merged', async () => {
      const res = await report(tasks.get(3).id, zhujian, { percent: 90 }, { 'idempotency-key': 'monthly-2021-10-task-3' });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    });

    it('validates percent, period format and the key', async () => {
      const task = tasks.get(3);
      expect((await report(task.id, zhujian, { percent: 101 })).body.details[0].field).toBe('percent');
      expect((await report(task.id, zhujian, { period: '2021-Q4' })).body.details[0].field).toBe('period');
      expect((await report(task.id, zhujian, {}, { 'idempotency-key': 'has space' })).body.details[0].field).toBe('Idempotency-Key');
    });
  });

  describe('lifecycle', () => {
    it('only the lead unit asks for 销号; the return needs a reason; approval completes the task', async () => {
      const id = tasks.get(1).id;
      expect((await post(`/api/tasks/${id}/completion-request`, { summary: '已完成' }, jishui)).status).toBe(403);
      expectStatus(await post(`/api/tasks/${id}/completion-request`, { summary: '已完成' }, zhujian), 201);
      expect((await taskRow(id)).status).toBe('completion_requested');
      expect((await post(`/api/tasks/${id}/completion-review`, { decision: 'return' }, 'supervisor')).status).toBe(400);
      const returned = await post(`/api/tasks/${id}/completion-review`, { decision: 'return', comment: '缺少验收材料' }, 'supervisor');
      expectStatus(returned, 200);
      expect(returned.body.status).toBe('in_progress');
      expectStatus(await post(`/api/tasks/${id}/completion-request`, { summary: '材料已补充' }, zhujian), 201);
      const approved = await post(`/api/tasks/${id}/completion-review`, { decision: 'approve', comment: '同意销号' }, 'supervisor');
      expect(approved.body).toMatchObject({ status: 'completed', version: expect.any(Number) });
      const actions = (await get(`/api/tasks/${id}/history`)).body.map((e: any) => e.action);
      expect(actions).toEqual(['first_report', 'completion_requested', 'completion_returned', 'completion_requested', 'completion_approved']);
    });

    it('illegal transitions are 409 saying why, and change nothing', async () => {
      const id = tasks.get(1).id;
      const before = await taskRow(id);
      const again = await post(`/api/tasks/${id}/completion-review`, { decision: 'approve' }, 'supervisor');
      expect(again.status).toBe(409);
      expect(again.body.message).toContain('已办结');
      expect((await report(id, zhujian)).status).toBe(409);
      expect((await post(`/api/tasks/${id}/suspend`, { reason: '暂停' }, 'supervisor')).status).toBe(409);
      expect(await taskRow(id)).toEqual(before);
    });

    it('a unit user cannot review, suspend or cancel', async () => {
      const id = tasks.get(2).id;
      for (const action of ['completion-review', 'suspend', 'cancel']) {
        const body = action === 'completion-review' ? { decision: 'approve' } : { reason: '试试' };
        expect((await post(`/api/tasks/${id}/${action}`, body, minzheng)).status).toBe(403);
      }
    });

    it('suspend, resume and cancel with reasons; a cancelled task stays cancelled', async () => {
      const id = tasks.get(2).id;
      expect((await post(`/api/tasks/${id}/suspend`, {}, 'supervisor')).status).toBe(400);
      expect((await post(`/api/tasks/${id}/suspend`, { reason: '政策调整' }, 'supervisor')).body.status).toBe('suspended');
      expect((await report(id, minzheng)).status).toBe(409);
      expect((await post(`/api/tasks/${id}/resume`, { reason: '恢复实施' }, 'supervisor')).body.status).toBe('in_progress');
      expect((await post(`/api/tasks/${id}/cancel`, { reason: '不再实施' }, 'supervisor')).body.status).toBe('cancelled');
      expect((await post(`/api/tasks/${id}/resume`, { reason: '恢复' }, 'supervisor')).status).toBe(409);
    });
  });

  describe('no lost updates', () => {
    it('an edit with the current version succeeds; the same stale version is 409 and writes nothing', async () => {
      const id = tasks.get(3).id;
      const read = (await get(`/api/tasks/${id}`)).body;
      const ok = await request(t.app, 'PATCH', `/api/tasks/${id}`, { content: '改善城市供热。', version: read.version });
      expectStatus(ok, 200);
      expect(ok.body).toMatchObject({ content: '改善城市供热。', version: read.version + 1 });
      const stale = await request(t.app, 'PATCH', `/api/tasks/${id}`, { content: '覆盖别人的修改', version: read.version });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ code: 'STALE_VERSION', details: { currentVersion: read.version + 1 } });
      expect((await get(`/api/tasks/${id}`)).body.content).toBe('改善城市供热。');
    });

    it('If-Match carries the version too; without any version the edit is refused', async () => {
      const id = tasks.get(3).id;
      const { version } = (await get(`/api/tasks/${id}`)).body;
      const stale = await request(t.app, 'PATCH', `/api/tasks/${id}`, { dueDate: '2021-11-30' }, { headers: { 'if-match': `"${version - 1}"` } });
      expect(stale.status).toBe(409);
      const ok = await request(t.app, 'PATCH', `/api/tasks/${id}`, { dueDate: '2021-11-30' }, { headers: { 'if-match': `"${version}"` } });
      expect(ok.body).toMatchObject({ dueDate: '2021-11-30', version: version + 1 });
      expect((await request(t.app, 'PATCH', `/api/tasks/${id}`, { dueDate: '2021-12-01' })).status).toBe(400);
      expect((await request(t.app, 'PATCH', `/api/tasks/${id}`, { content: 'x', version: 99 }, { as: zhujian })).status).toBe(403);
    });

    it('two concurrent edits from the same version: one wins, one gets 409', async () => {
      const id = tasks.get(3).id;
      const { version } = (await get(`/api/tasks/${id}`)).body;
      const results = await Promise.all(
        ['甲', '乙'].map((c) => request(t.app, 'PATCH', `/api/tasks/${id}`, { content: `版本${c}`, version })),
      );
      expect(results.map((r: ApiResponse) => r.status).sort()).toEqual([200, 409]);
    });
  });

  describe('extensions (延期)', () => {
    it('the due date changes only on approval; one pending request at a time', async () => {
      const id = tasks.get(3).id;
      const due = (await taskRow(id)).due;
      const first = await post(`/api/tasks/${id}/extension-requests`, { dueDate: '2022-03-31', reason: '汛期停工' }, zhujian);
      expectStatus(first, 201);
      expect(first.body).toMatchObject({ status: 'pending', previousDueDate: due, requestedDueDate: '2022-03-31' });
      expect((await post(`/api/tasks/${id}/extension-requests`, { dueDate: '2022-02-28', reason: '再申请' }, zhujian)).status).toBe(409);
      const rejected = await post(`/api/extension-requests/${first.body.id}/review`, { decision: 'reject', comment: '理由不足' }, 'supervisor');
      expect(rejected.body.status).toBe('reject');
      expect((await taskRow(id)).due).toBe(due);
      expect((await post(`/api/extension-requests/${first.body.id}/review`, { decision: 'approve' }, 'supervisor')).status).toBe(409);

      const second = await post(`/api/tasks/${id}/extension-requests`, { dueDate: '2022-01-31', reason: '材料延迟到货' }, zhujian);
      const { version } = await taskRow(id);
      expect((await post(`/api/extension-requests/${second.body.id}/review`, { decision: 'approve' }, minzheng)).status).toBe(403);
      await post(`/api/extension-requests/${second.body.id}/review`, { decision: 'approve', comment: '同意' }, 'supervisor');
      expect(await taskRow(id)).toMatchObject({ due: '2022-01-31', version: version + 1 });
      const history = (await get(`/api/tasks/${id}/extension-requests`)).body.map((e: any) => e.status);
      expect(history).toEqual(['reject', 'approve']);
    });

    it('asks must come before the due date, for a later date, from an assigned unit', async () => {
      const id = tasks.get(3).id;
      expect((await post(`/api/tasks/${id}/extension-requests`, { dueDate: '2021-12-01', reason: '提前' }, zhujian)).body.details[0].field).toBe('dueDate');
      expect((await post(`/api/tasks/${id}/extension-requests`, { dueDate: '2022-06-30', reason: '试试' }, minzheng)).status).toBe(403);
      const { version } = (await get(`/api/tasks/${id}`)).body;
      await request(t.app, 'PATCH', `/api/tasks/${id}`, { dueDate: '2021-09-30', version });
      const late = await post(`/api/tasks/${id}/extension-requests`, { dueDate: '2021-12-31', reason: '逾期后补申请' }, zhujian);
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('PAST_DUE');
    });
  });

  describe('re-importing the notice', () => {
    it('keeps a due date moved by 延期 or an edit while the notice’s 完成时限 is unchanged', async () => {
      const id = tasks.get(3).id;
      const moved = (await taskRow(id)).due;
      expect(moved).not.toBe('2021-12-31');
      const [{ id: planId }] = await t.dataSource.query(`SELECT plan_id AS id FROM task WHERE id = $1`, [id]);
      expectStatus(await post(`/api/plans/${planId}/import`, { text: NOTICE }, 'supervisor'), 201);
      expect((await taskRow(id)).due).toBe(moved);
    });
  });

  describe('milestones', () => {
    it('assigned units and supervisors add milestones and mark them done once', async () => {
      const id = tasks.get(3).id;
      const created = await post(`/api/tasks/${id}/milestones`, { title: '完成管网招标', dueDate: '2021-11-15' }, zhujian);
      expectStatus(created, 201);
      expect(created.body).toMatchObject({ title: '完成管网招标', dueDate: '2021-11-15', doneAt: null });
      expect((await post(`/api/tasks/${id}/milestones`, { title: '别人的节点', dueDate: '2021-11-15' }, minzheng)).status).toBe(403);
      const done = await post(`/api/milestones/${created.body.id}/done`, {}, 'supervisor');
      expect(done.body.doneAt).toEqual(expect.any(String));
      expect((await post(`/api/milestones/${created.body.id}/done`, {}, zhujian)).status).toBe(409);
      expect((await get(`/api/tasks/${id}/milestones`, 'leader')).body).toHaveLength(1);
    });
  });
});
