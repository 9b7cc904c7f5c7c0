import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Env } from '../../src/config/env';
import { ReminderWorkerService } from '../../src/reminders/reminder-worker.service';
import { WorkerModule } from '../../src/worker.module';
import type { TestApp } from './test-app';
import { waitUntil } from './wait';

const ROOT = join(__dirname, '..', '..');

/**
 * The api test app's whole configuration as environment variables, so a worker started from it uses the same
 * database, Redis and key prefix (and clock, lock and backoff settings), plus `overrides`.
 */
export function workerEnv(t: TestApp, overrides: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(t.app.get(Env))) if (value !== undefined && value !== null) env[key] = String(value);
  return { ...env, ...overrides };
}

export interface InProcessWorker {
  context: INestApplicationContext;
  service: ReminderWorkerService;
  close(): Promise<void>;
}

/** The worker process's module in this process: same module graph as `node dist/src/worker.js`. */
export async function startWorker(t: TestApp, overrides: Record<string, string> = {}): Promise<InProcessWorker> {
  const env = workerEnv(t, overrides);
  const previous = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  let context: INestApplicationContext;
  try {
    // Quiet by default: the tests provoke failures on purpose. TEST_WORKER_LOGS=1 shows the worker's log.
    context = await NestFactory.createApplicationContext(WorkerModule, { logger: process.env.TEST_WORKER_LOGS ? ['error', 'warn', 'log'] : false });
  } finally {
    for (const [key, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
  const service = context.get(ReminderWorkerService);
  await service.ready;
  return { context, service, close: () => context.close() };
}

// ---- the compiled worker as a child process ----------------------------------------------------------------------

const BUILD_DIR = join(ROOT, '.data', 'worker-build');
const STAMP = join(BUILD_DIR, '.built-from');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Compiles src/ (tsconfig.build.json) into .data/worker-build unless that build is newer than every source file,
 * and returns the worker entry point. Its own folder: `npm run build`'s dist/ is left alone.
 */
export function buildWorker(): string {
  const entry = join(BUILD_DIR, 'src', 'worker.js');
  const sources = Math.max(newestSource(join(ROOT, 'src')), newestSource(join(ROOT, 'migrations')));
  const built = existsSync(STAMP) ? Number(readFileSync(STAMP, 'utf8')) : 0;
  if (existsSync(entry) && built >= sources) return entry;
  mkdirSync(BUILD_DIR, { recursive: true });
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json', '--outDir', BUILD_DIR], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 240_000,
  });
  // tsc emits despite type errors elsewhere in src; only a missing entry point stops the test.
  if (!existsSync(entry)) throw new Error(`worker build failed:\n${tsc.stdout}\n${tsc.stderr}`);
  writeFileSync(STAMP, String(sources));
  return entry;
}

export interface ChildWorker {
  process: ChildProcess;
  output: string[];
  /** Resolves with the exit code or signal. */
  exited: Promise<number | string | null>;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** SIGTERM and wait (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
}

/** `node <build>/src/worker.js` with the test app's configuration: a separate process that can be SIGKILLed. */
export function spawnWorker(entry: string, env: Record<string, string>): ChildWorker {
  const child = spawn(process.execPath, [entry], {
    cwd: ROOT,
    // LOG_LEVEL log: the tests wait for the worker's own progress lines.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env, LOG_LEVEL: 'log' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const collect = (chunk: Buffer) => output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  return {
    process: child,
    output,
    exited,
    waitForOutput: (pattern, timeoutMs = 20_000) =>
      waitUntil(() => output.some((line) => pattern.test(line)) || (child.exitCode !== null ? fail(output) : false), {
        timeoutMs,
        what: () => `worker output ${pattern} (so far:\n${output.join('\n')})`,
      }).then(() => undefined),
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

function fail(output: string[]): never {
  throw new Error(`worker exited early:\n${output.join('\n')}`);
}
