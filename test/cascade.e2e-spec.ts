import { randomUUID } from 'node:crypto';
import { DEFAULT_ORGANIZATION_ID } from '../src/access/organizations';
import { bodyOf, expectStatus, request, type As } from './support/http';
import { createUserIn } from './support/organizations';
import { uniqueName } from './support/factories';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * 下达 over HTTP on a small province: the test users' organization is the province; its admin adds two cities
 * (洛阳市, 济源市), 洛阳's admin a county (孟津区). The province assigns a task to both cities' governments; 洛阳
 * accepts it split between its 财政局 and 孟津区人民政府; 孟津 accepts its part; 孟津's unit reports; the province
 * reads every level's state and the roll-up, and can write none of it.
 */
describe('下达: province → city → county and back', () => {
  let t: TestApp;
  const province: As = 'supervisor';
  const org = { luoyang: '', jiyuan: '', mengjin: '' };
  const unit = { luoyang: '', jiyuan: '', mengjin: '', provinceFinance: '', luoyangFinance: '', mengjinFarming: '' };
  const user: Record<'luoyangAdmin' | 'luoyang' | 'luoyangUnit' | 'jiyuan' | 'mengjinAdmin' | 'mengjin' | 'mengjinUnit' | 'provinceUnit', As> = {} as never;
  let provincePlanId = '';
  let parentTaskId = '';
  let luoyangPlanId = '';
  let luoyangIncomingId = '';
  let luoyangChildren: Array<{ id: string; number: number }> = [];
  let mengjinTaskId = '';

  const get = (url: string, as: As) => request(t.app, 'GET', url, undefined, { as });
  const post = (url: string, body: unknown, as: As) => request(t.app, 'POST', url, body, { as });
  const token = async (organizationId: string, role: 'admin' | 'supervisor' | 'leader' | 'unit_user', unitId?: string): Promise<As> => ({
    token: (await createUserIn(t, organizationId, role, unitId)).token,
  });
  const createUnit = async (name: string, as: As) => (await bodyOf(post('/api/units', { name }, as), 201)).id as string;
  const inbox = async (as: As, status = 'pending') => bodyOf(get(`/api/incoming-tasks?status=${status}`, as));

  beforeAll(async () => {
    t = await createTestApp();
    await t.dataSource.query(`UPDATE organization SET name = '测试省', kind = 'province' WHERE id = $1`, [DEFAULT_ORGANIZATION_ID]);
  });
  afterAll(() => t.close());

  describe('organizations', () => {
    it('the province admin adds cities, each with the unit standing for it in the province', async () => {
      const luoyang = await bodyOf(post('/api/organizations', { name: '洛阳市', kind: 'city' }, 'admin'), 201);
      expect(luoyang).toMatchObject({ name: '洛阳市', kind: 'city', parentId: DEFAULT_ORGANIZATION_ID, depth: 1, writable: false });
      expect(luoyang.representedBy).toEqual({ unitId: expect.any(String), unitName: '洛阳市人民政府' });
      const jiyuan = await bodyOf(post('/api/organizations', { name: '济源市', kind: 'city' }, 'admin'), 201);
      org.luoyang = luoyang.id;
      org.jiyuan = jiyuan.id;
      unit.luoyang = luoyang.representedBy.unitId;
      unit.jiyuan = jiyuan.representedBy.unitId;
      const [row] = await t.dataSource.query(`SELECT organization_id, kind, represents_organization_id FROM unit WHERE id = $1`, [unit.luoyang]);
      expect(row).toEqual({ organization_id: DEFAULT_ORGANIZATION_ID, kind: 'other', represents_organization_id: org.luoyang });

      user.luoyangAdmin = await token(org.luoyang, 'admin');
      user.luoyang = await token(org.luoyang, 'supervisor');
      user.jiyuan = await token(org.jiyuan, 'supervisor');
      const mengjin = await bodyOf(post('/api/organizations', { name: '孟津区', kind: 'county' }, user.luoyangAdmin), 201);
      expect(mengjin).toMatchObject({ parentId: org.luoyang, depth: 1, representedBy: { unitName: '孟津区人民政府' } });
      org.mengjin = mengjin.id;
      unit.mengjin = mengjin.representedBy.unitId;
      expect((await t.dataSource.query(`SELECT kind FROM unit WHERE id = $1`, [unit.mengjin]))[0].kind).toBe('county');
      user.mengjinAdmin = await token(org.mengjin, 'admin');
      user.mengjin = await token(org.mengjin, 'supervisor');
    });

    it('names repeat across organizations: the province and 洛阳 each register a 财政局', async () => {
      unit.provinceFinance = await createUnit('财政局', 'admin');
      unit.luoyangFinance = await createUnit('财政局', user.luoyangAdmin);
      unit.mengjinFarming = await createUnit('农业农村局', user.mengjinAdmin);
      user.luoyangUnit = await token(org.luoyang, 'unit_user', unit.luoyangFinance);
      user.mengjinUnit = await token(org.mengjin, 'unit_user', unit.mengjinFarming);
      user.provinceUnit = await token(DEFAULT_ORGANIZATION_ID, 'unit_user', unit.luoyang);
    });

    it('GET lists the own organization first, then the tree below it depth-first by name; a unit user gets its own', async () => {
      const all = await bodyOf(get('/api/organizations', 'leader'));
      expect(all.map((o: any) => [o.name, o.depth, o.writable])).toEqual([
        ['测试省', 0, true],
        ['洛阳市', 1, false],
        ['孟津区', 2, false],
        ['济源市', 1, false],
      ]);
      expect(all[0]).toMatchObject({ kind: 'province', parentId: null, representedBy: null });
      const luoyang = await bodyOf(get('/api/organizations', user.luoyang));
      expect(luoyang.map((o: any) => [o.name, o.depth, o.writable])).toEqual([
        ['洛阳市', 0, true],
        ['孟津区', 1, false],
      ]);
      expect(luoyang[0].representedBy).toEqual({ unitId: unit.luoyang, unitName: '洛阳市人民政府' });
      expect((await bodyOf(get('/api/organizations', user.luoyangUnit))).map((o: any) => o.name)).toEqual(['洛阳市']);
      expect((await bodyOf(get('/api/organizations', user.jiyuan))).map((o: any) => o.name)).toEqual(['济源市']);
    });

    it('refuses a taken name (409), a kind not below the parent, a blank or long name (400 naming the field), non-admins (403)', async () => {
      const clash = await post('/api/organizations', { name: '洛阳市', kind: 'city' }, 'admin');
      expectStatus(clash, 409);
      expect(clash.body.code).toBe('NAME_CLASH');
      await createUnit('开封市人民政府', 'admin');
      const unitClash = await post('/api/organizations', { name: '开封市', kind: 'city' }, 'admin');
      expectStatus(unitClash, 409);
      expect(unitClash.body).toMatchObject({ code: 'NAME_CLASH', details: { clashes: [{ name: '开封市人民政府' }] } });
      for (const [body, field] of [
        [{ name: '某省', kind: 'province' }, 'kind'],
        [{ name: '某市', kind: 'town' }, 'kind'],
        [{ name: '   ', kind: 'city' }, 'name'],
        [{ name: '市'.repeat(61), kind: 'city' }, 'name'],
        [{ kind: 'city' }, 'name'],
      ] as const) {
        const res = await post('/api/organizations', body, 'admin');
        expectStatus(res, 400);
        expect(res.body.details.map((d: any) => d.field)).toContain(field);
      }
      const county = await post('/api/organizations', { name: '某区', kind: 'city' }, user.mengjinAdmin);
      expectStatus(county, 400);
      expect(county.body.details).toEqual([expect.objectContaining({ field: 'kind' })]);
      for (const as of ['supervisor', 'leader', user.luoyang] as As[]) expectStatus(await post('/api/organizations', { name: '某市', kind: 'city' }, as), 403);
      expect(await t.dataSource.query(`SELECT name FROM organization WHERE name IN ('某省', '某市', '某区', '开封市')`)).toEqual([]);
    });
  });

  describe('delivery and acceptance', () => {
    it("a task assigned to the cities' governments lands in both cities' inboxes, and nowhere else", async () => {
      const plan = await bodyOf(post('/api/plans', { title: '全省重点工作', year: 2026 }, province), 201);
      provincePlanId = plan.id;
      const task = await bodyOf(
        post(
          `/api/plans/${plan.id}/tasks`,
          { content: '推进数字政府建设，年底前政务服务事项全部网上可办。', dueDate: '2099-12-31', units: { lead: [unit.luoyang], responsible: [unit.jiyuan] }, source: { kind: 'notice', documentNumber: '豫政〔2026〕1号' } },
          province,
        ),
        201,
      );
      parentTaskId = task.id;

      const pending = await inbox(user.luoyang);
      expect(pending).toEqual([
        {
          id: expect.any(String),
          receivedAt: expect.any(String),
          acceptedAt: null,
          fromOrganization: { id: DEFAULT_ORGANIZATION_ID, name: '测试省' },
          viaUnit: { id: unit.luoyang, name: '洛阳市人民政府' },
          parentTask: {
            id: parentTaskId,
            number: 1,
            content: '推进数字政府建设，年底前政务服务事项全部网上可办。',
            dueDate: '2099-12-31',
            status: 'not_started',
            planId: plan.id,
            planTitle: '全省重点工作',
          },
          childTasks: [],
        },
      ]);
      luoyangIncomingId = pending[0].id;
      expect((await inbox(user.jiyuan)).map((i: any) => i.viaUnit.name)).toEqual(['济源市人民政府']);
      expect(await inbox(user.mengjin)).toEqual([]);
      expect(await inbox(province)).toEqual([]);
      expect(await inbox(user.luoyang, 'accepted')).toEqual([]);
    });

    it('the inbox is for supervisors and leaders: admins and unit users → 403; a bad filter → 400', async () => {
      for (const as of ['admin', user.luoyangAdmin, user.luoyangUnit] as As[]) {
        expectStatus(await get('/api/incoming-tasks', as), 403);
      }
      expect(await inbox(await token(org.luoyang, 'leader'))).toHaveLength(1);
      const bad = await get('/api/incoming-tasks?status=done', user.luoyang);
      expectStatus(bad, 400);
      expect(bad.body.details[0].field).toBe('status');
    });

    it('refuses accepting into a plan or with units of another organization, and malformed bodies (400 naming the field)', async () => {
      luoyangPlanId = (await bodyOf(post('/api/plans', { title: '洛阳市重点工作', year: 2026 }, user.luoyang), 201)).id;
      const accept = (body: unknown) => post(`/api/incoming-tasks/${luoyangIncomingId}/accept`, body, user.luoyang);
      const cases: Array<[unknown, string]> = [
        [{ planId: provincePlanId, tasks: [{ units: [{ unitId: unit.luoyangFinance, role: 'lead' }] }] }, 'planId'],
        [{ planId: luoyangPlanId, tasks: [{ units: [{ unitId: unit.jiyuan, role: 'lead' }] }] }, 'tasks.0.units.0.unitId'],
        [{ planId: luoyangPlanId, tasks: [] }, 'tasks'],
        [{ planId: luoyangPlanId, tasks: Array.from({ length: 51 }, () => ({ units: [{ unitId: unit.luoyangFinance, role: 'lead' }] })) }, 'tasks'],
        [{ planId: luoyangPlanId, tasks: [{ units: [{ unitId: unit.luoyangFinance, role: 'boss' }] }] }, 'tasks.0.units.0.role'],
        [{ planId: luoyangPlanId, tasks: [{ units: [{ unitId: unit.luoyangFinance, role: 'cooperating' }] }] }, 'tasks.0.units'],
        [{ planId: luoyangPlanId, tasks: [{ dueDate: '2026-13-01', units: [{ unitId: unit.luoyangFinance, role: 'lead' }] }] }, 'tasks.0.dueDate'],
        [{ planId: 'nope', tasks: [{ units: [{ unitId: unit.luoyangFinance, role: 'lead' }] }] }, 'planId'],
      ];
      for (const [body, field] of cases) {
        const res = await accept(body);
        expect([field, res.status]).toEqual([field, 400]);
        expect(res.body.details.map((d: any) => d.field)).toContain(field);
      }
      expect(await t.dataSource.query(`SELECT id FROM task WHERE parent_task_id = $1`, [parentTaskId])).toEqual([]);
    });

    it('only the receiving organization accepts: the province → 403, a sibling city → 404, a leader → 403', async () => {
      const body = { planId: luoyangPlanId, tasks: [{ units: [{ unitId: unit.luoyangFinance, role: 'lead' }] }] };
      const above = await post(`/api/incoming-tasks/${luoyangIncomingId}/accept`, body, province);
      expectStatus(above, 403);
      expect(above.body.message).toBe('下级组织的数据只能查看，不能修改');
      expectStatus(await post(`/api/incoming-tasks/${luoyangIncomingId}/accept`, body, user.jiyuan), 404);
      expectStatus(await post(`/api/incoming-tasks/${luoyangIncomingId}/accept`, body, user.mengjin), 404);
      expectStatus(await post(`/api/incoming-tasks/${luoyangIncomingId}/accept`, body, 'leader'), 403);
      expectStatus(await post(`/api/incoming-tasks/${randomUUID()}/accept`, body, user.luoyang), 404);
      expect((await inbox(user.luoyang))[0].acceptedAt).toBeNull();
    });

    it('洛阳 accepts it split between its 财政局 and 孟津区人民政府; the county receives its part; a second accept → 409', async () => {
      await bodyOf(post(`/api/plans/${luoyangPlanId}/tasks`, { content: '洛阳本级任务', dueDate: '2026-12-31', units: { lead: [unit.luoyangFinance] }, source: { kind: 'meeting' } }, user.luoyang), 201);
      const body = {
        planId: luoyangPlanId,
        tasks: [
          { content: '市本级政务服务事项网上可办。', units: [{ unitId: unit.luoyangFinance, role: 'lead' }] },
          { dueDate: '2099-06-30', units: [{ unitId: unit.mengjin, role: 'responsible' }, { unitId: unit.luoyangFinance, role: 'cooperating' }] },
        ],
      };
      const accepted = await bodyOf(post(`/api/incoming-tasks/${luoyangIncomingId}/accept`, body, user.luoyang), 201);
      expect(accepted).toMatchObject({ id: luoyangIncomingId, acceptedAt: expect.any(String), parentTask: { id: parentTaskId } });
      expect(accepted.childTasks).toEqual([
        { id: expect.any(String), planId: luoyangPlanId, number: 2, status: 'not_started' },
        { id: expect.any(String), planId: luoyangPlanId, number: 3, status: 'not_started' },
      ]);
      luoyangChildren = accepted.childTasks;
      const children = await t.dataSource.query(
        `SELECT number, content, to_char(due_date, 'YYYY-MM-DD') AS due, parent_task_id, organization_id, source_document_number FROM task WHERE parent_task_id = $1 ORDER BY number`,
        [parentTaskId],
      );
      expect(children).toEqual([
        { number: 2, content: '市本级政务服务事项网上可办。', due: '2099-12-31', parent_task_id: parentTaskId, organization_id: org.luoyang, source_document_number: '豫政〔2026〕1号' },
        { number: 3, content: '推进数字政府建设，年底前政务服务事项全部网上可办。', due: '2099-06-30', parent_task_id: parentTaskId, organization_id: org.luoyang, source_document_number: '豫政〔2026〕1号' },
      ]);
      const [audit] = await t.dataSource.query(`SELECT organization_id FROM audit_event WHERE action = 'incoming_task.accept' AND entity_id = $1`, [luoyangIncomingId]);
      expect(audit.organization_id).toBe(org.luoyang);
      // Accepting is the 签收 of 洛阳市人民政府, the province's unit standing for 洛阳 (it has no users to sign).
      const signed = await t.dataSource.query(
        `SELECT u.name, a.acknowledged_via FROM task_assignment a JOIN unit u ON u.id = a.unit_id WHERE a.task_id = $1 ORDER BY u.name`,
        [parentTaskId],
      );
      expect(signed).toContainEqual({ name: '洛阳市人民政府', acknowledged_via: 'accept' });
      expect(signed.filter((row: { acknowledged_via: string | null }) => row.acknowledged_via !== null)).toHaveLength(1);

      const again = await post(`/api/incoming-tasks/${luoyangIncomingId}/accept`, body, user.luoyang);
      expectStatus(again, 409);
      expect(again.body.code).toBe('ALREADY_ACCEPTED');
      expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM task WHERE parent_task_id = $1`, [parentTaskId])).toEqual([{ n: 2 }]);
      expect(await inbox(user.luoyang)).toEqual([]);
      expect((await inbox(user.luoyang, 'all')).map((i: any) => i.childTasks.length)).toEqual([2]);

      const county = await inbox(user.mengjin);
      expect(county).toMatchObject([{ fromOrganization: { id: org.luoyang, name: '洛阳市' }, viaUnit: { name: '孟津区人民政府' }, parentTask: { id: luoyangChildren[1]!.id, number: 3, dueDate: '2099-06-30', planTitle: '洛阳市重点工作' } }]);
    });

    it('two accepts at once: one wins, the other gets 409, and only one set of children exists', async () => {
      const jiyuanPlan = (await bodyOf(post('/api/plans', { title: '济源市重点工作', year: 2026 }, user.jiyuan), 201)).id;
      const jiyuanUnit = await createUnit('发展改革和统计局', await token(org.jiyuan, 'admin'));
      const [incoming] = await inbox(user.jiyuan);
      const body = { planId: jiyuanPlan, tasks: [{ units: [{ unitId: jiyuanUnit, role: 'lead' }] }] };
      const answers = await Promise.all([1, 2].map(() => post(`/api/incoming-tasks/${incoming.id}/accept`, body, user.jiyuan)));
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
      expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM task WHERE parent_task_id = $1 AND organization_id = $2`, [parentTaskId, org.jiyuan])).toEqual([{ n: 1 }]);
    });

    it('孟津 accepts its part; its unit reports progress', async () => {
      const mengjinPlan = (await bodyOf(post('/api/plans', { title: '孟津区重点工作', year: 2026 }, user.mengjin), 201)).id;
      const [incoming] = await inbox(user.mengjin);
      const accepted = await bodyOf(post(`/api/incoming-tasks/${incoming.id}/accept`, { planId: mengjinPlan, tasks: [{ units: [{ unitId: unit.mengjinFarming, role: 'lead' }] }] }, user.mengjin), 201);
      mengjinTaskId = accepted.childTasks[0].id;
      await bodyOf(post(`/api/tasks/${mengjinTaskId}/progress`, { summary: '全区政务服务事项已上线80%', percent: 80 }, user.mengjinUnit), 201);
    });
  });

  describe('the parent reads every level and the roll-up, and writes none of it', () => {
    it("the province's children view shows each organization, the county's report, and the roll-up", async () => {
      const view = await bodyOf(get(`/api/tasks/${parentTaskId}/children`, province));
      expect(view.organizations.map((o: any) => [o.organization.name, o.acceptedAt !== null, o.tasks.map((task: any) => task.number)])).toEqual([
        ['洛阳市', true, [2, 3]],
        ['孟津区', true, [1]],
        ['济源市', true, [1]],
      ]);
      const county = view.organizations[1];
      expect(county.tasks[0]).toMatchObject({
        id: mengjinTaskId,
        status: 'in_progress',
        dueDate: '2099-06-30',
        percent: 80,
        latestReport: { summary: '全区政务服务事项已上线80%', percent: 80, unitName: '农业农村局', reportedAt: expect.any(String) },
      });
      expect(view.organizations[0].tasks[0].latestReport).toBeNull();
      expect(view.rollup).toMatchObject({ completed: false, organizations: 2, accepted: 2, completedTasks: 0, totalTasks: 3 });
      expect(['red', 'yellow', 'green']).toContain(view.rollup.light);

      // 洛阳's task 3 went on to 孟津: the province counts it by 洛阳's own roll-up of it.
      const city = await bodyOf(get(`/api/tasks/${luoyangChildren[1]!.id}/children`, user.luoyang));
      expect(city.organizations.map((o: any) => o.organization.name)).toEqual(['孟津区']);
      expect(city.rollup).toMatchObject({ organizations: 1, accepted: 1, totalTasks: 1 });
      expect(view.organizations[0].tasks[1].light).toBe(city.rollup.light);
    });

    it('a pending acceptance is yellow before the parent is due and red after; a task delivered nowhere is grey', async () => {
      const plan = provincePlanId;
      const late = await bodyOf(post(`/api/plans/${plan}/tasks`, { content: '逾期未接收的任务', dueDate: '2021-06-30', units: { responsible: [unit.jiyuan] }, source: { kind: 'notice' } }, province), 201);
      expect((await bodyOf(get(`/api/tasks/${late.id}/children`, province))).rollup).toEqual({
        completed: false,
        light: 'red',
        organizations: 1,
        accepted: 0,
        completedTasks: 0,
        totalTasks: 0,
      });
      const early = await bodyOf(post(`/api/plans/${plan}/tasks`, { content: '待接收的任务', dueDate: '2099-06-30', units: { responsible: [unit.jiyuan] }, source: { kind: 'notice' } }, province), 201);
      expect((await bodyOf(get(`/api/tasks/${early.id}/children`, province))).rollup).toMatchObject({ light: 'yellow', accepted: 0 });
      const undelivered = await bodyOf(post(`/api/plans/${plan}/tasks`, { content: '本级任务', dueDate: '2099-06-30', units: { responsible: [unit.provinceFinance] }, source: { kind: 'notice' } }, province), 201);
      expect(await bodyOf(get(`/api/tasks/${undelivered.id}/children`, province))).toEqual({
        rollup: { completed: false, light: 'grey', organizations: 0, accepted: 0, completedTasks: 0, totalTasks: 0 },
        organizations: [],
      });
    });

    it('completed once every child is: the county completing makes 洛阳 task 3 count as completed by its roll-up', async () => {
      const complete = async (taskId: string, unitId: string, as: As) => {
        await bodyOf(post(`/api/tasks/${taskId}/progress`, { summary: '已完成', percent: 100, unitId }, as), 201);
        await bodyOf(post(`/api/tasks/${taskId}/completion-request`, { summary: '已完成，申请销号', unitId }, as), 201);
        await bodyOf(post(`/api/tasks/${taskId}/completion-review`, { decision: 'approve' }, as));
      };
      await complete(mengjinTaskId, unit.mengjinFarming, user.mengjin);
      const city = await bodyOf(get(`/api/tasks/${luoyangChildren[1]!.id}/children`, user.luoyang));
      expect(city.rollup).toEqual({ completed: true, light: 'green', organizations: 1, accepted: 1, completedTasks: 1, totalTasks: 1 });
      const before = await bodyOf(get(`/api/tasks/${parentTaskId}/children`, province));
      expect(before.organizations[0].tasks[1]).toMatchObject({ number: 3, status: 'not_started', light: 'green' });
      expect(before.rollup).toMatchObject({ completed: false, completedTasks: 1, totalTasks: 3 });

      await complete(luoyangChildren[0]!.id, unit.luoyangFinance, user.luoyang);
      const [jiyuanChild] = await t.dataSource.query(
        `SELECT t.id, a.unit_id FROM task t JOIN task_assignment a ON a.task_id = t.id WHERE t.parent_task_id = $1 AND t.organization_id = $2`,
        [parentTaskId, org.jiyuan],
      );
      await complete(jiyuanChild.id, jiyuanChild.unit_id, user.jiyuan);
      const after = await bodyOf(get(`/api/tasks/${parentTaskId}/children`, province));
      expect(after.rollup).toEqual({ completed: true, light: 'green', organizations: 2, accepted: 2, completedTasks: 3, totalTasks: 3 });
      // The parent's own record is the province's to close: the roll-up does not write it.
      expect((await bodyOf(get(`/api/tasks/${parentTaskId}`, province))).status).toBe('not_started');
    });

    it("the province's supervisor cannot write into a city's or county's task (403), and nothing changes", async () => {
      for (const taskId of [luoyangChildren[0]!.id, mengjinTaskId]) {
        const res = await post(`/api/tasks/${taskId}/milestones`, { title: '省里加的节点', dueDate: '2099-03-31' }, province);
        expectStatus(res, 403);
        expect(res.body.message).toBe('下级组织的数据只能查看，不能修改');
      }
      expect(await t.dataSource.query(`SELECT id FROM milestone WHERE title = '省里加的节点'`)).toEqual([]);
    });

    it('nothing crosses sideways or upward: a sibling city and a county get 404 on the province task and on each other', async () => {
      for (const as of [user.jiyuan, user.mengjin, user.luoyang]) expectStatus(await get(`/api/tasks/${parentTaskId}/children`, as), 404);
      expectStatus(await get(`/api/tasks/${luoyangChildren[0]!.id}/children`, user.jiyuan), 404);
      expectStatus(await get(`/api/tasks/${luoyangChildren[0]!.id}/children`, user.mengjin), 404);
      expectStatus(await get(`/api/tasks/${randomUUID()}/children`, province), 404);
      expectStatus(await get('/api/tasks/not-a-uuid/children', province), 400);
    });

    it("a unit user reads a delivered task's children only if it reads the task, and only in its own organization", async () => {
      expectStatus(await get(`/api/tasks/${parentTaskId}/children`, user.luoyangUnit), 404);
      const own = await bodyOf(get(`/api/tasks/${parentTaskId}/children`, user.provinceUnit));
      expect(own.organizations).toEqual([]);
      const city = await bodyOf(get(`/api/tasks/${luoyangChildren[1]!.id}/children`, user.luoyangUnit));
      expect(city.organizations).toEqual([]);
      const otherUnit = await token(org.luoyang, 'unit_user', await createUnit(uniqueName('洛阳局'), user.luoyangAdmin));
      expectStatus(await get(`/api/tasks/${luoyangChildren[1]!.id}/children`, otherUnit), 403);
    });
  });
});
