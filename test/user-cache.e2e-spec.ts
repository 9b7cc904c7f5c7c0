import { sleep } from './support/wait';
import { createUser, login } from './support/factories';
import { expectStatus, request } from './support/http';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * The guard's user lookup is cached per process (USER_CACHE_TTL_MS). A change made through this process is seen
 * at once; a change made elsewhere (another api process, here: straight in PostgreSQL) within the TTL.
 */
describe('the cached user lookup', () => {
  const me = (t: TestApp, token: string) => request(t.app, 'GET', '/api/auth/me', undefined, { as: { token } });
  /** What another api process does when an admin disables the user there. */
  const disableElsewhere = (t: TestApp, userId: string) =>
    t.dataSource.query(`UPDATE app_user SET active = false, token_version = token_version + 1 WHERE id = $1`, [userId]);

  describe('with a long TTL', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ USER_CACHE_TTL_MS: '60000' });
    });
    afterAll(() => t.close());

    it('a user disabled in another process is still served from memory (the documented bound)', async () => {
      const user = await createUser(t.app, { role: 'leader' });
      const { accessToken } = await login(t.app, user.username);
      expectStatus(await me(t, accessToken), 200);
      await disableElsewhere(t, user.id);
      expectStatus(await me(t, accessToken), 200);
    });

    it('a user disabled, re-roled or given a new password through this process is refused at once', async () => {
      for (const change of [{ active: false }, { role: 'supervisor' }, { password: 'another-password-1' }]) {
        const user = await createUser(t.app, { role: 'leader' });
        const { accessToken } = await login(t.app, user.username);
        expectStatus(await me(t, accessToken), 200);
        expectStatus(await request(t.app, 'PATCH', `/api/users/${user.id}`, change, { as: 'admin' }), 200);
        expect([change, (await me(t, accessToken)).status]).toEqual([change, 401]);
      }
    });
  });

  describe('with a short TTL', () => {
    const TTL_MS = 300;
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ USER_CACHE_TTL_MS: String(TTL_MS) });
    });
    afterAll(() => t.close());

    it('a user disabled in another process is refused once the TTL has passed', async () => {
      const user = await createUser(t.app, { role: 'leader' });
      const { accessToken } = await login(t.app, user.username);
      expectStatus(await me(t, accessToken), 200);
      await disableElsewhere(t, user.id);
      await sleep(TTL_MS + 50);
      const refused = await me(t, accessToken);
      expectStatus(refused, 401);
      expect(refused.body).toMatchObject({ code: 'UNAUTHORIZED' });
    });
  });
});
