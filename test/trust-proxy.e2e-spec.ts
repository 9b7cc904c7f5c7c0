import { request } from './support/http';
import { createTestApp, type TestApp } from './support/test-app';

/** Behind a balancer the client's address (for throttling and audit) comes from X-Forwarded-For, if trusted. */
describe('TRUST_PROXY', () => {
  const failedLoginIp = async (t: TestApp, username: string): Promise<string> => {
    await request(t.app, 'POST', '/api/auth/login', { username, password: 'wrong-password' }, {
      as: 'anonymous',
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    const [row] = await t.dataSource.query(`SELECT ip FROM audit_event WHERE action = 'auth.login_failed' AND actor_username = $1`, [username]);
    return row.ip;
  };

  it('believes the forwarded address only from a trusted proxy', async () => {
    const trusting = await createTestApp({ TRUST_PROXY: '127.0.0.1' });
    try {
      expect(await failedLoginIp(trusting, 'someone')).toBe('203.0.113.9');
    } finally {
      await trusting.close();
    }
    const plain = await createTestApp();
    try {
      expect(await failedLoginIp(plain, 'someone')).toBe('127.0.0.1');
    } finally {
      await plain.close();
    }
  });
});
