import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { Redis } from 'ioredis';
import { freePort } from './free-port';

export interface LocalRedis {
  url: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

function which(command: string): string | null {
  try {
    return execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

/** Finds Debian's redis-server; as root, installs it with apt-get when missing. */
export function ensureRedisServer(log: (line: string) => void = console.log): string {
  const found = which('redis-server');
  if (found) return found;
  if (process.getuid?.() !== 0) {
    throw new Error(
      'redis-server is not installed. Install it (Debian/Ubuntu: sudo apt-get install -y redis-server) ' +
        'or set REDIS_URL to a running Redis.',
    );
  }
  log('redis-server not found: installing Debian package redis-server with apt-get …');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'redis-server'], { stdio: 'inherit', env });
  const installed = which('redis-server');
  if (!installed) throw new Error('apt-get install redis-server finished but redis-server is still not on PATH');
  return installed;
}

/**
 * Starts redis-server in the foreground as our child, on a free port, with the settings BullMQ needs:
 * AOF on (a restart keeps queued jobs) and noeviction (Redis must never drop a job to save memory).
 */
export async function startLocalRedis(options: {
  dataDir: string;
  port?: number;
  log?: (line: string) => void;
  /** Own process group: a terminal's Ctrl-C does not reach it, its starter stops it when it is done. */
  detached?: boolean;
}): Promise<LocalRedis> {
  const binary = ensureRedisServer(options.log);
  await mkdir(options.dataDir, { recursive: true });
  const port = options.port ?? (await freePort());
  const child = spawn(
    binary,
    [
      '--port', String(port),
      '--bind', '127.0.0.1',
      '--dir', options.dataDir,
      '--appendonly', 'yes',
      '--maxmemory-policy', 'noeviction',
      '--save', '',
      '--daemonize', 'no',
      '--protected-mode', 'yes',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'], detached: options.detached ?? false },
  );
  const url = `redis://127.0.0.1:${port}`;
  await waitForRedis(url, child);
  return {
    url,
    port,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function waitForRedis(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.ping();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      client.disconnect();
    }
  }
  throw new Error(`redis-server did not answer on ${url} within 15 s`);
}
