import { randomBytes } from 'node:crypto';
import { QUEUES, type Queues } from '../src/queue/queue.module';
import { DELIVER_JOB, DELIVERY_QUEUE } from '../src/queue/queues';
import { webhookSignature } from '../src/reminders/delivery/webhook-sender';
import { createImportedPlan, tasksByNumber } from './support/factories';
import { expectStatus, request, apiClient } from './support/http';
import { answers, startHttpSink, startSmtpSink, type HttpSink, type SmtpSink } from './support/sinks';
import { createTestApp, type TestApp } from './support/test-app';
import { waitUntil } from './support/wait';
import { startWorker, type InProcessWorker } from './support/worker';

const SECRET = randomBytes(24).toString('hex');

/**
 * Digests from the worker to a real SMTP server and a real HTTP receiver on loopback. Retries use a 100 ms
 * backoff (DELIVERY_BACKOFF_MS) so the declared 6 attempts take about 3 s instead of 15 minutes.
 */
describe('reminder delivery: the worker sends each unit one digest per channel and day', () => {
  let smtp: SmtpSink;
  let http: HttpSink;
  let t: TestApp;
  let worker: InProcessWorker;

  const { get, post } = apiClient(() => t.app);
  const scan = async (asOf: string) => {
    const res = await post('/api/reminders/scan', { asOf });
    expectStatus(res, 200);
    return res.body;
  };
  const deliveryOf = async (unitId: string, channel: 'email' | 'webhook', day = '2021-10-08') =>
    (
      await t.dataSource.query(
        `SELECT id, status, attempts, last_error, sent_at, cardinality(reminder_ids) AS reminders
           FROM reminder_delivery WHERE unit_id = $1 AND channel = $2 AND day = $3`,
        [unitId, channel, day],
      )
    )[0];
  const settled = (unitId: string, channel: 'email' | 'webhook', status: 'sent' | 'failed', day = '2021-10-08', timeoutMs = 20_000) =>
    waitUntil(
      async () => {
        const row = await deliveryOf(unitId, channel, day);
        return row?.status === status ? row : false;
      },
      { timeoutMs, what: `${channel} delivery of ${unitId} on ${day} to be ${status}` },
    );

  /** A unit with its contacts and a plan of `count` tasks for it alone, due 2021-09-30 (overdue on 2021-10-08). */
  async function unitWithTasks(name: string, count: number, contacts: Record<string, unknown>) {
    const unit = await request(t.app, 'POST', '/api/units', { name, ...contacts }, { as: 'admin' });
    expectStatus(unit, 201);
    const notice = Array.from({ length: count }, (_, i) => `${i + 1}.${name}重点任务第${i + 1}项。(责任单位:${name};完成时限:2021-09-30)`).join('\n');
    const { plan } = await createImportedPlan(t.app, notice, { year: 2021, startDate: '2021-09-01' });
    // Overdue reminders only: the report-missing ones would double the counts.
    expectStatus(await request(t.app, 'PUT', '/api/reminder-policy', { planId: plan.id, reportMissing: false }), 200);
    return { unitId: unit.body.id as string, planId: plan.id as string };
  }

  beforeAll(async () => {
    smtp = await startSmtpSink();
    http = await startHttpSink();
    t = await createTestApp({
      CLOCK_TODAY: '2021-10-11',
      SMTP_URL: smtp.url,
      MAIL_FROM: '督查室 <duban@jiyuan.example.gov.cn>',
      WEBHOOK_SECRET: SECRET,
      DELIVERY_BACKOFF_MS: '100',
      WORKER_LOCK_MS: '2000',
      // Never fires during a test run: the tests scan explicit days.
      REMINDER_CRON: '0 9 1 1 *',
    });
    worker = await startWorker(t);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await http?.close();
    await smtp?.close();
  });

  it('a unit with 41 overdue tasks gets ONE email listing all 41, with the delivery id as Message-ID', async () => {
    const { unitId } = await unitWithTasks('信访局', 41, { contactEmails: ['xfj@jiyuan.example.gov.cn', 'ban@jiyuan.example.gov.cn'] });
    const result = await scan('2021-10-08');
    expect(result.created).toBe(41);
    const delivery = await settled(unitId, 'email', 'sent');
    expect(delivery).toMatchObject({ attempts: 1, last_error: null, reminders: 41 });

    const mails = smtp.messages.filter((m) => m.to.includes('xfj@jiyuan.example.gov.cn'));
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail!.to.sort()).toEqual(['ban@jiyuan.example.gov.cn', 'xfj@jiyuan.example.gov.cn']);
    expect(mail!.from).toBe('duban@jiyuan.example.gov.cn');
    expect(mail!.messageId).toBe(`<${delivery.id}@duban>`);
    expect(mail!.idempotencyKey).toBe(delivery.id);
    expect(mail!.subject).toBe('【督查督办】信访局 2021-10-08 待办提醒（41 条）');
    const items = mail!.text.split('\n').filter((line) => /^\d+\. 【逾期催办】/.test(line));
    expect(items).toHaveLength(41);
    expect(items[40]).toMatch(/^41\. 【逾期催办】.*第41项“信访局重点任务第41项。?”已逾期 8 天/);
    expect(mail!.text).toContain('信访局：');

    // A second scan the same day adds nothing, and nothing more is sent.
    expect((await scan('2021-10-08')).created).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.messages.filter((m) => m.to.includes('xfj@jiyuan.example.gov.cn'))).toHaveLength(1);
  });

  it('a delivery job run again after its digest was sent (stalled-job takeover, an operator retry) sends nothing more', async () => {
    const { unitId } = await unitWithTasks('外事办', 1, { contactEmails: ['wsb@jiyuan.example.gov.cn'], webhookUrl: `${http.url}/foreign` });
    await scan('2021-10-08');
    const email = await settled(unitId, 'email', 'sent');
    const webhook = await settled(unitId, 'webhook', 'sent');
    const queue = t.app.get<Queues>(QUEUES)[DELIVERY_QUEUE];
    const finished = (jobId: string, after = 0) =>
      waitUntil(
        async () => {
          const job = await queue.getJob(jobId);
          return job && (await job.getState()) === 'completed' && job.finishedOn! > after ? job : false;
        },
        { what: `job ${jobId} to complete` },
      );

    for (const delivery of [email, webhook]) {
      // The worker's own job ran once and sent.
      const first = await finished(delivery.id);
      expect(first.returnvalue).toBe('sent');
      // The same job again, as BullMQ runs it when it takes a job over from a worker it thinks died.
      await first.retry('completed');
      expect((await finished(delivery.id, first.finishedOn)).returnvalue).toBe('already_sent');
      // A second job for the same delivery, as a manual re-queue makes.
      await queue.add(DELIVER_JOB, { deliveryId: delivery.id }, { jobId: `${delivery.id}-again` });
      expect((await finished(`${delivery.id}-again`)).returnvalue).toBe('already_sent');
      expect(await deliveryOf(unitId, delivery === email ? 'email' : 'webhook')).toMatchObject({ status: 'sent', attempts: 1 });
    }
    expect(smtp.messages.filter((m) => m.idempotencyKey === email.id)).toHaveLength(1);
    expect(http.requests.filter((r) => r.idempotencyKey === webhook.id)).toHaveLength(1);
    // The office's retry refuses a digest that went out.
    expectStatus(await post(`/api/reminder-deliveries/${email.id}/retry`), 409);
  });

  it('a webhook that answers 500 three times, then 200: delivered once, 4 attempts recorded, signed body', async () => {
    http.behave(answers.failTimesThenOk(3), '/audit');
    const { unitId } = await unitWithTasks('审计局', 2, { webhookUrl: `${http.url}/audit` });
    await scan('2021-10-08');
    const delivery = await settled(unitId, 'webhook', 'sent');
    expect(delivery).toMatchObject({ attempts: 4, last_error: null, reminders: 2 });

    const received = http.requests.filter((r) => r.path === '/audit');
    expect(received.map((r) => r.status)).toEqual([500, 500, 500, 200]);
    expect(new Set(received.map((r) => r.idempotencyKey))).toEqual(new Set([delivery.id]));
    expect(http.processed.get(delivery.id)).toBe(received[3]);
    const ok = received[3]!;
    expect(ok.headers['x-duban-signature']).toBe(webhookSignature(SECRET, ok.body));
    expect(Math.abs(Number(ok.headers['x-duban-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    expect(ok.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(ok.json).toEqual({
      deliveryId: delivery.id,
      unit: { id: unitId, name: '审计局' },
      day: '2021-10-08',
      reminders: [1, 2].map((n) => ({
        kind: 'overdue',
        level: 1,
        task: { number: n, content: expect.stringContaining(`审计局重点任务第${n}项`) },
        dueDate: '2021-09-30',
        message: expect.stringMatching(/^【逾期催办】/),
      })),
    });
  });

  it('a webhook that always fails: failed after the declared 6 attempts, listed with its error, retried by a supervisor', async () => {
    http.behave(answers.alwaysFail(500), '/stats');
    const { unitId } = await unitWithTasks('统计局', 1, { webhookUrl: `${http.url}/stats` });
    await scan('2021-10-08');
    const failed = await settled(unitId, 'webhook', 'failed');
    expect(failed.attempts).toBe(6);
    expect(failed.last_error).toMatch(/^Webhook 返回 HTTP 500：.*接收方故障/);
    expect(http.requests.filter((r) => r.path === '/stats')).toHaveLength(6);
    expect(http.processed.has(failed.id)).toBe(false);

    const list = await get('/api/reminder-deliveries?status=failed');
    expectStatus(list, 200);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        id: failed.id,
        unit: { id: unitId, name: '统计局' },
        channel: 'webhook',
        day: '2021-10-08',
        status: 'failed',
        attempts: 6,
        lastError: failed.last_error,
        reminderCount: 1,
        sentAt: null,
      }),
    ]);

    // The receiver is fixed; a supervisor retries.
    http.behave(answers.ok(), '/stats');
    const retried = await post(`/api/reminder-deliveries/${failed.id}/retry`);
    expectStatus(retried, 200);
    expect(retried.body).toMatchObject({ id: failed.id, status: 'pending' });
    const sent = await settled(unitId, 'webhook', 'sent');
    expect(sent).toMatchObject({ attempts: 7, last_error: null });
    expect(http.processed.get(failed.id)?.status).toBe(200);
    expect(http.requests.filter((r) => r.path === '/stats')).toHaveLength(7);
    expect((await get('/api/reminder-deliveries?status=failed')).body.total).toBe(0);
    const [audit] = await t.dataSource.query(`SELECT actor_username, before, after FROM audit_event WHERE action = 'reminder_delivery.retry' AND entity_id = $1`, [
      failed.id,
    ]);
    expect(audit).toMatchObject({ actor_username: 'test-supervisor', before: { status: 'failed', attempts: 6 }, after: { status: 'pending' } });
    expectStatus(await post(`/api/reminder-deliveries/${failed.id}/retry`), 409);
  });

  it('DingTalk and WeCom robots get their markdown messages; a robot error code in a 200 is a failure', async () => {
    http.behave((_, nth) => (nth === 1 ? { status: 200, body: { errcode: 310000, errmsg: 'keywords not in content' } } : { status: 200, body: { errcode: 0, errmsg: 'ok' } }), '/ding');
    http.behave(() => ({ status: 200, body: { errcode: 0, errmsg: 'ok' } }), '/wecom');
    const ding = await unitWithTasks('水利局', 2, { webhookUrl: `${http.url}/ding`, webhookFormat: 'dingtalk' });
    const wecom = await unitWithTasks('商务局', 60, { webhookUrl: `${http.url}/wecom`, webhookFormat: 'wecom' });
    await scan('2021-10-08');
    expect(await settled(ding.unitId, 'webhook', 'sent')).toMatchObject({ attempts: 2 });
    await settled(wecom.unitId, 'webhook', 'sent');

    const dingBody = http.requests.filter((r) => r.path === '/ding').pop()!.json;
    expect(dingBody).toEqual({ msgtype: 'markdown', markdown: { title: '【督查督办】水利局 2021-10-08 待办提醒（2 条）', text: expect.any(String) } });
    expect(dingBody.markdown.text).toMatch(/^### 【督查督办】水利局[\s\S]*\n\n1\. 【逾期催办】[\s\S]*\n\n2\. 【逾期催办】/);

    const wecomBody = http.requests.filter((r) => r.path === '/wecom').pop()!.json;
    expect(Object.keys(wecomBody.markdown)).toEqual(['content']);
    expect(wecomBody.msgtype).toBe('markdown');
    // 60 reminders do not fit WeCom's 4096-byte limit: cut at a line, saying how many were left out.
    expect(Buffer.byteLength(wecomBody.markdown.content)).toBeLessThanOrEqual(4096);
    expect(wecomBody.markdown.content).toMatch(/^\*\*【督查督办】商务局 2021-10-08 待办提醒（60 条）\*\*/);
    expect(wecomBody.markdown.content).toMatch(/……另有 \d+ 条，请登录督查督办系统查看。$/);
  });

  it("POST /api/tasks/:id/urge: the 催办 goes out in today's digest", async () => {
    const { unitId, planId } = await unitWithTasks('民族宗教事务局', 1, { contactEmails: ['mzj@jiyuan.example.gov.cn'] });
    const task = (await tasksByNumber(t.app, planId)).get(1);
    const urged = await post(`/api/tasks/${task.id}/urge`, { message: '请于今日下班前报送整改方案' });
    expectStatus(urged, 201);
    // Today is CLOCK_TODAY (2021-10-11): the digest of that day carries the urge, and nothing else of this unit.
    const sent = await settled(unitId, 'email', 'sent', '2021-10-11');
    expect(sent.reminders).toBe(1);
    const mail = smtp.messages.find((m) => m.idempotencyKey === sent.id)!;
    expect(mail.subject).toBe('【督查督办】民族宗教事务局 2021-10-11 待办提醒（1 条）');
    expect(mail.text).toContain('【催办】');
    expect(mail.text).toContain('请于今日下班前报送整改方案');
  });

  it('without SMTP_URL an email digest fails at once with a clear error, and succeeds on retry once configured', async () => {
    // This test swaps the worker for one without a mail server, then back.
    await worker.close();
    const noSmtp = await startWorker(t, { SMTP_URL: '' });
    let unitId: string;
    try {
      ({ unitId } = await unitWithTasks('档案局', 1, { contactEmails: ['daj@jiyuan.example.gov.cn'] }));
      await scan('2021-10-08');
      const failed = await settled(unitId, 'email', 'failed');
      expect(failed).toMatchObject({ attempts: 1, last_error: '未配置邮件服务器（SMTP_URL），无法发送邮件摘要' });
    } finally {
      await noSmtp.close();
      worker = await startWorker(t);
    }
    const { id } = await deliveryOf(unitId, 'email');
    expectStatus(await post(`/api/reminder-deliveries/${id}/retry`), 200);
    expect(await settled(unitId, 'email', 'sent')).toMatchObject({ attempts: 2 });
    expect(smtp.messages.filter((m) => m.idempotencyKey === id)).toHaveLength(1);
  });
});
