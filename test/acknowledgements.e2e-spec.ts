import {
  createImportedPlan,
  createUnitUser,
  importNotice,
  seedJiyuanRegistry,
  tasksByNumber,
} from './support/factories';
import { expectStatus, request, bodyOf, apiClient, type As } from './support/http';
import { onDay } from './support/history';
import { createTestApp, type TestApp } from './support/test-app';

/** Plan A: lead, responsible and cooperating units, a group fan-out (各街道办事处 → 5 streets). */
const NOTICE_A = [
  '一、签收测试',
  '1.建设智慧停车场。(牵头单位:住房和城乡建设局;责任单位:交通运输局;配合单位:教育体育局;完成时限:2021-12-31)',
  '2.完善社会救助体系。(责任单位:民政局;完成时限:2021-12-31)',
  '3.推进老旧小区改造。(责任单位:各街道办事处;完成时限:2021-12-31)',
  '4.改善城区供热。(责任单位:民政局;完成时限:2021-12-31)',
  '5.建设养老服务中心。(牵头单位:民政局;完成时限:2021-12-31)',
].join('\n');
/** Revised item 1: 交通运输局 and 住建局 swap roles, 教育体育局 is dropped, 民政局 cooperates. */
const NOTICE_A_REVISED = NOTICE_A.replace(
  '1.建设智慧停车场。(牵头单位:住房和城乡建设局;责任单位:交通运输局;配合单位:教育体育局;',
  '1.建设智慧停车场。(牵头单位:交通运输局;责任单位:住房和城乡建设局;配合单位:民政局;',
);

/**
 * Plan L, for the reminder ladder on China's 2021 calendar (National Day 10-01…10-07 off, Saturday 10-09 a make-up
 * workday). Its units are given their tasks on Monday 2021-09-27 — 交通运输局 on Wednesday 09-29.
 */
const NOTICE_L = [
  '一、签收提醒测试',
  '1.推进社会救助提标扩面。(责任单位:民政局;完成时限:2021-12-31)',
  '2.建设城市停车场。(牵头单位:住房和城乡建设局;配合单位:交通运输局;完成时限:2021-12-31)',
  '3.完成校舍维修。(责任单位:教育体育局;完成时限:2021-12-31)',
  '4.清理历史欠款。(责任单位:财政金融局;完成时限:2021-12-31)',
].join('\n');

describe('签收: acknowledgements, assignment times, the 未签收 view and filter, and the 签收 reminder ladder', () => {
  let t: TestApp;
  let units: Map<string, string>;
  let users: Record<'zhujian' | 'jiaotong' | 'jiaoyu' | 'minzheng' | 'minzheng2' | 'jishui', { token: string; user: any }>;
  let planA: string;
  let a: Map<number, any>;

  const { get, post } = apiClient(() => t.app);
  const acknowledge = (taskId: string, as: As) => post(`/api/tasks/${taskId}/acknowledge`, undefined, as);
  const auditCount = async (taskId: string) =>
    Number((await t.dataSource.query(`SELECT count(*) FROM audit_event WHERE action = 'task.acknowledge' AND entity_id = $1`, [taskId]))[0].count);
  const assignments = (taskId: string) =>
    t.dataSource.query(
      `SELECT u.name, a.role, a.assigned_at, a.acknowledged_at, a.acknowledged_via
         FROM task_assignment a JOIN unit u ON u.id = a.unit_id
        WHERE a.task_id = $1 ORDER BY array_position(ARRAY['lead', 'responsible', 'cooperating'], a.role), a.position`,
      [taskId],
    );
  const numbers = (page: any) => page.items.map((task: any) => task.number).sort((x: number, y: number) => x - y);

  beforeAll(async () => {
    t = await createTestApp();
    units = await seedJiyuanRegistry(t.app);
    const user = (name: string) => createUnitUser(t, units.get(name)!);
    users = {
      zhujian: await user('住房和城乡建设局'),
      jiaotong: await user('交通运输局'),
      jiaoyu: await user('教育体育局'),
      minzheng: await user('民政局'),
      minzheng2: await user('民政局'),
      jishui: await user('济水街道办事处'),
    };
  });
  afterAll(() => t.close());

  describe('assignments and 签收 on one task', () => {
    let importedFrom: Date;

    beforeAll(async () => {
      importedFrom = new Date((await t.dataSource.query(`SELECT now() AS now`))[0].now);
      planA = (await createImportedPlan(t.app, NOTICE_A, { year: 2021 })).plan.id;
      a = await tasksByNumber(t.app, planA);
    });

    it('the import records when each unit was given the task, group fan-out included; nobody has signed yet', async () => {
      const rows = [...(await assignments(a.get(1).id)), ...(await assignments(a.get(3).id))];
      expect(rows.slice(0, 3).map((r: any) => [r.name, r.role])).toEqual([
        ['住房和城乡建设局', 'lead'],
        ['交通运输局', 'responsible'],
        ['教育体育局', 'cooperating'],
      ]);
      expect(rows.slice(3).map((r: any) => r.name).sort()).toEqual(
        ['济水街道办事处', '天坛街道办事处', '沁园街道办事处', '北海街道办事处', '玉泉街道办事处'].sort(),
      );
      for (const row of rows) {
        expect(row.assigned_at.getTime()).toBeGreaterThanOrEqual(importedFrom.getTime());
        expect(row.acknowledged_at).toBeNull();
      }
      const detail = await bodyOf(get(`/api/tasks/${a.get(1).id}`));
      expect(detail.acknowledgements).toEqual([]);
      expect(detail.unacknowledged).toEqual(
        rows.slice(0, 3).map((r: any) => ({ id: units.get(r.name), name: r.name, assignedAt: r.assigned_at.toISOString() })),
      );
    });

    it('POST /api/tasks/:id/acknowledge records the unit, the user and the time; repeating it answers the first record', async () => {
      const taskId = a.get(1).id;
      const first = await bodyOf(acknowledge(taskId, users.jiaotong));
      expect(first).toEqual({
        unit: { id: units.get('交通运输局'), name: '交通运输局' },
        acknowledgedAt: expect.any(String),
        by: { id: users.jiaotong.user.id, username: users.jiaotong.user.username, displayName: expect.any(String) },
        via: 'acknowledge',
      });
      expect(await bodyOf(acknowledge(taskId, users.jiaotong))).toEqual(first);

      const detail = await bodyOf(get(`/api/tasks/${taskId}`, users.zhujian));
      expect(detail.acknowledgements).toEqual([first]);
      expect(detail.unacknowledged.map((u: any) => u.name)).toEqual(['住房和城乡建设局', '教育体育局']);
      // The audit trail records the 签收 once.
      expect(await auditCount(taskId)).toBe(1);
      const [event] = await t.dataSource.query(`SELECT actor_id, after FROM audit_event WHERE action = 'task.acknowledge' AND entity_id = $1`, [taskId]);
      expect(event).toEqual({ actor_id: users.jiaotong.user.id, after: { unitId: units.get('交通运输局'), via: 'acknowledge' } });
      // A cooperating unit signs too.
      expect((await bodyOf(acknowledge(taskId, users.jiaoyu))).unit.name).toBe('教育体育局');
      expect(await auditCount(taskId)).toBe(2);
    });

    it("another unit's user gets 403; leaders, supervisors and admins cannot sign for a unit; nothing is written", async () => {
      const taskId = a.get(1).id;
      const before = JSON.stringify(await assignments(taskId));
      const refused = await acknowledge(taskId, users.minzheng);
      expectStatus(refused, 403);
      expect(refused.body).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('未分配给本单位') });
      for (const role of ['leader', 'supervisor', 'admin'] as const) expectStatus(await acknowledge(taskId, role), 403);
      expectStatus(await acknowledge(taskId, 'anonymous'), 401);
      expect(JSON.stringify(await assignments(taskId))).toBe(before);
      expect(await auditCount(taskId)).toBe(2);
      expectStatus(await acknowledge('00000000-0000-4000-8000-000000000000', users.minzheng), 404);
      const bad = await acknowledge('not-a-task', users.minzheng);
      expectStatus(bad, 400);
      expect(bad.body.details).toEqual([expect.objectContaining({ field: 'id' })]);
    });

    it('two users of the unit clicking at once sign it once', async () => {
      const taskId = a.get(2).id;
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, i) => bodyOf(acknowledge(taskId, i % 2 ? users.minzheng : users.minzheng2))),
      );
      expect(new Set(answers.map((x) => JSON.stringify(x))).size).toBe(1);
      expect(await auditCount(taskId)).toBe(1);
    });

    it("a unit's own progress report or 销号 request is its 签收; a supervisor's report on its behalf is not", async () => {
      const four = a.get(4).id;
      await bodyOf(post(`/api/tasks/${four}/progress`, { summary: '已完成方案', percent: 20, period: '2021-10' }, users.minzheng), 201);
      const signed = (await bodyOf(get(`/api/tasks/${four}`))).acknowledgements;
      expect(signed).toEqual([
        expect.objectContaining({ unit: { id: units.get('民政局'), name: '民政局' }, via: 'progress', by: expect.objectContaining({ id: users.minzheng.user.id }) }),
      ]);
      // A second report signs nothing more; the button afterwards answers the report's 签收.
      await bodyOf(post(`/api/tasks/${four}/progress`, { summary: '已开工', percent: 40, period: '2021-10' }, users.minzheng), 201);
      expect(await auditCount(four)).toBe(1);
      expect(await bodyOf(acknowledge(four, users.minzheng2))).toEqual(signed[0]);

      const five = a.get(5).id;
      await bodyOf(post(`/api/tasks/${five}/progress`, { summary: '已选址', percent: 60, period: '2021-10', unitId: units.get('民政局') }), 201);
      expect((await bodyOf(get(`/api/tasks/${five}`))).acknowledgements).toEqual([]);
      expect(await auditCount(five)).toBe(0);
      await bodyOf(post(`/api/tasks/${five}/completion-request`, { summary: '已建成' }, users.minzheng), 201);
      expect((await bodyOf(get(`/api/tasks/${five}`))).acknowledgements).toEqual([
        expect.objectContaining({ unit: { id: units.get('民政局'), name: '民政局' }, via: 'completion_request' }),
      ]);
      expect(await auditCount(five)).toBe(1);
    });

    it('the register filters on 签收: GET /api/tasks and GET /api/supervision/tasks with acknowledged', async () => {
      // 住建局 has not signed task 1; 民政局 has signed 2, 4 and 5; the streets have not signed task 3.
      const list = (query: string, as: As = 'supervisor') => bodyOf(get(`/api/tasks?planId=${planA}&${query}`, as));
      expect(numbers(await list('acknowledged=false', users.zhujian))).toEqual([1]);
      expect(numbers(await list('acknowledged=true', users.zhujian))).toEqual([]);
      expect(numbers(await list('acknowledged=true', users.jiaotong))).toEqual([1]);
      expect(numbers(await list(`acknowledged=false&unitId=${units.get('民政局')}`))).toEqual([]);
      expect(numbers(await list(`acknowledged=true&unitId=${units.get('民政局')}`))).toEqual([2, 4, 5]);
      expect(numbers(await list('acknowledged=false'))).toEqual([1, 3]);
      expect(numbers(await list('acknowledged=true'))).toEqual([2, 4, 5]);
      const bad = await get(`/api/tasks?acknowledged=maybe`);
      expectStatus(bad, 400);
      expect(bad.body.details).toEqual([expect.objectContaining({ field: 'acknowledged' })]);

      const today = (await bodyOf(get('/api/meta'))).today;
      const supervised = (query: string, as: As = 'supervisor') => bodyOf(get(`/api/supervision/tasks?planId=${planA}&${query}`, as));
      const mine = await supervised(`asOf=${today}&acknowledged=false`, users.jishui);
      expect(numbers(mine)).toEqual([3]);
      expect(mine.items[0].unacknowledged.map((u: any) => u.name)).toContain('济水街道办事处');
      expect(numbers(await supervised(`asOf=${today}&acknowledged=false`))).toEqual([1, 3]);
      // As of a day before any 签收 was made, every task was still waiting for one.
      expect(numbers(await supervised('asOf=2021-10-08&acknowledged=false'))).toEqual([1, 2, 3, 4, 5]);
      expect(numbers(await supervised('asOf=2021-10-08&acknowledged=true'))).toEqual([]);
    });

    it('a re-import keeps the time and the 签收 of units that stay (whatever their role now), and dates the units it adds', async () => {
      // As if the plan had been imported on Monday 2021-09-27.
      await t.dataSource.query(
        `UPDATE task_assignment SET assigned_at = '2021-09-27 10:00+08' WHERE task_id IN (SELECT id FROM task WHERE plan_id = $1)`,
        [planA],
      );
      const signedBefore = await assignments(a.get(1).id);
      const from = new Date((await t.dataSource.query(`SELECT now() AS now`))[0].now);
      expect((await bodyOf(importNotice(t.app, planA, { text: NOTICE_A_REVISED }), 201)).tasks).toEqual({ created: 0, updated: 1, unchanged: 4 });

      const after = await assignments(a.get(1).id);
      const byName = new Map(after.map((r: any) => [r.name, r]));
      expect(after.map((r: any) => [r.name, r.role])).toEqual([
        ['交通运输局', 'lead'],
        ['住房和城乡建设局', 'responsible'],
        ['民政局', 'cooperating'],
      ]);
      for (const name of ['住房和城乡建设局', '交通运输局']) {
        expect((byName.get(name) as any).assigned_at.toISOString()).toBe('2021-09-27T02:00:00.000Z');
      }
      const jiaotongBefore = signedBefore.find((r: any) => r.name === '交通运输局');
      expect((byName.get('交通运输局') as any).acknowledged_at).toEqual(jiaotongBefore.acknowledged_at);
      expect((byName.get('民政局') as any).assigned_at.getTime()).toBeGreaterThanOrEqual(from.getTime());
      expect((byName.get('民政局') as any).acknowledged_at).toBeNull();
      // The unchanged tasks, group fan-out included, kept their times; importing the same text again changes nothing.
      for (const row of await assignments(a.get(3).id)) expect(row.assigned_at.toISOString()).toBe('2021-09-27T02:00:00.000Z');
      const snapshot = JSON.stringify(await assignments(a.get(1).id));
      expect((await bodyOf(importNotice(t.app, planA, { text: NOTICE_A_REVISED }), 201)).tasks).toEqual({ created: 0, updated: 0, unchanged: 5 });
      expect(JSON.stringify(await assignments(a.get(1).id))).toBe(snapshot);
    });
  });

  describe('the 签收 reminder ladder on working days', () => {
    let planL: string;
    let l: Map<number, any>;
    const scan = (asOf: string) => bodyOf(post('/api/reminders/scan', { asOf }));
    /** The plan's 签收 reminders as "unit#round", sorted. */
    const ladder = async () =>
      (
        await t.dataSource.query(
          `SELECT u.name, r.unique_key FROM reminder r JOIN unit u ON u.id = r.unit_id WHERE r.plan_id = $1 AND r.kind = 'unacknowledged'`,
          [planL],
        )
      )
        .map((r: any) => `${r.name}#${r.unique_key.split(':').pop()}`)
        .sort();

    beforeAll(async () => {
      planL = (await createImportedPlan(t.app, NOTICE_L, { year: 2021, startDate: '2021-09-01' })).plan.id;
      l = await tasksByNumber(t.app, planL);
      await t.dataSource.query(
        `UPDATE task_assignment SET assigned_at = '2021-09-27 10:00+08' WHERE task_id IN (SELECT id FROM task WHERE plan_id = $1)`,
        [planL],
      );
      await t.dataSource.query(`UPDATE task_assignment SET assigned_at = '2021-09-29 10:00+08' WHERE task_id = $1 AND unit_id = $2`, [
        l.get(2).id,
        units.get('交通运输局'),
      ]);
      // Suspended on 2021-09-28 in this story.
      await onDay(t, '2021-09-28', () => bodyOf(post(`/api/tasks/${l.get(4).id}/suspend`, { reason: '政策调整' })));
    });

    it('the policy defaults to 2 workdays and takes 0…30', async () => {
      expect(await bodyOf(get(`/api/reminder-policy?planId=${planL}`))).toMatchObject({ acknowledgeWithinWorkdays: 2 });
      const bad = await request(t.app, 'PUT', '/api/reminder-policy', { planId: planL, acknowledgeWithinWorkdays: 31 });
      expectStatus(bad, 400);
      expect(bad.body.details).toEqual([expect.objectContaining({ field: 'acknowledgeWithinWorkdays' })]);
    });

    it('2021-09-29 (2 workdays after 09-27): none; 09-30 (3): one to each unsigned unit of an open task', async () => {
      await scan('2021-09-29');
      expect(await ladder()).toEqual([]);
      await scan('2021-09-30');
      expect(await ladder()).toEqual(['住房和城乡建设局#0', '教育体育局#0', '民政局#0']);
      const [row] = await t.dataSource.query(
        `SELECT unique_key, workdays_overdue, message FROM reminder WHERE kind = 'unacknowledged' AND task_id = $1`,
        [l.get(1).id],
      );
      expect(row.unique_key).toBe(`unacknowledged:${l.get(1).id}:${units.get('民政局')}:2021-09-27:0`);
      expect(row.workdays_overdue).toBe(1);
      expect(row.message).toMatch(/^【签收提醒】《.*》第1项“推进社会救助提标扩面。?”已于 2021-09-27 交办贵单位，3 个工作日仍未签收，请登录系统签收/);
      expect(row.message).toContain(`/tasks/${l.get(1).id}`);
      // The unit sees it in its inbox under its kind.
      const inbox = await bodyOf(get('/api/reminders?kind=unacknowledged', users.minzheng));
      expect(inbox.items.map((r: any) => r.task.id)).toEqual([l.get(1).id]);
    });

    it('repeats every 5 workdays across National Day and the Saturday make-up day, and stops at 签收', async () => {
      await bodyOf(acknowledge(l.get(3).id, users.jiaoyu));
      // 交通运输局, given its task on 09-29, reaches 3 workdays on Saturday 10-09.
      for (const day of ['2021-10-01', '2021-10-07', '2021-10-08']) await scan(day);
      expect(await ladder()).toEqual(['住房和城乡建设局#0', '教育体育局#0', '民政局#0']);
      await scan('2021-10-09');
      expect(await ladder()).toEqual(['交通运输局#0', '住房和城乡建设局#0', '教育体育局#0', '民政局#0']);
      for (const day of ['2021-10-11', '2021-10-12']) await scan(day);
      expect(await ladder()).toHaveLength(4);
      // 10-13 is the 8th workday after 09-27: the second round, not for 教育体育局, which has signed.
      await scan('2021-10-13');
      expect(await ladder()).toEqual(['交通运输局#0', '住房和城乡建设局#0', '住房和城乡建设局#1', '教育体育局#0', '民政局#0', '民政局#1']);
      // 民政局's own report is its 签收: no third round for it.
      await bodyOf(post(`/api/tasks/${l.get(1).id}/progress`, { summary: '已启动', percent: 10, period: '2021-10' }, users.minzheng), 201);
      for (const day of ['2021-10-14', '2021-10-15', '2021-10-18', '2021-10-19', '2021-10-20', '2021-10-21', '2021-10-22']) await scan(day);
      expect(await ladder()).toEqual([
        '交通运输局#0',
        '交通运输局#1',
        '交通运输局#2',
        '住房和城乡建设局#0',
        '住房和城乡建设局#1',
        '住房和城乡建设局#2',
        '教育体育局#0',
        '民政局#0',
        '民政局#1',
      ]);
      // The suspended task's unit got none; rescanning changes nothing.
      expect(await ladder()).not.toContainEqual(expect.stringContaining('财政金融局'));
      const before = await ladder();
      for (const day of ['2021-09-30', '2021-10-13', '2021-10-22']) expect((await scan(day)).created).toBe(0);
      expect(await ladder()).toEqual(before);
    });

    it('acknowledgeWithinWorkdays 0 turns the 签收 reminders off', async () => {
      await bodyOf(request(t.app, 'PUT', '/api/reminder-policy', { planId: planL, acknowledgeWithinWorkdays: 0 }));
      const before = await ladder();
      await scan('2021-10-27');
      expect(await ladder()).toEqual(before);
      await bodyOf(request(t.app, 'PUT', '/api/reminder-policy', { planId: planL, acknowledgeWithinWorkdays: 2 }));
      await scan('2021-10-27');
      expect((await ladder()).length).toBeGreaterThan(before.length);
    });

    it('GET /api/supervision/unacknowledged: per unit, unsigned open tasks as of a day, most workdays since assignment first', async () => {
      // 教育体育局 signed on 2021-10-12 in this story.
      await t.dataSource.query(`UPDATE task_assignment SET acknowledged_at = '2021-10-12 15:00+08' WHERE task_id = $1`, [l.get(3).id]);
      const view = await bodyOf(get(`/api/supervision/unacknowledged?planId=${planL}&asOf=2021-10-13`, 'leader'));
      expect(view).toMatchObject({ asOf: '2021-10-13', acknowledgeWithinWorkdays: 2, total: 3, warnings: [] });
      expect(
        view.units.map((u: any) => [u.unit.name, u.count, u.tasks.map((x: any) => [x.task.number, x.role, x.workdaysSinceAssigned, x.overdue])]),
      ).toEqual([
        ['民政局', 1, [[1, 'responsible', 8, true]]],
        ['住房和城乡建设局', 1, [[2, 'lead', 8, true]]],
        ['交通运输局', 1, [[2, 'cooperating', 6, true]]],
      ]);
      expect(view.units[0].tasks[0]).toMatchObject({ assignedAt: '2021-09-27T02:00:00.000Z', task: { id: l.get(1).id, status: 'not_started' } });
      // Before 教育体育局 signed it was waiting too; before anything was assigned nobody was.
      const earlier = await bodyOf(get(`/api/supervision/unacknowledged?planId=${planL}&asOf=2021-10-11`));
      expect(earlier.units.map((u: any) => [u.unit.name, u.tasks[0].workdaysSinceAssigned])).toContainEqual(['教育体育局', 6]);
      expect(await bodyOf(get(`/api/supervision/unacknowledged?planId=${planL}&asOf=2021-09-26`))).toMatchObject({ total: 0, units: [] });
      // Staff only; bad input names the field.
      expectStatus(await get(`/api/supervision/unacknowledged?planId=${planL}`, users.minzheng), 403);
      const bad = await get(`/api/supervision/unacknowledged?planId=${planL}&asOf=2021-13-01`);
      expectStatus(bad, 400);
      expect(bad.body.details).toEqual([expect.objectContaining({ field: 'asOf' })]);
      expectStatus(await get('/api/supervision/unacknowledged?planId=00000000-0000-4000-8000-000000000000'), 404);
    });

    it('two scans at once make each 签收 reminder once', async () => {
      const notice = Array.from(
        { length: 8 },
        (_, i) => `${i + 1}.并发签收任务${i + 1}。(责任单位:${['民政局', '教育体育局', '交通运输局', '住房和城乡建设局'][i % 4]};完成时限:2021-12-31)`,
      ).join('\n');
      const planC = (await createImportedPlan(t.app, notice, { year: 2021, startDate: '2021-09-01' })).plan.id;
      await t.dataSource.query(
        `UPDATE task_assignment SET assigned_at = '2021-09-27 10:00+08' WHERE task_id IN (SELECT id FROM task WHERE plan_id = $1)`,
        [planC],
      );
      await bodyOf(request(t.app, 'PUT', '/api/reminder-policy', { planId: planC, acknowledgeWithinWorkdays: 3 }));
      const unsigned = async () =>
        Number((await t.dataSource.query(`SELECT count(*) FROM reminder WHERE plan_id = $1 AND kind = 'unacknowledged'`, [planC]))[0].count);
      // Three workdays after 09-27 is still within the plan's window of 3.
      await scan('2021-09-30');
      expect(await unsigned()).toBe(0);
      const total = async () => Number((await t.dataSource.query(`SELECT count(*) FROM reminder`))[0].count);
      const before = await total();
      const [x, y] = await Promise.all([scan('2021-10-08'), scan('2021-10-08')]);
      expect(await unsigned()).toBe(8);
      expect(x.created + y.created).toBe((await total()) - before);
      expect(Math.min(x.created, y.created)).toBe(0);
    });

    it('every 签收 is in the audit trail, once', async () => {
      const [{ signed, missing, twice }] = await t.dataSource.query(
        `SELECT (SELECT count(*)::int FROM task_assignment WHERE acknowledged_at IS NOT NULL) AS signed,
                (SELECT count(*)::int FROM task_assignment a
                  WHERE a.acknowledged_at IS NOT NULL
                    AND NOT EXISTS (SELECT 1 FROM audit_event e WHERE e.action = 'task.acknowledge'
                                       AND e.entity_id = a.task_id::text AND e.after->>'unitId' = a.unit_id::text)) AS missing,
                (SELECT count(*)::int FROM (SELECT 1 FROM audit_event WHERE action = 'task.acknowledge'
                                             GROUP BY entity_id, after->>'unitId' HAVING count(*) > 1) d) AS twice`,
      );
      expect(signed).toBe(6);
      expect({ missing, twice }).toEqual({ missing: 0, twice: 0 });
    });
  });
});
