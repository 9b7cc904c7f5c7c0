import { readJiyuanNotice } from '../src/seed/jiyuan-notice';
import { JIYUAN_2021_TARGETS } from './oracles/jiyuan-2021-targets';
import {
  createImportedPlan,
  createUnitUser,
  importNotice,
  seedJiyuanRegistry,
  tasksByNumber,
} from './support/factories';
import { expectStatus, request } from './support/http';
import { onDay } from './support/history';
import { createTestApp, type TestApp } from './support/test-app';

const NOTICE = readJiyuanNotice();

describe('task targets: read at import, set by a supervisor', () => {
  let t: TestApp;
  let planId: string;
  let report: any;
  let tasks: Map<number, any>;
  let units: Map<string, string>;

  const targetsOf = async (number: number, as: 'supervisor' | 'leader' = 'supervisor') => {
    const res = await request(t.app, 'GET', `/api/tasks/${tasks.get(number).id}/targets`, undefined, { as });
    expectStatus(res, 200);
    return res.body;
  };
  const put = (number: number, body: unknown, as: 'supervisor' | 'leader' = 'supervisor') =>
    request(t.app, 'PUT', `/api/tasks/${tasks.get(number).id}/targets`, body, { as });

  beforeAll(async () => {
    t = await createTestApp();
    units = await seedJiyuanRegistry(t.app);
    ({ plan: { id: planId }, report } = await createImportedPlan(t.app, NOTICE));
    tasks = await tasksByNumber(t.app, planId);
  });
  afterAll(() => t.close());

  it('the import stores every target the fixture expects, and reports what it read and could not', async () => {
    const rows: Array<{ number: number; metric: string; verb: string; comparator: string; value: string; unit: string }> =
      await t.dataSource.query(
        `SELECT t.number, tt.metric, tt.verb, tt.comparator, tt.value, tt.unit
           FROM task_target tt JOIN task t ON t.id = tt.task_id WHERE t.plan_id = $1 ORDER BY t.number, tt.position`,
        [planId],
      );
    const stored = new Map<number, unknown[]>();
    for (const r of rows) stored.set(r.number, [...(stored.get(r.number) ?? []), [r.metric, r.verb, r.comparator, Number(r.value), r.unit]]);
    const expected = new Map(
      Object.entries(JIYUAN_2021_TARGETS)
        .filter(([, e]) => e.targets.length > 0)
        .map(([n, e]) => [Number(n), e.targets]),
    );
    expect(stored).toEqual(expected);

    expect(report.targets.read).toHaveLength(rows.length);
    expect(report.targets.read[0]).toEqual({
      number: 1,
      metric: '生产总值',
      comparator: 'at_least',
      value: 8,
      unit: '%',
      sourceText: '生产总值增长8%',
    });
    expect(report.targets.unreadable).toEqual([
      // An indicator with no number: 增速与经济增长同步.
      { number: 6, text: '居民人均可支配收入增速与经济增长同步。' },
      { number: 16, text: '蓄水量78万立方米' },
      { number: 29, text: '在5个街道分别打造一条示范街区' },
      { number: 106, text: '惠及群众5000户2万余人' },
      { number: 109, text: '济源市民凭身份证可享受王屋山、五龙口、济渎庙、黄河三峡等4个景区免门票优惠政策' },
    ]);
    expect(tasks.get(1).kind).toBe('indicator');
  });

  it('GET answers the targets with the task version, for any reader of the task', async () => {
    const body = await targetsOf(132, 'leader');
    expect(body).toMatchObject({ taskId: tasks.get(132).id, version: tasks.get(132).version });
    expect(body.targets).toEqual([
      expect.objectContaining({
        position: 0,
        metric: '城市书房',
        verb: '新建',
        comparator: 'at_least',
        value: 15,
        unit: '座',
        rate: false,
        sourceText: '新建城市书房15座',
        editedBySupervisor: false,
        latestActual: null,
      }),
    ]);
  });

  it('a supervisor sets the targets of item 6, versioned and audited; a stale version is 409', async () => {
    const { version } = await targetsOf(6);
    const body = { version, targets: [{ metric: '居民人均可支配收入', verb: '增长', comparator: 'at_least', value: 8, unit: '%' }] };
    const res = await put(6, body);
    expectStatus(res, 200);
    expect(res.body.version).toBe(version + 1);
    expect(res.body.targets).toEqual([expect.objectContaining({ metric: '居民人均可支配收入', value: 8, rate: true, editedBySupervisor: true })]);

    const stale = await put(6, body);
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('STALE_VERSION');

    const history = (await request(t.app, 'GET', `/api/tasks/${tasks.get(6).id}/history`)).body;
    expect(history).toContainEqual(expect.objectContaining({ action: 'targets_edited' }));
    const [audit] = await t.dataSource.query(`SELECT after FROM audit_event WHERE action = 'task.targets' AND entity_id = $1`, [tasks.get(6).id]);
    expect(audit.after).toEqual([{ metric: '居民人均可支配收入', comparator: 'at_least', value: 8, unit: '%' }]);
  });

  it('keeps a target by id (and its place), drops the ones left out', async () => {
    const before = await targetsOf(65);
    const [farmland] = before.targets;
    const res = await put(65, {
      version: before.version,
      targets: [{ metric: '新开工', comparator: 'at_least', value: 3, unit: '个' }, { ...pick(farmland), id: farmland.id, value: 3 }],
    });
    expectStatus(res, 200);
    expect(res.body.targets.map((x: any) => [x.position, x.metric, x.value])).toEqual([
      [0, '新开工', 3],
      [1, '高标准农田', 3],
    ]);
    expect(res.body.targets[1].id).toBe(farmland.id);
  });

  it('re-importing the notice leaves a supervisor’s targets alone and lists those items as kept', async () => {
    const res = await importNotice(t.app, planId, { text: NOTICE });
    expectStatus(res, 201);
    expect(res.body.targets.keptEdits).toEqual([6, 65]);
    expect((await targetsOf(6)).targets.map((x: any) => x.value)).toEqual([8]);
    expect((await targetsOf(65)).targets.map((x: any) => x.metric)).toEqual(['新开工', '高标准农田']);
    expect((await targetsOf(132)).targets.map((x: any) => x.value)).toEqual([15]);
  });

  it('refuses bad input with 400 naming the field, and other roles with 403', async () => {
    const { version } = await targetsOf(132);
    const bad = await put(132, { version, targets: [{ metric: '城市书房', comparator: 'more', value: 15, unit: '座' }] });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.details)).toContain('comparator');
    const huge = await put(132, { version, targets: [{ metric: '城市书房', comparator: 'at_least', value: 1e15, unit: '座' }] });
    expect(huge.status).toBe(400);
    const foreign = await put(132, { version, targets: [{ id: (await targetsOf(1)).targets[0].id, metric: 'x', comparator: 'at_least', value: 1, unit: '座' }] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.details[0].field).toBe('targets[0].id');
    const noVersion = await put(132, { targets: [] });
    expect(noVersion.status).toBe(400);
    expect((await put(132, { version, targets: [] }, 'leader')).status).toBe(403);
    expect((await targetsOf(132)).targets).toHaveLength(1);
  });

  describe('actuals in progress reports', () => {
    let wenlv: { token: string };
    let fagai: { token: string };
    const report = (number: number, as: { token: string }, body: Record<string, unknown>) =>
      request(t.app, 'POST', `/api/tasks/${tasks.get(number).id}/progress`, { summary: '按计划推进', period: '2021-07', ...body }, { as });

    beforeAll(async () => {
      wenlv = await createUnitUser(t, units.get('文化广电和旅游局')!);
      fagai = await createUnitUser(t, units.get('发展改革和统计局')!);
    });

    it('a quantity task’s percent follows from actual ÷ target (5 of 15 城市书房 → 33%)', async () => {
      const [books] = (await targetsOf(132)).targets;
      const res = await report(132, wenlv, { actuals: [{ targetId: books.id, value: 5 }] });
      expectStatus(res, 201);
      expect(res.body).toMatchObject({ percent: 33, actuals: [{ targetId: books.id, metric: '城市书房', unit: '座', value: 5 }] });
      const listed = (await request(t.app, 'GET', `/api/tasks/${tasks.get(132).id}/progress`)).body;
      expect(listed.at(-1).actuals).toEqual([{ targetId: books.id, metric: '城市书房', unit: '座', value: 5 }]);
      expect((await targetsOf(132)).targets[0].latestActual).toMatchObject({ value: 5, period: '2021-07', unitName: '文化广电和旅游局' });
    });

    it('refuses an actual for another task’s target, twice the same target, an absurd number, or no percent at all', async () => {
      const foreign = (await targetsOf(1)).targets[0].id;
      const own = (await targetsOf(132)).targets[0].id;
      const before = await t.dataSource.query(`SELECT count(*)::int AS n FROM progress_report`);
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ actuals: [{ targetId: foreign, value: 5 }] }, 'actuals[0].targetId'],
        [{ actuals: [{ targetId: own, value: 5 }, { targetId: own, value: 6 }] }, 'actuals[1].targetId'],
        [{ actuals: [{ targetId: own, value: 1e13 }] }, 'actuals'],
        [{}, 'percent'],
      ];
      for (const [body, field] of cases) {
        const res = await report(132, wenlv, body);
        expect(res.status).toBe(400);
        expect(JSON.stringify(res.body.details)).toContain(field);
      }
      expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM progress_report`)).toEqual(before);
    });

    it('a revised notice changes a target in place: same id, new value, its actuals kept', async () => {
      const [before] = (await targetsOf(132)).targets;
      const revised = NOTICE.replace('新建城市书房15座', '新建城市书房18座');
      expectStatus(await importNotice(t.app, planId, { text: revised }), 201);
      const [after] = (await targetsOf(132)).targets;
      expect(after).toMatchObject({ id: before.id, value: 18, sourceText: '新建城市书房18座', latestActual: { value: 5 } });
      expectStatus(await importNotice(t.app, planId, { text: NOTICE }), 201);
    });

    it('an indicator whose reported rate misses its target is yellow, with the reason, as of the day after the report', async () => {
      const [gdp] = (await targetsOf(1)).targets;
      const res = await onDay(t, '2021-07-10', () => report(1, fagai, { percent: 50, actuals: [{ targetId: gdp.id, value: 7.8 }] }));
      expectStatus(res, 201);
      // Rates say nothing about how much is done: the percent sent stands.
      expect(res.body.percent).toBe(50);
      const light = async (asOf: string) => {
        const page = await request(t.app, 'GET', `/api/supervision/tasks?planId=${planId}&asOf=${asOf}&q=1&pageSize=1`);
        expectStatus(page, 200);
        return page.body.items[0];
      };
      expect(await light('2021-07-26')).toMatchObject({ number: 1, light: 'yellow', reasons: ['指标“生产总值”实际 7.8%，未达目标（不低于 8%）'] });
      // Before the report there was nothing to judge.
      expect((await light('2021-07-09')).reasons).not.toContain('指标“生产总值”实际 7.8%，未达目标（不低于 8%）');
    });
  });
});

function pick(target: any) {
  const { metric, verb, comparator, value, unit } = target;
  return { metric, verb, comparator, value, unit };
}
