import { DEFAULT_ORGANIZATION_ID } from '../src/access/organizations';
import { runAsSystem } from '../src/access/request-context';
import { UsersService } from '../src/users/users.service';
import {
  count,
  createPlan,
  createUnit,
  createUnitUser,
  createUser,
  login,
  uniqueName,
} from './support/factories';
import { type ApiResponse, expectStatus, request, me } from './support/http';
import { sleep } from './support/wait';
import { createTestApp, TEST_PASSWORD, type TestApp } from './support/test-app';

/** A 400 that names exactly the given field. */
function expectFieldError(res: ApiResponse, field: string, reason = '') {
  expectStatus(res, 400);
  expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', message: expect.stringContaining(field) });
  expect(res.body.details).toEqual([{ field, reason: expect.stringContaining(reason) }]);
}

async function userRow(t: TestApp, id: string) {
  const [row] = await t.dataSource.query(`SELECT * FROM app_user WHERE id = $1`, [id]);
  return row;
}

describe('users and audit', () => {
  let t: TestApp;
  let unitA: { id: string; name: string };
  let unitB: { id: string; name: string };

  beforeAll(async () => {
    t = await createTestApp();
    unitA = await createUnit(t.app, { name: '民政局' });
    unitB = await createUnit(t.app, { name: '财政金融局' });
  });
  afterAll(() => t.close());

  const admin = (method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown, headers: Record<string, string> = {}) =>
    request(t.app, method, url, body, { as: 'admin', headers });

  describe('user administration (admin)', () => {
    it('a unit_user without unitId → 400 naming unitId, nothing written', async () => {
      const username = uniqueName('u-');
      expectFieldError(await admin('POST', '/api/users', { username, password: TEST_PASSWORD, role: 'unit_user' }), 'unitId', '单位用户必须指定所属单位');
      expect(await count(t, 'SELECT count(*) FROM app_user WHERE username = $1', [username])).toBe(0);
    });

    it.each(['supervisor', 'admin', 'leader'])('a %s with a unitId → 400 naming unitId', async (role) => {
      const username = uniqueName('u-');
      const res = await admin('POST', '/api/users', { username, password: TEST_PASSWORD, role, unitId: unitA.id });
      expectFieldError(res, 'unitId', '只有单位用户可以绑定单位');
      expect(await count(t, 'SELECT count(*) FROM app_user WHERE username = $1', [username])).toBe(0);
    });

    it('a unit_user with a unit that does not exist → 400 naming unitId', async () => {
      const res = await admin('POST', '/api/users', {
        username: uniqueName('u-'),
        password: TEST_PASSWORD,
        role: 'unit_user',
        unitId: '00000000-0000-4000-8000-000000000000',
      });
      expectFieldError(res, 'unitId', '单位不存在');
    });

    it.each([
      [{ username: 'Upper-Case', password: TEST_PASSWORD, role: 'leader' }, 'username'],
      [{ username: 'has space', password: TEST_PASSWORD, role: 'leader' }, 'username'],
      [{ username: 'short-pw', password: 'short', role: 'leader' }, 'password'],
      [{ username: 'bad-role', password: TEST_PASSWORD, role: 'root' }, 'role'],
      [{ username: 'bad-unit', password: TEST_PASSWORD, role: 'unit_user', unitId: 'x' }, 'unitId'],
    ])('%j → 400 naming %s', async (body, field) => {
      expectFieldError(await admin('POST', '/api/users', body), field);
      expect(await count(t, 'SELECT count(*) FROM app_user WHERE username = $1', [body.username])).toBe(0);
    });

    it('creates a unit_user bound to its unit (201), lowercase username, displayName defaulting to it', async () => {
      const username = uniqueName('unit-');
      const res = await admin('POST', '/api/users', { username, password: TEST_PASSWORD, role: 'unit_user', unitId: unitA.id });
      expectStatus(res, 201);
      expect(res.body).toEqual({ id: expect.any(String), username, displayName: username, role: 'unit_user', unitId: unitA.id, active: true });
      expect(await userRow(t, res.body.id)).toMatchObject({ role: 'unit_user', unit_id: unitA.id, active: true, token_version: 1 });
      const list = await admin('GET', '/api/users');
      expect(list.body).toContainEqual(res.body);
    });

    it('a duplicate username → 409, also when two requests race for it', async () => {
      const user = await createUser(t.app);
      const res = await admin('POST', '/api/users', { username: user.username, password: TEST_PASSWORD, role: 'supervisor' });
      expectStatus(res, 409);
      expect(res.body).toMatchObject({ code: 'USERNAME_TAKEN', message: expect.stringContaining(user.username) });
      expect(await count(t, 'SELECT count(*) FROM app_user WHERE username = $1', [user.username])).toBe(1);

      const username = uniqueName('race-');
      const body = { username, password: TEST_PASSWORD, role: 'leader' };
      const raced = await Promise.all([admin('POST', '/api/users', body), admin('POST', '/api/users', body)]);
      expect(raced.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(raced.find((r) => r.status === 409)!.body).toMatchObject({ code: 'USERNAME_TAKEN', message: expect.stringContaining(username) });
      expect(await count(t, 'SELECT count(*) FROM app_user WHERE username = $1', [username])).toBe(1);
    });

    it('PATCH role: the user gets the new rights with a new login; tokens issued before stop working', async () => {
      const user = await createUser(t.app, { role: 'leader' });
      const { accessToken: old } = await login(t.app, user.username);
      expectStatus(await request(t.app, 'GET', '/api/audit', undefined, { as: { token: old } }), 403);

      const res = await admin('PATCH', `/api/users/${user.id}`, { role: 'supervisor' });
      expectStatus(res, 200);
      expect(res.body).toEqual({ ...user, role: 'supervisor' });
      expect(await userRow(t, user.id)).toMatchObject({ role: 'supervisor', token_version: 2 });

      expectStatus(await me(t.app, old), 401);
      const { accessToken } = await login(t.app, user.username);
      expectStatus(await request(t.app, 'GET', '/api/audit', undefined, { as: { token: accessToken } }), 200);
    });

    it('PATCH unitId moves a unit user to another unit; its old token stops working', async () => {
      const { user, token } = await createUnitUser(t, unitA.id);
      const res = await admin('PATCH', `/api/users/${user.id}`, { unitId: unitB.id });
      expectStatus(res, 200);
      expect(res.body).toMatchObject({ role: 'unit_user', unitId: unitB.id });
      expectStatus(await me(t.app, token), 401);
      const again = await login(t.app, user.username);
      expect((await me(t.app, again.accessToken)).body.unitId).toBe(unitB.id);
    });

    it('PATCH a unit user to leader drops its unit; to unit_user without a unit → 400 and nothing changes', async () => {
      const { user } = await createUnitUser(t, unitA.id);
      const res = await admin('PATCH', `/api/users/${user.id}`, { role: 'leader' });
      expectStatus(res, 200);
      expect(res.body).toMatchObject({ role: 'leader', unitId: null });

      const before = await userRow(t, user.id);
      expectFieldError(await admin('PATCH', `/api/users/${user.id}`, { role: 'unit_user' }), 'unitId');
      expectFieldError(await admin('PATCH', `/api/users/${user.id}`, { unitId: unitA.id }), 'unitId');
      expect(await userRow(t, user.id)).toEqual(before);
    });

    it('PATCH active: false disables the account (login 401); true enables it again', async () => {
      const user = await createUser(t.app);
      expectStatus(await admin('PATCH', `/api/users/${user.id}`, { active: false }), 200);
      expect(await userRow(t, user.id)).toMatchObject({ active: false });
      const refused = await request(t.app, 'POST', '/api/auth/login', { username: user.username, password: TEST_PASSWORD }, { as: 'anonymous' });
      expectStatus(refused, 401);
      const res = await admin('PATCH', `/api/users/${user.id}`, { active: true });
      expect(res.body.active).toBe(true);
      expect((await login(t.app, user.username)).user.id).toBe(user.id);
    });

    it('PATCH displayName only does not end the user’s tokens', async () => {
      const user = await createUser(t.app);
      const { accessToken } = await login(t.app, user.username);
      const res = await admin('PATCH', `/api/users/${user.id}`, { displayName: '  李四  ' });
      expectStatus(res, 200);
      expect(res.body.displayName).toBe('李四');
      expect(await userRow(t, user.id)).toMatchObject({ display_name: '李四', token_version: 1 });
      expect((await me(t.app, accessToken)).body.displayName).toBe('李四');
    });

    it('PATCH password (an admin reset): the old password and old tokens stop working, the new one works', async () => {
      const user = await createUser(t.app);
      const { accessToken } = await login(t.app, user.username);
      expectStatus(await admin('PATCH', `/api/users/${user.id}`, { password: 'reset-password-9' }), 200);
      expectStatus(await me(t.app, accessToken), 401);
      const old = await request(t.app, 'POST', '/api/auth/login', { username: user.username, password: TEST_PASSWORD }, { as: 'anonymous' });
      expectStatus(old, 401);
      expect((await login(t.app, user.username, 'reset-password-9')).user.id).toBe(user.id);
    });

    it('PATCH of an unknown user → 404', async () => {
      const res = await admin('PATCH', '/api/users/00000000-0000-4000-8000-000000000000', { displayName: '无人' });
      expectStatus(res, 404);
      expect(res.body.code).toBe('NOT_FOUND');
    });
  });

  describe('mass assignment → 400 naming the field, nothing written', () => {
    const validUser = () => ({ username: uniqueName('mass-'), password: TEST_PASSWORD, role: 'leader' });

    it.each([
      ['id', '00000000-0000-4000-8000-000000000001'],
      ['tokenVersion', 0],
      ['passwordHash', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g'],
      ['active', false],
      ['createdAt', '2020-01-01T00:00:00Z'],
    ])('POST /api/users with %s', async (field, value) => {
      const body = { ...validUser(), [field]: value };
      expectFieldError(await admin('POST', '/api/users', body), field, '不允许的字段');
      expect(await count(t, 'SELECT count(*) FROM app_user WHERE username = $1', [body.username])).toBe(0);
    });

    it.each([
      ['username', 'renamed-user'],
      ['passwordHash', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g'],
      ['tokenVersion', 1],
      ['id', '00000000-0000-4000-8000-000000000001'],
    ])('PATCH /api/users/:id with %s', async (field, value) => {
      const user = await createUser(t.app);
      const before = await userRow(t, user.id);
      expectFieldError(await admin('PATCH', `/api/users/${user.id}`, { displayName: '新名字', [field]: value }), field, '不允许的字段');
      expect(await userRow(t, user.id)).toEqual(before);
    });

    it.each([
      ['status', 'completed'],
      ['version', 7],
      ['id', '00000000-0000-4000-8000-000000000001'],
      ['importedAt', '2021-01-01T00:00:00Z'],
      ['sourceText', '1.甲。(责任单位:民政局)'],
    ])('POST /api/plans with %s', async (field, value) => {
      const plans = await count(t, 'SELECT count(*) FROM plan');
      const res = await request(t.app, 'POST', '/api/plans', { title: uniqueName('计划'), year: 2021, [field]: value }, { as: 'supervisor' });
      expectFieldError(res, field, '不允许的字段');
      expect(await count(t, 'SELECT count(*) FROM plan')).toBe(plans);
    });

    it.each([
      ['POST', '/api/units', () => ({ name: uniqueName('局'), id: '00000000-0000-4000-8000-000000000001' }), 'id'],
      ['POST', '/api/units', () => ({ name: uniqueName('局'), groups: [] }), 'groups'],
      ['PATCH', '/api/units/:id', () => ({ name: uniqueName('局'), id: '00000000-0000-4000-8000-000000000001' }), 'id'],
      ['POST', '/api/unit-groups', () => ({ name: uniqueName('各组'), members: ['民政局'], id: '00000000-0000-4000-8000-000000000001' }), 'id'],
    ] as const)('%s %s with %s', async (method, path, body, field) => {
      const units = await t.dataSource.query(`SELECT * FROM unit ORDER BY id`);
      const groups = await count(t, 'SELECT count(*) FROM unit_group');
      const url = path.replace(':id', unitA.id);
      expectFieldError(await admin(method, url, body()), field, '不允许的字段');
      expect(await t.dataSource.query(`SELECT * FROM unit ORDER BY id`)).toEqual(units);
      expect(await count(t, 'SELECT count(*) FROM unit_group')).toBe(groups);
    });

    it('POST /api/plans/:id/import with a field of the plan', async () => {
      const plan = await createPlan(t.app);
      const res = await request(t.app, 'POST', `/api/plans/${plan.id}/import`, { text: '1.甲。(责任单位:民政局)', planId: plan.id }, { as: 'supervisor' });
      expectFieldError(res, 'planId', '不允许的字段');
      expect(await count(t, 'SELECT count(*) FROM task WHERE plan_id = $1', [plan.id])).toBe(0);
    });
  });

  describe('audit events', () => {
    const ids: Record<'admin' | 'supervisor' | 'leader', string> = { admin: '', supervisor: '', leader: '' };
    const rid = () => uniqueName('req-');

    beforeAll(async () => {
      for (const role of ['admin', 'supervisor', 'leader'] as const) {
        ids[role] = (await request(t.app, 'GET', '/api/auth/me', undefined, { as: role })).body.id;
      }
    });

    /** The audit rows written by one request, found by the request id the client sent. */
    const eventsOf = (requestId: string) =>
      t.dataSource.query(
        `SELECT actor_id, actor_username, action, entity, entity_id, before, after, request_id, ip
           FROM audit_event WHERE request_id = $1 ORDER BY at, id`,
        [requestId],
      );

    async function expectOneEvent(requestId: string, expected: Record<string, unknown>) {
      const events = await eventsOf(requestId);
      expect(events).toEqual([{ before: null, after: null, request_id: requestId, ip: '127.0.0.1', ...expected }]);
    }

    it('unit create and update: actor, action, entity, id, before and after, request id', async () => {
      const createId = rid();
      const created = await admin('POST', '/api/units', { name: uniqueName('审计局'), aliases: ['审计简称'] }, { 'x-request-id': createId });
      expectStatus(created, 201);
      expect(created.headers['x-request-id']).toBe(createId);
      await expectOneEvent(createId, {
        actor_id: ids.admin,
        actor_username: 'test-admin',
        action: 'unit.create',
        entity: 'unit',
        entity_id: created.body.id,
        after: created.body,
      });

      const updateId = rid();
      const updated = await admin('PATCH', `/api/units/${created.body.id}`, { kind: 'park' }, { 'x-request-id': updateId });
      expectStatus(updated, 200);
      await expectOneEvent(updateId, {
        actor_id: ids.admin,
        actor_username: 'test-admin',
        action: 'unit.update',
        entity: 'unit',
        entity_id: created.body.id,
        before: created.body,
        after: { ...created.body, kind: 'park' },
      });
    });

    it('unit group create', async () => {
      const requestId = rid();
      const res = await admin('POST', '/api/unit-groups', { name: uniqueName('各审计'), members: ['民政局'] }, { 'x-request-id': requestId });
      expectStatus(res, 201);
      await expectOneEvent(requestId, {
        actor_id: ids.admin,
        actor_username: 'test-admin',
        action: 'unit_group.create',
        entity: 'unit_group',
        entity_id: res.body.id,
        after: res.body,
      });
    });

    it('plan create and import commit; a dry run, a rejected (422) import and a 403 write none', async () => {
      const planId = rid();
      const plan = await request(t.app, 'POST', '/api/plans', { title: uniqueName('审计计划'), year: 2021 }, { headers: { 'x-request-id': planId } });
      expectStatus(plan, 201);
      await expectOneEvent(planId, {
        actor_id: ids.supervisor,
        actor_username: 'test-supervisor',
        action: 'plan.create',
        entity: 'plan',
        entity_id: plan.body.id,
        after: plan.body,
      });

      const importUrl = `/api/plans/${plan.body.id}/import`;
      const dryRun = rid();
      expectStatus(await request(t.app, 'POST', importUrl, { text: '1.甲。(责任单位:民政局)', dryRun: true }, { headers: { 'x-request-id': dryRun } }), 200);
      const rejected = rid();
      expectStatus(await request(t.app, 'POST', importUrl, { text: '1.甲。(责任单位:不存在局)' }, { headers: { 'x-request-id': rejected } }), 422);
      const denied = rid();
      expectStatus(await request(t.app, 'POST', importUrl, { text: '1.甲。(责任单位:民政局)' }, { as: 'leader', headers: { 'x-request-id': denied } }), 403);
      const invalid = rid();
      expectStatus(await request(t.app, 'POST', importUrl, { text: '' }, { headers: { 'x-request-id': invalid } }), 400);
      for (const requestId of [dryRun, rejected, denied, invalid]) expect(await eventsOf(requestId)).toEqual([]);

      const committed = rid();
      const res = await request(t.app, 'POST', importUrl, { text: '1.甲。(责任单位:民政局)' }, { headers: { 'x-request-id': committed } });
      expectStatus(res, 201);
      await expectOneEvent(committed, {
        actor_id: ids.supervisor,
        actor_username: 'test-supervisor',
        action: 'plan.import',
        entity: 'plan',
        entity_id: plan.body.id,
        after: { tasks: { created: 1, updated: 0, unchanged: 0 }, createdUnits: [] },
      });
    });

    it('refused writes of every kind leave no event', async () => {
      const before = await count(t, 'SELECT count(*) FROM audit_event');
      const headers = { 'x-request-id': rid() };
      expectStatus(await request(t.app, 'POST', '/api/units', { name: uniqueName('局') }, { as: 'supervisor', headers }), 403);
      expectStatus(await request(t.app, 'POST', '/api/units', { name: uniqueName('局') }, { as: 'anonymous', headers }), 401);
      expectStatus(await request(t.app, 'POST', '/api/users', { username: uniqueName('x-'), password: TEST_PASSWORD, role: 'admin' }, { as: 'leader', headers }), 403);
      expectStatus(await admin('PATCH', `/api/units/${unitA.id}`, { name: unitB.name }, headers), 409);
      expectStatus(await admin('PATCH', '/api/users/00000000-0000-4000-8000-000000000000', { displayName: 'x' }, headers), 404);
      expect(await count(t, 'SELECT count(*) FROM audit_event')).toBe(before);
    });

    it('user create and update, without any password in the event', async () => {
      const createId = rid();
      const body = { username: uniqueName('audited-'), password: TEST_PASSWORD, role: 'unit_user', unitId: unitA.id };
      const created = await admin('POST', '/api/users', body, { 'x-request-id': createId });
      expectStatus(created, 201);
      await expectOneEvent(createId, {
        actor_id: ids.admin,
        actor_username: 'test-admin',
        action: 'user.create',
        entity: 'user',
        entity_id: created.body.id,
        after: created.body,
      });

      const updateId = rid();
      const updated = await admin('PATCH', `/api/users/${created.body.id}`, { active: false, password: 'another-password-1' }, { 'x-request-id': updateId });
      expectStatus(updated, 200);
      await expectOneEvent(updateId, {
        actor_id: ids.admin,
        actor_username: 'test-admin',
        action: 'user.update',
        entity: 'user',
        entity_id: created.body.id,
        before: created.body,
        after: { ...created.body, active: false, passwordChanged: true },
      });
      const rows = JSON.stringify(await eventsOf(createId)) + JSON.stringify(await eventsOf(updateId));
      expect(rows).not.toContain('$argon2');
      expect(rows).not.toContain(TEST_PASSWORD);
      expect(rows).not.toContain('another-password-1');
    });

    it('password change, by the user who changed it', async () => {
      const user = await createUser(t.app);
      const { accessToken } = await login(t.app, user.username);
      const requestId = rid();
      const res = await request(
        t.app,
        'POST',
        '/api/auth/password',
        { currentPassword: TEST_PASSWORD, newPassword: 'changed-password-1' },
        { as: { token: accessToken }, headers: { 'x-request-id': requestId } },
      );
      expectStatus(res, 204);
      await expectOneEvent(requestId, {
        actor_id: user.id,
        actor_username: user.username,
        action: 'user.password_change',
        entity: 'user',
        entity_id: user.id,
      });
      const wrong = rid();
      const refused = await request(
        t.app,
        'POST',
        '/api/auth/password',
        { currentPassword: 'not-it-at-all', newPassword: 'changed-password-2' },
        { as: 'leader', headers: { 'x-request-id': wrong } },
      );
      expectStatus(refused, 400);
      expect(await eventsOf(wrong)).toEqual([]);
    });

    it('login success and each kind of failure, with who tried', async () => {
      const user = await createUser(t.app);
      const disabled = await createUser(t.app);
      expectStatus(await admin('PATCH', `/api/users/${disabled.id}`, { active: false }), 200);
      const attempt = async (username: string, password: string, status: number) => {
        const requestId = rid();
        const res = await request(t.app, 'POST', '/api/auth/login', { username, password }, { as: 'anonymous', headers: { 'x-request-id': requestId } });
        expectStatus(res, status);
        return requestId;
      };

      const base = { entity: 'user', before: null, ip: '127.0.0.1' };
      const [ok] = await eventsOf(await attempt(user.username.toUpperCase(), TEST_PASSWORD, 200));
      expect(ok).toMatchObject({ ...base, actor_id: user.id, actor_username: user.username, action: 'auth.login', entity_id: user.id, after: null });

      const [wrong] = await eventsOf(await attempt(user.username, 'wrong-password-1', 401));
      expect(wrong).toMatchObject({ ...base, actor_id: user.id, actor_username: user.username, action: 'auth.login_failed', entity_id: user.id, after: { reason: 'wrong_password' } });

      const nobody = uniqueName('nobody-');
      const [unknown] = await eventsOf(await attempt(nobody, TEST_PASSWORD, 401));
      expect(unknown).toMatchObject({ ...base, actor_id: null, actor_username: nobody, action: 'auth.login_failed', entity_id: null, after: { reason: 'unknown_user' } });

      const [off] = await eventsOf(await attempt(disabled.username, TEST_PASSWORD, 401));
      expect(off).toMatchObject({ ...base, actor_id: disabled.id, action: 'auth.login_failed', after: { reason: 'disabled' } });
    });

    describe('GET /api/audit filters', () => {
      let unit: any;
      let events: Array<{ id: string; at: string; action: string }>;
      const list = async (query: string, as: 'admin' | 'supervisor' = 'admin') => {
        const res = await request(t.app, 'GET', `/api/audit?${query}`, undefined, { as });
        expectStatus(res, 200);
        return res.body;
      };

      beforeAll(async () => {
        unit = await createUnit(t.app);
        await sleep(25);
        expectStatus(await admin('PATCH', `/api/units/${unit.id}`, { kind: 'town' }), 200);
        await sleep(25);
        expectStatus(await admin('PATCH', `/api/units/${unit.id}`, { kind: 'park' }), 200);
        events = (await list(`entity=unit&entityId=${unit.id}`)).items;
      });

      it('entity + entityId: that record’s events, newest first', () => {
        expect(events.map((e) => e.action)).toEqual(['unit.update', 'unit.update', 'unit.create']);
        expect(events.map((e: any) => e.after.kind)).toEqual(['park', 'town', 'department']);
        expect(events[0]).toEqual({
          id: expect.any(String),
          at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          actorId: ids.admin,
          actorUsername: 'test-admin',
          organizationId: DEFAULT_ORGANIZATION_ID,
          action: 'unit.update',
          entity: 'unit',
          entityId: unit.id,
          before: expect.objectContaining({ kind: 'town' }),
          after: expect.objectContaining({ kind: 'park' }),
          requestId: expect.any(String),
          ip: '127.0.0.1',
        });
      });

      it('entity alone, and an entity with no events', async () => {
        const units = await list('entity=unit&pageSize=500');
        expect(units.items.every((e: any) => e.entity === 'unit')).toBe(true);
        expect(units.items.map((e: any) => e.id)).toEqual(expect.arrayContaining(events.map((e) => e.id)));
        expect(await list('entity=nothing')).toMatchObject({ items: [], total: 0 });
      });

      it('actorId: only that user’s events', async () => {
        const plan = await createPlan(t.app);
        const bySupervisor = await list(`actorId=${ids.supervisor}&pageSize=500`, 'supervisor');
        expect(bySupervisor.items.length).toBeGreaterThan(0);
        expect(bySupervisor.items.every((e: any) => e.actorId === ids.supervisor)).toBe(true);
        expect(bySupervisor.items.map((e: any) => e.entityId)).toContain(plan.id);
        const byAdmin = await list(`actorId=${ids.admin}&pageSize=500`);
        expect(byAdmin.items.every((e: any) => e.actorId === ids.admin)).toBe(true);
        expect(byAdmin.items.map((e: any) => e.entityId)).toContain(unit.id);
        expect(byAdmin.items.map((e: any) => e.entityId)).not.toContain(plan.id);
        expect(await list(`actorId=${ids.leader}`)).toMatchObject({ items: [], total: 0 });
      });

      it('from (inclusive) and to (exclusive), also written with a +08:00 offset', async () => {
        const [latest, middle, first] = events as [any, any, any];
        const onThisUnit = `entity=unit&entityId=${unit.id}`;
        const between = await list(`${onThisUnit}&from=${encodeURIComponent(middle.at)}&to=${encodeURIComponent(latest.at)}`);
        expect(between.items.map((e: any) => e.id)).toEqual([middle.id]);
        expect((await list(`${onThisUnit}&from=${encodeURIComponent(middle.at)}`)).items.map((e: any) => e.id)).toEqual([latest.id, middle.id]);
        expect((await list(`${onThisUnit}&to=${encodeURIComponent(middle.at)}`)).items.map((e: any) => e.id)).toEqual([first.id]);

        const beijing = (iso: string) => {
          const shifted = new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().replace('Z', '');
          return encodeURIComponent(`${shifted}+08:00`);
        };
        const inBeijingTime = await list(`${onThisUnit}&from=${beijing(middle.at)}&to=${beijing(latest.at)}`);
        expect(inBeijingTime.items.map((e: any) => e.id)).toEqual([middle.id]);
      });

      it('pages with a total', async () => {
        const page = await list(`entity=unit&entityId=${unit.id}&page=2&pageSize=2`);
        expect(page).toMatchObject({ total: 3, page: 2, pageSize: 2 });
        expect(page.items.map((e: any) => e.id)).toEqual([events[2]!.id]);
      });

      it.each([
        ['actorId=abc', 'actorId'],
        ['from=yesterday', 'from'],
        ['pageSize=501', 'pageSize'],
        ['action=unit.create', 'action'],
      ])('?%s → 400 naming %s', async (query, field) => {
        const res = await request(t.app, 'GET', `/api/audit?${query}`, undefined, { as: 'admin' });
        expectStatus(res, 400);
        expect(res.body.details.map((d: any) => d.field)).toEqual([field]);
      });
    });
  });

  it('the bootstrap does nothing while an admin exists', async () => {
    const users = await count(t, 'SELECT count(*) FROM app_user');
    await runAsSystem(() => t.app.get(UsersService).ensureBootstrapAdmin('second-admin', 'second-password-1'));
    expect(await count(t, 'SELECT count(*) FROM app_user')).toBe(users);
    expect(await count(t, `SELECT count(*) FROM app_user WHERE username = 'second-admin'`)).toBe(0);
  });
});

describe('ADMIN_USERNAME / ADMIN_PASSWORD bootstrap', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ ADMIN_USERNAME: 'boot-admin', ADMIN_PASSWORD: 'boot-password-1' });
  });
  afterAll(() => t.close());

  it('creates the admin at start when there is none, and it can log in', async () => {
    const [row] = await t.dataSource.query(`SELECT * FROM app_user WHERE username = 'boot-admin'`);
    expect(row).toMatchObject({ role: 'admin', active: true, unit_id: null, display_name: '系统管理员' });
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    // It was there before the test admin that createTestApp adds after start.
    const [first] = await t.dataSource.query(`SELECT username FROM app_user ORDER BY created_at LIMIT 1`);
    expect(first.username).toBe('boot-admin');

    const res = await login(t.app, 'boot-admin', 'boot-password-1');
    expect(res.user).toMatchObject({ username: 'boot-admin', role: 'admin' });
    expectStatus(await request(t.app, 'GET', '/api/users', undefined, { as: { token: res.accessToken } }), 200);
  });

  it('records the creation as done by the system', async () => {
    const events = await t.dataSource.query(
      `SELECT actor_id, actor_username, action FROM audit_event WHERE entity = 'user' AND after->>'username' = 'boot-admin'`,
    );
    expect(events).toEqual([{ actor_id: null, actor_username: 'system', action: 'user.create' }]);
  });
});
