import { dirname, join } from 'node:path';
import { freePort } from '../../tools/dev/free-port';
import type { TestApp } from '../support/test-app';
import { waitUntil } from '../support/wait';
import { buildWorker, spawnWorker, workerEnv, type ChildWorker } from '../support/worker';

export interface ApiProcess {
  url: string;
  child: ChildWorker;
}

/**
 * `node <build>/src/main.js` on a free port, with the test app's configuration (same database, Redis, key
 * prefix and JWT secret, so the test app's tokens work there) plus `overrides`.
 */
export async function startApiProcess(t: TestApp, overrides: Record<string, string> = {}): Promise<ApiProcess> {
  const port = await freePort();
  const entry = join(dirname(buildWorker()), 'main.js');
  const child = spawnWorker(entry, workerEnv(t, { PORT: String(port), ...overrides }));
  const url = `http://127.0.0.1:${port}`;
  // A process that dies under a fault says why in the test's output: its own log would go with it.
  void child.exited.then((how) => {
    if (typeof how === 'number' && how !== 0) console.error(`api process on ${url} exited with ${how}; its last lines:\n${child.output.slice(-40).join('\n')}`);
  });
  await waitUntil(async () => (await fetch(`${url}/health/live`).catch(() => null))?.ok, {
    timeoutMs: 60_000,
    what: () => `api process on ${url} (log:\n${child.output.slice(-20).join('\n')})`,
  });
  return { url, child };
}

/** A JSON request to an api process; the status and the parsed body. */
export async function call(base: string, method: string, path: string, token: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text };
}
