import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { readJiyuanNotice } from '../src/seed/jiyuan-notice';
import { ARTIFACTS, describeWithBuiltApp, launchBrowser, type TestBrowser } from './support/browser';
import { createPlan, createUnitUser, listTasks, seedJiyuanRegistry } from './support/factories';
import { expectStatus, request } from './support/http';
import { buildXlsx } from './support/import-fixtures';
import { createTestApp, listenOnLoopback, TEST_PASSWORD, type TestApp } from './support/test-app';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// The built app (npm test runs `npm run build:web` first) against the real API, in Debian's Chromium.
jest.setTimeout(180_000);
/** A 1×1 PNG: a real image the task page must show from its blob: URL. */
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

describeWithBuiltApp('web app (Chromium, built app, real API)', () => {
  let t: TestApp;
  let browser: TestBrowser;
  let base: string;
  let planId: string;
  let unitUser: { username: string; password: string };
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    t = await createTestApp({ CLOCK_TODAY: '2021-10-08' });
    const units = await seedJiyuanRegistry(t.app);
    const { user, password } = await createUnitUser(t, units.get('住房和城乡建设局')!, { displayName: '住建局张科长' });
    unitUser = { username: user.username, password };
    planId = (await createPlan(t.app, { title: '济源市2021年政府工作报告重点工作', year: 2021 })).id;
    base = await listenOnLoopback(t.app);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  });

  async function loginAs(username: string, password: string): Promise<Page> {
    const context = await browser.newContext();
    contexts.push(context);
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('current-user').waitFor();
    return page;
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `web-${name}.png`), fullPage: true });
  const menu = (page: Page, name: string) => page.getByRole('menuitem', { name });
  /** Clicks a point inside an SVG shape (a chart's slice or bar): the chart, not the shape, takes the pointer. */
  async function clickInside(page: Page, shape: Locator): Promise<void> {
    await shape.scrollIntoViewIfNeeded();
    // Runs in the browser (this project's tsconfig has no DOM types, hence the `any`).
    const point = await shape.evaluate((path: any): { x: number; y: number } | null => {
      const box = path.getBBox();
      for (let i = 1; i < 20; i++) {
        for (let j = 1; j < 20; j++) {
          const inner = new (globalThis as any).DOMPoint(box.x + (box.width * i) / 20, box.y + (box.height * j) / 20);
          if (path.isPointInFill(inner)) return inner.matrixTransform(path.getScreenCTM());
        }
      }
      return null;
    });
    if (!point) throw new Error('no point inside the shape');
    await page.mouse.click(point.x, point.y);
  }

  it('serves the app at / and its routes, and keeps JSON 404s for unknown paths', async () => {
    for (const path of ['/', '/login', '/tasks/abc']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
    }
    const html = await (await fetch(`${base}/`)).text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    expect((await fetch(`${base}${asset}`)).status).toBe(200);
    for (const path of ['/api/nothing-here', '/nothing-here']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    }
  });

  it('login shows Chinese validation and the server message for a wrong password', async () => {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${base}/tasks`);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('请输入用户名').waitFor();
    await page.getByText('请输入密码').waitFor();
    await page.getByLabel('用户名').fill('test-supervisor');
    await page.getByLabel('密码').fill('wrong-password-x');
    await page.getByRole('button', { name: '登录' }).click();
    await page.locator('.ant-message-error').waitFor();
    await shot(page, '01-login');
  });

  let supervisor: Page;
  it('supervisor imports the 济源 notice: dry run preview, then commit', async () => {
    supervisor = await loginAs('test-supervisor', TEST_PASSWORD);
    await expect(menu(supervisor, '导入').count()).resolves.toBe(1);
    await menu(supervisor, '导入').click();
    await supervisor.getByRole('tab', { name: '粘贴文本' }).click();
    await supervisor.getByLabel('通知全文').fill(readJiyuanNotice());
    await supervisor.getByRole('button', { name: '预检（不写入）' }).click();
    await supervisor.getByText('预检结果（尚未写入）').waitFor();
    await expect(supervisor.getByTestId('created-count').textContent()).resolves.toBe('143');
    await shot(supervisor, '02-import-dry-run');
    expect((await listTasks(t.app, { planId })).total).toBe(0);
    await supervisor.getByRole('button', { name: '确认导入' }).click();
    await supervisor.getByText('导入完成：新增 143 项').waitFor();
    expect((await listTasks(t.app, { planId })).total).toBe(143);
  });

  it('任务总览 pages and filters on the server', async () => {
    await menu(supervisor, '任务总览').click();
    await supervisor.getByText('共 143 项').waitFor();
    const rows = supervisor.locator('.ant-table-tbody tr.ant-table-row');
    await expect(rows.count()).resolves.toBe(20);
    // The date picker starts at the server's today (CLOCK_TODAY), not the browser's.
    await expect(supervisor.getByLabel('统计日期').inputValue()).resolves.toBe('2021-10-08');
    const page2 = supervisor.waitForResponse((r) => r.url().includes('/api/supervision/tasks?') && r.url().includes('page=2'));
    await supervisor.locator('.ant-pagination-item-2').click();
    expect((await page2).url()).toContain('asOf=2021-10-08');
    // The light filter is the server's: its total is the summary's count for that light, over every page.
    const { body: summary } = await request(t.app, 'GET', `/api/supervision/summary?planId=${planId}&asOf=2021-10-08`);
    const light = (['red', 'yellow', 'green', 'grey'] as const).find((l) => summary.totals[l] > 0)!;
    const label = { red: '红灯', yellow: '黄灯', green: '绿灯', grey: '灰灯' }[light];
    const filtered = supervisor.waitForResponse((r) => r.url().includes('/api/supervision/tasks?') && r.url().includes(`light=${light}`));
    await supervisor.getByLabel('预警').click();
    await supervisor.locator('.ant-select-item-option').and(supervisor.getByTitle(label)).click();
    const filteredBody = await (await filtered).json();
    expect(filteredBody.total).toBe(summary.totals[light]);
    await supervisor.getByText(`共 ${summary.totals[light]} 项`).waitFor();
    await supervisor.locator('.ant-table-tbody tr.ant-table-row').first().getByText(label).waitFor();
    await supervisor.locator('.ant-select', { has: supervisor.getByLabel('预警') }).hover();
    await supervisor.locator('.ant-select', { has: supervisor.getByLabel('预警') }).locator('.ant-select-clear').click();
    await supervisor.getByText('共 143 项').waitFor();
    const search = supervisor.waitForResponse((r) => r.url().includes('/api/supervision/tasks?') && r.url().includes('q='));
    await supervisor.getByLabel('搜索').fill('篮球');
    await supervisor.getByLabel('搜索').press('Enter');
    await search;
    await supervisor.getByText('共 1 项').waitFor();
    await expect(rows.first().textContent()).resolves.toContain('住房和城乡建设局');
    await supervisor.getByLabel('搜索').fill('');
    await supervisor.getByLabel('搜索').press('Enter');
    await supervisor.getByText('共 143 项').waitFor();
    await shot(supervisor, '03-tasks-overview');
  });

  let unitPage: Page;
  it('a unit user reports progress and asks for 销号 on 我的任务', async () => {
    unitPage = await loginAs(unitUser.username, unitUser.password);
    await expect(menu(unitPage, '任务总览').count()).resolves.toBe(0);
    await unitPage.getByText('我的任务').first().waitFor();
    const row = unitPage.locator('tr.ant-table-row', { hasText: '篮球' });
    // Lights come from the server (序时进度 and 未报送 included), as of the server's today.
    const { body: mine } = await request(t.app, 'GET', `/api/supervision/tasks?planId=${planId}&q=${encodeURIComponent('篮球')}`, undefined, { as: 'supervisor' });
    const expectedLight = { red: '红灯', yellow: '黄灯', green: '绿灯', grey: '灰灯' }[mine.items[0].light as string]!;
    await row.getByText(expectedLight).waitFor();
    await row.getByRole('button', { name: '报送进度' }).click();
    // The dialog's form first: a click on 提交 while the dialog still opens can be lost.
    await unitPage.getByLabel('工作进展').waitFor();
    await unitPage.getByRole('button', { name: '提交' }).click();
    await unitPage.getByText('请填写工作进展').waitFor();
    await unitPage.getByLabel('工作进展').fill('项目已完成主体施工，正在进行竣工验收。');
    await unitPage.getByLabel('完成进度（%）').fill('100');
    await unitPage.getByRole('button', { name: '提交' }).click();
    await unitPage.getByText('进度已报送').waitFor();
    await row.getByRole('button', { name: '申请销号' }).click();
    await unitPage.getByLabel('完成情况').fill('项目已建成并投入使用。');
    // 佐证材料: the photo goes up at once and is submitted with the request.
    await unitPage.getByTestId('evidence-input').setInputFiles({ name: '验收照片.png', mimeType: 'image/png', buffer: PHOTO });
    await unitPage.locator('.ant-modal').getByText('验收照片.png').waitFor();
    await unitPage.getByRole('button', { name: '提交' }).click();
    await unitPage.getByText('销号申请已提交，等待督查室审核').waitFor();
    await row.getByText('申请销号', { exact: true }).last().waitFor();
    await shot(unitPage, '04-my-tasks');
  });

  it('the supervisor approves the 销号 on the task detail', async () => {
    const task = (await listTasks(t.app, { planId, q: '篮球' })).items[0];
    await supervisor.goto(`${base}/tasks/${task.id}`);
    await supervisor.getByText('办理过程').waitFor();
    await supervisor.getByRole('button', { name: '审核销号' }).click();
    await supervisor.getByRole('radio', { name: '同意销号' }).waitFor();
    // The review's answer, so a failure says whether the request failed (and why) or was never sent.
    const [review] = await Promise.all([
      supervisor.waitForResponse((r) => r.url().endsWith(`/api/tasks/${task.id}/completion-review`) && r.request().method() === 'POST'),
      supervisor.getByRole('button', { name: '确定' }).click(),
    ]);
    expect(`${review.status()} ${review.status() === 200 ? '' : await review.text()}`).toBe('200 ');
    await supervisor.getByText('已批准销号').waitFor();
    await supervisor.locator('.ant-descriptions').getByText('已办结').waitFor();
    await supervisor.getByText('项目已完成主体施工').waitFor();
    // The photo submitted with the 销号 request is previewed under it in the timeline.
    await supervisor.waitForFunction(() => {
      // Runs in the page (the test project has no DOM types; a string would be refused by the CSP).
      const img = (globalThis as any).document.querySelector('img[alt="验收照片.png"]');
      return img !== null && img.complete && img.naturalWidth === 1;
    });
    await supervisor.locator('.ant-modal-wrap').waitFor({ state: 'hidden' });
    await shot(supervisor, '05-task-detail');
    const detail = await request(t.app, 'GET', `/api/tasks/${task.id}`);
    expect(detail.body.status).toBe('completed');
  });

  it('the unit user sees a reminder in the inbox and marks it read', async () => {
    const scan = await request(t.app, 'POST', '/api/reminders/scan', { asOf: '2021-10-08' });
    expectStatus(scan, 200);
    expect(scan.body.created).toBeGreaterThan(0);
    const other = (await listTasks(t.app, { planId, q: '综合体' })).items[0];
    expectStatus(await request(t.app, 'POST', `/api/tasks/${other.id}/urge`, { message: '请于本周内报送综合体项目进展' }), 201);
    await unitPage.reload();
    await unitPage.getByText('提醒收件箱').waitFor();
    const reminder = unitPage.locator('tr.ant-table-row', { hasText: '请于本周内报送综合体项目进展' });
    await reminder.getByRole('button', { name: '标记已读' }).click();
    await unitPage.getByText('已标记为已读').waitFor();
    await reminder.getByText(/^已读/).waitFor();
    await shot(unitPage, '06-reminder-inbox');
  });

  it('签收: from a reminder’s link on the task page, then one click on 待签收 in 我的任务; the office sees 未签收', async () => {
    // As if the plan had been handed out on Monday 2021-09-27: three workdays on, the 签收 reminders come.
    await t.dataSource.query(
      `UPDATE task_assignment SET assigned_at = '2021-09-27 10:00+08' WHERE task_id IN (SELECT id FROM task WHERE plan_id = $1)`,
      [planId],
    );
    const scan = await request(t.app, 'POST', '/api/reminders/scan', { asOf: '2021-10-11' });
    expectStatus(scan, 200);
    const unitId = (await request(t.app, 'GET', '/api/auth/me', undefined, { as: 'unit_user' })).body.unitId;
    const unsigned = async () => (await listTasks(t.app, { planId, unitId, acknowledged: 'false', pageSize: 200 })).total as number;
    const before = await unsigned();
    expect(before).toBeGreaterThan(1);

    // The reminder's link opens the task; one click signs it.
    await unitPage.reload();
    const reminder = unitPage.locator('tr.ant-table-row', { hasText: '签收提醒' }).first();
    await reminder.waitFor();
    const link = reminder.getByRole('link');
    const taskNumber = Number(/第(\d+)项/.exec((await link.textContent()) ?? '')![1]);
    await link.click();
    await unitPage.getByText('签收情况').waitFor();
    await unitPage.getByRole('button', { name: '签收', exact: true }).click();
    await unitPage.getByText('已签收', { exact: true }).waitFor();
    await unitPage.getByTestId('acknowledgements').getByText(/住房和城乡建设局 已签收/).waitFor();
    await expect(unitPage.getByRole('button', { name: '签收', exact: true }).count()).resolves.toBe(0);
    const signed = (await listTasks(t.app, { planId, q: String(taskNumber), pageSize: 200 })).items.find((x: any) => x.number === taskNumber);
    const detail = await request(t.app, 'GET', `/api/tasks/${signed.id}`);
    expect(detail.body.acknowledgements).toEqual([
      expect.objectContaining({ unit: { id: unitId, name: '住房和城乡建设局' }, via: 'acknowledge', by: expect.objectContaining({ username: unitUser.username }) }),
    ]);
    expect(await unsigned()).toBe(before - 1);
    await shot(unitPage, '07a-acknowledge-from-reminder');

    // 我的任务 lists the rest under 待签收, first; one click signs one and it leaves the list.
    await menu(unitPage, '我的任务').click();
    const pendingCount = (n: number) => unitPage.getByTestId('pending-acknowledgements').and(unitPage.getByText(`${n} 项`, { exact: true }));
    await pendingCount(before - 1).waitFor();
    const first = unitPage.getByTestId('pending-acknowledgement').first();
    const firstText = (await first.textContent()) ?? '';
    await first.getByRole('button', { name: '签收' }).click();
    await pendingCount(before - 2).waitFor();
    expect(await unsigned()).toBe(before - 2);
    await expect(unitPage.getByTestId('pending-acknowledgement').first().textContent()).resolves.not.toBe(firstText);
    await shot(unitPage, '07b-pending-acknowledgements');

    // 任务总览 filters on 签收 on the server.
    await menu(supervisor, '任务总览').click();
    await supervisor.getByText('共 143 项').waitFor();
    const filtered = supervisor.waitForResponse((r) => r.url().includes('/api/supervision/tasks?') && r.url().includes('acknowledged=false'));
    await supervisor.getByLabel('签收').click();
    await supervisor.locator('.ant-select-item-option').and(supervisor.getByTitle('未签收')).click();
    const { total: unsignedTotal } = await (await filtered).json();
    const { body: expected } = await request(t.app, 'GET', `/api/supervision/tasks?planId=${planId}&asOf=2021-10-08&acknowledged=false`);
    expect(unsignedTotal).toBe(expected.total);
    await supervisor.getByText(`共 ${expected.total} 项`).waitFor();

    // The office's 逾期督办 has a 未签收 tab: per unit, as of the day.
    await menu(supervisor, '逾期督办').click();
    await supervisor.getByRole('tab', { name: '未签收' }).click();
    const { body: view } = await request(t.app, 'GET', `/api/supervision/unacknowledged?planId=${planId}&asOf=2021-10-08`);
    const top = view.units[0];
    await supervisor.getByText(`${top.unit.name}（${top.count}项）`).waitFor();
    await supervisor.getByText(`共 ${view.total} 项未签收`).waitFor();
    await shot(supervisor, '07c-unacknowledged');
    await supervisor.getByRole('tab', { name: '逾期/滞后' }).click();
  });

  it('the supervisor exports the ledger as Excel and sees the supervision pages', async () => {
    await menu(supervisor, '任务总览').click();
    await supervisor.getByText('共 143 项').waitFor();
    const [download] = await Promise.all([
      supervisor.waitForEvent('download'),
      supervisor.getByRole('button', { name: '导出台账（Excel）' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const file = join(ARTIFACTS, 'web-ledger.xlsx');
    await download.saveAs(file);
    expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK');

    await menu(supervisor, '逾期督办').click();
    await supervisor.getByLabel('截至日期').fill('2021-10-08');
    await supervisor.getByLabel('截至日期').press('Enter');
    await supervisor.keyboard.press('Escape');
    await supervisor.locator('tr.ant-table-row').first().waitFor();
    await shot(supervisor, '07-overdue');
    await menu(supervisor, '单位统计').click();
    await supervisor.getByText('住房和城乡建设局').first().waitFor();
    await shot(supervisor, '08-stats');
    await menu(supervisor, '提醒投递').click();
    await supervisor.locator('tr.ant-table-row').first().waitFor();
    await shot(supervisor, '09-deliveries');
  });

  it('the supervisor sees targets on a task, the 指标, 考核得分 and 督查通报 pages, and downloads the bulletin', async () => {
    const farmland = (await listTasks(t.app, { planId, q: '高标准农田' })).items[0];
    await supervisor.goto(`${base}/tasks/${farmland.id}`);
    await supervisor.getByText('指标目标', { exact: true }).waitFor();
    await supervisor.getByRole('cell', { name: '高标准农田', exact: true }).waitFor();
    await supervisor.getByRole('cell', { name: '不低于 2.9万亩' }).waitFor();
    await shot(supervisor, '13-task-targets');
    await menu(supervisor, '指标').click();
    await supervisor.getByRole('cell', { name: '城镇调查失业率' }).waitFor();
    await supervisor.getByRole('cell', { name: '不高于 5.5%' }).waitFor();
    await shot(supervisor, '14-indicators');
    await menu(supervisor, '考核得分').click();
    await supervisor.getByText('基础分').waitFor();
    const { body: scores } = await request(t.app, 'GET', `/api/supervision/scores?planId=${planId}&asOf=2021-10-08`, undefined, { as: 'supervisor' });
    await supervisor.locator('tr.ant-table-row').first().getByText(scores.items[0].unit.name).waitFor();
    await shot(supervisor, '15-scores');
    await menu(supervisor, '督查通报').click();
    await supervisor.getByTestId('bulletin-figures').waitFor();
    await supervisor.getByLabel('表扬（每行一条）').fill('住房和城乡建设局按期完成文化(篮球)小镇项目，予以表扬。');
    await supervisor.getByRole('button', { name: '刷新预览' }).click();
    await supervisor.getByText('住房和城乡建设局按期完成文化(篮球)小镇项目，予以表扬。').last().waitFor();
    await shot(supervisor, '16-bulletin');
    const [file] = await Promise.all([supervisor.waitForEvent('download'), supervisor.getByRole('button', { name: '下载通报（Word）' }).click()]);
    expect(file.suggestedFilename()).toMatch(/^督查通报_\d{4}-\d{2}-\d{2}\.docx$/);
    const path = join(ARTIFACTS, 'web-bulletin.docx');
    await file.saveAs(path);
    expect(readFileSync(path).subarray(0, 2).toString()).toBe('PK');
  });

  it('驾驶舱: a leader lands on it, sees the charts, and a click on the yellow slice opens the register filtered on it', async () => {
    const leader = await loginAs('test-leader', TEST_PASSWORD);
    await leader.waitForURL(/\/dashboard$/);
    // SVG charts: each bar and slice is a path filled with its light's colour.
    for (const chart of ['chart-lights', 'chart-sections']) {
      await leader.getByTestId(chart).locator('path[fill="#faad14"]').first().waitFor();
    }
    // Nothing is overdue on 2021-10-08 (every task is due at the year's end): no unit to rank by it.
    await leader.getByText('没有逾期任务的单位').waitFor();
    // The trend has one point per month of 2021 up to the server's today (2021-10-08).
    await leader.getByTestId('chart-trend').getByText('2021-10').waitFor();
    await leader.getByText('逾期最久的十项').waitFor();
    await shot(leader, '13-dashboard');
    const yellow = await request(t.app, 'GET', `/api/supervision/tasks?planId=${planId}&asOf=2021-10-08&light=yellow`, undefined, { as: 'leader' });
    expectStatus(yellow, 200);
    expect(yellow.body.total).toBeGreaterThan(0);
    await clickInside(leader, leader.getByTestId('chart-lights').locator('path[fill="#faad14"]').first());
    await leader.waitForURL(/\/tasks\?.*light=yellow/);
    expect(new URL(leader.url()).searchParams.get('asOf')).toBe('2021-10-08');
    await leader.getByText(`共 ${yellow.body.total} 项`).waitFor();
    await expect(leader.locator('.ant-select').filter({ hasText: '黄灯' }).count()).resolves.toBe(1);
    const rows = leader.locator('.ant-table-tbody tr.ant-table-row');
    await expect(rows.locator('[data-light="yellow"]').count()).resolves.toBe(await rows.count());
    await shot(leader, '14-dashboard-to-register');
  });

  it('a leader sees 任务总览 but no 导入; an admin sees 用户管理', async () => {
    const leader = await loginAs('test-leader', TEST_PASSWORD);
    await expect(menu(leader, '导入').count()).resolves.toBe(0);
    await menu(leader, '任务总览').click();
    await leader.getByText('共 143 项').waitFor();
    await shot(leader, '10-leader');
    const admin = await loginAs('test-admin', TEST_PASSWORD);
    await menu(admin, '用户管理').waitFor();
    await admin.getByRole('cell', { name: 'test-supervisor' }).first().waitFor();
    await shot(admin, '11-admin-users');
    await menu(admin, '单位管理').click();
    await admin.getByText('住房和城乡建设局').first().waitFor();
    await shot(admin, '12-admin-units');
  });

  it('the supervisor adds a task by hand on 任务总览, finds it by its source, and retires it', async () => {
    await menu(supervisor, '任务总览').click();
    await supervisor.getByText('共 143 项').waitFor();
    await supervisor.getByRole('button', { name: '新增任务' }).click();
    const dialog = supervisor.locator('.ant-modal', { hasText: '新增任务' });
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByText('请填写任务内容').waitFor();
    await dialog.getByText('请至少选择一个牵头单位或责任单位').first().waitFor();
    await dialog.getByLabel('任务内容').fill('落实市政府常务会议议定事项，完成城区雨污分流改造。');
    await dialog.getByLabel('完成时限').fill('2021-12-31');
    await dialog.getByLabel('完成时限').press('Enter');
    const field = (label: string) => dialog.locator('.ant-form-item', { has: supervisor.getByText(label, { exact: true }) });
    await dialog.getByLabel('牵头单位').fill('住房和城乡');
    await supervisor.locator('.ant-select-dropdown:visible .ant-select-item-option[title="住房和城乡建设局"]').click();
    await field('牵头单位').locator('.ant-select-selection-item', { hasText: '住房和城乡建设局' }).waitFor();
    // Close the unit list by clicking elsewhere in the form (Escape could close the dialog itself).
    await dialog.getByText('新增任务', { exact: true }).click();
    await supervisor.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
    await dialog.getByLabel('任务来源').click();
    await supervisor.locator('.ant-select-dropdown:visible .ant-select-item-option[title="会议议定事项"]').click();
    await field('任务来源').getByTitle('会议议定事项').waitFor();
    await dialog.getByLabel('文号').fill('济政常〔2021〕15号');
    await dialog.getByRole('button', { name: '保存' }).click();
    await supervisor.getByText('已新增第144项任务').waitFor();
    // The new task's page, with its source.
    await supervisor.getByText('任务详情 — 第144项').waitFor();
    await supervisor.locator('.ant-descriptions').getByText('会议议定事项（济政常〔2021〕15号）').waitFor();
    await supervisor.locator('.ant-descriptions').getByText('手工添加').waitFor();
    await shot(supervisor, '13-manual-task');

    await supervisor.getByRole('button', { name: '撤销任务' }).click();
    await supervisor.getByLabel('撤销理由').fill('已并入第9项统筹推进');
    await supervisor.getByRole('button', { name: '确定' }).click();
    await supervisor.getByText('任务已撤销').waitFor();
    await supervisor.locator('.ant-descriptions').getByText('已撤销').waitFor();

    await menu(supervisor, '任务总览').click();
    await supervisor.getByText('共 144 项').waitFor();
    const filtered = supervisor.waitForResponse((r) => r.url().includes('/api/supervision/tasks?') && r.url().includes('sourceKind=meeting'));
    await supervisor.getByLabel('来源').click();
    await supervisor.locator('.ant-select-dropdown:visible .ant-select-item-option[title="会议议定事项"]').click();
    expect((await (await filtered).json()).total).toBe(1);
    await supervisor.getByText('共 1 项').waitFor();
    const task = (await listTasks(t.app, { planId, q: '雨污分流' })).items[0];
    expect(task).toMatchObject({ number: 144, status: 'cancelled', origin: 'manual', source: { kind: 'meeting', documentNumber: '济政常〔2021〕15号' } });
  });

  // Last, so that choosing another plan on 导入 does not change the plan the pages above show.
  it('supervisor uploads a task table on 导入: the dry run shows each row with its result and location', async () => {
    await createPlan(t.app, { title: '上传测试计划', year: 2021 });
    const table = (deadline: string) =>
      buildXlsx([
        {
          name: '任务表',
          rows: [
            ['序号', '重点工作任务', '牵头单位', '责任单位', '完成时限'],
            ['一、扩大有效投资'],
            [1, '实施重点项目300个', '发展改革和统计局', '财政金融局', deadline],
            [2, '发展数字经济', '数字经济局', '工业和科技创新委员会', '年底前'],
          ],
          merges: ['A2:E2'],
        },
      ]);
    await menu(supervisor, '导入').click();
    await supervisor.getByLabel('计划').click();
    await supervisor.locator('.ant-select-item-option').filter({ hasText: '上传测试计划' }).click();
    await supervisor.getByRole('tab', { name: '上传文件' }).click();
    await supervisor.locator('input[type=file]').setInputFiles({ name: '任务分解表.xlsx', mimeType: XLSX, buffer: await table('6月底前') });
    await supervisor.getByText('任务分解表.xlsx').waitFor();
    await supervisor.getByRole('button', { name: '预检（不写入）' }).click();
    await supervisor.getByText('有 1 处错误，修正后才能导入').waitFor();
    const rows = supervisor.getByTestId('import-items').locator('tr.ant-table-row');
    await expect(rows.count()).resolves.toBe(2);
    await expect(rows.nth(0).innerText()).resolves.toMatch(/工作表“任务表”第3行\s+1\s+实施重点项目300个\s+新增/);
    await expect(rows.nth(1).innerText()).resolves.toMatch(/工作表“任务表”第4行\s+2\s+发展数字经济\s+错误\s+.*数字经济局/);
    await supervisor.getByTestId('import-columns').getByText('牵头单位 → 牵头单位').waitFor();
    await expect(supervisor.getByRole('button', { name: '确认导入' }).isDisabled()).resolves.toBe(true);
    await shot(supervisor, '13-import-file-errors');

    await supervisor.getByLabel('自动新建未登记的单位').check();
    await supervisor.getByRole('button', { name: '预检（不写入）' }).click();
    await supervisor.getByText('预检结果（尚未写入）').waitFor();
    await expect(rows.nth(1).innerText()).resolves.toMatch(/第4行\s+2\s+发展数字经济\s+新增/);
    await supervisor.getByRole('button', { name: '确认导入' }).click();
    await supervisor.getByText('导入完成：新增 2 项').waitFor();

    // A revised table: the dry run says which rows change.
    await supervisor.locator('input[type=file]').setInputFiles({ name: '任务分解表（修订）.xlsx', mimeType: XLSX, buffer: await table('9月底前') });
    await supervisor.getByRole('button', { name: '预检（不写入）' }).click();
    await supervisor.getByText('预检结果（尚未写入）').waitFor();
    await expect(rows.nth(0).innerText()).resolves.toMatch(/第3行\s+1\s+实施重点项目300个\s+更新/);
    await expect(rows.nth(1).innerText()).resolves.toMatch(/第4行\s+2\s+发展数字经济\s+未变/);
    await shot(supervisor, '14-import-file-revised');
  });
});
