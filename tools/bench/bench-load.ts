import autocannon from 'autocannon';
import { Queue, QueueEvents } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Client } from 'pg';
import { freePort } from '../dev/free-port';
import { startLocalRedis } from '../dev/local-redis';
import { AS_OF, BENCH_PASSWORD, SUPERVISOR, YEAR, benchId, userName } from './bench-shape';
import { ROOT, connect, openBenchDatabase, seconds } from './bench-database';
import { cpuMs, http, memory, postgresCpuBetween, postgresCpuMs, startNode, waitForHttp, type Child } from './processes';
import { explainHotQueries } from './hot-queries';
import { SET_BASED_KINDS, createWorkdayTable } from './reminder-sql';
import { lastClosedPeriod, periodCutoff } from '../../src/progress/reporting-period';
import type { ReportingCycle } from '../../src/plans/plan.entity';
import { SCAN_JOB, SCAN_QUEUE } from '../../src/queue/queues';

/**
 * `npm run bench:load`: the api and worker (production mode, built dist) and the bare baseline server against the
 * database `npm run bench:data` filled; autocannon on each route, project and baseline alternating; then the reminder
 * scan next to the set-based statement, and a 10,000-item notice import. Figures only: nothing here passes or fails.
 */

const number = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const list = (name: string) => (process.env[name] ? process.env[name]!.split(',').map((s) => s.trim()) : null);

const config = {
  duration: number('BENCH_DURATION', 10),
  warmup: number('BENCH_WARMUP_S', 5),
  rounds: number('BENCH_ROUNDS', 2),
  connections: number('BENCH_CONNECTIONS', 50),
  routes: list('BENCH_ROUTES'),
  parts: list('BENCH_PARTS') ?? ['explain', 'load', 'scan', 'import'],
  drainMaxSeconds: number('BENCH_DRAIN_MAX_S', 300),
  importItems: number('BENCH_IMPORT_ITEMS', 10_000),
};

const log = (line: string) => console.log(line);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const LOG_DIR = join(ROOT, '.data', 'bench', 'logs');

function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const describeKinds = (kinds: Array<{ kind: string; ms: number; rows: number }>) =>
  kinds.map((k) => `${k.kind} ${seconds(k.ms)} / ${k.rows}`).join(', ');

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Target {
  method: 'GET' | 'POST';
  path: () => string;
  body?: () => unknown;
  token?: string;
}

interface RouteCase {
  id: string;
  label: string;
  project: Target;
  baseline: Target;
}

interface Run {
  rps: number;
  /**
   * Throughput counting the requests still in flight when autocannon stopped (one per connection), which the server
   * finishes while draining: (done + connections) / (duration + drain). The fair figure when a wave of requests
   * takes longer than the run and few or none finish inside it.
   */
  drainedRps: number;
  p50: number;
  p95: number;
  p99: number;
  ok: number;
  failed: number;
  timeouts: number;
  drainMs: number;
  /**
   * CPU time (user + system) the server process spent per answered request, over the run and its drain: unlike
   * req/s it barely moves with what else the machine runs, so it compares code on a shared machine.
   */
  cpuMsPerRequest: number;
  /** The same for the local PostgreSQL server's processes (all of them: what both servers share). */
  databaseCpuMsPerRequest: number;
  /** WAL written per answered request (pg_stat_wal), in kB, and the full-page images among it (a checkpoint's wake). */
  walKbPerRequest: number;
  fullPagesPerRequest: number;
}

interface RouteFigures {
  id: string;
  label: string;
  singleMs: { project: number; baseline: number };
  /** The unmeasured first run on each server (JIT, pools, caches), when there is one. */
  warmup: { project: Run; baseline: Run } | null;
  project: Run[];
  baseline: Run[];
  median: {
    project: Omit<Run, 'ok' | 'failed' | 'timeouts'>;
    baseline: Omit<Run, 'ok' | 'failed' | 'timeouts'>;
    ratio: number;
    drainedRatio: number;
  };
}

class Bench {
  private apiUrl = '';
  private baselineUrl = '';
  private api?: Child;
  private worker?: Child;
  private baseline?: Child;
  private env: NodeJS.ProcessEnv = {};
  private stops: Array<() => Promise<void>> = [];
  private checkpointRefused = false;

  constructor(
    private readonly client: Client,
    private readonly databaseUrl: string,
  ) {}

  async start(): Promise<void> {
    let redisUrl = process.env.REDIS_URL;
    if (!redisUrl) {
      const redis = await startLocalRedis({ dataDir: join(ROOT, '.data', 'bench', `redis-${process.pid}`) });
      this.stops.push(redis.stop);
      redisUrl = redis.url;
    }
    const port = await freePort();
    this.apiUrl = `http://127.0.0.1:${port}`;
    this.env = {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: this.databaseUrl,
      REDIS_URL: redisUrl,
      JWT_SECRET: randomBytes(48).toString('base64url'),
      LOG_LEVEL: 'warn',
      QUEUE_PREFIX: 'duban-bench',
      CLOCK_TODAY: AS_OF,
      APP_BASE_URL: `http://localhost:${port}`,
    };
    await this.startProject();
    const baselinePort = await freePort();
    this.baselineUrl = `http://127.0.0.1:${baselinePort}`;
    this.baseline = startNode(
      'baseline',
      join(ROOT, 'dist-bench', 'tools', 'bench', 'baseline-server.js'),
      { PATH: process.env.PATH, DATABASE_URL: this.databaseUrl, PORT: String(baselinePort) },
      LOG_DIR,
    );
    await waitForHttp(`${this.baselineUrl}/health`, this.baseline);
  }

  /** A fresh api and worker: peak memory (VmHWM) then counts from their start. */
  async startProject(): Promise<void> {
    await this.stopProject();
    // BENCH_API_NODE_ARGS: node flags for the api alone, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it.
    const apiArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
    this.api = startNode('api', join(ROOT, 'dist', 'src', 'main.js'), this.env, LOG_DIR, apiArgs);
    this.worker = startNode('worker', join(ROOT, 'dist', 'src', 'worker.js'), this.env, LOG_DIR);
    await waitForHttp(`${this.apiUrl}/health/live`, this.api);
    await waitForHttp(`${this.apiUrl}/health/ready`, this.api);
  }

  async stopProject(): Promise<void> {
    await this.api?.stop();
    await this.worker?.stop();
  }

  async stop(): Promise<void> {
    await this.stopProject();
    await this.baseline?.stop();
    for (const stop of this.stops.reverse()) await stop();
  }

  async login(username: string): Promise<string> {
    const res = await http('POST', `${this.apiUrl}/api/auth/login`, { body: { username, password: BENCH_PASSWORD } });
    if (res.status !== 200 && res.status !== 201) throw new Error(`login of ${username} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.accessToken as string;
  }

  private url(server: 'project' | 'baseline'): string {
    return server === 'project' ? this.apiUrl : this.baselineUrl;
  }

  async single(server: 'project' | 'baseline', target: Target): Promise<number> {
    const samples: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await http(target.method, `${this.url(server)}${target.path()}`, { token: target.token, body: target.body?.() });
      if (res.status >= 300) throw new Error(`${server} ${target.method} ${target.path()} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
      samples.push(res.ms);
    }
    return median(samples);
  }

  async cannon(server: 'project' | 'baseline', target: Target, duration = config.duration): Promise<Run> {
    const latencies: number[] = [];
    let ok = 0;
    let failed = 0;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (target.token) headers.authorization = `Bearer ${target.token}`;
    const pid = (server === 'project' ? this.api : this.baseline)!.process.pid!;
    await this.checkpoint();
    const cpuBefore = await cpuMs(pid);
    const databaseBefore = await postgresCpuMs();
    const walBefore = await this.wal();
    // autocannon starts sending as soon as it is made: everything above is read before.
    const instance = autocannon({
      url: this.url(server),
      connections: config.connections,
      duration,
      timeout: 60,
      headers,
      requests: [
        {
          method: target.method,
          setupRequest: (request) => ({
            ...request,
            method: target.method,
            path: target.path(),
            ...(target.body ? { body: JSON.stringify(target.body()) } : {}),
          }),
        },
      ],
    });
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      if (status >= 200 && status < 300) {
        ok++;
        latencies.push(ms);
      } else failed++;
    });
    const result = await instance;
    const drainMs = await this.quiesce();
    const cpuPerRequest = (await cpuMs(pid)) - cpuBefore;
    const databaseCpu = postgresCpuBetween(databaseBefore, await postgresCpuMs());
    const wal = await this.wal();
    const answered = Math.max(1, ok + failed);
    latencies.sort((a, b) => a - b);
    return {
      rps: ok / duration,
      drainedRps: (ok + config.connections) / (duration + drainMs / 1000),
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      ok,
      failed,
      timeouts: result.timeouts,
      drainMs,
      cpuMsPerRequest: cpuPerRequest / answered,
      databaseCpuMsPerRequest: databaseCpu / answered,
      walKbPerRequest: (wal.bytes - walBefore.bytes) / 1024 / answered,
      fullPagesPerRequest: (wal.fullPages - walBefore.fullPages) / answered,
    };
  }

  /**
   * Every run starts right after a checkpoint, so each side pays the same full-page images (the first change of a
   * page after a checkpoint writes the whole page to WAL): a timed checkpoint falling inside one side's run made
   * writes cost more there alone. Needs the pg_checkpoint role; without it runs go on as they come.
   */
  private async checkpoint(): Promise<void> {
    if (this.checkpointRefused) return;
    await this.client.query('CHECKPOINT').catch((error: Error) => {
      this.checkpointRefused = true;
      log(`  (no CHECKPOINT before runs: ${error.message})`);
    });
  }

  private async wal(): Promise<{ bytes: number; fullPages: number }> {
    const { rows } = await this.client.query<{ bytes: string; full_pages: string }>(`SELECT wal_bytes::text AS bytes, wal_fpi::text AS full_pages FROM pg_stat_wal`);
    return { bytes: Number(rows[0]!.bytes), fullPages: Number(rows[0]!.full_pages) };
  }

  /**
   * Waits until neither server has a statement running and the api answers its liveness probe promptly: requests
   * whose client has gone may keep the api busy long after autocannon stops, and would tax the next run.
   */
  async quiesce(): Promise<number> {
    const started = Date.now();
    let calm = 0;
    while (Date.now() - started < config.drainMaxSeconds * 1000) {
      const { rows } = await this.client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND application_name IN ('duban', 'duban-baseline') AND state <> 'idle'`,
      );
      const probe = await http('GET', `${this.apiUrl}/health/live`).then((r) => r.status === 200 && r.ms < 500, () => false);
      calm = rows[0]!.n === 0 && probe ? calm + 1 : 0;
      if (calm >= 2) break;
      await sleep(250);
    }
    return Date.now() - started;
  }

  async route(route: RouteCase): Promise<RouteFigures> {
    const singleMs = { project: await this.single('project', route.project), baseline: await this.single('baseline', route.baseline) };
    // Both servers answer the route under load first, unmeasured: the rounds compare them as they run for days, not
    // while V8 is still compiling their code and the pools and caches are filling.
    const warmup =
      config.warmup > 0
        ? { project: await this.cannon('project', route.project, config.warmup), baseline: await this.cannon('baseline', route.baseline, config.warmup) }
        : null;
    await this.quiesce();
    const project: Run[] = [];
    const baseline: Run[] = [];
    for (let round = 0; round < config.rounds; round++) {
      project.push(await this.cannon('project', route.project));
      baseline.push(await this.cannon('baseline', route.baseline));
    }
    const summary = (runs: Run[]) => ({
      rps: median(runs.map((r) => r.rps)),
      drainedRps: median(runs.map((r) => r.drainedRps)),
      p50: median(runs.map((r) => r.p50)),
      p95: median(runs.map((r) => r.p95)),
      p99: median(runs.map((r) => r.p99)),
      drainMs: median(runs.map((r) => r.drainMs)),
      cpuMsPerRequest: median(runs.map((r) => r.cpuMsPerRequest)),
      databaseCpuMsPerRequest: median(runs.map((r) => r.databaseCpuMsPerRequest)),
      walKbPerRequest: median(runs.map((r) => r.walKbPerRequest)),
      fullPagesPerRequest: median(runs.map((r) => r.fullPagesPerRequest)),
    });
    const p = summary(project);
    const b = summary(baseline);
    return { id: route.id, label: route.label, singleMs, warmup, project, baseline, median: { project: p, baseline: b, ratio: p.rps / b.rps, drainedRatio: p.drainedRps / b.drainedRps } };
  }

  // ---- the reminder scan ---------------------------------------------------------------------------------

  /** Each kind's bare set-based statement, one after the other in one transaction that is rolled back. */
  async setBasedKinds(): Promise<{ ms: number; rows: number; byKind: Array<{ kind: string; ms: number; rows: number }> }> {
    const { rows: pairs } = await this.client.query<{ cycle: ReportingCycle; cutoff_day: number }>(
      `SELECT DISTINCT reporting_cycle AS cycle, report_cutoff_day AS cutoff_day FROM plan`,
    );
    const periods = pairs.map((p) => lastClosedPeriod(AS_OF, p.cycle, p.cutoff_day));
    const owed = [pairs.map((p) => p.cycle), pairs.map((p) => p.cutoff_day), periods, periods.map((period, i) => periodCutoff(period, pairs[i]!.cutoff_day))];
    const byKind: Array<{ kind: string; ms: number; rows: number }> = [];
    await this.client.query('BEGIN');
    try {
      for (const { kind, sql, periods: needsPeriods } of SET_BASED_KINDS) {
        const started = performance.now();
        const result = await this.client.query(sql, [AS_OF, this.env.APP_BASE_URL, ...(needsPeriods ? owed : [])]);
        byKind.push({ kind, ms: performance.now() - started, rows: result.rowCount ?? 0 });
      }
    } finally {
      // Measured, not kept: the scan after it starts from the same empty reminder table.
      await this.client.query('ROLLBACK');
    }
    return { ms: byKind.reduce((sum, k) => sum + k.ms, 0), rows: byKind.reduce((sum, k) => sum + k.rows, 0), byKind };
  }

  private async peaks(): Promise<{ apiPeakMiB: number; workerPeakMiB: number }> {
    const gone = { rss: NaN, peak: NaN };
    const api = await memory(this.api!.process.pid!).catch(() => gone);
    const worker = await memory(this.worker!.process.pid!).catch(() => gone);
    return { apiPeakMiB: api.peak, workerPeakMiB: worker.peak };
  }

  /** `POST /api/reminders/scan`: the scan run by the api process. */
  async scan(
    token: string,
  ): Promise<{ ms: number; status: number | string; created: number; alreadyExisting: number; apiPeakMiB: number; workerPeakMiB: number }> {
    const started = performance.now();
    // An api that runs out of memory mid-scan is a figure too: say so, and carry on with the other parts.
    const res = await http('POST', `${this.apiUrl}/api/reminders/scan`, { token, body: { asOf: AS_OF } }).catch((error: Error) => ({
      status: `failed: ${error.message}; api exit code ${this.api!.process.exitCode}, signal ${this.api!.process.signalCode}`,
      body: undefined,
      ms: performance.now() - started,
    }));
    return {
      ms: res.ms,
      status: res.status,
      created: res.body?.created ?? NaN,
      alreadyExisting: res.body?.alreadyExisting ?? NaN,
      ...(await this.peaks()),
    };
  }

  /** The same scan as the daily job runs it: a job on the scan queue, run by the worker process. */
  async workerScan(): Promise<{ ms: number; status: string; created: number; alreadyExisting: number; apiPeakMiB: number; workerPeakMiB: number }> {
    const connection = { url: this.env.REDIS_URL!, maxRetriesPerRequest: null };
    const prefix = `${this.env.QUEUE_PREFIX}:bull`;
    const queue = new Queue(SCAN_QUEUE, { connection, prefix });
    const events = new QueueEvents(SCAN_QUEUE, { connection, prefix });
    try {
      await events.waitUntilReady();
      const started = performance.now();
      const job = await queue.add(SCAN_JOB.manual, { asOf: AS_OF }, { attempts: 1 });
      const result = await job.waitUntilFinished(events).catch((error: Error) => ({ failed: error.message }));
      const ms = performance.now() - started;
      const ok = result && !('failed' in result);
      return {
        ms,
        status: ok ? 'completed' : `failed: ${(result as { failed: string }).failed}`,
        created: ok ? result.created : NaN,
        alreadyExisting: ok ? result.alreadyExisting : NaN,
        ...(await this.peaks()),
      };
    } finally {
      await events.close();
      await queue.close();
    }
  }

  async scanPart(): Promise<Record<string, unknown>> {
    await this.client.query(`TRUNCATE reminder, reminder_delivery`);
    await createWorkdayTable(this.client, YEAR - 1, YEAR);
    log('Reminder scan: the set-based statements, one per kind (rolled back) …');
    const setBased = await this.setBasedKinds();
    log(`  set-based INSERT … SELECT, all kinds: ${seconds(setBased.ms)}, ${setBased.rows} rows (${describeKinds(setBased.byKind)})`);

    await this.startProject();
    const token = await this.login(SUPERVISOR);
    const atStart = { api: await memory(this.api!.process.pid!), worker: await memory(this.worker!.process.pid!) };
    log(`  fresh api ${atStart.api.rss.toFixed(0)} MiB, worker ${atStart.worker.rss.toFixed(0)} MiB resident; POST /api/reminders/scan …`);
    const first = await this.scan(token);
    log(
      `  scan (api): ${first.status} in ${seconds(first.ms)}, created ${first.created}; peak RSS api ${first.apiPeakMiB.toFixed(0)} MiB, ` +
        `worker ${first.workerPeakMiB.toFixed(0)} MiB`,
    );
    // What autovacuum would do within its one-minute naptime. Without fresh statistics on the digests just written,
    // the repeat scan's digest query once chose a nested-loop anti-join and ran for over 9 minutes at BENCH_SCALE=0.1.
    await this.client.query(`ANALYZE reminder, reminder_delivery`);
    const repeat = first.status === 200 ? await this.scan(token) : first;
    log(`  repeat scan (api): ${repeat.status} in ${seconds(repeat.ms)}, created ${repeat.created}, already there ${repeat.alreadyExisting}`);
    const { rows: byKind } = await this.client.query<{ kind: string; n: number }>(
      `SELECT kind, count(*)::int AS n FROM reminder GROUP BY kind ORDER BY kind`,
    );
    log(`  reminders by kind: ${byKind.map((r) => `${r.kind} ${r.n}`).join(', ')}`);
    const setBasedRepeat = await this.setBasedKinds();
    log(`  set-based statements again (every key taken): ${seconds(setBasedRepeat.ms)}, ${setBasedRepeat.rows} rows (${describeKinds(setBasedRepeat.byKind)})`);

    // The daily job's path: the worker process scans the same day from an empty reminder table, then again.
    await this.client.query(`TRUNCATE reminder, reminder_delivery`);
    const worker = await this.workerScan();
    log(`  scan (worker job): ${worker.status} in ${seconds(worker.ms)}, created ${worker.created}; peak RSS worker ${worker.workerPeakMiB.toFixed(0)} MiB`);
    await this.client.query(`ANALYZE reminder, reminder_delivery`);
    const workerRepeat = await this.workerScan();
    log(`  repeat scan (worker job): ${workerRepeat.status} in ${seconds(workerRepeat.ms)}, created ${workerRepeat.created}, peak RSS worker ${workerRepeat.workerPeakMiB.toFixed(0)} MiB`);
    const oneChange = await this.scanAfterOneChange();
    log(
      `  after a 延期 of one task of the biggest plan (${oneChange.planTasks} tasks), the worker job again: ${oneChange.scan.status} in ` +
        `${seconds(oneChange.scan.ms)}, created ${oneChange.scan.created} (that plan alone is scanned again)`,
    );
    if (this.api!.process.exitCode !== null || this.api!.process.signalCode !== null) await this.startProject();
    return { setBased, atStart, first, repeat, byKind, setBasedRepeat, worker, workerRepeat, oneChange };
  }

  /**
   * One open overdue task of the biggest plan due a day later (a new overdue key), the day scanned again by the
   * worker; the due date is then put back.
   */
  private async scanAfterOneChange(): Promise<{ planTasks: number; scan: Awaited<ReturnType<Bench['workerScan']>> }> {
    const {
      rows: [moved],
    } = await this.client.query<{ id: string; plan_tasks: number }>(
      `WITH biggest AS (SELECT plan_id, count(*)::int AS tasks FROM task GROUP BY plan_id ORDER BY count(*) DESC, plan_id LIMIT 1)
       UPDATE task SET due_date = due_date + 1
        WHERE id = (SELECT t.id FROM task t JOIN biggest b USING (plan_id)
                     ORDER BY (t.status IN ('not_started', 'in_progress') AND t.due_date < $1::date) DESC, t.number LIMIT 1)
       RETURNING id, (SELECT tasks FROM biggest) AS plan_tasks`,
      [AS_OF],
    );
    try {
      return { planTasks: moved!.plan_tasks, scan: await this.workerScan() };
    } finally {
      await this.client.query(`UPDATE task SET due_date = due_date - 1 WHERE id = $1`, [moved!.id]);
    }
  }

  // ---- the notice import -----------------------------------------------------------------------------------

  async importPart(): Promise<Record<string, unknown>> {
    const token = await this.login(SUPERVISOR);
    const plan = await http('POST', `${this.apiUrl}/api/plans`, {
      token,
      body: { title: `基准导入计划（${config.importItems}项，${new Date().toISOString()}）`, year: YEAR },
    });
    if (plan.status !== 201) throw new Error(`creating the import plan answered ${plan.status}: ${JSON.stringify(plan.body)}`);
    const { rows: units } = await this.client.query<{ name: string }>(`SELECT name FROM unit ORDER BY name LIMIT 200`);
    const text = noticeText(config.importItems, units.map((u) => u.name));
    log(`Notice import: ${config.importItems} items, ${(Buffer.byteLength(text) / 1048576).toFixed(2)} MiB of text …`);
    const res = await http('POST', `${this.apiUrl}/api/plans/${plan.body.id}/import`, { token, body: { text } });
    const outcome = res.status < 300 ? JSON.stringify(res.body.tasks) : `${res.body?.code ?? ''} ${String(res.body?.message ?? res.body).slice(0, 200)}`;
    log(`  POST /api/plans/:id/import: ${res.status} in ${seconds(res.ms)} — ${outcome}`);
    // The next bench:load on this data set should find it as bench:data left it.
    await this.client.query(`DELETE FROM plan WHERE id = $1`, [plan.body.id]);
    return { items: config.importItems, bytes: Buffer.byteLength(text), status: res.status, ms: res.ms, outcome };
  }
}

const ZH = '零一二三四五六七八九';
/** 1–99 in Chinese numerals, as headings are written (一, 十二, 四十). */
function zh(n: number): string {
  if (n < 10) return ZH[n]!;
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : ZH[tens]}十${n % 10 ? ZH[n % 10] : ''}`;
}

/** A notice of `items` numbered items under headings of 250, each naming a lead and a responsible unit. */
export function noticeText(items: number, units: string[]): string {
  const lines = ['关于印发全国重点工作任务分解方案的通知（基准）'];
  for (let n = 1; n <= items; n++) {
    if ((n - 1) % 250 === 0) lines.push(`${zh(Math.floor((n - 1) / 250) + 1)}、第${Math.floor((n - 1) / 250) + 1}部分重点任务`);
    const lead = units[n % units.length]!;
    const responsible = units[(n * 7 + 3) % units.length]!;
    lines.push(`${n}.推进第${n}项重点工作，完善工作机制，按季度报送进展情况。（牵头单位：${lead}；责任单位：${responsible}）`);
  }
  return lines.join('\n');
}

function routeCases(tokens: { supervisor: string; unitUser: string }, progressTasks: string[]): RouteCase[] {
  const small = benchId('plan:1');
  const big = benchId('plan:0');
  const unit = benchId('unit:1');
  const q = `asOf=${AS_OF}`;
  const supervised = (path: string): Target => ({ method: 'GET', path: () => path, token: tokens.supervisor });
  const plain = (path: string): Target => ({ method: 'GET', path: () => path });
  let next = 0;
  const task = () => progressTasks[next++ % progressTasks.length]!;
  const report = { summary: '基准压测：按计划推进', percent: 50, period: `${YEAR}-10` };
  return [
    { id: 'tasks-330', label: 'GET /api/supervision/tasks (page of 20), 330-task plan', project: supervised(`/api/supervision/tasks?planId=${small}&${q}&page=1&pageSize=20`), baseline: plain(`/supervision/tasks?planId=${small}&${q}&page=1&pageSize=20`) },
    { id: 'tasks-big', label: 'GET /api/supervision/tasks (page of 20), 10,000-task plan', project: supervised(`/api/supervision/tasks?planId=${big}&${q}&page=1&pageSize=20`), baseline: plain(`/supervision/tasks?planId=${big}&${q}&page=1&pageSize=20`) },
    { id: 'overdue-330', label: 'GET /api/supervision/overdue, 330-task plan', project: supervised(`/api/supervision/overdue?planId=${small}&${q}`), baseline: plain(`/supervision/overdue?planId=${small}&${q}`) },
    { id: 'overdue-big', label: 'GET /api/supervision/overdue, 10,000-task plan', project: supervised(`/api/supervision/overdue?planId=${big}&${q}`), baseline: plain(`/supervision/overdue?planId=${big}&${q}`) },
    { id: 'units-big', label: 'GET /api/supervision/units, 10,000-task plan', project: supervised(`/api/supervision/units?planId=${big}&${q}`), baseline: plain(`/supervision/units?planId=${big}&${q}`) },
    { id: 'unit-tasks-supervisor', label: 'GET /api/tasks?unitId= (heavy unit), supervisor', project: supervised(`/api/tasks?unitId=${unit}&page=1&pageSize=20`), baseline: plain(`/tasks?unitId=${unit}&page=1&pageSize=20`) },
    {
      id: 'unit-tasks-own',
      label: "GET /api/tasks?unitId= (heavy unit), the unit's own user",
      project: { method: 'GET', path: () => `/api/tasks?unitId=${unit}&page=1&pageSize=20`, token: tokens.unitUser },
      baseline: plain(`/tasks?unitId=${unit}&page=1&pageSize=20`),
    },
    {
      id: 'progress',
      label: 'POST /api/tasks/:id/progress',
      project: { method: 'POST', path: () => `/api/tasks/${task()}/progress`, body: () => report, token: tokens.unitUser },
      baseline: { method: 'POST', path: () => `/tasks/${task()}/progress`, body: () => ({ ...report, unitId: unit, userId: benchId('user:1'), username: userName(1) }) },
    },
  ];
}

/** One round of a route, both sides: what moved it (the server's CPU, the database's, WAL and full-page images). */
function roundLine(p: Run, b: Run): string {
  const side = (r: Run) =>
    `${r.rps.toFixed(0)} req/s, CPU ${r.cpuMsPerRequest.toFixed(2)} ms + database ${r.databaseCpuMsPerRequest.toFixed(2)} ms, ` +
    `WAL ${r.walKbPerRequest.toFixed(1)} kB (${r.fullPagesPerRequest.toFixed(2)} full pages)`;
  return `${(p.rps / b.rps).toFixed(2)}×  project ${side(p)}  ·  baseline ${side(b)}`;
}

const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(0)}` : '—');

function printRoutes(figures: RouteFigures[]): void {
  log('');
  log(`Routes (${config.connections} connections, ${config.duration} s per run, median of ${config.rounds} alternating rounds; latencies in ms):`);
  log('(single: one request alone; done: 2xx answers within the runs, failed: other answers; drain: how long the api');
  log(' stayed busy after autocannon stopped, with requests whose client had gone; drained: req/s and ratio counting');
  log(' those in-flight requests, (done + connections) / (duration + drain))');
  log(
    `${'route'.padEnd(58)} ${'single P/B'.padStart(13)} ${'req/s P'.padStart(9)} ${'req/s B'.padStart(9)} ${'ratio'.padStart(7)}` +
      `  p50/p95/p99 project  ·  baseline  ·  done P/B, failed P/B  ·  drain P  ·  drained req/s P/B, ratio`,
  );
  const sum = (runs: Run[], key: 'ok' | 'failed') => runs.reduce((total, run) => total + run[key], 0);
  for (const f of figures) {
    const p = f.median.project;
    const b = f.median.baseline;
    log(
      `${f.label.padEnd(58)} ${`${ms(f.singleMs.project)}/${ms(f.singleMs.baseline)}`.padStart(13)} ${p.rps.toFixed(1).padStart(9)} ${b.rps.toFixed(1).padStart(9)} ` +
        `${`${f.median.ratio.toFixed(2)}×`.padStart(7)}  ${ms(p.p50)}/${ms(p.p95)}/${ms(p.p99)}  ·  ${ms(b.p50)}/${ms(b.p95)}/${ms(b.p99)}  ·  ` +
        `${sum(f.project, 'ok')}/${sum(f.baseline, 'ok')}, ${sum(f.project, 'failed')}/${sum(f.baseline, 'failed')}  ·  ${seconds(p.drainMs)}  ·  ` +
        `${p.drainedRps.toFixed(1)}/${b.drainedRps.toFixed(1)}, ${f.median.drainedRatio.toFixed(2)}×`,
    );
  }
}

async function main(): Promise<void> {
  for (const file of [join(ROOT, 'dist', 'src', 'main.js'), join(ROOT, 'dist-bench', 'tools', 'bench', 'baseline-server.js')]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` and \`npm run bench:build\` (npm run bench:load does both)`);
  }
  const database = await openBenchDatabase(log);
  const client = await connect(database.url);
  const bench = new Bench(client, database.url);
  const results: Record<string, unknown> = { config, startedAt: new Date().toISOString() };
  try {
    const { rows: sizes } = await client.query<{ tasks: number; big: number; version: string }>(
      `SELECT (SELECT count(*)::int FROM task) AS tasks, (SELECT count(*)::int FROM task WHERE plan_id = $1) AS big, version() AS version`,
      [benchId('plan:0')],
    );
    const size = sizes[0]!;
    if (size.big === 0) throw new Error('no bench data set here: run `npm run bench:data` first');
    results.machine = { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, postgres: size.version };
    results.data = { tasks: size.tasks, bigPlanTasks: size.big };
    log(`Data set: ${size.tasks.toLocaleString('en-US')} tasks (big plan ${size.big.toLocaleString('en-US')}); ${cpus().length} CPUs; ${size.version.split(',')[0]}`);

    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const resultsDir = join(ROOT, '.data', 'bench', 'results');
    mkdirSync(resultsDir, { recursive: true });
    const file = join(resultsDir, `bench-load-${stamp}.json`);
    // Saved after each part, so a part that fails late leaves the earlier figures behind.
    const save = () => writeFileSync(file, JSON.stringify(results, null, 2));
    if (config.parts.includes('explain')) {
      const period = lastClosedPeriod(AS_OF, 'monthly', 25);
      // The first pass warms the cache; the second is the one shown.
      await explainHotQueries(client, benchId('plan:0'), AS_OF, period);
      const explained = await explainHotQueries(client, benchId('plan:0'), AS_OF, period);
      const file = join(resultsDir, `explain-${stamp}.txt`);
      writeFileSync(file, explained.map((q) => `-- ${q.name}\n${q.plan}\n`).join('\n'));
      log(`EXPLAIN (ANALYZE, BUFFERS) of the supervision views' queries, big plan (plans in ${file}):`);
      for (const q of explained) log(`  ${q.name.padEnd(44)} ${q.executionMs.toFixed(1).padStart(9)} ms`);
      results.explain = explained.map(({ name, executionMs }) => ({ name, executionMs }));
    }
    await bench.start();
    if (config.parts.includes('load')) {
      const tokens = { supervisor: await bench.login(SUPERVISOR), unitUser: await bench.login(userName(1)) };
      const { rows: progressTasks } = await client.query<{ id: string }>(
        `SELECT t.id FROM task t JOIN task_assignment a ON a.task_id = t.id
          WHERE a.unit_id = $1 AND t.status IN ('not_started', 'in_progress') ORDER BY t.id LIMIT 2000`,
        [benchId('unit:1')],
      );
      const figures: RouteFigures[] = [];
      for (const route of routeCases(tokens, progressTasks.map((r) => r.id))) {
        if (config.routes && !config.routes.includes(route.id)) continue;
        log(`Route ${route.id} …`);
        const f = await bench.route(route);
        figures.push(f);
        log(
          `  project ${f.median.project.rps.toFixed(1)} req/s, baseline ${f.median.baseline.rps.toFixed(1)} req/s: ${f.median.ratio.toFixed(2)}× ` +
            `(drained ${f.median.drainedRatio.toFixed(2)}×); CPU per request project ${f.median.project.cpuMsPerRequest.toFixed(2)} ms, ` +
            `baseline ${f.median.baseline.cpuMsPerRequest.toFixed(2)} ms: ${(f.median.baseline.cpuMsPerRequest / f.median.project.cpuMsPerRequest).toFixed(2)}×` +
            (f.warmup ? `; warm-up run (${config.warmup} s, not counted) ${f.warmup.project.rps.toFixed(1)} / ${f.warmup.baseline.rps.toFixed(1)} req/s` : ''),
        );
        f.project.forEach((p, i) => log(`    round ${i + 1}: ${roundLine(p, f.baseline[i]!)}`));
      }
      results.routes = figures;
      printRoutes(figures);
    }
    save();
    if (config.parts.includes('scan')) results.scan = await bench.scanPart();
    save();
    if (config.parts.includes('import')) results.import = await bench.importPart();
    save();
    log(`\nFigures saved to ${file}`);
  } finally {
    await bench.stop().catch((error: Error) => log(`stopping: ${error.message}`));
    await client.end();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`[bench:load] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
