import { Redis } from 'ioredis';
import jwt from 'jsonwebtoken';
import { Env } from '../src/config/env';
import { createUser, login, uniqueName } from './support/factories';
import { expectStatus, request, type ApiResponse, me } from './support/http';
import { readTestServers } from './support/test-database';
import { createTestApp, TEST_PASSWORD, tokenFor, type TestApp } from './support/test-app';

const WRONG_CREDENTIALS = '用户名或密码错误';
const NOT_LOGGED_IN = { statusCode: 401, code: 'UNAUTHORIZED', message: '未登录或登录已失效，请重新登录' };

/** POST /api/auth/login from a given client address (Fastify's inject sets the socket's remote address). */
async function postLogin(t: TestApp, body: unknown, ip = '127.0.0.1'): Promise<ApiResponse> {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: body as object, remoteAddress: ip });
  return { status: res.statusCode, body: res.json(), headers: res.headers };
}

/** The header and payload of a JWT, decoded. */
function decode(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [header, payload] = token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
  return { header, payload };
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('authentication', () => {
  let t: TestApp;
  let secret: string;
  // Every failed login below comes from its own address, so the per-IP limit never interferes.
  let nextIp = 1;
  const freshIp = () => `10.20.${Math.floor(nextIp / 250)}.${(nextIp++ % 250) + 1}`;

  beforeAll(async () => {
    t = await createTestApp();
    secret = t.app.get(Env).JWT_SECRET!;
    expect(secret).toBe(process.env.JWT_SECRET);
  });
  afterAll(() => t.close());

  describe('POST /api/auth/login', () => {
    it('answers 200 with a token and the user; the token works on GET /api/auth/me', async () => {
      const user = await createUser(t.app, { role: 'supervisor', displayName: '督查室张三' });
      const res = await postLogin(t, { username: user.username, password: TEST_PASSWORD });
      expectStatus(res, 200);
      expect(res.body).toEqual({
        accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
        expiresIn: 480 * 60,
        user: { id: user.id, username: user.username, displayName: '督查室张三', role: 'supervisor', unitId: null, active: true },
      });
      const { header, payload } = decode(res.body.accessToken);
      expect(header).toMatchObject({ alg: 'HS256' });
      expect(payload).toMatchObject({ sub: user.id, iss: 'duban', aud: 'duban-api', role: 'supervisor', ver: 1 });
      expect((payload['exp'] as number) - (payload['iat'] as number)).toBe(480 * 60);

      const who = await me(t.app, res.body.accessToken);
      expectStatus(who, 200);
      expect(who.body).toEqual(res.body.user);
    });

    it('takes the username in any case and with surrounding spaces', async () => {
      const user = await createUser(t.app);
      const res = await postLogin(t, { username: `  ${user.username.toUpperCase()} `, password: TEST_PASSWORD });
      expectStatus(res, 200);
      expect(res.body.user.id).toBe(user.id);
    });

    it('never returns a password or its hash, neither at login nor in GET /api/users', async () => {
      const user = await createUser(t.app);
      const loggedIn = await postLogin(t, { username: user.username, password: TEST_PASSWORD });
      const users = await request(t.app, 'GET', '/api/users', undefined, { as: 'admin' });
      const created = await request(t.app, 'POST', '/api/users', { username: uniqueName('u-'), password: TEST_PASSWORD, role: 'leader' }, { as: 'admin' });
      const who = await me(t.app, loggedIn.body.accessToken);
      for (const res of [loggedIn, users, created, who]) {
        expect(res.status).toBeLessThan(300);
        const json = JSON.stringify(res.body);
        expect(json.toLowerCase()).not.toContain('password');
        expect(json).not.toContain('$argon2');
        expect(json).not.toContain(TEST_PASSWORD);
      }
      expect(users.body.length).toBeGreaterThanOrEqual(4);
    });

    it('stores the password as an argon2id hash', async () => {
      const user = await createUser(t.app);
      const [{ password_hash: hash }] = await t.dataSource.query(`SELECT password_hash FROM app_user WHERE id = $1`, [user.id]);
      expect(hash).toMatch(/^\$argon2id\$v=19\$/);
      expect(hash).toContain('m=19456');
      expect(hash).not.toContain(TEST_PASSWORD);
    });

    it('a wrong password and an unknown user get the same 401 and the same Chinese message', async () => {
      const user = await createUser(t.app);
      const wrong = await postLogin(t, { username: user.username, password: 'wrong-password-1' }, freshIp());
      const unknown = await postLogin(t, { username: uniqueName('nobody-'), password: TEST_PASSWORD }, freshIp());
      for (const res of [wrong, unknown]) {
        expectStatus(res, 401);
        expect(res.body).toEqual({ statusCode: 401, code: 'UNAUTHORIZED', message: WRONG_CREDENTIALS, correlationId: expect.any(String) });
      }
    });

    it('a disabled user → 401, with the right password too', async () => {
      const user = await createUser(t.app);
      expectStatus(await request(t.app, 'PATCH', `/api/users/${user.id}`, { active: false }, { as: 'admin' }), 200);
      const right = await postLogin(t, { username: user.username, password: TEST_PASSWORD }, freshIp());
      expectStatus(right, 401);
      expect(right.body).toMatchObject({ code: 'UNAUTHORIZED', message: '账号已停用，请联系管理员' });
      const wrong = await postLogin(t, { username: user.username, password: 'wrong-password-1' }, freshIp());
      expectStatus(wrong, 401);
      expect(wrong.body.message).toBe(WRONG_CREDENTIALS);
      expect(wrong.body).not.toHaveProperty('accessToken');
    });

    it.each([
      [{ password: TEST_PASSWORD }, 'username'],
      [{ username: 'test-admin' }, 'password'],
      [{ username: 'test-admin', password: TEST_PASSWORD, role: 'admin' }, 'role'],
    ])('a malformed body %j → 400 naming %s', async (body, field) => {
      const res = await postLogin(t, body, freshIp());
      expectStatus(res, 400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual([field]);
    });
  });

  describe('tokens that must not work → 401', () => {
    let supervisor: { id: string; token: string };

    /** A token as the API signs it, with any claim or option changed. */
    const sign = (claims: object, options: jwt.SignOptions = {}, key = secret) =>
      jwt.sign({ ver: 1, role: 'supervisor', ...claims }, key, {
        algorithm: 'HS256',
        subject: supervisor.id,
        issuer: 'duban',
        audience: 'duban-api',
        expiresIn: 600,
        ...options,
      });

    async function expectRefused(token: string) {
      for (const url of ['/api/auth/me', '/api/plans', '/api/users']) {
        const res = await request(t.app, 'GET', url, undefined, { as: { token } });
        expectStatus(res, 401);
        expect(res.body).toMatchObject(NOT_LOGGED_IN);
      }
    }

    beforeAll(async () => {
      const user = await createUser(t.app, { role: 'supervisor' });
      supervisor = { id: user.id, token: (await login(t.app, user.username)).accessToken };
    });

    it('(control) a token signed with the real secret and the right claims works', async () => {
      const res = await me(t.app, sign({}));
      expectStatus(res, 200);
      expect(res.body.id).toBe(supervisor.id);
    });

    it('alg: none', async () => {
      const { payload } = decode(sign({}));
      await expectRefused(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`);
      await expectRefused(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}`);
    });

    it('signed with the wrong secret', async () => {
      await expectRefused(sign({}, {}, `${secret}x`));
      await expectRefused(sign({}, {}, 'a-completely-different-secret-of-some-length'));
    });

    it('signed with the right secret but another algorithm (HS512)', async () => {
      await expectRefused(sign({}, { algorithm: 'HS512' }));
    });

    it('expired', async () => {
      const past = Math.floor(Date.now() / 1000) - 3600;
      await expectRefused(jwt.sign({ ver: 1, role: 'supervisor', sub: supervisor.id, iss: 'duban', aud: 'duban-api', iat: past - 600, exp: past }, secret));
      await expectRefused(sign({}, { expiresIn: -1 }));
    });

    it('without exp (signed with the real secret: it would never expire)', async () => {
      const { payload } = decode(sign({}));
      delete payload['exp'];
      await expectRefused(jwt.sign(payload, secret, { algorithm: 'HS256' }));
    });

    it('wrong audience or issuer', async () => {
      await expectRefused(sign({}, { audience: 'another-api' }));
      await expectRefused(sign({}, { issuer: 'someone-else' }));
      const { payload } = decode(sign({}));
      delete payload['aud'];
      await expectRefused(jwt.sign(payload, secret));
    });

    it('a tampered payload (role changed, signature kept)', async () => {
      const leader = tokenFor(t.app, 'leader');
      expectStatus(await request(t.app, 'GET', '/api/users', undefined, { as: { token: leader } }), 403);
      const [header, payload, signature] = leader.split('.') as [string, string, string];
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      const forged = `${header}.${b64({ ...claims, role: 'admin' })}.${signature}`;
      await expectRefused(forged);
      const otherUser = `${header}.${b64({ ...claims, sub: supervisor.id })}.${signature}`;
      await expectRefused(otherUser);
    });

    it('a token version the user is no longer at, or a user that does not exist', async () => {
      await expectRefused(sign({ ver: 2 }));
      await expectRefused(sign({ ver: 0 }));
      await expectRefused(sign({}, { subject: '00000000-0000-4000-8000-000000000000' }));
      await expectRefused(sign({ ver: '1' }));
    });

    it('the token of a user disabled later stops working at once, and enabling again does not revive it', async () => {
      const user = await createUser(t.app, { role: 'supervisor' });
      const { accessToken } = await login(t.app, user.username);
      expectStatus(await me(t.app, accessToken), 200);

      expectStatus(await request(t.app, 'PATCH', `/api/users/${user.id}`, { active: false }, { as: 'admin' }), 200);
      await expectRefused(accessToken);

      expectStatus(await request(t.app, 'PATCH', `/api/users/${user.id}`, { active: true }, { as: 'admin' }), 200);
      await expectRefused(accessToken);
      expectStatus(await me(t.app, (await login(t.app, user.username)).accessToken), 200);
    });

    it('a token issued before a password change stops working; the new password works, the old one not', async () => {
      const user = await createUser(t.app, { role: 'leader' });
      const first = (await login(t.app, user.username)).accessToken;
      const second = (await login(t.app, user.username)).accessToken;
      const [{ password_hash: oldHash }] = await t.dataSource.query(`SELECT password_hash FROM app_user WHERE id = $1`, [user.id]);

      const change = await request(
        t.app,
        'POST',
        '/api/auth/password',
        { currentPassword: TEST_PASSWORD, newPassword: 'a-new-password-2' },
        { as: { token: first } },
      );
      expectStatus(change, 204);
      // Every token issued before, not only the one that asked.
      await expectRefused(first);
      await expectRefused(second);

      const [{ password_hash: newHash }] = await t.dataSource.query(`SELECT password_hash FROM app_user WHERE id = $1`, [user.id]);
      expect(newHash).toMatch(/^\$argon2id\$/);
      expect(newHash).not.toBe(oldHash);

      expectStatus(await postLogin(t, { username: user.username, password: TEST_PASSWORD }, freshIp()), 401);
      const again = await login(t.app, user.username, 'a-new-password-2');
      expectStatus(await me(t.app, again.accessToken), 200);
    });

    it('a wrong current password → 400 naming currentPassword; nothing changes and the token keeps working', async () => {
      const user = await createUser(t.app, { role: 'leader' });
      const { accessToken } = await login(t.app, user.username);
      const res = await request(
        t.app,
        'POST',
        '/api/auth/password',
        { currentPassword: 'not-my-password', newPassword: 'a-new-password-2' },
        { as: { token: accessToken } },
      );
      expectStatus(res, 400);
      expect(res.body).toMatchObject({ code: 'WRONG_PASSWORD', details: [{ field: 'currentPassword' }] });
      expectStatus(await me(t.app, accessToken), 200);
      expect((await login(t.app, user.username)).user.id).toBe(user.id);
    });

    it('a new password shorter than 10 characters → 400 naming newPassword', async () => {
      const res = await request(t.app, 'POST', '/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' }, { as: 'leader' });
      expectStatus(res, 400);
      expect(res.body.details).toEqual([{ field: 'newPassword', reason: expect.stringContaining('太短') }]);
      expectStatus(await request(t.app, 'GET', '/api/auth/me', undefined, { as: 'leader' }), 200);
    });

    it.each([
      ['no header', () => undefined],
      ['an empty header', () => ''],
      ['Bearer without a token', () => 'Bearer'],
      ['Bearer and spaces', () => 'Bearer    '],
      ['the token without a scheme', (token: string) => token],
      ['Basic credentials', () => `Basic ${Buffer.from(`test-admin:${TEST_PASSWORD}`).toString('base64')}`],
      ['another scheme with the token', (token: string) => `Token ${token}`],
      ['Bearer with garbage', () => 'Bearer not-a-jwt'],
      ['Bearer with three empty parts', () => 'Bearer ..'],
      ['Bearer with the token twice', (token: string) => `Bearer ${token} ${token}`],
      ['Bearer with a truncated token', (token: string) => `Bearer ${token.slice(0, -4)}`],
    ])('a malformed Authorization header: %s', async (_, header) => {
      const value = header(supervisor.token);
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/auth/me',
        headers: value === undefined ? {} : { authorization: value },
      });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject(NOT_LOGGED_IN);
    });
  });

  describe('security headers', () => {
    it.each([
      ['an answer', '/health/live', 200],
      ['an error', '/api/plans', 401],
      ['an unknown route', '/api/no-such-route', 404],
    ])('on JSON (%s) are the API set: nothing stored, framed or run', async (_, url, status) => {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers).toMatchObject({
        'cache-control': 'no-store',
        'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'cross-origin-resource-policy': 'same-origin',
        'strict-transport-security': expect.stringContaining('max-age='),
      });
      // The page policies are for pages only.
      expect(res.headers).not.toHaveProperty('cross-origin-opener-policy');
      expect(res.headers).not.toHaveProperty('x-powered-by');
    });

    it('on a page (the API docs) are the page set', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/docs' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'strict-transport-security': expect.stringContaining('max-age='),
        'content-security-policy': expect.stringContaining("default-src 'self'"),
      });
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'self'");
      expect(res.headers).not.toHaveProperty('x-powered-by');
    });

    it("allow no inline script: script-src is 'self' only, and the API docs page runs none", async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/docs' });
      expect(res.statusCode).toBe(200);
      const scriptSrc = String(res.headers['content-security-policy']).split(';').find((d) => d.trim().startsWith('script-src'));
      expect(scriptSrc?.trim()).toBe("script-src 'self'");
      const scripts = [...res.body.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attributes, code] of scripts) expect([attributes, code!.trim()]).toEqual([expect.stringContaining('src='), '']);
      // Every script the page loads is served from here.
      for (const [, attributes] of scripts) {
        const src = /src=["']?([^"' >]+)/.exec(attributes!)![1]!;
        const script = await t.app.inject({ method: 'GET', url: new URL(src, 'http://localhost/api/docs').pathname });
        expect([src, script.statusCode]).toEqual([src, 200]);
      }
    });

    it('without CORS_ORIGINS a cross-origin preflight is not allowed', async () => {
      const res = await t.app.inject({
        method: 'OPTIONS',
        url: '/api/plans',
        headers: { origin: 'https://duban.example.gov.cn', 'access-control-request-method': 'GET' },
      });
      expect(res.headers).not.toHaveProperty('access-control-allow-origin');
    });
  });
});

describe('CORS with CORS_ORIGINS', () => {
  const ALLOWED = 'https://duban.example.gov.cn';
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ CORS_ORIGINS: ALLOWED });
  });
  afterAll(() => t.close());

  const preflight = (origin: string) =>
    t.app.inject({
      method: 'OPTIONS',
      url: '/api/plans',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });

  it('a preflight from the allowed origin gets access-control-allow-origin', async () => {
    const res = await preflight(ALLOWED);
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(String(res.headers['access-control-allow-methods'])).toContain('POST');
  });

  it('a preflight from another origin does not', async () => {
    for (const origin of ['https://evil.example.com', 'https://duban.example.gov.cn.evil.com', 'http://duban.example.gov.cn']) {
      const res = await preflight(origin);
      expect(res.headers).not.toHaveProperty('access-control-allow-origin');
    }
  });

  it('an actual request from the allowed origin carries the header, one from another origin not', async () => {
    const allowed = await request(t.app, 'GET', '/api/plans', undefined, { as: 'leader', headers: { origin: ALLOWED } });
    expectStatus(allowed, 200);
    expect(allowed.headers['access-control-allow-origin']).toBe(ALLOWED);
    const other = await request(t.app, 'GET', '/api/plans', undefined, { as: 'leader', headers: { origin: 'https://evil.example.com' } });
    expect(other.headers).not.toHaveProperty('access-control-allow-origin');
  });
});

describe('login throttle', () => {
  const PER_USER = 3;
  const PER_IP = 8;
  /** Failures of one username from all addresses together before its username-wide lock. */
  const USERNAME_WIDE = 2 * PER_USER;
  let t: TestApp;
  let redis: Redis;
  let prefix: string;

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_MAX_FAILURES_PER_USER: String(PER_USER), LOGIN_MAX_FAILURES_PER_IP: String(PER_IP) });
    prefix = t.app.get(Env).QUEUE_PREFIX;
    redis = new Redis(readTestServers().redisUrl, { lazyConnect: true });
    await redis.connect();
  });
  afterAll(async () => {
    await redis.quit();
    await t.close();
  });

  function expectThrottled(res: ApiResponse) {
    expectStatus(res, 429);
    const retryAfter = String(res.headers['retry-after']);
    expect(retryAfter).toMatch(/^[1-9]\d*$/);
    expect(Number(retryAfter)).toBeLessThanOrEqual(900);
    expect(res.body).toMatchObject({
      statusCode: 429,
      code: 'TOO_MANY_REQUESTS',
      message: `尝试次数过多，请在 ${retryAfter} 秒后再试`,
      details: { retryAfterSeconds: Number(retryAfter) },
    });
  }

  const throttledScopes = async (username: string) =>
    (
      await t.dataSource.query(`SELECT after->>'scope' AS scope FROM audit_event WHERE action = 'auth.login_throttled' AND actor_username = $1`, [
        username,
      ])
    ).map((row: { scope: string }) => row.scope);

  it(`brute force from one address: the ${PER_USER + 1}th try → 429 with Retry-After, even with the right password`, async () => {
    const user = await createUser(t.app);
    for (let i = 0; i < PER_USER; i++) {
      expectStatus(await postLogin(t, { username: user.username, password: `wrong-password-${i}` }, '10.0.1.1'), 401);
    }
    expectThrottled(await postLogin(t, { username: user.username, password: 'wrong-password-x' }, '10.0.1.1'));
    expectThrottled(await postLogin(t, { username: user.username.toUpperCase(), password: TEST_PASSWORD }, '10.0.1.1'));

    const key = `${prefix}:login-failures:pair:${user.username}:10.0.1.1`;
    expect(await redis.get(key)).toBe(String(PER_USER));
    // Refused attempts are not failures: the address has used only its three.
    expect(await redis.get(`${prefix}:login-failures:ip:10.0.1.1`)).toBe(String(PER_USER));
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(900);
    expect(await throttledScopes(user.username)).toEqual(['address', 'address']);
  });

  it('wrong passwords from one address do not keep the real user, at another address, out', async () => {
    const user = await createUser(t.app);
    // Anonymous guesses until that address is refused: all it may do.
    for (let i = 0; i < PER_USER + 3; i++) await postLogin(t, { username: user.username, password: `wrong-password-${i}` }, '198.51.100.7');
    const real = await postLogin(t, { username: user.username, password: TEST_PASSWORD }, '10.0.7.1');
    expectStatus(real, 200);
    expect(real.body.user.id).toBe(user.id);
  });

  it('guesses spread over many addresses meet a username-wide lock that a known address still passes; an admin lifts it', async () => {
    const user = await createUser(t.app);
    // The user's office, where they have logged in before.
    expectStatus(await postLogin(t, { username: user.username, password: TEST_PASSWORD }, '10.0.4.200'), 200);
    const guesses = Array.from({ length: 12 }, (_, i) =>
      postLogin(t, { username: user.username, password: `wrong-password-${i}` }, `10.0.4.${i + 1}`),
    );
    const statuses = (await Promise.all(guesses)).map((res) => res.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(USERNAME_WIDE);
    expect(statuses.filter((s) => s === 429)).toHaveLength(12 - USERNAME_WIDE);
    expect(await redis.pttl(`${prefix}:login-lock:${user.username}`)).toBeGreaterThan(0);
    expect(await throttledScopes(user.username)).toEqual(Array(12 - USERNAME_WIDE).fill('username'));

    // A new address waits, even with the right password; the office does not.
    expectThrottled(await postLogin(t, { username: user.username, password: TEST_PASSWORD }, '10.0.4.99'));
    expectStatus(await postLogin(t, { username: user.username, password: TEST_PASSWORD }, '10.0.4.200'), 200);

    // The admin's unlock forgets the failures and the lock, and is audited.
    expectStatus(await request(t.app, 'POST', `/api/users/${user.id}/unlock`, undefined, { as: 'admin' }), 204);
    expect(await redis.exists(`${prefix}:login-lock:${user.username}`, `${prefix}:login-failures:user:${user.username}`)).toBe(0);
    expectStatus(await postLogin(t, { username: user.username, password: TEST_PASSWORD }, '10.0.4.99'), 200);
    const [unlock] = await t.dataSource.query(`SELECT actor_username FROM audit_event WHERE action = 'user.unlock' AND entity_id = $1`, [user.id]);
    expect(unlock).toEqual({ actor_username: 'test-admin' });
    expectStatus(await request(t.app, 'POST', `/api/users/${user.id}/unlock`, undefined, { as: 'supervisor' }), 403);
  });

  it('guesses from one address sent in parallel get no more tries than the per-IP limit', async () => {
    const guesses = Array.from({ length: 15 }, () =>
      postLogin(t, { username: uniqueName('guess-'), password: 'wrong-password-1' }, '10.0.5.1'),
    );
    const statuses = (await Promise.all(guesses)).map((res) => res.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(PER_IP);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15 - PER_IP);
  });

  it(`the per-IP limit trips across different usernames; another address is not blocked`, async () => {
    const user = await createUser(t.app);
    for (let i = 0; i < PER_IP; i++) {
      expectStatus(await postLogin(t, { username: uniqueName('guess-'), password: 'wrong-password-1' }, '10.0.2.1'), 401);
    }
    expect(await redis.get(`${prefix}:login-failures:ip:10.0.2.1`)).toBe(String(PER_IP));
    expect(await redis.ttl(`${prefix}:login-failures:ip:10.0.2.1`)).toBeGreaterThan(0);

    expectThrottled(await postLogin(t, { username: uniqueName('guess-'), password: 'wrong-password-1' }, '10.0.2.1'));
    expectThrottled(await postLogin(t, { username: user.username, password: TEST_PASSWORD }, '10.0.2.1'));
    const elsewhere = await postLogin(t, { username: user.username, password: TEST_PASSWORD }, '10.0.2.2');
    expectStatus(elsewhere, 200);
    expect(elsewhere.body.user.id).toBe(user.id);
  });

  it('successful logins never use up an address’s tries (an office behind one NAT)', async () => {
    const users = await Promise.all(Array.from({ length: PER_IP + 2 }, () => createUser(t.app)));
    for (const user of users) expectStatus(await postLogin(t, { username: user.username, password: TEST_PASSWORD }, '10.0.6.1'), 200);
    expect(await redis.exists(`${prefix}:login-failures:ip:10.0.6.1`)).toBe(0);
  });

  it("a successful login clears that address's counter for the username", async () => {
    const user = await createUser(t.app);
    const key = `${prefix}:login-failures:pair:${user.username}:10.0.3.1`;
    for (let i = 0; i < PER_USER - 1; i++) {
      expectStatus(await postLogin(t, { username: user.username, password: 'wrong-password-1' }, '10.0.3.1'), 401);
    }
    expect(await redis.get(key)).toBe(String(PER_USER - 1));
    expectStatus(await postLogin(t, { username: user.username, password: TEST_PASSWORD }, '10.0.3.1'), 200);
    expect(await redis.exists(key)).toBe(0);
    // So the next failures start from one again.
    for (let i = 0; i < PER_USER - 1; i++) {
      expectStatus(await postLogin(t, { username: user.username, password: 'wrong-password-1' }, '10.0.3.2'), 401);
    }
    expectStatus(await postLogin(t, { username: user.username, password: TEST_PASSWORD }, '10.0.3.2'), 200);
  });

  it('wrong current passwords on POST /api/auth/password count as failures too; the refusal is audited', async () => {
    const user = await createUser(t.app);
    const { accessToken } = await login(t.app, user.username);
    const change = (currentPassword: string) =>
      request(t.app, 'POST', '/api/auth/password', { currentPassword, newPassword: 'a-new-password-1' }, { as: { token: accessToken } });
    for (let i = 0; i < PER_USER; i++) expectStatus(await change(`wrong-password-${i}`), 400);
    expectThrottled(await change(TEST_PASSWORD));
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM audit_event WHERE action = 'auth.login_throttled' AND actor_username = $1`,
      [user.username],
    );
    expect(count).toBe(1);
  });
});
