import { createImportedPlan, uniqueName } from '../support/factories';
import { expectStatus, request } from '../support/http';
import { startHttpSink, startSmtpSink, type HttpSink, type SmtpSink } from '../support/sinks';
import { createTestApp, type TestApp } from '../support/test-app';
import { waitUntil } from '../support/wait';
import { buildWorker, spawnWorker, workerEnv, type ChildWorker } from '../support/worker';

const UNITS = 15;
/** Each webhook answer takes this long, so a signal lands while deliveries are in flight. */
const SLOW_MS = 1500;
/** Small lock and backoff: a killed worker's jobs are taken over seconds later, not 30 s. */
const FAST = { WORKER_LOCK_MS: '2000', DELIVERY_BACKOFF_MS: '100', REMINDER_CRON: '0 9 1 1 *', CLOCK_TODAY: '2021-10-08' };
const MAIL_FROM = '督查室 <duban@jiyuan.example.gov.cn>';

/**
 * Fault case 5: webhook digests to a real HTTP receiver on loopback that answers slowly, and email digests to a
 * real SMTP server. A worker given SIGTERM
 * in the middle finishes what it has in flight and exits by itself; the next one is SIGKILLed in the middle, and
 * the one after takes its jobs over. The receiver, deduplicating by Idempotency-Key as a receiver should, gets
 * every digest once, the mail server every email digest (by Message-ID), and PostgreSQL has every delivery sent.
 */
describe('fault 5: worker SIGTERM and SIGKILL mid-delivery', () => {
  let t: TestApp;
  let sink: HttpSink;
  let smtp: SmtpSink;
  const workers: ChildWorker[] = [];

  beforeAll(async () => {
    sink = await startHttpSink();
    smtp = await startSmtpSink();
    t = await createTestApp({ ...FAST, SMTP_URL: smtp.url, MAIL_FROM });
  }, 300_000);
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop(5_000)));
    await t?.close();
    await sink?.close();
    await smtp?.close();
  });

  const deliveries = (channel = 'webhook'): Promise<Array<{ id: string; status: string; attempts: number }>> =>
    t.dataSource.query(`SELECT id, status, attempts FROM reminder_delivery WHERE channel = $1 ORDER BY id`, [channel]);

  it('SIGTERM drains what is in flight; after SIGKILL the jobs are retried; the receiver sees each digest once', async () => {
    sink.behave(() => ({ status: 200, body: { ok: true }, delayMs: SLOW_MS }));
    for (let i = 0; i < UNITS; i++) {
      const name = uniqueName('应急局');
      const unit = await request(t.app, 'POST', '/api/units', { name, webhookUrl: `${sink.url}/unit-${i}`, contactEmails: [`unit-${i}@example.gov.cn`] }, { as: 'admin' });
      expectStatus(unit, 201);
      const { plan } = await createImportedPlan(t.app, `1.${name}年度任务。(责任单位:${name};完成时限:2021-09-30)`, { year: 2021, startDate: '2021-09-01' });
      expectStatus(await request(t.app, 'PUT', '/api/reminder-policy', { planId: plan.id, reportMissing: false }), 200);
    }
    const entry = buildWorker();

    // SIGTERM while deliveries are in flight.
    const first = spawnWorker(entry, workerEnv(t));
    workers.push(first);
    await first.waitForOutput(/Daily scan scheduled/, 120_000);
    expectStatus(await request(t.app, 'POST', '/api/reminders/scan', { asOf: '2021-10-08' }), 200);
    const digests = (await deliveries()).map((d) => d.id);
    const emails = (await deliveries('email')).map((d) => d.id);
    expect([digests.length, emails.length]).toEqual([UNITS, UNITS]);
    await sink.waitForRequests(1, 60_000);
    first.process.kill('SIGTERM');
    const inFlightAtTerm = sink.requests.filter((r) => r.status === null).length;
    const termExit = await first.exited;
    const afterTerm = sink.requests.length;
    const unanswered = sink.requests.filter((r) => r.status === null).length;
    const sentByFirst = (await deliveries()).filter((d) => d.status === 'sent').map((d) => d.id);

    // SIGKILL while the next worker's deliveries are in flight.
    const second = spawnWorker(entry, workerEnv(t));
    workers.push(second);
    await sink.waitForRequests(afterTerm + 1, 60_000);
    second.process.kill('SIGKILL');
    expect(await second.exited).toBe('SIGKILL');
    const cutByKill = sink.requests.slice(afterTerm).filter((r) => r.status === null).length;

    // A third worker takes the killed one's jobs over once their locks expire.
    sink.behave(() => ({ status: 200, body: { ok: true } }));
    const third = spawnWorker(entry, workerEnv(t));
    workers.push(third);
    await waitUntil(async () => [...(await deliveries()), ...(await deliveries('email'))].every((d) => d.status === 'sent'), {
      timeoutMs: 120_000,
      what: 'every webhook and email digest sent',
    });
    const final = await deliveries();
    const finalEmails = await deliveries('email');
    const mailKeys = new Set(smtp.messages.map((m) => m.idempotencyKey));
    console.log(
      `fault 5: ${UNITS} webhook digests (receiver answering after ${SLOW_MS} ms) and ${UNITS} email digests:\n` +
        `  SIGTERM with ${inFlightAtTerm} request(s) in flight → exited by itself (${termExit}), ${unanswered} request(s) left unanswered, ` +
        `${sentByFirst.length} digests sent and recorded before exiting\n` +
        `  SIGKILL with ${cutByKill} request(s) in flight → the third worker took the jobs over (stalled: ${third.output.filter((l) => /stalled/.test(l)).length})\n` +
        `  receiver: ${sink.requests.length} raw requests, ${sink.processed.size} digests processed, ${sink.duplicates} repeat(s) recognised by key; ` +
        `PostgreSQL: ${final.filter((d) => d.status === 'sent').length}/${final.length} sent, ${final.reduce((a, d) => a + d.attempts, 0)} attempts\n` +
        `  mail server: ${smtp.messages.length} messages, ${mailKeys.size} distinct digests; PostgreSQL: ${finalEmails.filter((d) => d.status === 'sent').length}/${finalEmails.length} email digests sent`,
    );
    // SIGTERM: it exited by itself (Nest re-raises the signal after closing), every request it had started was
    // answered and recorded.
    expect(['SIGTERM', 0]).toContain(termExit);
    expect(inFlightAtTerm).toBeGreaterThan(0);
    expect(unanswered).toBe(0);
    expect(sentByFirst.length).toBe(afterTerm);
    // SIGKILL: it did cut deliveries, which were retried by the third worker under the same key.
    expect(cutByKill).toBeGreaterThan(0);
    await third.waitForOutput(/stalled/, 30_000);
    // Each digest processed once by the receiver; PostgreSQL has them all sent.
    expect([...sink.processed.keys()].sort()).toEqual([...digests].sort());
    expect(new Set(sink.requests.map((r) => r.idempotencyKey))).toEqual(new Set(digests));
    expect(final.every((d) => d.status === 'sent')).toBe(true);
    // Every email digest reached the mail server, under its own key (a repeat would carry the same Message-ID).
    expect([...mailKeys].sort()).toEqual([...emails].sort());
    expect(finalEmails.every((d) => d.status === 'sent')).toBe(true);
  }, 300_000);
});
