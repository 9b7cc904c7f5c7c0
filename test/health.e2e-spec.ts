import { HEARTBEAT_TTL_SECONDS } from '../src/health/worker-heartbeat';
import { createTestApp, type TestApp } from './support/test-app';
import { waitUntil } from './support/wait';
import { buildWorker, spawnWorker, workerEnv } from './support/worker';

describe('health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const ready = async () => (await t.app.inject({ method: 'GET', url: '/health/ready' })).json();

  it('answers live', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health/live' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('reports PostgreSQL and Redis up when both answer', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', checks: { postgres: { status: 'up' }, redis: { status: 'up' } } });
  });

  it('counts a worker process while it lives and stops counting it within the heartbeat TTL after a SIGKILL', async () => {
    const worker = spawnWorker(buildWorker(), workerEnv(t));
    try {
      await waitUntil(async () => (await ready()).workers === 1, { timeoutMs: 60_000, what: 'the worker counted as alive' });
      worker.process.kill('SIGKILL');
      await worker.exited;
      const killedAt = Date.now();
      await waitUntil(async () => (await ready()).workers === 0, {
        timeoutMs: (HEARTBEAT_TTL_SECONDS + 15) * 1000,
        intervalMs: 250,
        what: 'the killed worker no longer counted',
      });
      console.log(`killed worker no longer counted after ${Date.now() - killedAt} ms (heartbeat TTL ${HEARTBEAT_TTL_SECONDS} s)`);
    } finally {
      await worker.stop();
    }
  }, 180_000);
});
