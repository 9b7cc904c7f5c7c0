import { createImportedPlan, createUnitUser, importNotice, seedJiyuanRegistry } from './support/factories';
import { expectStatus, request } from './support/http';
import { parseTargets } from '../src/targets/target-parser';
import { createTestApp, type TestApp } from './support/test-app';

const NOTICE = [
  '一、测试任务',
  '1.建设停车场。(牵头单位:住房和城乡建设局;责任单位:济水街道办事处)',
  '2.完善社会救助。(责任单位:民政局)',
  '3.改善供热。(责任单位:住房和城乡建设局)',
].join('\n');

describe('tasks added by hand (POST /api/plans/:id/tasks)', () => {
  let t: TestApp;
  let units: Map<string, string>;
  let planId: string;
  let instruction: any;

  const create = (body: Record<string, unknown>, as: 'supervisor' | 'leader' | { token: string } = 'supervisor', plan = planId) =>
    request(t.app, 'POST', `/api/plans/${plan}/tasks`, body, { as });
  const body = (overrides: Record<string, unknown> = {}) => ({
    content: '落实市长批示，加快推进城区老旧小区改造。',
    dueDate: '2021-11-30',
    units: { lead: [units.get('住房和城乡建设局')], cooperating: [units.get('财政金融局')] },
    source: { kind: 'instruction', documentNumber: '济政阅〔2021〕8号', date: '2021-03-15' },
    ...overrides,
  });

  beforeAll(async () => {
    t = await createTestApp({ CLOCK_TODAY: '2021-10-08' });
    units = await seedJiyuanRegistry(t.app);
    planId = (await createImportedPlan(t.app, NOTICE, { year: 2021 })).plan.id;
  });
  afterAll(() => t.close());

  it('answers 201 with the task as GET /api/tasks/:id shows it, numbered after the plan’s last task, its source included', async () => {
    const res = await create(body());
    expectStatus(res, 201);
    instruction = res.body;
    expect(res.body).toMatchObject({
      planId,
      number: 4,
      content: '落实市长批示，加快推进城区老旧小区改造。',
      dueDate: '2021-11-30',
      status: 'not_started',
      origin: 'manual',
      source: { kind: 'instruction', documentNumber: '济政阅〔2021〕8号', date: '2021-03-15' },
      lead: [{ id: units.get('住房和城乡建设局'), name: '住房和城乡建设局' }],
      responsible: [],
      cooperating: [{ id: units.get('财政金融局'), name: '财政金融局' }],
      section: null,
      sourceLine: null,
    });
    expect((await request(t.app, 'GET', `/api/tasks/${res.body.id}`)).body).toEqual(res.body);
    const imported = (await request(t.app, 'GET', `/api/tasks?planId=${planId}&q=停车场`)).body.items[0];
    expect(imported).toMatchObject({ origin: 'import', source: { kind: 'notice', documentNumber: null, date: null } });
  });

  it('numbers stay unique and consecutive when supervisors add tasks at the same time', async () => {
    const kinds = ['meeting', 'proposal', 'other', 'meeting', 'notice', 'proposal'];
    const results = await Promise.all(kinds.map((kind, i) => create(body({ content: `会议议定事项第${i}项`, source: { kind } }))));
    for (const res of results) expectStatus(res, 201);
    expect(results.map((r) => r.body.number).sort((a, b) => a - b)).toEqual([5, 6, 7, 8, 9, 10]);
  });

  it('refuses a bad body with 400 naming the field, another role with 403, an unknown plan with 404 — writing nothing', async () => {
    const count = async () => Number((await t.dataSource.query(`SELECT count(*) AS n FROM task WHERE plan_id = $1`, [planId]))[0].n);
    const before = await count();
    const cases: Array<[Record<string, unknown>, string]> = [
      [body({ units: { cooperating: [units.get('财政金融局')] } }), 'units'],
      [body({ units: { responsible: ['00000000-0000-4000-8000-000000000000'] } }), 'units.responsible.0'],
      [body({ units: { lead: [units.get('民政局')], responsible: [units.get('民政局')] } }), 'units.responsible.0'],
      [body({ source: { kind: 'rumour' } }), 'source.kind'],
      [body({ source: undefined }), 'source'],
      [body({ dueDate: '2021-13-01' }), 'dueDate'],
      [body({ content: ' ' }), 'content'],
    ];
    for (const [payload, field] of cases) {
      const res = await create(payload);
      expect([field, res.status]).toEqual([field, 400]);
      expect(res.body.details.map((d: any) => d.field)).toContain(field);
    }
    const minzheng = await createUnitUser(t, units.get('民政局')!);
    expectStatus(await create(body(), minzheng), 403);
    expectStatus(await create(body(), 'leader'), 403);
    expectStatus(await create(body(), 'supervisor', '00000000-0000-4000-8000-000000000000'), 404);
    expect(await count()).toBe(before);
  });

  it('a re-import of the notice leaves hand-made tasks alone and does not report them missing', async () => {
    const res = await importNotice(t.app, planId, { text: NOTICE });
    expectStatus(res, 201);
    expect(res.body.tasks).toEqual({ created: 0, updated: 0, unchanged: 3 });
    expect(JSON.stringify(res.body.warnings)).not.toContain('不在本次导入的文本中');
    const after = (await request(t.app, 'GET', `/api/tasks/${instruction.id}`)).body;
    expect(after).toEqual(instruction);
  });

  it('a notice item with a hand-made task’s number is an error (422), and nothing is written', async () => {
    const revised = `${NOTICE}\n4.新增一项通知任务。(责任单位:民政局)`;
    const res = await importNotice(t.app, planId, { text: revised });
    expectStatus(res, 422);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ number: 4, message: expect.stringContaining('第4条：本计划的第4项是手工添加的任务，导入不能覆盖它') }),
    ]);
    expect((await request(t.app, 'GET', `/api/tasks/${instruction.id}`)).body).toEqual(instruction);
    // Numbered after the hand-made tasks, the new item imports.
    const renumbered = `${NOTICE}\n11.新增一项通知任务。(责任单位:民政局)`;
    const ok = await importNotice(t.app, planId, { text: renumbered });
    expectStatus(ok, 201);
    expect(ok.body.tasks).toEqual({ created: 1, updated: 0, unchanged: 3 });
  });

  it('the register filters by source kind: GET /api/tasks and GET /api/supervision/tasks', async () => {
    const list = await request(t.app, 'GET', `/api/tasks?planId=${planId}&sourceKind=meeting`);
    expectStatus(list, 200);
    expect(list.body.items.map((task: any) => task.source.kind)).toEqual(['meeting', 'meeting']);
    const notices = await request(t.app, 'GET', `/api/tasks?planId=${planId}&sourceKind=notice&pageSize=50`);
    // The four imported items and the hand-made one whose source is another notice.
    expect(notices.body.total).toBe(5);
    const supervised = await request(t.app, 'GET', `/api/supervision/tasks?planId=${planId}&sourceKind=instruction`);
    expectStatus(supervised, 200);
    expect(supervised.body.items.map((task: any) => task.id)).toEqual([instruction.id]);
    expect(supervised.body.items[0].source).toEqual(instruction.source);
    const bad = await request(t.app, 'GET', `/api/tasks?sourceKind=rumour`);
    expectStatus(bad, 400);
    expect(bad.body.details[0].field).toBe('sourceKind');
  });

  it('its units work on it like any task, and a supervisor retires it: cancelled with a reason, nothing deleted', async () => {
    const zhujian = await createUnitUser(t, units.get('住房和城乡建设局')!);
    expectStatus(await request(t.app, 'POST', `/api/tasks/${instruction.id}/progress`, { summary: '已启动', percent: 10 }, { as: zhujian }), 201);
    const retired = await request(t.app, 'POST', `/api/tasks/${instruction.id}/cancel`, { reason: '已并入第1项办理' });
    expectStatus(retired, 200);
    expect(retired.body).toMatchObject({ id: instruction.id, status: 'cancelled', origin: 'manual' });
    const history = (await request(t.app, 'GET', `/api/tasks/${instruction.id}/history`)).body;
    expect(history.map((h: any) => h.action)).toEqual(['created', 'first_report', 'cancelled']);
    expect(history[2]).toMatchObject({ toStatus: 'cancelled', comment: '已并入第1项办理' });
    expect((await request(t.app, 'GET', `/api/tasks/${instruction.id}/progress`)).body).toHaveLength(1);
  });

  it('a task added by hand gets the targets its text states, as an imported task does', async () => {
    const content = '落实市政府常务会议议定事项，新建公共停车场12个，新增停车泊位3000个。';
    const res = await create(body({ content, source: { kind: 'meeting' } }));
    expectStatus(res, 201);
    const stored = (await request(t.app, 'GET', `/api/tasks/${res.body.id}/targets`)).body.targets;
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.map((s: any) => ({ metric: s.metric, value: s.value, unit: s.unit, sourceText: s.sourceText }))).toEqual(
      parseTargets(content).targets.map((p) => ({ metric: p.metric, value: p.value, unit: p.unit, sourceText: p.sourceText })),
    );
    expect(stored.map((s: any) => s.value)).toEqual(expect.arrayContaining([12, 3000]));
  });
});
