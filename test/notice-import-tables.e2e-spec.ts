import {
  countPlanRows,
  createPlan,
  createUnit,
  createUnitGroup,
  importNotice,
  names,
  snapshotPlan,
  tasksByNumber,
} from './support/factories';
import { expectStatus, request } from './support/http';
import { createTestApp, type TestApp } from './support/test-app';

/** A city registry entered through the API: departments with their short names, county governments and their group. */
const DEPARTMENTS: Array<[string, string, ...string[]]> = [
  ['市发展和改革委员会', 'department', '市发展改革委', '市发改委'],
  ['市财政局', 'department'],
  ['市统计局', 'department'],
  ['市教育局', 'department'],
  ['市卫生健康委员会', 'department', '市卫生健康委', '市卫健委'],
  ['市人力资源和社会保障局', 'department', '市人社局'],
  ['市住房和城乡建设局', 'department', '市住房城乡建设局', '市住建局'],
  ['市市场监督管理局', 'department', '市市场监管局'],
  ['市委宣传部', 'party'],
];
const COUNTIES = ['甲县人民政府', '乙县人民政府', '丙区人民政府'];
const COUNTY_GROUP = '各县(市、区)人民政府';

/** A task table as Excel puts it on the clipboard: tabs between cells, a multi-line cell in quotes. */
const PASTED_TABLE = [
  '附件',
  '某市2023年政府工作报告重点工作任务分解表',
  '序号\t重点工作任务\t牵头单位\t责任单位\t配合单位\t完成时限\t备注',
  '一、稳住经济大盘\t\t\t\t\t\t',
  '1\t"全年实施重点项目500个以上，\n完成投资1200亿元。"\t市发展改革委\t\t市财政局、市统计局\t2023年6月底前\t省定任务',
  '2\t推进城市更新行动。\t\t市住建局\t\t三季度末\t',
  '3\t提升基层医疗服务能力。\t市卫健委\t各县（市、区）人民政府\t\t年底前\t',
  '二、增进民生福祉',
  '4\t稳定和扩大就业。\t市人社局\t市教育局等有关单位\t\t2023年10月底前完成\t',
].join('\r\n');

describe('importing task tables and phrase notices (POST /api/plans/:id/import)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    for (const [name, kind, ...aliases] of DEPARTMENTS) await createUnit(t.app, { name, kind, aliases });
    for (const name of COUNTIES) await createUnit(t.app, { name, kind: 'county' });
    await createUnitGroup(t.app, { name: COUNTY_GROUP, members: COUNTIES });
  });
  afterAll(() => t.close());

  const importInto = (planId: string, text: string, options: { dryRun?: boolean; createMissingUnits?: boolean } = {}) =>
    importNotice(t.app, planId, { text, ...options });
  const newPlan = () => createPlan(t.app, { year: 2023 });

  /** What the register holds for each task: the checks a person makes against the table. */
  async function register(planId: string) {
    const tasks = await tasksByNumber(t.app, planId);
    return [...tasks.values()].map((task) => ({
      number: task.number,
      lead: names(task.lead),
      responsible: names(task.responsible),
      cooperating: names(task.cooperating),
      includesOtherUnits: task.includesOtherUnits,
      dueDate: task.dueDate,
    }));
  }

  it('a county-level government is a unit kind of its own', async () => {
    const units = await request(t.app, 'GET', '/api/units');
    expect(units.body.filter((u: { kind: string }) => u.kind === 'county').map((u: { name: string }) => u.name).sort()).toEqual(
      [...COUNTIES].sort(),
    );
    expect(units.body.find((u: { name: string }) => u.name === '市委宣传部')).toMatchObject({ kind: 'party' });
    const bad = await request(t.app, 'POST', '/api/units', { name: '某某', kind: 'province' }, { as: 'admin' });
    expectStatus(bad, 400);
  });

  describe('a table pasted into the text field', () => {
    it('dry run: every row with its result, the column mapping, nothing written', async () => {
      const plan = await newPlan();
      const res = await importInto(plan.id, PASTED_TABLE, { dryRun: true });

      expectStatus(res, 200);
      expect(res.body).toMatchObject({ dryRun: true, sections: 2, subsections: 0, tasks: { created: 4, updated: 0, unchanged: 0 }, errors: [] });
      expect(res.body.columns.map((c: { header: string; field: string }) => [c.header, c.field])).toEqual([
        ['序号', 'number'],
        ['重点工作任务', 'task'],
        ['牵头单位', 'lead'],
        ['责任单位', 'responsible'],
        ['配合单位', 'cooperating'],
        ['完成时限', 'deadline'],
        ['备注', 'extra'],
      ]);
      expect(res.body.items).toEqual([
        { number: 1, location: { line: 5 }, content: '全年实施重点项目500个以上，\n完成投资1200亿元。', result: 'created' },
        { number: 2, location: { line: 7 }, content: '推进城市更新行动。', result: 'created' },
        { number: 3, location: { line: 8 }, content: '提升基层医疗服务能力。', result: 'created' },
        { number: 4, location: { line: 10 }, content: '稳定和扩大就业。', result: 'created' },
      ]);
      expect(res.body.warnings.map((w: { line: number; message: string }) => [w.line, w.message])).toEqual([
        [1, '已忽略：附件标注'],
        [2, '已忽略：表头之前的标题行'],
      ]);
      expect(await countPlanRows(t, 'task', plan.id)).toBe(0);
      expect(await countPlanRows(t, 'plan_section', plan.id)).toBe(0);
    });

    it('commit: the register holds each row exactly, unknown columns in the task detail, the table as source', async () => {
      const plan = await newPlan();
      const res = await importInto(plan.id, PASTED_TABLE);

      expectStatus(res, 201);
      expect(res.body.tasks).toEqual({ created: 4, updated: 0, unchanged: 0 });
      expect(await register(plan.id)).toEqual([
        { number: 1, lead: ['市发展和改革委员会'], responsible: [], cooperating: ['市财政局', '市统计局'], includesOtherUnits: false, dueDate: '2023-06-30' },
        { number: 2, lead: [], responsible: ['市住房和城乡建设局'], cooperating: [], includesOtherUnits: false, dueDate: '2023-09-30' },
        { number: 3, lead: ['市卫生健康委员会'], responsible: COUNTIES, cooperating: [], includesOtherUnits: false, dueDate: '2023-12-31' },
        { number: 4, lead: ['市人力资源和社会保障局'], responsible: ['市教育局'], cooperating: [], includesOtherUnits: true, dueDate: '2023-10-31' },
      ]);
      const tasks = await tasksByNumber(t.app, plan.id);
      const detail = await request(t.app, 'GET', `/api/tasks/${tasks.get(1).id}`);
      expect(detail.body).toMatchObject({
        content: '全年实施重点项目500个以上，\n完成投资1200亿元。',
        extraFields: { 备注: '省定任务' },
        section: { code: '1', title: '稳住经济大盘' },
        deadlineText: '2023年6月底前',
      });
      expect((await request(t.app, 'GET', `/api/tasks/${tasks.get(2).id}`)).body.extraFields).toEqual({});
      expect((await snapshotPlan(t, plan.id)).plan.source_text).toBe(PASTED_TABLE);
    });

    it('errors: 422 naming each bad row by line, and nothing written', async () => {
      const plan = await newPlan();
      await importInto(plan.id, PASTED_TABLE).then((res) => expectStatus(res, 201));
      const before = await snapshotPlan(t, plan.id);
      const broken = PASTED_TABLE.replace('\t市住建局\t', '\t市数据局\t').replace('4\t稳定和扩大就业。\t市人社局\t市教育局等有关单位', '4\t稳定和扩大就业。\t\t');

      const res = await importInto(plan.id, broken);

      expectStatus(res, 422);
      expect(res.body.errors.map((e: { location: unknown; message: string }) => [e.location, e.message])).toEqual([
        [{ line: 7 }, expect.stringContaining('单位库中没有“市数据局”')],
        [{ line: 10 }, '第4条缺少责任单位'],
      ]);
      expect(res.body.items.map((i: { number: number; result: string }) => [i.number, i.result])).toEqual([
        [1, 'unchanged'],
        [2, 'error'],
        [3, 'unchanged'],
        [4, 'error'],
      ]);
      expect(res.body.tasks).toEqual({ created: 0, updated: 0, unchanged: 0 });
      expect(await snapshotPlan(t, plan.id)).toEqual(before);
      expect(names((await request(t.app, 'GET', '/api/units')).body)).not.toContain('市数据局');
    });

    it('re-importing the same table changes nothing; a revised table updates tasks by number in place', async () => {
      const plan = await newPlan();
      await importInto(plan.id, PASTED_TABLE).then((res) => expectStatus(res, 201));
      const first = await snapshotPlan(t, plan.id);

      const again = await importInto(plan.id, PASTED_TABLE);
      expectStatus(again, 201);
      expect(again.body.tasks).toEqual({ created: 0, updated: 0, unchanged: 4 });
      expect(again.body.items.map((i: { result: string }) => i.result)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);
      const second = await snapshotPlan(t, plan.id);
      expect(second.tasks).toEqual(first.tasks);
      expect(second.sections).toEqual(first.sections);

      const revised = PASTED_TABLE.replace('\t市住建局\t\t三季度末\t', '\t市住建局、各县（市、区）人民政府\t\t2023年11月底前\t')
        .replace('\t年底前\t', '\t年底前\t国家考核指标') + '\r\n5\t开展“放心消费”行动。\t市市场监管局\t\t\t上半年\t';
      const res = await importInto(plan.id, revised);
      expectStatus(res, 201);
      expect(res.body.tasks).toEqual({ created: 1, updated: 2, unchanged: 2 });
      expect(res.body.items.map((i: { number: number; result: string }) => [i.number, i.result])).toEqual([
        [1, 'unchanged'],
        [2, 'updated'],
        [3, 'updated'],
        [4, 'unchanged'],
        [5, 'created'],
      ]);
      const after = await snapshotPlan(t, plan.id);
      expect(after.tasks.slice(0, 4).map((task: { id: string }) => task.id)).toEqual(first.tasks.map((task: { id: string }) => task.id));
      const tasks = await tasksByNumber(t.app, plan.id);
      expect(tasks.get(2)).toMatchObject({ dueDate: '2023-11-30' });
      expect(names(tasks.get(2).responsible)).toEqual(['市住房和城乡建设局', ...COUNTIES]);
      expect((await request(t.app, 'GET', `/api/tasks/${tasks.get(3).id}`)).body.extraFields).toEqual({ 备注: '国家考核指标' });
      expect(tasks.get(5)).toMatchObject({ dueDate: '2023-06-30', lead: [expect.objectContaining({ name: '市市场监督管理局' })] });
    });
  });

  describe('a phrase-style notice', () => {
    const NOTICE = [
      '一、全力以赴稳增长',
      '1.全年实施省市重点项目500个以上。（市发展改革委牵头，市财政局、市统计局配合）',
      '2.推进城市更新行动。(市住房城乡建设局负责)',
      '3.提升基层医疗卫生服务能力（市卫生健康委牵头，各县（市、区）人民政府负责）。',
      '二、持续增进民生福祉',
      '4.稳定和扩大就业。（市人社局、市教育局按职责分工负责）',
      '5.开展“放心消费”创建活动。（市市场监管局牵头，市发展改革委等有关单位配合，2023年10月底前完成）',
      '6.做好重大主题宣传。（市委宣传部牵头，市 财政局配合，长期坚持）',
    ].join('\n');

    it('commits every item with its units and due date exactly', async () => {
      const plan = await newPlan();
      const res = await importInto(plan.id, NOTICE);
      expectStatus(res, 201);
      expect(res.body.tasks).toEqual({ created: 6, updated: 0, unchanged: 0 });
      expect(await register(plan.id)).toEqual([
        { number: 1, lead: ['市发展和改革委员会'], responsible: [], cooperating: ['市财政局', '市统计局'], includesOtherUnits: false, dueDate: '2023-12-31' },
        { number: 2, lead: [], responsible: ['市住房和城乡建设局'], cooperating: [], includesOtherUnits: false, dueDate: '2023-12-31' },
        { number: 3, lead: ['市卫生健康委员会'], responsible: COUNTIES, cooperating: [], includesOtherUnits: false, dueDate: '2023-12-31' },
        { number: 4, lead: [], responsible: ['市人力资源和社会保障局', '市教育局'], cooperating: [], includesOtherUnits: false, dueDate: '2023-12-31' },
        { number: 5, lead: ['市市场监督管理局'], responsible: [], cooperating: ['市发展和改革委员会'], includesOtherUnits: true, dueDate: '2023-10-31' },
        { number: 6, lead: ['市委宣传部'], responsible: [], cooperating: ['市财政局'], includesOtherUnits: false, dueDate: '2023-12-31' },
      ]);
      // 长期坚持 names no date: the plan's end date, with a warning on item 6.
      expect(res.body.items[5]).toMatchObject({ number: 6, result: 'created', message: expect.stringContaining('长期坚持') });
    });
  });

  it('createMissingUnits creates a county government with the county kind', async () => {
    const plan = await newPlan();
    const res = await importInto(plan.id, '序号\t工作任务\t责任单位\n1\t甲\t戊县人民政府、市委统战部、市数据局', { createMissingUnits: true });
    expectStatus(res, 201);
    expect(res.body.createdUnits).toEqual(['戊县人民政府', '市委统战部', '市数据局']);
    const units = (await request(t.app, 'GET', '/api/units')).body as Array<{ name: string; kind: string }>;
    expect(res.body.createdUnits.map((name: string) => units.find((u) => u.name === name)?.kind)).toEqual(['county', 'party', 'other']);
  });

  it('a 20,000-line junk notice answers 422 with a small report: lists capped, the rest counted', async () => {
    const plan = await newPlan();
    const lines = Array.from({ length: 20_000 }, (_, i) => (i % 2 === 0 ? `${i / 2 + 1}.x(责任单位:u${i})` : `junk ${i}`));
    const res = await importInto(plan.id, lines.join('\n'));

    expectStatus(res, 422);
    expect(JSON.stringify(res.body).length).toBeLessThan(300_000);
    expect(res.body.errors).toHaveLength(200);
    expect(res.body.errorsOmitted).toBe(10_000 - 200);
    expect(res.body.warnings).toHaveLength(200);
    expect(res.body.warningsOmitted).toBe(10_000 - 200);
    expect(res.body.unknownUnits).toHaveLength(200);
    expect(res.body.unknownUnitsOmitted).toBe(10_000 - 200);
    expect(res.body.items).toHaveLength(200);
    expect(res.body.itemsOmitted).toBe(10_000 - 200);
    expect(await countPlanRows(t, 'task', plan.id)).toBe(0);
  });
});
