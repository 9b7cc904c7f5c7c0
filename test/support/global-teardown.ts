import { rmSync } from 'node:fs';
import { readTestServers } from './test-database';
import { STATE_FILE } from './test-servers';

export default async function globalTeardown(): Promise<void> {
  const stop = (globalThis as { __stopTestServers?: () => Promise<void> }).__stopTestServers;
  if (stop) await stop();
  const { started } = readTestServers();
  if (started.postgresDir) rmSync(started.postgresDir, { recursive: true, force: true });
  rmSync(STATE_FILE, { force: true });
}
