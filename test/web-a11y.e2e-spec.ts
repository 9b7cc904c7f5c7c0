import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { readJiyuanNotice } from '../src/seed/jiyuan-notice';
import { ARTIFACTS, describeWithBuiltApp, launchBrowser, type TestBrowser } from './support/browser';
import { createImportedPlan, createUnitUser, listTasks, seedJiyuanRegistry } from './support/factories';
import { expectStatus, request } from './support/http';
import { createTestApp, listenOnLoopback, TEST_PASSWORD, type TestApp } from './support/test-app';

// Every page of the built app, for each role, at desktop (1280) and phone (390) width: axe-core finds no serious or
// critical violation, a screenshot is saved, and the unit clerk's pages do not scroll sideways on a phone.
jest.setTimeout(600_000);

const AXE = join(__dirname, '..', 'node_modules', 'axe-core', 'axe.min.js');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

type Role = 'unit_user' | 'supervisor' | 'leader' | 'admin';
interface Screen {
  name: string;
  path: string;
}

/** Each role's menu, as the app shows it; the test checks the drawer lists exactly these. */
const MENUS: Record<Role, Array<Screen & { label: string }>> = {
  unit_user: [{ name: 'my-tasks', path: '/my-tasks', label: '我的任务' }],
  supervisor: [
    { name: 'dashboard', path: '/dashboard', label: '驾驶舱' },
    { name: 'tasks', path: '/tasks', label: '任务总览' },
    { name: 'incoming', path: '/incoming', label: '上级交办' },
    { name: 'overdue', path: '/overdue', label: '逾期督办' },
    { name: 'stats', path: '/stats', label: '单位统计' },
    { name: 'indicators', path: '/indicators', label: '指标' },
    { name: 'scores', path: '/scores', label: '考核得分' },
    { name: 'bulletin', path: '/bulletin', label: '督查通报' },
    { name: 'import', path: '/import', label: '导入' },
    { name: 'deliveries', path: '/deliveries', label: '提醒投递' },
  ],
  leader: [
    { name: 'dashboard', path: '/dashboard', label: '驾驶舱' },
    { name: 'tasks', path: '/tasks', label: '任务总览' },
    { name: 'incoming', path: '/incoming', label: '上级交办' },
    { name: 'overdue', path: '/overdue', label: '逾期督办' },
    { name: 'stats', path: '/stats', label: '单位统计' },
    { name: 'indicators', path: '/indicators', label: '指标' },
    { name: 'scores', path: '/scores', label: '考核得分' },
    { name: 'bulletin', path: '/bulletin', label: '督查通报' },
    { name: 'deliveries', path: '/deliveries', label: '提醒投递' },
  ],
  admin: [
    { name: 'tasks', path: '/tasks', label: '任务总览' },
    { name: 'users', path: '/users', label: '用户管理' },
    { name: 'units', path: '/units', label: '单位管理' },
  ],
};

interface Violation {
  id: string;
  impact: string;
  help: string;
  nodes: Array<{ target: string[]; any: Array<{ data?: { fgColor?: string; bgColor?: string; contrastRatio?: number } }> }>;
}

describeWithBuiltApp('web app: accessibility (axe-core) and phone layout, every page and role', () => {
  let t: TestApp;
  let browser: TestBrowser;
  let base: string;
  let unitUser: { username: string; password: string };
  let taskId: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    t = await createTestApp({ CLOCK_TODAY: '2021-10-08' });
    const units = await seedJiyuanRegistry(t.app);
    const { user, password } = await createUnitUser(t, units.get('住房和城乡建设局')!, { displayName: '住建局张科长' });
    unitUser = { username: user.username, password };
    const { plan } = await createImportedPlan(t.app, readJiyuanNotice(), { title: '济源市2021年政府工作报告重点工作', year: 2021 });
    // Something in every list: a report, reminders, an urge with a link to the task.
    taskId = (await listTasks(t.app, { planId: plan.id, q: '篮球' })).items[0].id;
    expectStatus(
      await request(t.app, 'POST', `/api/tasks/${taskId}/progress`, { summary: '主体工程已完工，正在验收。', percent: 90 }, { as: 'unit_user' }),
      201,
    );
    expectStatus(await request(t.app, 'POST', '/api/reminders/scan', { asOf: '2021-10-08' }), 200);
    expectStatus(await request(t.app, 'POST', `/api/tasks/${taskId}/urge`, { message: '请于本周内报送验收情况' }), 201);
    base = await listenOnLoopback(t.app);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  });

  async function newPage(): Promise<Page> {
    // The server's CSP allows no injected script; axe-core is injected by the test, so this context waives it.
    const context = await browser.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', bypassCSP: true });
    contexts.push(context);
    context.setDefaultTimeout(20_000);
    return context.newPage();
  }

  async function loginAs(username: string, password: string): Promise<Page> {
    const page = await newPage();
    await page.goto(`${base}/login`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('current-user').waitFor();
    return page;
  }

  // Functions passed to evaluate() run in the page: there `globalThis` is its window (the tests compile without the DOM library).

  /** Opens a page and waits until its requests are answered and nothing is loading any more. */
  async function open(page: Page, path: string): Promise<void> {
    await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
    await page.waitForFunction(() => (globalThis as any).document.querySelectorAll('.ant-spin-spinning, .ant-card-loading-content, .ant-skeleton').length === 0);
  }

  /** axe-core's serious and critical findings on what the page shows now (or in its part `within`, e.g. a dialog). */
  async function seriousViolations(page: Page, within?: string): Promise<string[]> {
    if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ path: AXE });
    // Colours are measured once a dialog's fade-in has finished; an endless animation (a spinner, a 'processing'
    // badge) never finishes, so only finite ones are awaited.
    await page.waitForFunction(() =>
      (globalThis as any).document
        .getAnimations()
        .every((a: any) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity),
    );
    const violations = await page.evaluate(
      async (selector) => (await (globalThis as any).axe.run(selector ?? (globalThis as any).document, { resultTypes: ['violations'] })).violations as Violation[],
      within,
    );
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map(describe).join(', ')}`);
  }

  const describe = (node: Violation['nodes'][number]) => {
    const colors = node.any.find((check) => check.data?.fgColor)?.data;
    return node.target.join(' ') + (colors ? ` [${colors.fgColor} on ${colors.bgColor}: ${colors.contrastRatio}]` : '');
  };
  const sidewaysScroll = (page: Page) =>
    page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth - (globalThis as any).innerWidth) as Promise<number>;
  const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `a11y-${name}.png`), fullPage: true });

  // Item 5 of issue 15: the unit clerk's pages and the task page (where reminder links lead) are phone-sized.
  const phoneSized = (name: string) => name.startsWith('unit_user-') || name.endsWith('-task-detail') || name.startsWith('anonymous-');

  /** The page at both widths: no serious axe finding, a screenshot each; a phone-sized page does not scroll sideways. */
  async function checkBothWidths(page: Page, path: string, name: string, found: Record<string, string[]>) {
    for (const [width, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      await page.setViewportSize(viewport);
      await open(page, path);
      found[`${name}@${width}`] = await seriousViolations(page);
      await shot(page, `${name}-${width}`);
      if (width === 'phone' && phoneSized(name)) expect({ page: name, overflow: await sidewaysScroll(page) }).toEqual({ page: name, overflow: 0 });
    }
    await page.setViewportSize(DESKTOP);
  }

  it('the login page', async () => {
    const page = await newPage();
    const found: Record<string, string[]> = {};
    await checkBothWidths(page, '/login', 'anonymous-login', found);
    expect(found).toEqual({ 'anonymous-login@desktop': [], 'anonymous-login@phone': [] });
    await expect(page.evaluate(() => (globalThis as any).document.documentElement.lang)).resolves.toBe('zh-CN');
  });

  it.each(['unit_user', 'supervisor', 'leader', 'admin'] as Role[])('every page of %s', async (role) => {
    const page = role === 'unit_user' ? await loginAs(unitUser.username, unitUser.password) : await loginAs(`test-${role}`, TEST_PASSWORD);
    // The phone drawer lists the role's whole menu: a page added to the app without being added here fails this.
    await page.setViewportSize(PHONE);
    await page.getByRole('button', { name: '打开菜单' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByRole('menuitem').first().waitFor();
    await expect(drawer.getByRole('menuitem').allInnerTexts()).resolves.toEqual(MENUS[role].map((m) => m.label));
    await page.setViewportSize(DESKTOP);

    const found: Record<string, string[]> = {};
    for (const screen of [...MENUS[role], { name: 'task-detail', path: `/tasks/${taskId}` }]) {
      await checkBothWidths(page, screen.path, `${role}-${screen.name}`, found);
    }
    const expected = Object.fromEntries(Object.keys(found).map((k) => [k, []]));
    expect(found).toEqual(expected);
  });

  it('the supervisor’s 新增任务 form, at both widths', async () => {
    const page = await loginAs('test-supervisor', TEST_PASSWORD);
    for (const [width, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      await page.setViewportSize(viewport);
      await open(page, '/tasks');
      await page.getByRole('button', { name: '新增任务' }).click();
      await page.getByRole('dialog').getByLabel('任务内容').waitFor();
      await expect(seriousViolations(page, '.ant-modal-wrap')).resolves.toEqual([]);
      await shot(page, `supervisor-new-task-${width}`);
      await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
      await page.getByRole('dialog').waitFor({ state: 'hidden' });
    }
  });

  it('on a phone the clerk uses the drawer menu, signs on 待签收, reports progress and reads a reminder', async () => {
    const page = await loginAs(unitUser.username, unitUser.password);
    await page.setViewportSize(PHONE);
    await open(page, '/tasks/' + taskId);
    // The desktop menu bar gives way to a drawer behind the hamburger button.
    await expect(page.locator('.ant-layout-header .ant-menu-horizontal').count()).resolves.toBe(0);
    await page.getByRole('button', { name: '打开菜单' }).click();
    await page.getByRole('dialog').getByRole('menuitem', { name: '我的任务' }).click();
    await page.getByTestId('pending-acknowledgements').waitFor();
    expect(await sidewaysScroll(page)).toBe(0);

    // 待签收: one touch-sized tap signs the first task.
    const pendingText = async () => (await page.getByTestId('pending-acknowledgements').textContent()) ?? '';
    const before = Number(/\d+/.exec(await pendingText())![0]);
    const sign = page.getByTestId('pending-acknowledgement').first().getByRole('button', { name: '签收' });
    expect((await sign.boundingBox())!.height).toBeGreaterThanOrEqual(40);
    await sign.click();
    await page.getByTestId('pending-acknowledgements').and(page.getByText(`${before - 1} 项`, { exact: true })).waitFor();

    // 我的任务 shows cards, not a table; the report form fills the screen's width.
    const cards = page.getByTestId('my-task-cards');
    await expect(cards.locator('table').count()).resolves.toBe(0);
    const card = cards.locator('.ant-list-item', { hasText: '篮球' });
    await card.getByRole('button', { name: '报送进度' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('工作进展').waitFor();
    // The form itself: axe measures what lies under the modal's mask as dimmed, which it is meant to be.
    await expect(seriousViolations(page, '.ant-modal-wrap')).resolves.toEqual([]);
    await shot(page, 'unit_user-report-form-phone');
    // (While a dialog is open antd locks the page's scrolling; the dialog itself lies within the screen.)
    const dialogBox = (await dialog.boundingBox())!;
    expect(dialogBox.width).toBeGreaterThanOrEqual(PHONE.width - 40);
    expect(dialogBox.x).toBeGreaterThanOrEqual(0);
    expect(dialogBox.x + dialogBox.width).toBeLessThanOrEqual(PHONE.width);
    expect((await dialog.getByLabel('完成进度（%）').boundingBox())!.width).toBeGreaterThan(dialogBox.width - 80);
    await dialog.getByLabel('工作进展').fill('验收已完成，资料已归档。');
    await dialog.getByLabel('完成进度（%）').fill('100');
    const submit = dialog.getByRole('button', { name: '提交' });
    expect((await submit.boundingBox())!.height).toBeGreaterThanOrEqual(40);
    await submit.click();
    await page.getByText('进度已报送').waitFor();
    const { body: progress } = await request(t.app, 'GET', `/api/tasks/${taskId}/progress`, undefined, { as: 'unit_user' });
    const reports = Array.isArray(progress) ? progress : progress.items;
    expect(reports.map((p: any) => p.summary)).toContain('验收已完成，资料已归档。');

    // The inbox as cards: the urge opens the task page, where the phone layout holds too.
    const reminder = page.getByTestId('reminder').filter({ hasText: '请于本周内报送验收情况' });
    await reminder.getByRole('button', { name: '标记已读' }).click();
    await page.getByText('已标记为已读').waitFor();
    await reminder.getByText(/^已读/).waitFor();
    await reminder.getByRole('link').click();
    await page.getByText('签收情况').waitFor();
    await page.waitForURL(`**/tasks/${taskId}`);
    expect(await sidewaysScroll(page)).toBe(0);
    await shot(page, 'unit_user-task-from-reminder-phone');
  });
});
