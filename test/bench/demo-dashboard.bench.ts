import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { createHttpApp } from '../../src/http-app';
import { DEMO_PASSWORD } from '../../src/seed/demo-accounts';
import { DEMO_DAY } from '../../src/seed/demo-year';
import { seedDemoDatabase } from '../support/demo-seed';
import { readTestServers } from '../support/test-database';

/**
 * `npm run bench`: the demo seed's wall time and the 驾驶舱 route's median over 20 calls on the demo data, as the
 * leader (lingdao) sees it on the demo day. Figures, not assertions of speed.
 */
jest.setTimeout(600_000);

it('seeds the demo year and serves the 驾驶舱 on it', async () => {
  const seeded = await seedDemoDatabase();
  Object.assign(process.env, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: seeded.url,
    REDIS_URL: readTestServers().redisUrl,
    QUEUE_PREFIX: `bench-${randomBytes(4).toString('hex')}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    CLOCK_TODAY: DEMO_DAY,
  });
  const app = await createHttpApp();
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  try {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'lingdao', password: DEMO_PASSWORD } });
    const token = login.json().accessToken as string;
    const plans = await app.inject({ method: 'GET', url: '/api/plans', headers: { authorization: `Bearer ${token}` } });
    const planId = plans.json()[0].id as string;
    const samples: number[] = [];
    for (let i = 0; i < 20; i++) {
      const start = performance.now();
      const res = await app.inject({ method: 'GET', url: `/api/supervision/dashboard?planId=${planId}`, headers: { authorization: `Bearer ${token}` } });
      samples.push(performance.now() - start);
      expect(res.statusCode).toBe(200);
      expect(res.json().asOf).toBe(DEMO_DAY);
    }
    samples.sort((a, b) => a - b);
    const median = (samples[9]! + samples[10]!) / 2;
    console.log(
      [
        '',
        `Demo seed: ${(seeded.ms / 1000).toFixed(1)} s; ${JSON.stringify(seeded.result.totals)}`,
        `GET /api/supervision/dashboard on the demo data: median ${median.toFixed(1)} ms, max ${samples[19]!.toFixed(1)} ms (20 calls)`,
        '',
      ].join('\n'),
    );
  } finally {
    await app.close();
    await seeded.drop();
  }
});
