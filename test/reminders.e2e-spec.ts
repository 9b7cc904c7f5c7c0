import {
  count,
  createImportedPlan,
  createUnit,
  createUnitUser,
  tasksByNumber,
} from './support/factories';
import { expectStatus, request, type ApiResponse, apiClient } from './support/http';
import { ConfigError, loadEnv } from '../src/config/env';
import { onDay } from './support/history';
import { createTestApp, tokenFor, type TestApp } from './support/test-app';

/**
 * The ladder on China's 2021 calendar: National Day 10-01…10-07 off, Sunday 09-26 and Saturday 10-09 make-up
 * workdays (调休). The plan starts 2021-09-01, so the first period a report is owed for is 2021-09 (cutoff the 25th).
 */
const NOTICE = [
  '一、督查测试',
  '1.推进社会救助提标扩面。(责任单位:民政局;完成时限:2021-09-30)',
  '2.建设智慧停车场。(牵头单位:住房和城乡建设局;责任单位:交通运输局;完成时限:2021-10-13)',
  '3.完成校舍维修。(责任单位:教育局;完成时限:2021-09-30)',
  '4.推进资金直达。(责任单位:财政金融局;完成时限:2021-09-30)',
  '5.清理历史欠款。(责任单位:财政金融局;完成时限:2021-09-30)',
].join('\n');

describe('reminders: the ladder on working days, exactly once, read receipts, urge, delivery records', () => {
  let t: TestApp;
  let units: Record<'minzheng' | 'zhujian' | 'jiaotong' | 'jiaoyu' | 'caizheng', string>;
  let tasks: Map<number, any>;
  let minzheng: { token: string };
  let zhujian: { token: string };
  let farPlanId: string;

  const { get, post } = apiClient(() => t.app);
  const scan = async (asOf: string) => {
    const res = await post('/api/reminders/scan', { asOf });
    expectStatus(res, 200);
    return res.body;
  };
  /** The reminders of one task, as rows: kind, unit, level, key; oldest first. */
  const remindersOf = (taskNumber: number) =>
    t.dataSource.query(
      `SELECT r.kind, r.level, r.audience, u.name AS unit, r.unique_key, r.period, r.workdays_overdue, r.message
         FROM reminder r LEFT JOIN unit u ON u.id = r.unit_id
        WHERE r.task_id = $1 ORDER BY r.created_at, r.unique_key`,
      [tasks.get(taskNumber).id],
    );

  beforeAll(async () => {
    t = await createTestApp({ CLOCK_TODAY: '2021-10-08' });
    const names = { minzheng: '民政局', zhujian: '住房和城乡建设局', jiaotong: '交通运输局', jiaoyu: '教育局', caizheng: '财政金融局' };
    units = Object.fromEntries(
      await Promise.all(Object.entries(names).map(async ([key, name]) => [key, (await createUnit(t.app, { name })).id])),
    );
    const { plan } = await createImportedPlan(t.app, NOTICE, { year: 2021, startDate: '2021-09-01' });
    tasks = await tasksByNumber(t.app, plan.id);
    // A long-range task due past the bundled calendar data (2026): its report-missing reminders must still come.
    await createUnit(t.app, { name: '发展改革和统计局' });
    farPlanId = (
      await createImportedPlan(t.app, '1.建成区域物流枢纽。(责任单位:发展改革和统计局;完成时限:2030-12-31)', {
        year: 2021,
        startDate: '2021-09-01',
        endDate: '2030-12-31',
      })
    ).plan.id;
    minzheng = await createUnitUser(t, units.minzheng);
    zhujian = await createUnitUser(t, units.zhujian);

    // 交通运输局 reported for September (late, but for that period); 住建局 for October.
    expectStatus(await post(`/api/tasks/${tasks.get(2).id}/progress`, { summary: '已选址', percent: 20, period: '2021-09', unitId: units.jiaotong }), 201);
    expectStatus(await post(`/api/tasks/${tasks.get(2).id}/progress`, { summary: '已开工', percent: 40, unitId: units.zhujian }), 201);
    // Closed tasks, before the first day scanned (the ladder reads each task's status as of the day scanned):
    // completed (销号), suspended (暂缓), cancelled (撤销).
    await onDay(t, '2021-09-20', async () => {
      const three = tasks.get(3).id;
      expectStatus(await post(`/api/tasks/${three}/progress`, { summary: '已完工', percent: 100, unitId: units.jiaoyu }), 201);
      expectStatus(await post(`/api/tasks/${three}/completion-request`, { summary: '已验收', unitId: units.jiaoyu }), 201);
      expectStatus(await post(`/api/tasks/${three}/completion-review`, { decision: 'approve' }), 200);
      expectStatus(await post(`/api/tasks/${tasks.get(4).id}/suspend`, { reason: '政策调整' }), 200);
      expectStatus(await post(`/api/tasks/${tasks.get(5).id}/cancel`, { reason: '已并入其他任务' }), 200);
    });
  });
  afterAll(() => t.close());

  describe('the ladder, day by day', () => {
    it('2021-09-24: before the September cutoff and 4+ workdays before any due date — nothing', async () => {
      expect(await scan('2021-09-24')).toEqual({ asOf: '2021-09-24', created: 0, alreadyExisting: 0, deliveries: 0, warnings: [] });
    });

    it('2021-09-26, a Sunday make-up workday: report-missing for September to each unit that has not reported', async () => {
      const result = await scan('2021-09-26');
      expect(result).toMatchObject({ created: 3, alreadyExisting: 0 });
      expect(result.skipped).toBeUndefined();
      expect(await remindersOf(1)).toEqual([
        expect.objectContaining({ kind: 'report_missing', unit: '民政局', period: '2021-09', unique_key: expect.stringMatching(/^report_missing:.*:2021-09$/) }),
      ]);
      // 住建局 has reported only for October; 交通运输局 reported for September and gets none.
      expect((await remindersOf(2)).map((r: any) => [r.kind, r.unit, r.period])).toEqual([['report_missing', '住房和城乡建设局', '2021-09']]);
      expect((await remindersOf(1))[0].message).toMatch(/尚未报送 2021-09 期进展/);
    });

    it('2021-09-27: due-soon, three workdays before 2021-09-30 (the Sunday before counted four)', async () => {
      expect(await scan('2021-09-27')).toMatchObject({ created: 1, alreadyExisting: 3 });
      const dueSoon = (await remindersOf(1)).filter((r: any) => r.kind === 'due_soon');
      expect(dueSoon).toEqual([expect.objectContaining({ unit: '民政局', level: 1 })]);
      expect(dueSoon[0].message).toContain('还有 3 个工作日到期');
    });

    it('2021-10-01 … 10-07 (National Day): skipped as non-working days, nothing created', async () => {
      const before = await count(t, `SELECT count(*) FROM reminder`);
      for (let day = 1; day <= 7; day++) {
        const asOf = `2021-10-0${day}`;
        expect(await scan(asOf)).toEqual({ asOf, created: 0, alreadyExisting: 0, skipped: 'non_working_day', deliveries: 0, warnings: [] });
      }
      expect(await count(t, `SELECT count(*) FROM reminder`)).toBe(before);
    });

    it('2021-10-08, the first workday after the due date: overdue (round 0) to the unit', async () => {
      expect(await scan('2021-10-08')).toMatchObject({ created: 1 });
      const overdue = (await remindersOf(1)).filter((r: any) => r.kind === 'overdue');
      expect(overdue).toEqual([
        expect.objectContaining({ unit: '民政局', level: 1, workdays_overdue: 1, unique_key: `overdue:${tasks.get(1).id}:${units.minzheng}:2021-09-30:0` }),
      ]);
      expect(overdue[0].message).toMatch(/^【逾期催办】.*第1项“推进社会救助提标扩面。?”已逾期 8 天/);
    });

    it('2021-10-09, a Saturday make-up workday: counts (due-soon for task 2 to its lead unit only), overdue not repeated', async () => {
      const result = await scan('2021-10-09');
      expect(result.skipped).toBeUndefined();
      expect(result).toMatchObject({ created: 1 });
      expect((await remindersOf(2)).filter((r: any) => r.kind === 'due_soon').map((r: any) => r.unit)).toEqual(['住房和城乡建设局']);
      expect((await remindersOf(1)).filter((r: any) => r.kind === 'overdue')).toHaveLength(1);
    });

    it('2021-10-13 (5th workday overdue): still round 0; 2021-10-14 (6th): the repeat, key n=1', async () => {
      await scan('2021-10-13');
      expect((await remindersOf(1)).filter((r: any) => r.kind === 'overdue')).toHaveLength(1);
      await scan('2021-10-14');
      const overdue = (await remindersOf(1)).filter((r: any) => r.kind === 'overdue');
      expect(overdue.map((r: any) => [r.unique_key.split(':').pop(), r.workdays_overdue])).toEqual([
        ['0', 1],
        ['1', 6],
      ]);
    });

    it('2021-10-19 (9 workdays): no escalation; 2021-10-20 (10): level-2 督办 to the unit and a notice to the supervisors', async () => {
      await scan('2021-10-19');
      expect((await remindersOf(1)).filter((r: any) => r.kind === 'escalation')).toEqual([]);
      await scan('2021-10-20');
      const escalations = (await remindersOf(1)).filter((r: any) => r.kind === 'escalation');
      expect(escalations.map((r: any) => [r.audience, r.unit, r.level, r.workdays_overdue]).sort()).toEqual([
        ['supervisors', null, 2, 10],
        ['unit', '民政局', 2, 10],
      ]);
      expect(escalations[0].message).toMatch(/^【逾期督办】.*现予督办/);
      // Once: the next days do not escalate again.
      await scan('2021-10-21');
      expect((await remindersOf(1)).filter((r: any) => r.kind === 'escalation')).toHaveLength(2);
    });

    it('2021-10-26, after the October cutoff: report-missing for October to each unit that has not reported for it', async () => {
      await scan('2021-10-25');
      expect(await count(t, `SELECT count(*) FROM reminder WHERE period = '2021-10'`)).toBe(0);
      await scan('2021-10-26');
      const october = await t.dataSource.query(
        `SELECT u.name FROM reminder r JOIN unit u ON u.id = r.unit_id WHERE r.period = '2021-10' ORDER BY u.name`,
      );
      // 住建局 reported for October; 交通运输局 only for September, 民政局 and 发改统计局 never.
      expect(october.map((r: any) => r.name).sort()).toEqual(['交通运输局', '民政局', '发展改革和统计局'].sort());
    });

    it('a task due in 2030 (past the calendar data) still gets its report-missing reminders, without warnings', async () => {
      const rows = await t.dataSource.query(`SELECT kind, period FROM reminder WHERE plan_id = $1 ORDER BY period`, [farPlanId]);
      expect(rows).toEqual([
        { kind: 'report_missing', period: '2021-09' },
        { kind: 'report_missing', period: '2021-10' },
      ]);
      expect((await scan('2021-10-26')).warnings).toEqual([]);
    });

    it('completed, suspended and cancelled tasks got nothing on any day', async () => {
      for (const n of [3, 4, 5]) expect(await remindersOf(n)).toEqual([]);
      expect(await count(t, `SELECT count(*) FROM reminder WHERE unit_id = ANY($1)`, [[units.jiaoyu, units.caizheng]])).toBe(0);
    });

    it('rescanning any day changes nothing: every reminder exists once', async () => {
      const before = await count(t, `SELECT count(*) FROM reminder`);
      for (const day of ['2021-09-26', '2021-10-08', '2021-10-14', '2021-10-20']) {
        const again = await scan(day);
        expect(again.created).toBe(0);
        expect(again.alreadyExisting).toBeGreaterThan(0);
      }
      expect(await count(t, `SELECT count(*) FROM reminder`)).toBe(before);
    });
  });

  describe('two scans at once', () => {
    it('create each reminder and digest once; their counts add up and the second finds them existing', async () => {
      const plan2 = await createImportedPlan(
        t.app,
        Array.from({ length: 12 }, (_, i) => `${i + 1}.并发任务${i + 1}。(责任单位:${i % 2 ? '民政局' : '交通运输局'};完成时限:2021-10-29)`).join('\n'),
        { year: 2021, startDate: '2021-10-01' },
      );
      expect(plan2.report.tasks ?? 12).toBeTruthy();
      const rows = async () => ({
        reminders: await count(t, `SELECT count(*) FROM reminder`),
        deliveries: await count(t, `SELECT count(*) FROM reminder_delivery`),
      });
      const before = await rows();
      const [a, b] = (await Promise.all([post('/api/reminders/scan', { asOf: '2021-11-01' }), post('/api/reminders/scan', { asOf: '2021-11-01' })])).map(
        (res: ApiResponse) => {
          expectStatus(res, 200);
          return res.body;
        },
      );
      const after = await rows();
      expect(a.created + b.created).toBe(after.reminders - before.reminders);
      expect(after.reminders - before.reminders).toBeGreaterThanOrEqual(12);
      expect(a.deliveries + b.deliveries).toBe(after.deliveries - before.deliveries);
      // One ran first and made everything; the other waited for it and found everything made.
      const [first, second] = a.created > 0 ? [a, b] : [b, a];
      expect(second.created).toBe(0);
      expect(second.deliveries).toBe(0);
      expect(second.alreadyExisting).toBe(first.created + first.alreadyExisting);
      // No reminder is carried twice by the same channel.
      expect(
        await count(
          t,
          `SELECT count(*) FROM (SELECT r.id, d.channel FROM reminder_delivery d CROSS JOIN unnest(d.reminder_ids) AS r(id)
                                   GROUP BY r.id, d.channel HAVING count(*) > 1) twice`,
        ),
      ).toBe(0);
    });
  });

  describe('read receipts', () => {
    it("a unit user sees only its unit's reminders", async () => {
      const mine = await get('/api/reminders?pageSize=200', minzheng);
      expectStatus(mine, 200);
      expect(mine.body.total).toBeGreaterThan(0);
      expect(new Set(mine.body.items.map((r: any) => r.unit?.name))).toEqual(new Set(['民政局']));
      const all = await get('/api/reminders?pageSize=200', 'leader');
      expect(all.body.total).toBeGreaterThan(mine.body.total);
      expect(all.body.items.some((r: any) => r.audience === 'supervisors')).toBe(true);
      expectStatus(await get(`/api/reminders?unitId=${units.zhujian}`, minzheng), 403);
    });

    it('POST /api/reminders/:id/read records who read it and when; another unit’s user gets 403', async () => {
      const [reminder] = (await get(`/api/reminders?taskId=${tasks.get(1).id}&kind=overdue`, minzheng)).body.items;
      expect(reminder.readAt).toBeNull();
      expectStatus(await post(`/api/reminders/${reminder.id}/read`, {}, zhujian), 403);
      const read = await post(`/api/reminders/${reminder.id}/read`, {}, minzheng);
      expectStatus(read, 200);
      expect(read.body.readBy).toMatch(/^unit-user-/);
      expect(Date.now() - Date.parse(read.body.readAt)).toBeLessThan(60_000);
      const [row] = await t.dataSource.query(`SELECT read_by, read_at FROM reminder WHERE id = $1`, [reminder.id]);
      expect(row.read_by).toBeTruthy();
      expect((await get(`/api/reminders?unread=false&taskId=${tasks.get(1).id}`, minzheng)).body.items.map((r: any) => r.id)).toContain(reminder.id);
    });
  });

  describe('manual 催办', () => {
    it("POST /api/tasks/:id/urge puts a reminder in the lead unit's inbox, gathered into today's digest", async () => {
      const res = await post(`/api/tasks/${tasks.get(2).id}/urge`, { message: '请于本周五前报送开工情况' });
      expectStatus(res, 201);
      expect(res.body.map((r: any) => [r.kind, r.unit.name])).toEqual([['urge', '住房和城乡建设局']]);
      const inbox = await get(`/api/reminders?kind=urge`, zhujian);
      expect(inbox.body.items.map((r: any) => r.id)).toEqual([res.body[0].id]);
      expect(inbox.body.items[0].message).toContain('请于本周五前报送开工情况');
      expect((await get(`/api/reminders?kind=urge`, minzheng)).body.items).toEqual([]);
      // Today (CLOCK_TODAY 2021-10-08) the unit already had an inbox digest: the urge joins it.
      const [carried] = await t.dataSource.query(
        `SELECT channel, to_char(day, 'YYYY-MM-DD') AS day FROM reminder_delivery WHERE reminder_ids @> ARRAY[$1::uuid]`,
        [res.body[0].id],
      );
      expect(carried).toEqual({ channel: 'inbox', day: '2021-10-08' });
    });
  });

  describe('delivery records: GET /api/reminder-deliveries, POST …/retry', () => {
    it('lists digests with unit, channel, day, status, attempts and reminder count; staff only', async () => {
      const res = await get(`/api/reminder-deliveries?unitId=${units.minzheng}&day=2021-10-08`, 'leader');
      expectStatus(res, 200);
      expect(res.body.items).toEqual([
        {
          id: expect.any(String),
          unit: { id: units.minzheng, name: '民政局' },
          audience: 'unit',
          channel: 'inbox',
          day: '2021-10-08',
          status: 'sent',
          attempts: 0,
          lastError: null,
          lastAttemptAt: null,
          reminderCount: expect.any(Number),
          sentAt: expect.any(String),
          createdAt: expect.any(String),
        },
      ]);
      const sent = await get('/api/reminder-deliveries?status=sent&pageSize=2');
      expect(sent.body).toMatchObject({ page: 1, pageSize: 2 });
      expect(sent.body.total).toBeGreaterThan(2);
      expect(sent.body.items.every((d: any) => d.status === 'sent')).toBe(true);
      expect((await get('/api/reminder-deliveries?status=failed', 'admin')).body).toMatchObject({ items: [], total: 0 });
      expectStatus(await get('/api/reminder-deliveries', minzheng), 403);
      expectStatus(await get('/api/reminder-deliveries', 'anonymous'), 401);
      expectStatus(await get('/api/reminder-deliveries?status=lost'), 400);
    });

    it('retry: 409 for a digest that has not failed, 404 for an unknown one, 403 for the leader', async () => {
      const [inbox] = (await get(`/api/reminder-deliveries?unitId=${units.minzheng}&day=2021-10-08`)).body.items;
      const res = await post(`/api/reminder-deliveries/${inbox.id}/retry`);
      expectStatus(res, 409);
      expect(res.body).toMatchObject({ code: 'DELIVERY_NOT_FAILED', message: expect.stringContaining('已发送') });
      expectStatus(await post('/api/reminder-deliveries/00000000-0000-4000-8000-000000000000/retry'), 404);
      expectStatus(await post(`/api/reminder-deliveries/${inbox.id}/retry`, {}, 'leader'), 403);
    });
  });

  describe('unit contacts', () => {
    it('admins set contact emails, webhook and its format on create and update; GET /api/units shows them', async () => {
      const created = await request(
        t.app,
        'POST',
        '/api/units',
        { name: '数据管理局', contactEmails: ['ban@sjj.example.gov.cn', 'BAN@sjj.example.gov.cn', 'zhu@sjj.example.gov.cn'] },
        { as: 'admin' },
      );
      expectStatus(created, 201);
      expect(created.body).toMatchObject({ contactEmails: ['ban@sjj.example.gov.cn', 'zhu@sjj.example.gov.cn'], webhookUrl: null, webhookFormat: 'generic' });
      const url = 'https://oapi.dingtalk.com/robot/send?access_token=secret-robot-token';
      const updated = await request(t.app, 'PATCH', `/api/units/${created.body.id}`, { webhookUrl: url, webhookFormat: 'dingtalk' }, { as: 'admin' });
      expectStatus(updated, 200);
      expect(updated.body).toMatchObject({ contactEmails: ['ban@sjj.example.gov.cn', 'zhu@sjj.example.gov.cn'], webhookUrl: url, webhookFormat: 'dingtalk' });

      const byAdmin = (await get('/api/units', 'admin')).body.find((u: any) => u.id === created.body.id);
      expect(byAdmin).toMatchObject({ webhookUrl: url, webhookFormat: 'dingtalk' });
      // The robot URL carries its access token: others see only where it points.
      const bySupervisor = (await get('/api/units')).body.find((u: any) => u.id === created.body.id);
      expect(bySupervisor).toMatchObject({ contactEmails: ['ban@sjj.example.gov.cn', 'zhu@sjj.example.gov.cn'], webhookUrl: 'https://oapi.dingtalk.com/…' });
      const audit = await t.dataSource.query(`SELECT after FROM audit_event WHERE entity_id = $1 ORDER BY at`, [created.body.id]);
      expect(JSON.stringify(audit)).not.toContain('secret-robot-token');

      const cleared = await request(t.app, 'PATCH', `/api/units/${created.body.id}`, { webhookUrl: null, contactEmails: [] }, { as: 'admin' });
      expect(cleared.body).toMatchObject({ contactEmails: [], webhookUrl: null, webhookFormat: 'dingtalk' });
    });

    it('rejects a bad email, a non-http(s) URL and an unknown format, naming each field; non-admins get 403', async () => {
      const { id } = (await get('/api/units')).body.find((u: any) => u.name === '民政局');
      const bad = await request(
        t.app,
        'PATCH',
        `/api/units/${id}`,
        { contactEmails: ['not-an-address'], webhookUrl: 'ftp://example.org/hook', webhookFormat: 'slack' },
        { as: 'admin' },
      );
      expectStatus(bad, 400);
      expect(bad.body.details.map((d: any) => d.field).sort()).toEqual(['contactEmails', 'webhookFormat', 'webhookUrl']);
      expectStatus(await request(t.app, 'PATCH', `/api/units/${id}`, { contactEmails: ['a@b.cn'] }, { as: 'supervisor' }), 403);
      // An intranet receiver without a domain is fine.
      expectStatus(await request(t.app, 'PATCH', `/api/units/${id}`, { webhookUrl: 'http://10.0.0.8:8080/duban' }, { as: 'admin' }), 200);
      expectStatus(await request(t.app, 'PATCH', `/api/units/${id}`, { webhookUrl: null }, { as: 'admin' }), 200);
    });
  });

  describe('bull-board at /admin/queues', () => {
    const board = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

    it('anonymous → 401 JSON, a supervisor → 403 JSON', async () => {
      const anonymous = await board('/admin/queues');
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json()).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });
      const api = await board('/admin/queues/api/queues');
      expect(api.statusCode).toBe(401);
      const forged = await board('/admin/queues', { cookie: 'duban_token=not-a-token' });
      expect(forged.statusCode).toBe(401);
      const supervisor = await board('/admin/queues', { authorization: `Bearer ${tokenFor(t.app, 'supervisor')}` });
      expect(supervisor.statusCode).toBe(403);
      expect(supervisor.json()).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
      expect((await board(`/admin/queues?token=${tokenFor(t.app, 'leader')}`)).statusCode).toBe(403);
    });

    it("an admin's bearer token opens the board and its API, which lists both queues", async () => {
      const headers = { authorization: `Bearer ${tokenFor(t.app, 'admin')}` };
      const page = await board('/admin/queues', headers);
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      const api = await board('/admin/queues/api/queues', headers);
      expect(api.statusCode).toBe(200);
      expect(api.json().queues.map((q: any) => q.name).sort()).toEqual(['reminder-delivery', 'reminder-scan']);
    });

    it('a browser: ?token= once is traded for an HttpOnly cookie and a redirect without the token', async () => {
      const first = await board(`/admin/queues?token=${tokenFor(t.app, 'admin')}`);
      expect(first.statusCode).toBe(303);
      expect(first.headers.location).toBe('/admin/queues');
      const cookie = String(first.headers['set-cookie']);
      expect(cookie).toMatch(/^duban_token=[^;]+; Path=\/admin\/queues; Max-Age=\d+; HttpOnly; SameSite=Strict$/);
      const again = await board('/admin/queues', { cookie: cookie.split(';')[0]! });
      expect(again.statusCode).toBe(200);
      // The page's scripts (relative to <base href="/admin/queues/">) load with the cookie too, not without it.
      expect(again.body).toContain('<base href="/admin/queues/" />');
      const script = `/admin/queues/${/src="(static\/js\/main[^"]+\.js)"/.exec(again.body)?.[1]}`;
      expect((await board(script, { cookie: cookie.split(';')[0]! })).statusCode).toBe(200);
      expect((await board(script)).statusCode).toBe(401);
      const api = await board('/admin/queues/api/queues', { cookie: cookie.split(';')[0]! });
      expect(api.statusCode).toBe(200);
    });
  });

  describe('delivery configuration', () => {
    const base = { DATABASE_URL: 'postgres://localhost/duban', REDIS_URL: 'redis://localhost:6379' };

    it('defaults: no SMTP server, 6 attempts from 30 s, unsigned webhooks', () => {
      expect(loadEnv(base)).toMatchObject({ SMTP_URL: undefined, MAIL_FROM: '督查督办系统 <duban@localhost>', DELIVERY_ATTEMPTS: 6, DELIVERY_BACKOFF_MS: 30_000 });
    });

    it('lists every bad delivery variable at once', () => {
      const bad = { ...base, SMTP_URL: 'mail.example.gov.cn', MAIL_FROM: 'duban', WEBHOOK_SECRET: 'short', DELIVERY_ATTEMPTS: '0', DELIVERY_BACKOFF_MS: 'soon' };
      let error: unknown;
      try {
        loadEnv(bad);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of ['SMTP_URL', 'MAIL_FROM', 'WEBHOOK_SECRET', 'DELIVERY_ATTEMPTS', 'DELIVERY_BACKOFF_MS']) expect(problems).toContain(name);
    });
  });
});
