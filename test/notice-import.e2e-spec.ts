import { JIYUAN_GROUPS } from '../src/seed/jiyuan-units';
import { readJiyuanNotice } from '../src/seed/jiyuan-notice';
import {
  countPlanRows,
  createImportedPlan,
  createPlan,
  getPlan,
  importNotice,
  listTasks,
  names,
  seedJiyuanRegistry,
  snapshotPlan,
  tasksByNumber,
} from './support/factories';
import { expectStatus, request } from './support/http';
import { createTestApp, type TestApp } from './support/test-app';

const NOTICE = readJiyuanNotice();
const STREETS = JIYUAN_GROUPS.find((g) => g.name === '各街道办事处')!.members;
const TOWNS = JIYUAN_GROUPS.find((g) => g.name === '各镇人民政府')!.members;

/** The 济源 notice with items replaced, dropped, or added after item 143 (before the footer). */
function editNotice(edit: { replace?: Record<number, string>; drop?: number[]; add?: string[] }): string {
  const lines: string[] = [];
  for (const line of NOTICE.split('\n')) {
    const number = Number(/^(\d+)\./.exec(line)?.[1] ?? 0);
    if (edit.drop?.includes(number)) continue;
    lines.push(edit.replace?.[number] ?? line);
    if (number === 143) lines.push(...(edit.add ?? []));
  }
  return lines.join('\n');
}

/** 1-based line of the first line containing the fragment, as the import reports it. */
const lineOf = (text: string, fragment: string) => text.split(/\r?\n/).findIndex((l) => l.includes(fragment)) + 1;

const ITEM_9_REVISED =
  '9.开工建设人民医院东院区项目,拟设置2500余张床位。(牵头单位:卫生健康委员会;责任单位:玉泉街道办事处;完成时限:2021年6月底前)';
const ITEM_144 = '144.推进数据要素市场化配置改革。(责任单位:政务服务和大数据管理局)';
const ITEM_144_UNKNOWN_UNIT = '144.发展数字经济核心产业。(牵头单位:数字经济局;责任单位:工业和科技创新委员会)';

describe('notice import (POST /api/plans/:id/import)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await seedJiyuanRegistry(t.app);
  });
  afterAll(() => t.close());

  const importInto = (planId: string, text: string, options: { dryRun?: boolean; createMissingUnits?: boolean } = {}) =>
    importNotice(t.app, planId, { text, ...options });

  describe('the 济源 2021 notice', () => {
    it('dry run reports what would be created and writes nothing', async () => {
      const plan = await createPlan(t.app);
      const res = await importInto(plan.id, NOTICE, { dryRun: true });

      expectStatus(res, 200);
      expect(res.body).toEqual({
        dryRun: true,
        sections: 8,
        subsections: 31,
        tasks: { created: 143, updated: 0, unchanged: 0 },
        unknownUnits: [],
        createdUnits: [],
        warnings: [
          expect.objectContaining({ line: 1, text: expect.stringContaining('【大河财立方消息】') }),
          expect.objectContaining({ line: 2, text: '详情如下:' }),
          expect.objectContaining({ line: 185, text: '责编:陶纪燕 | 审核:李震 | 总监:万军伟' }),
          expect.objectContaining({ line: 186, text: ',' }),
        ],
        errors: [],
        items: expect.any(Array),
        columns: [],
        warningsOmitted: 0,
        errorsOmitted: 0,
        itemsOmitted: 0,
        unknownUnitsOmitted: 0,
        targets: expect.objectContaining({ keptEdits: [] }),
      });
      expect(res.body.items).toHaveLength(143);
      expect(res.body.items[0]).toEqual({ number: 1, location: { line: 4 }, content: '生产总值增长8%。', result: 'created' });
      expect(res.body.items.every((i: { result: string }) => i.result === 'created')).toBe(true);
      expect(await countPlanRows(t, 'task', plan.id)).toBe(0);
      expect(await countPlanRows(t, 'plan_section', plan.id)).toBe(0);
      expect((await snapshotPlan(t, plan.id)).plan).toMatchObject({ source_text: null, imported_at: null });
    });

    describe('committed', () => {
      let planId: string;
      let report: any;
      let tasks: Map<number, any>;

      beforeAll(async () => {
        const plan = await createPlan(t.app);
        planId = plan.id;
        const res = await importInto(planId, NOTICE);
        expectStatus(res, 201);
        report = res.body;
        tasks = await tasksByNumber(t.app, planId);
      });

      it('creates 143 tasks, 8 sections and 31 subsections and keeps the source text', async () => {
        expect(report).toMatchObject({ dryRun: false, sections: 8, subsections: 31, errors: [] });
        expect(report.tasks).toEqual({ created: 143, updated: 0, unchanged: 0 });
        expect(await countPlanRows(t, 'task', planId)).toBe(143);
        expect(await countPlanRows(t, 'plan_section', planId)).toBe(39);
        const { plan } = await snapshotPlan(t, planId);
        expect(plan.source_text).toBe(NOTICE);
        expect(plan.imported_at).toBeInstanceOf(Date);
      });

      it('lists all of them, numbered 1..143, through GET /api/tasks', async () => {
        const page = await listTasks(t.app, { planId, pageSize: 200 });
        expect(page.total).toBe(143);
        expect(page.items.map((task: any) => task.number)).toEqual(Array.from({ length: 143 }, (_, i) => i + 1));
      });

      it('assigns lead and responsible units as the notice writes them', () => {
        expect(names(tasks.get(9).lead)).toEqual(['卫生健康委员会']);
        expect(names(tasks.get(9).responsible)).toEqual(['城投建设发展有限公司', '玉泉街道办事处']);
        expect(tasks.get(9).cooperating).toEqual([]);
        expect(names(tasks.get(34).lead)).toEqual(['发展改革和统计局']);
        expect(tasks.get(34).responsible).toEqual([]);
      });

      it('fans group references out to every member unit', () => {
        expect(names(tasks.get(52).responsible)).toEqual(STREETS);
        expect(names(tasks.get(71).lead)).toEqual(['文明办']);
        expect(names(tasks.get(71).responsible)).toEqual([...TOWNS, ...STREETS]);
        expect(tasks.get(71).responsible).toHaveLength(16);
      });

      it('resolves an alias to the registry unit (市场监管局 → 市场监督管理局)', () => {
        expect(names(tasks.get(99).responsible)).toEqual(['市场监督管理局', '交通运输局', '住房和城乡建设局']);
        expect(tasks.get(99).responsible[0].id).toBe(tasks.get(79).responsible[0].id);
      });

      it('flags the open-ended lists (等有关单位) of items 61, 85 and 142 only', () => {
        const open = [...tasks.values()].filter((task) => task.includesOtherUnits).map((task) => task.number);
        expect(open).toEqual([61, 85, 142]);
        expect(names(tasks.get(61).responsible)).toEqual([
          '交通运输局',
          '工业和科技创新委员会',
          '生态环境局',
          '文化广电和旅游局',
          '财政金融局',
        ]);
      });

      it('makes items 1–8 indicators and the rest tasks', () => {
        const indicators = [...tasks.values()].filter((task) => task.kind === 'indicator').map((task) => task.number);
        expect(indicators).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
        expect(tasks.get(9).kind).toBe('task');
      });

      it('keeps parentheses inside the task text (the unit clause is the last one)', () => {
        expect(tasks.get(10).content).toBe('开工建设济源产教融合园区(职业技术学院新校区)项目,满足2万名本科生办学要求。');
        expect(tasks.get(10).content).toContain('(职业技术学院新校区)');
        expect(names(tasks.get(10).responsible)).toEqual(['职业技术学院', '轵城镇人民政府']);
      });

      it('defaults every due date to the plan end date when the notice gives none', () => {
        expect(new Set([...tasks.values()].map((task) => task.dueDate))).toEqual(new Set(['2021-12-31']));
        expect(tasks.get(9)).toMatchObject({ deadlineText: null, status: 'not_started', version: 1 });
      });

      it('places each task under its section and subsection', () => {
        expect(tasks.get(1)).toMatchObject({
          section: { code: '1', title: '今年经济社会发展主要预期目标' },
          subsection: null,
        });
        expect(tasks.get(9)).toMatchObject({
          section: { code: '2', title: '保持经济平稳运行,强化高质量发展支撑' },
          subsection: { code: '2.1', title: '强力推进十大工程' },
        });
        expect(tasks.get(143)).toMatchObject({
          section: { code: '8', title: '切实加强民生保障,提升高质量发展实效' },
          subsection: { code: '8.8', title: '提高社会治理能力' },
        });
      });

      it('returns one task with the notice line it came from', async () => {
        const res = await request(t.app, 'GET', `/api/tasks/${tasks.get(9).id}`);
        expectStatus(res, 200);
        expect(res.body).toMatchObject({ number: 9, planId, sourceLine: NOTICE.split('\n')[13] });
      });

      it('shows the section tree with task counts that add up to 143', async () => {
        const detail = await getPlan(t.app, planId);
        expect(detail.taskCount).toBe(143);
        expect(detail.importedAt).toEqual(expect.any(String));
        expect(detail.sections).toHaveLength(8);
        expect(detail.sections.map((s: any) => s.children.length)).toEqual([0, 5, 4, 4, 4, 3, 3, 8]);
        expect(detail.sections.flatMap((s: any) => s.children)).toHaveLength(31);
        expect(detail.sections[0]).toMatchObject({ code: '1', title: '今年经济社会发展主要预期目标', taskCount: 8, children: [] });
        expect(detail.sections[1].children[0]).toMatchObject({ code: '2.1', title: '强力推进十大工程', taskCount: 10 });
        expect(detail.sections.reduce((sum: number, s: any) => sum + s.taskCount, 0)).toBe(143);
        for (const section of detail.sections.filter((s: any) => s.children.length > 0)) {
          expect(section.children.reduce((sum: number, c: any) => sum + c.taskCount, 0)).toBe(section.taskCount);
        }
      });

      it('re-importing the same text changes nothing', async () => {
        const before = await snapshotPlan(t, planId);
        const res = await importInto(planId, NOTICE);

        expectStatus(res, 201);
        expect(res.body.tasks).toEqual({ created: 0, updated: 0, unchanged: 143 });
        const after = await snapshotPlan(t, planId);
        expect(after.tasks).toEqual(before.tasks);
        expect(after.sections).toEqual(before.sections);
        expect(after.assignments).toEqual(before.assignments);
      });
    });
  });

  describe('a revised notice', () => {
    it('updates changed items in place and creates new ones', async () => {
      const { plan } = await createImportedPlan(t.app, NOTICE);
      const before = await snapshotPlan(t, plan.id);
      const res = await importInto(plan.id, editNotice({ replace: { 9: ITEM_9_REVISED }, add: [ITEM_144] }));

      expectStatus(res, 201);
      expect(res.body.tasks).toEqual({ created: 1, updated: 1, unchanged: 142 });
      const tasks = await tasksByNumber(t.app, plan.id);
      const old9 = before.tasks.find((task: any) => task.number === 9);
      expect(tasks.get(9)).toMatchObject({
        id: old9.id,
        version: old9.version + 1,
        content: '开工建设人民医院东院区项目,拟设置2500余张床位。',
        dueDate: '2021-06-30',
        deadlineText: '2021年6月底前',
      });
      expect(names(tasks.get(9).lead)).toEqual(['卫生健康委员会']);
      expect(names(tasks.get(9).responsible)).toEqual(['玉泉街道办事处']);
      expect(tasks.get(144)).toMatchObject({ version: 1, subsection: { code: '8.8' } });
      expect(names(tasks.get(144).responsible)).toEqual(['政务服务和大数据管理局']);

      // Everything else is untouched, row for row.
      const after = await snapshotPlan(t, plan.id);
      const others = (snapshot: typeof before) => snapshot.tasks.filter((task: any) => task.number !== 9 && task.number !== 144);
      expect(others(after)).toEqual(others(before));
    });

    it('keeps an item the revised text dropped and warns about it', async () => {
      const { plan } = await createImportedPlan(t.app, NOTICE);
      const res = await importInto(plan.id, editNotice({ drop: [50] }));

      expectStatus(res, 201);
      expect(res.body.tasks).toEqual({ created: 0, updated: 0, unchanged: 142 });
      expect(res.body.warnings).toContainEqual(
        expect.objectContaining({ message: expect.stringContaining('第50条不在本次导入的文本中') }),
      );
      const tasks = await tasksByNumber(t.app, plan.id);
      expect(tasks.size).toBe(143);
      expect(tasks.get(50)).toMatchObject({ content: expect.stringContaining('完善城乡住房体系') });
    });
  });

  describe('headings of a revised notice', () => {
    const outline = (plan: any) =>
      plan.sections.map((s: any) => [s.title, s.taskCount, s.children.map((c: any) => [c.title, c.taskCount])]);

    it('drops headings the revised text no longer has once their tasks have moved', async () => {
      const { plan } = await createImportedPlan(
        t.app,
        '一、甲\n(一)子一\n1.任务一。(责任单位:民政局)\n(二)子二\n2.任务二。(责任单位:民政局)\n二、乙\n3.任务三。(责任单位:民政局)',
      );
      const res = await importInto(plan.id, '一、甲\n(一)子一\n1.任务一。(责任单位:民政局)\n2.任务二。(责任单位:民政局)\n3.任务三。(责任单位:民政局)');

      expectStatus(res, 201);
      expect(res.body.tasks).toEqual({ created: 0, updated: 2, unchanged: 1 });
      expect(outline(await getPlan(t.app, plan.id))).toEqual([['甲', 3, [['子一', 3]]]]);
      expect(await countPlanRows(t, 'plan_section', plan.id)).toBe(2);
    });

    it('keeps a dropped heading, and its parent, while a kept task still sits under it', async () => {
      const { plan } = await createImportedPlan(
        t.app,
        '一、甲\n(一)子一\n1.任务一。(责任单位:民政局)\n二、乙\n(一)子二\n2.任务二。(责任单位:民政局)',
      );
      const res = await importInto(plan.id, '一、甲\n(一)子一\n1.任务一。(责任单位:民政局)');

      expectStatus(res, 201);
      expect(outline(await getPlan(t.app, plan.id))).toEqual([
        ['甲', 1, [['子一', 1]]],
        ['乙', 1, [['子二', 1]]],
      ]);
      const tasks = await tasksByNumber(t.app, plan.id);
      expect(tasks.get(2)).toMatchObject({ section: { title: '乙' }, subsection: { title: '子二' } });
    });

    it.each([
      ['一、', '一、甲\n1.任务一。(责任单位:民政局)\n一、乙\n2.任务二。(责任单位:民政局)', 3, 1],
      ['(一)', '一、甲\n(一)子一\n1.任务一。(责任单位:民政局)\n(一)子二\n2.任务二。(责任单位:民政局)', 4, 2],
    ])('a repeated heading %s → 422 naming both lines, nothing written', async (heading, text, line, firstLine) => {
      const plan = await createPlan(t.app);
      for (const dryRun of [true, false]) {
        const res = await importInto(plan.id, text, { dryRun });
        expectStatus(res, 422);
        expect(res.body.errors).toEqual([
          { line, location: { line }, text: text.split('\n')[line - 1], message: expect.stringContaining(`第${firstLine}行已有`) },
        ]);
        expect(res.body.errors[0].message).toContain(heading);
      }
      expect(await countPlanRows(t, 'plan_section', plan.id)).toBe(0);
    });
  });

  describe('units the registry does not know', () => {
    const text = editNotice({ add: [ITEM_144_UNKNOWN_UNIT] });

    it('rejects the whole import with 422, names the unit and writes nothing', async () => {
      const plan = await createPlan(t.app);
      const res = await importInto(plan.id, text);

      expectStatus(res, 422);
      expect(res.body.unknownUnits).toEqual([{ name: '数字经济局', items: [144] }]);
      expect(res.body.errors).toEqual([
        {
          line: lineOf(text, '144.'),
          location: { line: lineOf(text, '144.') },
          text: ITEM_144_UNKNOWN_UNIT,
          message: expect.stringContaining('数字经济局'),
          number: 144,
        },
      ]);
      // Every other item shows what it would become; item 144 shows why the import was refused.
      expect(res.body.items).toHaveLength(144);
      expect(res.body.items.filter((i: { result: string }) => i.result === 'created')).toHaveLength(143);
      expect(res.body.items[143]).toEqual({
        number: 144,
        location: { line: lineOf(text, '144.') },
        content: '发展数字经济核心产业。',
        result: 'error',
        message: expect.stringContaining('单位库中没有“数字经济局”'),
      });
      expect(await countPlanRows(t, 'task', plan.id)).toBe(0);
      expect(await countPlanRows(t, 'plan_section', plan.id)).toBe(0);
      expect((await snapshotPlan(t, plan.id)).plan.source_text).toBeNull();
      const units = await request(t.app, 'GET', '/api/units');
      expect(names(units.body)).not.toContain('数字经济局');
    });

    it('with createMissingUnits creates the unit (kind other) and imports', async () => {
      const plan = await createPlan(t.app);
      const dry = await importInto(plan.id, text, { createMissingUnits: true, dryRun: true });
      expectStatus(dry, 200);
      expect(dry.body.createdUnits).toEqual(['数字经济局']);
      expect(names((await request(t.app, 'GET', '/api/units')).body)).not.toContain('数字经济局');

      const res = await importInto(plan.id, text, { createMissingUnits: true });
      expectStatus(res, 201);
      expect(res.body).toMatchObject({ createdUnits: ['数字经济局'], errors: [], tasks: { created: 144 } });
      const units = await request(t.app, 'GET', '/api/units');
      expect(units.body).toContainEqual(expect.objectContaining({ name: '数字经济局', kind: 'other' }));
      const tasks = await tasksByNumber(t.app, plan.id);
      expect(names(tasks.get(144).lead)).toEqual(['数字经济局']);
    });

    it('creates one unit for two spellings of the same unknown name', async () => {
      const plan = await createPlan(t.app);
      const twoSpellings = '1.甲。(责任单位:智慧城市　管理局)\n2.乙。(责任单位:智慧城市管理局)';
      const rejected = await importInto(plan.id, twoSpellings);
      expectStatus(rejected, 422);
      expect(rejected.body.unknownUnits).toEqual([{ name: '智慧城市管理局', items: [1, 2] }]);

      const res = await importInto(plan.id, twoSpellings, { createMissingUnits: true });
      expectStatus(res, 201);
      expect(res.body.createdUnits).toEqual(['智慧城市管理局']);
      const tasks = await tasksByNumber(t.app, plan.id);
      expect(tasks.get(1).responsible).toEqual(tasks.get(2).responsible);
    });
  });

  it('a failing import leaves a committed plan exactly as it was', async () => {
    const { plan } = await createImportedPlan(t.app, NOTICE);
    const before = await snapshotPlan(t, plan.id);
    const res = await importInto(
      plan.id,
      editNotice({ replace: { 9: ITEM_9_REVISED }, add: [ITEM_144, '145.发展数字经济。(责任单位:数字经济促进局)'] }),
    );

    expectStatus(res, 422);
    expect(res.body.unknownUnits).toEqual([{ name: '数字经济促进局', items: [145] }]);
    expect(await snapshotPlan(t, plan.id)).toEqual(before);
  });

  describe('format variants', () => {
    it('reads full-width punctuation, 1、 numbering, 配合单位/协办单位 and CRLF line ends', async () => {
      const text = [
        '一、重点工作',
        '（一）城市建设',
        '1、建设城市书房（二期）。（牵头单位：住建局；责任单位：轵城镇人民政府；配合单位：财政金融局、自然资源和规划局）',
        '2、推进食品安全城市创建。（责任单位：卫健委；协办单位：市场监管局、各街道）',
        '3．开展安全生产检查。（责任单位：应急局；责任领导：张三、李四；完成时限：年底前）',
        '４．推进供销合作社综合改革。（责任单位：供销合作社）',
      ].join('\r\n');
      const { plan, report } = await createImportedPlan(t.app, text);

      expect(report).toMatchObject({ sections: 1, subsections: 1, tasks: { created: 4 }, warnings: [], errors: [] });
      const tasks = await tasksByNumber(t.app, plan.id);
      expect(tasks.get(1)).toMatchObject({ content: '建设城市书房（二期）。', subsection: { title: '城市建设' } });
      expect(names(tasks.get(1).lead)).toEqual(['住房和城乡建设局']);
      expect(names(tasks.get(1).responsible)).toEqual(['轵城镇人民政府']);
      expect(names(tasks.get(1).cooperating)).toEqual(['财政金融局', '自然资源和规划局']);
      expect(names(tasks.get(2).responsible)).toEqual(['卫生健康委员会']);
      expect(names(tasks.get(2).cooperating)).toEqual(['市场监督管理局', ...STREETS]);
      expect(tasks.get(3)).toMatchObject({ leaders: ['张三', '李四'], deadlineText: '年底前', dueDate: '2021-12-31' });
      expect(names(tasks.get(4).responsible)).toEqual(['供销社']);
      // The stored line has no trailing carriage return, so re-importing the same text is a no-op.
      expect(tasks.get(1).content).not.toContain('\r');
      const again = await importInto(plan.id, text);
      expect(again.body.tasks).toEqual({ created: 0, updated: 0, unchanged: 4 });
    });

    it('reads 完成时限 into the due date and falls back to the plan end date with a warning', async () => {
      const text = [
        '一、重点工作',
        '1.完成老旧小区改造。(责任单位:住房和城乡建设局;完成时限:6月底前)',
        '2.建成智慧养老平台。(责任单位:民政局;完成时限:三季度末)',
        '3.持续推进扫黑除恶。(责任单位:公安局;完成时限:长期坚持)',
      ].join('\n');
      const { plan, report } = await createImportedPlan(t.app, text, { endDate: '2021-11-30' });

      expect(report.warnings).toEqual([
        { line: 4, location: { line: 4 }, text: text.split('\n')[3], message: expect.stringContaining('长期坚持'), number: 3 },
      ]);
      expect(report.items[2]).toEqual({
        number: 3,
        location: { line: 4 },
        content: '持续推进扫黑除恶。',
        result: 'created',
        message: expect.stringContaining('无法识别完成时限“长期坚持”'),
      });
      const tasks = await tasksByNumber(t.app, plan.id);
      expect(tasks.get(1)).toMatchObject({ dueDate: '2021-06-30', deadlineText: '6月底前' });
      expect(tasks.get(2)).toMatchObject({ dueDate: '2021-09-30', deadlineText: '三季度末' });
      expect(tasks.get(3)).toMatchObject({ dueDate: '2021-11-30', deadlineText: '长期坚持' });
    });
  });

  describe('bad input', () => {
    let planId: string;
    beforeAll(async () => {
      planId = (await createPlan(t.app)).id;
    });

    it('garbled (binary) text → 422 with errors, nothing written', async () => {
      // Every byte but 0x00: a NUL in any string is refused before the parser sees it (400 naming the field).
      const binary = Buffer.from(Array.from({ length: 2048 }, (_, i) => ((i * 37 + 11) % 255) + 1)).toString('utf8');
      const res = await importInto(planId, binary);

      expectStatus(res, 422);
      expect(res.body.errors).toContainEqual(expect.objectContaining({ message: expect.stringContaining('UTF-8') }));
      expect(await countPlanRows(t, 'task', planId)).toBe(0);

      const withNul = await importInto(planId, `${binary}\u0000`);
      expectStatus(withNul, 400);
      expect(withNul.body.details).toEqual([{ field: 'text', reason: expect.stringContaining('空字符') }]);
      expect(await countPlanRows(t, 'task', planId)).toBe(0);
    });

    it('a lone header line → 422 saying no items were found', async () => {
      const res = await importInto(planId, '【大河财立方消息】日前,济源市人民政府发布通知。');

      expectStatus(res, 422);
      expect(res.body.errors).toEqual([expect.objectContaining({ line: 0, message: expect.stringContaining('未找到任何任务条目') })]);
      expect(res.body.warnings).toEqual([expect.objectContaining({ line: 1 })]);
    });

    it('blank lines only → 422, empty text → 400 naming text', async () => {
      const blank = await importInto(planId, ' \n\n  ');
      expectStatus(blank, 422);
      expect(blank.body.errors).toEqual([expect.objectContaining({ message: expect.stringContaining('内容为空') })]);

      const empty = await importInto(planId, '');
      expectStatus(empty, 400);
      expect(empty.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field: 'text' })] });
    });

    it('a duplicated item number → 422 naming both lines', async () => {
      const text = '一、工作\n1.甲。(责任单位:民政局)\n1.乙。(责任单位:民政局)';
      const res = await importInto(planId, text);
      expectStatus(res, 422);
      expect(res.body.errors).toEqual([expect.objectContaining({ line: 3, message: expect.stringContaining('第2行') })]);
    });

    it.each([
      ['0', '0.甲。(责任单位:民政局)'],
      ['past the int range', '99999999999.甲。(责任单位:民政局)'],
    ])('an item number %s → 422 naming the line, not 500', async (_, line) => {
      for (const dryRun of [true, false]) {
        const res = await importInto(planId, `一、工作\n${line}`, { dryRun });
        expectStatus(res, 422);
        expect(res.body.errors).toContainEqual({ line: 2, location: { line: 2 }, text: line, message: expect.stringContaining('编号') });
      }
      expect(await countPlanRows(t, 'task', planId)).toBe(0);
    });

    it('an unknown plan → 404, a malformed plan id → 400', async () => {
      const missing = await importNotice(t.app, '00000000-0000-4000-8000-000000000000', { text: NOTICE });
      expectStatus(missing, 404);
      expect(missing.body.code).toBe('NOT_FOUND');

      const malformed = await importNotice(t.app, 'plan-1', { text: NOTICE });
      expectStatus(malformed, 400);
      expect(malformed.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'id', reason: expect.any(String) }] });
    });
  });

  it('two concurrent commits of the same text: one creates, the other finds everything unchanged', async () => {
    const plan = await createPlan(t.app);
    const results = await Promise.all([importInto(plan.id, NOTICE), importInto(plan.id, NOTICE)]);

    expect(results.map((r) => r.status)).toEqual([201, 201]);
    expect(results.map((r) => r.body.tasks).sort((a, b) => b.created - a.created)).toEqual([
      { created: 143, updated: 0, unchanged: 0 },
      { created: 0, updated: 0, unchanged: 143 },
    ]);
    const [{ tasks, numbers }] = await t.dataSource.query(
      `SELECT count(*)::int AS tasks, count(DISTINCT number)::int AS numbers FROM task WHERE plan_id = $1`,
      [plan.id],
    );
    expect({ tasks, numbers }).toEqual({ tasks: 143, numbers: 143 });
    expect(await countPlanRows(t, 'plan_section', plan.id)).toBe(39);
  });
});
