import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { ARTIFACTS, describeWithBuiltApp, launchBrowser, type TestBrowser } from './support/browser';
import { createPlan } from './support/factories';
import { bodyOf, request } from './support/http';
import { createUserIn } from './support/organizations';
import { createTestApp, listenOnLoopback, TEST_PASSWORD, type TestApp } from './support/test-app';

// Issue 13 item 5 in the built app against the real API: a parent organization's supervisor switches to its county
// (read-only), the county's supervisor accepts the parent's task split in two, and the parent's task page shows
// the county's tasks with their latest report.
jest.setTimeout(300_000);

const AXE = join(__dirname, '..', 'node_modules', 'axe-core', 'axe.min.js');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

describeWithBuiltApp('web app: organizations (switcher, 上级交办, 下级落实情况)', () => {
  let t: TestApp;
  let browser: TestBrowser;
  let base: string;
  const contexts: BrowserContext[] = [];
  let county: { id: string; name: string; unitId: string };
  let countyPlanId: string;
  let parentTaskId: string;
  const countyUnits: Record<string, string> = {};
  type CountyUser = Awaited<ReturnType<typeof createUserIn>>;
  const countyStaff = {} as Record<'supervisor' | 'leader' | 'clerk', CountyUser>;

  beforeAll(async () => {
    t = await createTestApp({ CLOCK_TODAY: '2021-10-08' });
    // The test users' organization gets a county below it, with the unit that stands for it in the parent.
    const created = await bodyOf(request(t.app, 'POST', '/api/organizations', { name: '孟津县', kind: 'county' }, { as: 'admin' }), 201);
    county = { id: created.id, name: created.name, unitId: created.representedBy.unitId };

    // The county's own admin (who registers its units), supervisor, leader and a clerk of 县住建局.
    const admin = await createUserIn(t, county.id, 'admin');
    for (const name of ['县财政局', '县住建局']) {
      countyUnits[name] = (await bodyOf(request(t.app, 'POST', '/api/units', { name }, { as: { token: admin.token } }), 201)).id;
    }
    countyStaff.supervisor = await createUserIn(t, county.id, 'supervisor');
    countyStaff.leader = await createUserIn(t, county.id, 'leader');
    countyStaff.clerk = await createUserIn(t, county.id, 'unit_user', countyUnits['县住建局']);
    const countyPlan = { title: '孟津县2021年重点工作', year: 2021 };
    countyPlanId = (await bodyOf(request(t.app, 'POST', '/api/plans', countyPlan, { as: { token: countyStaff.supervisor.token } }), 201)).id;

    // The parent's task, assigned to the unit standing for the county: delivered to the county's 上级交办.
    const parentPlan = await createPlan(t.app, { title: '本级2021年重点工作', year: 2021 });
    const parentTask = await bodyOf(
      request(t.app, 'POST', `/api/plans/${parentPlan.id}/tasks`, {
        content: '推进老旧小区改造，年内完成改造任务。',
        dueDate: '2021-12-31',
        units: { lead: [county.unitId], responsible: [], cooperating: [] },
        source: { kind: 'instruction' },
      }),
      201,
    );
    parentTaskId = parentTask.id;

    base = await listenOnLoopback(t.app);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  });

  async function loginAs(username: string): Promise<Page> {
    // The server's CSP allows no injected script; axe-core is injected by the test, so this context waives it.
    const context = await browser.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', bypassCSP: true });
    contexts.push(context);
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('current-user').waitFor();
    return page;
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `web-organizations-${name}.png`), fullPage: true });

  /** axe-core's serious and critical findings on the page (or its part `within`, e.g. a dialog). */
  async function seriousViolations(page: Page, within?: string): Promise<string[]> {
    if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ path: AXE });
    await page.waitForFunction(() =>
      (globalThis as any).document
        .getAnimations()
        .every((a: any) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity),
    );
    const violations = await page.evaluate(
      async (selector) => (await (globalThis as any).axe.run(selector ?? (globalThis as any).document, { resultTypes: ['violations'] })).violations,
      within,
    );
    return (violations as Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }>)
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }
  /** An option of the open select's list. */
  const option = (page: Page, text: string) => page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text });
  const sidewaysScroll = (page: Page) =>
    page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth - (globalThis as any).innerWidth) as Promise<number>;

  it('the parent’s supervisor switches to the county: its plans, read-only, with a banner; the choice lasts the session', async () => {
    const page = await loginAs('test-supervisor');
    await page.getByRole('menuitem', { name: '任务总览' }).click();
    await page.getByRole('button', { name: '新增任务' }).waitFor();
    const switcher = page.getByLabel('查看组织');
    await switcher.click();
    await option(page, county.name).click();
    await page.getByTestId('organization-banner').getByText(`正在查看下级组织：${county.name}（只读）`).waitFor();
    // The plan selector lists the county's plans; nothing to write with.
    await page.locator('.ant-select', { has: page.getByLabel('计划') }).getByText('孟津县2021年重点工作').waitFor();
    await expect(page.getByRole('button', { name: '新增任务' }).count()).resolves.toBe(0);
    await expect(seriousViolations(page)).resolves.toEqual([]);
    await shot(page, '01-switcher-descendant');
    // On a phone the switcher sits in the drawer, above the menu.
    await page.setViewportSize(PHONE);
    await page.getByRole('button', { name: '打开菜单' }).click();
    await page.getByRole('dialog').getByLabel('查看组织').waitFor();
    await expect(seriousViolations(page, '.ant-drawer')).resolves.toEqual([]);
    await shot(page, '01-switcher-phone');
    await page.keyboard.press('Escape');
    await page.setViewportSize(DESKTOP);

    // A new page load keeps the choice (this tab's session); 导入 says it writes into the own organization only.
    await page.goto(`${base}/import`);
    await page.getByTestId('organization-banner').waitFor();
    await page.getByText('查看下级组织时不能导入').waitFor();
    // Back to the own organization: the banner goes, the writes come back.
    await page.getByTestId('organization-banner').getByRole('button').click();
    await page.getByTestId('organization-banner').waitFor({ state: 'detached' });
    await page.getByRole('menuitem', { name: '任务总览' }).click();
    await page.getByRole('button', { name: '新增任务' }).waitFor();
  });

  it('the county’s leader reads 上级交办 without accepting; its supervisor accepts the task split in two', async () => {
    const leader = await loginAs(countyStaff.leader.username);
    await leader.getByRole('menuitem', { name: '上级交办' }).click();
    await leader.getByTestId('incoming-task').getByText('推进老旧小区改造').waitFor();
    await expect(leader.getByRole('button', { name: '接收落实' }).count()).resolves.toBe(0);

    const page = await loginAs(countyStaff.supervisor.username);
    // A county without organizations below it has no switcher.
    await expect(page.getByLabel('查看组织').count()).resolves.toBe(0);
    await page.getByRole('menuitem', { name: '上级交办' }).click();
    const row = page.getByTestId('incoming-task').filter({ hasText: '推进老旧小区改造' });
    await row.waitFor();
    await expect(seriousViolations(page)).resolves.toEqual([]);
    await shot(page, '02-incoming-pending');
    await row.getByRole('button', { name: '接收落实' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('落实到本级计划').click();
    await option(page, '孟津县2021年重点工作').click();
    await dialog.getByRole('button', { name: '拆分：再增加一项本级任务' }).click();
    const rows = dialog.getByTestId('child-task-row');
    await expect(rows.count()).resolves.toBe(2);
    // Each row starts with the parent's content and due date.
    await expect(rows.nth(1).getByLabel('任务内容').inputValue()).resolves.toBe('推进老旧小区改造，年内完成改造任务。');
    await expect(rows.nth(1).getByLabel('完成时限').inputValue()).resolves.toBe('2021-12-31');
    await rows.nth(0).getByLabel('任务内容').fill('城区老旧小区改造资金保障。');
    await pickUnit(page, rows.nth(0), '牵头单位', '县财政局');
    await rows.nth(1).getByLabel('任务内容').fill('城区老旧小区改造工程实施。');
    await rows.nth(1).getByLabel('完成时限').fill('2021-11-30');
    await rows.nth(1).getByLabel('完成时限').press('Enter');
    await pickUnit(page, rows.nth(1), '牵头单位', '县住建局');
    await expect(seriousViolations(page, '.ant-modal-wrap')).resolves.toEqual([]);
    await shot(page, '03-accept-split');
    await dialog.getByRole('button', { name: '确认接收' }).click();
    await page.getByText(/已接收，落实为本级任务/).waitFor();
    await page.getByRole('tab', { name: '已接收', selected: true }).waitFor();
    await page.getByTestId('incoming-task').getByRole('link', { name: '第2项' }).waitFor();
    await shot(page, '04-incoming-accepted');
    // On a phone the inbox is cards.
    await page.setViewportSize(PHONE);
    await page.getByTestId('incoming-cards').getByRole('link', { name: '第2项' }).waitFor();
    expect(await sidewaysScroll(page)).toBe(0);
    await expect(seriousViolations(page)).resolves.toEqual([]);
    await shot(page, '04-incoming-accepted-phone');

    // What the server holds: two tasks of the county's plan, linked to the parent's task, with their units.
    const [accepted] = await bodyOf(request(t.app, 'GET', '/api/incoming-tasks?status=accepted', undefined, { as: { token: countyStaff.supervisor.token } }));
    expect(accepted.childTasks.map((c: any) => [c.planId, c.number])).toEqual([
      [countyPlanId, 1],
      [countyPlanId, 2],
    ]);
  });

  it('the parent’s task page shows 下级落实情况 with the county’s latest report, at both widths', async () => {
    const { body: tasks } = await request(t.app, 'GET', `/api/tasks?planId=${countyPlanId}`, undefined, { as: { token: countyStaff.clerk.token } });
    const building = tasks.items.find((x: any) => x.content === '城区老旧小区改造工程实施。');
    await bodyOf(
      request(t.app, 'POST', `/api/tasks/${building.id}/progress`, { summary: '已开工改造小区12个。', percent: 40 }, { as: { token: countyStaff.clerk.token } }),
      201,
    );

    const page = await loginAs('test-supervisor');
    await page.goto(`${base}/tasks/${parentTaskId}`);
    const card = page.getByTestId('child-progress');
    await card.getByText(county.name).waitFor();
    await expect(card.getByTestId('child-rollup').textContent()).resolves.toContain('已接收 1/1 个组织');
    await expect(card.getByTestId('child-rollup').textContent()).resolves.toContain('已办结 0/2 项任务');
    const reportRow = card.locator('tr', { hasText: '城区老旧小区改造工程实施' });
    await reportRow.getByText('已开工改造小区12个。').waitFor();
    await expect(reportRow.textContent()).resolves.toContain('40%');
    await expect(reportRow.textContent()).resolves.toContain('县住建局');
    await expect(card.locator('tr', { hasText: '资金保障' }).getByText('尚未报送').count()).resolves.toBe(1);
    await expect(seriousViolations(page)).resolves.toEqual([]);
    await shot(page, '05-child-progress-desktop');

    // On a phone each child task is a card, and the page does not scroll sideways.
    await page.setViewportSize(PHONE);
    await card.locator('.ant-list-item', { hasText: '已开工改造小区12个。' }).waitFor();
    await expect(card.locator('table').count()).resolves.toBe(0);
    expect(await sidewaysScroll(page)).toBe(0);
    await expect(seriousViolations(page)).resolves.toEqual([]);
    await shot(page, '06-child-progress-phone');

    // A child task opens read-only for the parent: no 催办 or 撤销.
    await page.setViewportSize(DESKTOP);
    await card.getByRole('link', { name: '第2项' }).click();
    await page.getByTestId('descendant-task').waitFor();
    await page.getByText('已开工改造小区12个。').first().waitFor();
    await expect(page.getByRole('button', { name: '催办' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: '撤销任务' }).count()).resolves.toBe(0);
    await shot(page, '07-descendant-task');
  });

  /**
   * Picks a unit in a row's multiple select: typed, then Enter once the list has it as the active option (a click
   * could land while the filtered list is still re-rendering), the chosen tag checked, and the list closed.
   */
  async function pickUnit(page: Page, row: ReturnType<Page['locator']>, label: string, unit: string): Promise<void> {
    await row.getByLabel(label).click();
    await row.getByLabel(label).fill(unit);
    await option(page, unit).and(page.locator('.ant-select-item-option-active')).waitFor();
    await page.keyboard.press('Enter');
    await row.locator('.ant-select-selection-item', { hasText: unit }).waitFor();
    await page.keyboard.press('Escape');
    // The list closes with an animation: the next select's list must not be confused with this one.
    await page.waitForFunction(() => (globalThis as any).document.querySelectorAll('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').length === 0);
  }
});
