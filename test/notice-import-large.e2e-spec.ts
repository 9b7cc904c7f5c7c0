import { JIYUAN_UNITS } from '../src/seed/jiyuan-units';
import { countPlanRows, createPlan, importNotice, seedJiyuanRegistry } from './support/factories';
import { expectStatus } from './support/http';
import { createTestApp, type TestApp } from './support/test-app';

const ITEMS = 10_000;
const PER_SECTION = 250;
const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1–99 in Chinese numerals, as section headings write them (十, 十二, 四十). */
function chineseNumeral(n: number): string {
  const tens = Math.floor(n / 10);
  return `${tens === 0 ? '' : tens === 1 ? '十' : `${DIGITS[tens]}十`}${DIGITS[n % 10]}`;
}

/** A notice of `items` numbered items in sections of 250, each naming a 牵头单位 and a different 责任单位. */
function largeNotice(items: number, units: string[]): string {
  const lines = ['关于印发重点工作任务分解方案的通知'];
  for (let n = 1; n <= items; n++) {
    const section = Math.floor((n - 1) / PER_SECTION) + 1;
    if ((n - 1) % PER_SECTION === 0) lines.push(`${chineseNumeral(section)}、第${section}部分重点任务`);
    const lead = units[n % units.length]!;
    const responsible = units[(n + 1) % units.length]!;
    lines.push(`${n}.推进第${n}项重点工作，完善工作机制，按季度报送进展情况。（牵头单位：${lead}；责任单位：${responsible}）`);
  }
  return lines.join('\n');
}

describe('a 10,000-item notice (POST /api/plans/:id/import)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await seedJiyuanRegistry(t.app);
  });
  afterAll(() => t.close());

  it('imports every item with its 牵头单位 and 责任单位, numbers past 9,999 included', async () => {
    const plan = await createPlan(t.app);
    const text = largeNotice(ITEMS, JIYUAN_UNITS.map((u) => u.name));
    expect(Buffer.byteLength(text)).toBeGreaterThan(1_048_576);

    const res = await importNotice(t.app, plan.id, { text });

    expectStatus(res, 201);
    expect(res.body.tasks).toEqual({ created: ITEMS, updated: 0, unchanged: 0 });
    expect(res.body.errors).toEqual([]);
    expect(await countPlanRows(t, 'task', plan.id)).toBe(ITEMS);
    expect(await countPlanRows(t, 'task_assignment', plan.id)).toBe(2 * ITEMS);
    const [last] = await t.dataSource.query(
      `SELECT t.number, array_agg(a.role ORDER BY a.role) AS roles
         FROM task t JOIN task_assignment a ON a.task_id = t.id
        WHERE t.plan_id = $1 AND t.number = $2 GROUP BY t.number`,
      [plan.id, ITEMS],
    );
    expect(last).toEqual({ number: ITEMS, roles: ['lead', 'responsible'] });
  });

  it('re-imports: the same notice changes nothing, a revised one updates every task in place', async () => {
    const plan = await createPlan(t.app);
    const text = largeNotice(ITEMS, JIYUAN_UNITS.map((u) => u.name));
    expectStatus(await importNotice(t.app, plan.id, { text }), 201);
    const idOfLast = async () =>
      (await t.dataSource.query(`SELECT id FROM task WHERE plan_id = $1 AND number = $2`, [plan.id, ITEMS]))[0].id;
    const id = await idOfLast();

    const same = await importNotice(t.app, plan.id, { text });
    expectStatus(same, 201);
    expect(same.body.tasks).toEqual({ created: 0, updated: 0, unchanged: ITEMS });

    const revised = await importNotice(t.app, plan.id, { text: text.replaceAll('。（牵头单位', '，年底前完成。（牵头单位') });
    expectStatus(revised, 201);
    expect(revised.body.tasks).toEqual({ created: 0, updated: ITEMS, unchanged: 0 });
    expect(await countPlanRows(t, 'task', plan.id)).toBe(ITEMS);
    expect(await idOfLast()).toBe(id);
    const [task] = await t.dataSource.query(`SELECT content, version FROM task WHERE id = $1`, [id]);
    expect(task).toEqual({ content: `推进第${ITEMS}项重点工作，完善工作机制，按季度报送进展情况，年底前完成。`, version: 2 });
  });
});
