import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { isPortFree, freePort } from './free-port';
import { startLocalRedis } from './local-redis';
import { DEMO_PASSWORD } from '../../src/seed/demo-accounts';
import { DEMO_DAY } from '../../src/seed/demo-year';

/**
 * `npm start`: the whole service on one machine. Uses DATABASE_URL / REDIS_URL when set, otherwise starts an
 * embedded PostgreSQL and a local redis-server with data under .data/; migrates; seeds the 济源 demo (its plan and a
 * demo year up to DEMO_DAY, which becomes CLOCK_TODAY) on an empty database; runs the api and the worker as child processes until Ctrl-C / SIGTERM, then stops all it started.
 */
// Built into dist-tools/tools/dev/; the product it starts is the one `npm run build` put in dist/src/.
const root = join(__dirname, '..', '..', '..');
const dist = join(root, 'dist', 'src');
const dataDir = join(root, '.data');
const log = (message: string) => console.log(`[start] ${message}`);

const children: ChildProcess[] = [];
const stops: Array<() => Promise<void>> = [];
let stopping = false;

function runNode(script: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [join(dist, script)], { env, stdio: 'inherit' });
  children.push(child);
  return child;
}

function exited(child: ChildProcess): Promise<unknown> {
  return child.exitCode === null && child.signalCode === null ? new Promise((r) => child.once('exit', r)) : Promise.resolve();
}

/** In its own process group, so a Ctrl-C reaches it only through shutdown(), after the api and worker are gone. */
async function startPostgres(): Promise<string> {
  const child = spawn(process.execPath, [join(__dirname, 'postgres-process.js'), join(dataDir, 'postgres'), 'duban'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  stops.push(async () => {
    child.kill('SIGTERM');
    await exited(child);
  });
  const [line] = await Promise.race([
    createInterface({ input: child.stdout! })[Symbol.asyncIterator]().next().then((r) => [r.value as string | undefined]),
    exited(child).then(() => [undefined]),
  ]);
  if (!line) throw new Error('the embedded PostgreSQL did not start (see the messages above)');
  return (JSON.parse(line) as { url: string }).url;
}

function runToEnd(script: string, env: NodeJS.ProcessEnv): Promise<void> {
  const child = runNode(script, env);
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${script} exited with code ${code}`)))),
  );
}

async function waitForApi(url: string, api: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (api.exitCode !== null) throw new Error(`the api exited with code ${api.exitCode}`);
    const ok = await fetch(`${url}/health/live`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the api did not answer on ${url} within 60 s`);
}

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    log('stopping …');
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.all(children.map(exited));
    for (const stop of stops.reverse()) await stop().catch((e: Error) => log(`stop failed: ${e.message}`));
    log('stopped');
  }
  process.exit(code);
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'development' };

  if (env.DATABASE_URL) log('PostgreSQL: using DATABASE_URL');
  else {
    log(`PostgreSQL: starting embedded server, data in ${join(dataDir, 'postgres')}`);
    env.DATABASE_URL = await startPostgres();
  }

  if (env.REDIS_URL) log('Redis: using REDIS_URL');
  else {
    log(`Redis: starting redis-server, data in ${join(dataDir, 'redis')}`);
    const redis = await startLocalRedis({ dataDir: join(dataDir, 'redis'), log, detached: true });
    stops.push(redis.stop);
    env.REDIS_URL = redis.url;
  }

  if (!env.JWT_SECRET) {
    // One secret for the api process(es) of this run; a real deployment sets JWT_SECRET itself.
    env.JWT_SECRET = randomBytes(48).toString('base64url');
    log('JWT_SECRET not set: generated a random one for this run (demo profile; logins end when you stop)');
  }

  if (!env.PORT) {
    env.PORT = (await isPortFree(3000)) ? '3000' : String(await freePort());
    if (env.PORT !== '3000') log(`port 3000 is taken: the API uses ${env.PORT} (set PORT to choose)`);
  }

  if (!env.CLOCK_TODAY) {
    // The demo year is seeded up to DEMO_DAY: the api and the worker stand on that day unless told otherwise.
    env.CLOCK_TODAY = DEMO_DAY;
    log(`CLOCK_TODAY not set: today is the demo day ${DEMO_DAY} (set CLOCK_TODAY to choose another)`);
  }

  await runToEnd('database/migrate.js', env);
  await runToEnd('seed/run-demo-seed.js', env);

  const api = runNode('main.js', env);
  const worker = runNode('worker.js', env);
  for (const child of [api, worker]) {
    child.once('exit', (code) => {
      if (!stopping) {
        log(`a child process exited with code ${code}: stopping everything`);
        void shutdown(code ?? 1);
      }
    });
  }
  const url = `http://localhost:${env.PORT}`;
  await waitForApi(url, api);
  console.log(
    [
      '',
      '  督查督办 is running:',
      `    Web app      ${url}/`,
      `    API          ${url}/api`,
      `    OpenAPI UI   ${url}/api/docs`,
      `    Health       ${url}/health/ready`,
      `    PostgreSQL   ${env.DATABASE_URL.replace(/:[^:@/]+@/, ':***@')}`,
      `    Redis        ${env.REDIS_URL}`,
      `    Today        ${env.CLOCK_TODAY} (CLOCK_TODAY)`,
      `    Log in as    admin · duchashi (督查室) · lingdao (领导) · a unit's name, e.g. 住房和城乡建设局`,
      `                 demo password ${DEMO_PASSWORD} (demo data only)`,
      '  Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
  void shutdown(1);
});
