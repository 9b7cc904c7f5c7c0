import { JIYUAN_UNITS } from '../src/seed/jiyuan-units';
import {
  createPlan,
  createUnit,
  createUnitGroup,
  importNotice,
  names,
  seedJiyuanRegistry,
  tasksByNumber,
  uniqueName,
} from './support/factories';
import { type ApiResponse, expectStatus, request } from './support/http';
import { createTestApp, type TestApp } from './support/test-app';

describe('unit registry API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const postUnit = (body: unknown) => request(t.app, 'POST', '/api/units', body, { as: 'admin' });
  const patchUnit = (id: string, body: unknown) => request(t.app, 'PATCH', `/api/units/${id}`, body, { as: 'admin' });
  const postGroup = (body: unknown) => request(t.app, 'POST', '/api/unit-groups', body, { as: 'admin' });
  const listUnits = async () => (await request<any[]>(t.app, 'GET', '/api/units')).body;
  const listGroups = async () => (await request<any[]>(t.app, 'GET', '/api/unit-groups')).body;

  /** A 409 whose message and details name the clashing name and who holds it. */
  function expectClash(res: ApiResponse, name: string, usedBy: { type: 'unit' | 'group'; name: string }) {
    expectStatus(res, 409);
    expect(res.body).toMatchObject({ statusCode: 409, code: 'NAME_CLASH', correlationId: expect.any(String) });
    expect(res.body.message).toContain(name);
    expect(res.body.message).toContain(usedBy.name);
    expect(res.body.details.clashes).toContainEqual({ name, usedBy: expect.objectContaining(usedBy) });
  }

  describe('GET /api/units on the 济源 registry', () => {
    let units: any[];
    beforeAll(async () => {
      await seedJiyuanRegistry(t.app);
      units = await listUnits();
    });

    it('lists every unit with kind, aliases and groups', () => {
      const jiyuan = units.filter((u) => JIYUAN_UNITS.some((s) => s.name === u.name));
      expect(jiyuan).toHaveLength(62);
      expect(units.find((u) => u.name === '市场监督管理局')).toEqual({
        id: expect.any(String),
        name: '市场监督管理局',
        kind: 'department',
        aliases: ['市场监管局'],
        groups: [],
        contactEmails: [],
        webhookUrl: null,
        webhookFormat: 'generic',
      });
      expect(units.find((u) => u.name === '济水街道办事处')).toMatchObject({
        kind: 'subdistrict',
        groups: [{ id: expect.any(String), name: '各街道办事处' }],
      });
      expect(units.find((u) => u.name === '轵城镇人民政府')).toMatchObject({ kind: 'town', groups: [{ name: '各镇人民政府' }] });
      expect(units.find((u) => u.name === '税务局')).toMatchObject({ kind: 'vertical' });
    });

    it('GET /api/unit-groups lists the groups with aliases and members', async () => {
      const groups = await listGroups();
      expect(groups.map((g) => g.name).sort()).toEqual(['各街道办事处', '各镇人民政府']);
      const streets = groups.find((g) => g.name === '各街道办事处');
      expect(streets.aliases).toEqual(['各街道', '各街道办']);
      expect(names(streets.members).sort()).toEqual(
        ['济水街道办事处', '天坛街道办事处', '沁园街道办事处', '北海街道办事处', '玉泉街道办事处'].sort(),
      );
      expect(groups.find((g) => g.name === '各镇人民政府').members).toHaveLength(11);
    });
  });

  describe('POST /api/units', () => {
    it('creates a unit (201), defaulting kind to department and tidying the name', async () => {
      const res = await postUnit({ name: ' 数据 管理局 ', aliases: ['数据局', '数据局', '数据管理局'] });
      expectStatus(res, 201);
      expect(res.body).toEqual({
        id: expect.any(String),
        name: '数据管理局',
        kind: 'department',
        aliases: ['数据局'],
        groups: [],
        contactEmails: [],
        webhookUrl: null,
        webhookFormat: 'generic',
      });
      expect(await listUnits()).toContainEqual(res.body);
    });

    it('accepts a kind and aliases', async () => {
      const name = uniqueName('园区');
      const res = await postUnit({ name, kind: 'park', aliases: [`${name}管委会`] });
      expectStatus(res, 201);
      expect(res.body).toMatchObject({ name, kind: 'park', aliases: [`${name}管委会`] });
    });

    it('refuses a duplicate name with 409 naming the clash, also when written full-width', async () => {
      const existing = await createUnit(t.app);
      expectClash(await postUnit({ name: existing.name }), existing.name, { type: 'unit', name: existing.name });

      const fullWidth = await createUnit(t.app, { name: uniqueName('ABC测绘院') });
      const res = await postUnit({ name: fullWidth.name.replace('ABC', 'ＡＢＣ') });
      expectClash(res, fullWidth.name, { type: 'unit', name: fullWidth.name });
    });

    it("refuses an alias equal to another unit's name or alias", async () => {
      const other = await createUnit(t.app, { aliases: [uniqueName('简称')] });
      expectClash(await postUnit({ name: uniqueName('新局'), aliases: [other.name] }), other.name, {
        type: 'unit',
        name: other.name,
      });
      expectClash(await postUnit({ name: uniqueName('新局'), aliases: [other.aliases[0]] }), other.aliases[0], {
        type: 'unit',
        name: other.name,
      });
      expectClash(await postUnit({ name: other.aliases[0] }), other.aliases[0], { type: 'unit', name: other.name });
    });

    it("refuses a name or alias equal to a group's name or alias", async () => {
      const group = await createUnitGroup(t.app, { aliases: [uniqueName('各组')] });
      expectClash(await postUnit({ name: group.name }), group.name, { type: 'group', name: group.name });
      expectClash(await postUnit({ name: uniqueName('新局'), aliases: [group.aliases[0]] }), group.aliases[0], {
        type: 'group',
        name: group.name,
      });
    });

    it('lets exactly one of two concurrent requests take a name', async () => {
      const name = uniqueName('并发局');
      const results = await Promise.all([postUnit({ name: uniqueName('甲局'), aliases: [name] }), postUnit({ name })]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      const holders = (await listUnits()).filter((u) => u.name === name || u.aliases.includes(name));
      expect(holders).toHaveLength(1);
    });

    it.each([
      [{}, 'name'],
      [{ name: '' }, 'name'],
      [{ name: 'x'.repeat(101) }, 'name'],
      [{ name: uniqueName('局'), kind: 'ministry' }, 'kind'],
      [{ name: uniqueName('局'), aliases: '简称' }, 'aliases'],
      [{ name: uniqueName('局'), aliases: [''] }, 'aliases'],
    ])('refuses %j with 400 naming %s', async (body, field) => {
      const res = await postUnit(body);
      expectStatus(res, 400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(res.body.details).toContainEqual({ field, reason: expect.any(String) });
    });
  });

  describe('PATCH /api/units/:id', () => {
    it('renames a unit and replaces its aliases', async () => {
      const unit = await createUnit(t.app, { aliases: [uniqueName('旧简称')] });
      const newName = uniqueName('更名局');
      const res = await patchUnit(unit.id, { name: newName, aliases: ['新简称A', '新简称B'], kind: 'institution' });

      expectStatus(res, 200);
      expect(res.body).toMatchObject({ id: unit.id, name: newName, kind: 'institution', aliases: ['新简称A', '新简称B'], groups: [] });
      expect((await listUnits()).find((u) => u.id === unit.id)).toEqual(res.body);
    });

    it('keeps what the body leaves out, and lets a unit keep its own names', async () => {
      const unit = await createUnit(t.app, { kind: 'enterprise', aliases: [uniqueName('简称')] });
      const res = await patchUnit(unit.id, { name: unit.name });
      expectStatus(res, 200);
      expect(res.body).toMatchObject({ name: unit.name, kind: 'enterprise', aliases: unit.aliases });

      // Promoting its alias to the name is not a clash with itself; the alias is dropped as redundant.
      const promoted = await patchUnit(unit.id, { name: unit.aliases[0] });
      expectStatus(promoted, 200);
      expect(promoted.body).toMatchObject({ name: unit.aliases[0], aliases: [] });
    });

    it("refuses a rename to another unit's name or alias with 409", async () => {
      const [a, b] = [await createUnit(t.app, { aliases: [uniqueName('乙简称')] }), await createUnit(t.app)];
      expectClash(await patchUnit(b.id, { name: a.name }), a.name, { type: 'unit', name: a.name });
      expectClash(await patchUnit(b.id, { aliases: [a.aliases[0]] }), a.aliases[0], { type: 'unit', name: a.name });
      expect((await listUnits()).find((u) => u.id === b.id)).toMatchObject({ name: b.name, aliases: [] });
    });

    it('answers 404 for an unknown id and 400 for a malformed one', async () => {
      const missing = await patchUnit('00000000-0000-4000-8000-000000000000', { name: uniqueName('局') });
      expectStatus(missing, 404);
      expect(missing.body).toMatchObject({ code: 'NOT_FOUND', details: { id: '00000000-0000-4000-8000-000000000000' } });

      const malformed = await patchUnit('42', { name: uniqueName('局') });
      expectStatus(malformed, 400);
      expect(malformed.body.details).toEqual([{ field: 'id', reason: expect.any(String) }]);
    });

    it('an alias added later is used by the next notice import', async () => {
      const unit = await createUnit(t.app);
      const plan = await createPlan(t.app);
      const text = '1.建设数字政府。(责任单位:数字政府建设中心)';
      expectStatus(await importNotice(t.app, plan.id, { text }), 422);

      expectStatus(await patchUnit(unit.id, { aliases: ['数字政府建设中心'] }), 200);
      expectStatus(await importNotice(t.app, plan.id, { text }), 201);
      const tasks = await tasksByNumber(t.app, plan.id);
      expect(tasks.get(1).responsible).toEqual([{ id: unit.id, name: unit.name }]);
    });
  });

  describe('POST /api/unit-groups', () => {
    it('creates a group (201) whose members may be given by name or alias', async () => {
      const [a, b] = [await createUnit(t.app, { aliases: [uniqueName('甲简称')] }), await createUnit(t.app)];
      const name = uniqueName('各试点单位');
      const res = await postGroup({ name, aliases: [`${name}简称`], members: [b.name, a.aliases[0]] });

      expectStatus(res, 201);
      expect(res.body).toMatchObject({ id: expect.any(String), name, aliases: [`${name}简称`] });
      // Members come back in registry order (oldest unit first), the same on every read.
      expect(res.body.members).toEqual([
        { id: a.id, name: a.name },
        { id: b.id, name: b.name },
      ]);
      expect((await listGroups()).find((g) => g.id === res.body.id)).toEqual(res.body);
      expect((await listUnits()).find((u) => u.id === a.id).groups).toEqual([{ id: res.body.id, name }]);
    });

    it('refuses an unknown member with 400 naming it, and creates nothing', async () => {
      const known = await createUnit(t.app);
      const name = uniqueName('各未知组');
      const res = await postGroup({ name, members: [known.name, '不存在的局'] });

      expectStatus(res, 400);
      expect(res.body).toMatchObject({ code: 'UNKNOWN_UNITS', details: { field: 'members', unknown: ['不存在的局'] } });
      expect(res.body.message).toContain('不存在的局');
      expect((await listGroups()).map((g) => g.name)).not.toContain(name);
    });

    it('refuses a group name or alias clashing with a unit or group', async () => {
      const unit = await createUnit(t.app, { aliases: [uniqueName('丙简称')] });
      expectClash(await postGroup({ name: unit.name, members: [unit.name] }), unit.name, { type: 'unit', name: unit.name });
      expectClash(
        await postGroup({ name: uniqueName('各组'), aliases: [unit.aliases[0]], members: [unit.name] }),
        unit.aliases[0],
        { type: 'unit', name: unit.name },
      );
      const group = await createUnitGroup(t.app);
      expectClash(await postGroup({ name: group.name, members: [unit.name] }), group.name, { type: 'group', name: group.name });
    });

    it.each([
      [{ name: '各组' }, 'members'],
      [{ name: '各组', members: [] }, 'members'],
      [{ members: ['民政局'] }, 'name'],
    ])('refuses %j with 400 naming %s', async (body, field) => {
      const res = await postGroup(body);
      expectStatus(res, 400);
      expect(res.body.details).toContainEqual({ field, reason: expect.any(String) });
    });
  });
});
