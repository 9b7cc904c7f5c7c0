import { performance } from 'node:perf_hooks';

export interface Answer {
  what: string;
  status: number;
  ms: number;
  /** ms since the traffic started */
  at: number;
}

/**
 * Steady traffic from `workers` concurrent loops, each sending `next()`'s request in turn until stopped: every
 * answer is recorded (a network error counts as status 0).
 */
export function startTraffic(workers: number, next: (i: number) => { what: string; send: () => Promise<{ status: number }> }) {
  const answers: Answer[] = [];
  const start = performance.now();
  let running = true;
  let n = 0;
  const loops = Array.from({ length: workers }, async () => {
    while (running) {
      const { what, send } = next(n++);
      const began = performance.now();
      const status = await send().then((r) => r.status, () => 0);
      answers.push({ what, status, ms: performance.now() - began, at: began - start });
    }
  });
  return {
    answers,
    elapsed: () => performance.now() - start,
    async stop(): Promise<Answer[]> {
      running = false;
      await Promise.all(loops);
      return answers;
    },
  };
}

export function summarize(answers: Answer[]): string {
  const byStatus = new Map<number, number>();
  for (const a of answers) byStatus.set(a.status, (byStatus.get(a.status) ?? 0) + 1);
  const slowest = Math.max(...answers.map((a) => a.ms));
  return `${answers.length} requests (${[...byStatus].map(([s, c]) => `${s}: ${c}`).join(', ')}), slowest ${Math.round(slowest)} ms`;
}
