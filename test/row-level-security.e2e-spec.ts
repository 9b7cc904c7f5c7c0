import type { EntityManager } from 'typeorm';
import { DEFAULT_ORGANIZATION_ID } from '../src/access/organizations';
import { withOrganizationScope } from '../src/database/organization-scope';
import { exec, one, rows } from '../src/database/sql';
import { bodyOf, request } from './support/http';
import { createTestApp, type TestApp } from './support/test-app';

const A = DEFAULT_ORGANIZATION_ID;
const B = '00000000-0000-4000-8000-0000000000b2';
const HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA';

/** The tenant tables the test fills for each organization. */
const TABLES = ['unit', 'app_user', 'plan', 'plan_section', 'task', 'task_assignment', 'progress_report', 'reminder'] as const;

interface Rows {
  unit: string;
  user: string;
  plan: string;
  task: string;
  report: string;
  reminder: string;
}

/**
 * Row-level security (migration 1764001600000): inside a transaction bounded to an organization, a statement
 * without any organization condition sees and writes only that organization's rows; the owner (migrations, the
 * system) sees everything. Two organizations hold the same kind of rows, written directly as the owner.
 */
describe('row-level security on the organization column', () => {
  let t: TestApp;
  const own: Partial<Record<string, Rows>> = {};

  /** A unit with a user, a plan with a section and one task assigned to the unit, a report and a reminder. */
  const fill = async (organizationId: string, tag: string): Promise<Rows> => {
    const db = t.dataSource;
    const unit = (await one<{ id: string }>(db, `INSERT INTO unit (name, organization_id) VALUES ('财政局', $1) RETURNING id`, [organizationId]))!.id;
    const user = (await one<{ id: string }>(
      db,
      `INSERT INTO app_user (username, display_name, password_hash, role, unit_id, organization_id) VALUES ($1, $1, $2, 'unit_user', $3, $4) RETURNING id`,
      [`rls-${tag}`, HASH, unit, organizationId],
    ))!.id;
    const plan = (await one<{ id: string }>(
      db,
      `INSERT INTO plan (title, year, start_date, end_date, organization_id) VALUES ($1, 2021, '2021-01-01', '2021-12-31', $2) RETURNING id`,
      [`${tag} 2021年重点工作`, organizationId],
    ))!.id;
    const section = (await one<{ id: string }>(
      db,
      `INSERT INTO plan_section (plan_id, level, ordinal, code, title) VALUES ($1, 1, 1, '一', '经济发展') RETURNING id`,
      [plan],
    ))!.id;
    const task = (await one<{ id: string }>(
      db,
      `INSERT INTO task (plan_id, section_id, number, content, due_date) VALUES ($1, $2, 1, $3, '2021-03-31') RETURNING id`,
      [plan, section, `${tag}：推进财政资金直达`],
    ))!.id;
    await exec(db, `INSERT INTO task_assignment (task_id, unit_id, role, position) VALUES ($1, $2, 'lead', 0)`, [task, unit]);
    const report = (await one<{ id: string }>(
      db,
      `INSERT INTO progress_report (task_id, unit_id, period, summary, percent, reported_by, created_at)
       VALUES ($1, $2, '2021-02', '进展顺利', 40, $3, '2021-02-20 10:00+08') RETURNING id`,
      [task, unit, user],
    ))!.id;
    const reminder = (await one<{ id: string }>(
      db,
      `INSERT INTO reminder (unique_key, plan_id, task_id, unit_id, kind, due_date, message) VALUES ($1, $2, $3, $4, 'overdue', '2021-03-31', '已逾期') RETURNING id`,
      [`rls-${tag}`, plan, task, unit],
    ))!.id;
    return { unit, user, plan, task, report, reminder };
  };

  /** Runs `work` in a transaction bounded to `organizations`, rolled back so each check starts from the same rows. */
  const bounded = async <T>(organizations: string[], work: (manager: EntityManager) => Promise<T>): Promise<T> => {
    const runner = t.dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      return await withOrganizationScope(runner.manager, organizations, () => work(runner.manager));
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  };

  beforeAll(async () => {
    t = await createTestApp();
    await exec(t.dataSource, `INSERT INTO organization (id, parent_id, name, kind) VALUES ($1, NULL, '另一市', 'city')`, [B]);
    own[A] = await fill(A, '本市');
    own[B] = await fill(B, '另一市');
  });
  afterAll(() => t?.close());

  it('bounds every tenant table with an organization column (a new table cannot be forgotten)', async () => {
    const unbounded = await rows<{ table_name: string }>(
      t.dataSource,
      `SELECT c.table_name FROM information_schema.columns c JOIN pg_class k ON k.relname = c.table_name AND k.relkind = 'r'
        WHERE c.table_schema = 'public' AND c.column_name = 'organization_id' AND NOT k.relrowsecurity
        ORDER BY 1`,
    );
    expect(unbounded).toEqual([]);
  });

  it('shows a deliberately unscoped SELECT only the organization’s own rows', async () => {
    for (const table of TABLES) {
      const seen = await bounded([A], (m) => rows<{ organization_id: string }>(m, `SELECT * FROM ${table}`));
      expect(seen.length).toBeGreaterThan(0);
      expect(new Set(seen.map((r) => r.organization_id))).toEqual(new Set([A]));
    }
    const tasks = await bounded([A], (m) => rows<{ id: string }>(m, `SELECT id FROM task`));
    expect(tasks.map((r) => r.id)).toEqual([own[A]!.task]);
    const organizations = await bounded([A], (m) => rows<{ id: string }>(m, `SELECT id FROM organization`));
    expect(organizations.map((r) => r.id)).toEqual([A]);
    // Looked up by its id, another organization's row is as if it did not exist.
    expect(await bounded([A], (m) => one(m, `SELECT 1 FROM progress_report WHERE id = $1`, [own[B]!.report]))).toBeNull();
    expect(await bounded([A], (m) => one(m, `SELECT 1 FROM reminder WHERE id = $1`, [own[B]!.reminder]))).toBeNull();
  });

  it('shows a parent organization’s read scope the rows of every organization it names', async () => {
    const seen = await bounded([A, B], (m) => rows<{ organization_id: string }>(m, `SELECT organization_id FROM task`));
    expect(new Set(seen.map((r) => r.organization_id))).toEqual(new Set([A, B]));
  });

  it('changes nothing of another organization: its rows are invisible to UPDATE and DELETE, and an INSERT into it is refused', async () => {
    expect(await bounded([A], (m) => exec(m, `UPDATE task SET content = '篡改' WHERE id = $1`, [own[B]!.task]))).toBe(0);
    expect(await bounded([A], (m) => exec(m, `UPDATE unit SET name = '篡改'`))).toBe(1);
    expect(await bounded([A], (m) => exec(m, `DELETE FROM reminder WHERE id = $1`, [own[B]!.reminder]))).toBe(0);
    expect(await bounded([A], (m) => exec(m, `DELETE FROM progress_report WHERE id = $1`, [own[B]!.report]))).toBe(0);
    await expect(bounded([A], (m) => exec(m, `INSERT INTO unit (name, organization_id) VALUES ('冒名单位', $1)`, [B]))).rejects.toThrow(
      /row-level security/,
    );
    // A child row takes its parent's organization (trigger): writing under another organization's plan is refused too.
    await expect(
      bounded([A], (m) => exec(m, `INSERT INTO task (plan_id, number, content, due_date) VALUES ($1, 2, '越权任务', '2021-12-31')`, [own[B]!.plan])),
    ).rejects.toThrow(/row-level security/);
    // Moving an own row into another organization is refused by WITH CHECK.
    await expect(bounded([A], (m) => exec(m, `UPDATE reminder SET message = '改' , organization_id = $1 WHERE id = $2`, [B, own[A]!.reminder]))).rejects.toThrow(
      /row-level security/,
    );
    const [{ content }] = await t.dataSource.query(`SELECT content FROM task WHERE id = $1`, [own[B]!.task]);
    expect(content).toBe('另一市：推进财政资金直达');
    expect(Number((await t.dataSource.query(`SELECT count(*) FROM reminder`))[0].count)).toBe(2);
  });

  it('leaves the migration ledger to the owner', async () => {
    await expect(bounded([A], (m) => rows(m, `SELECT * FROM schema_migration`))).rejects.toThrow(/permission denied/);
  });

  it('sees nothing at all when the transaction names no organization', async () => {
    expect(await bounded([], (m) => rows(m, `SELECT id FROM task`))).toEqual([]);
  });

  it('leaves the owner unbounded, and ends the bound with the transaction', async () => {
    for (const table of TABLES) {
      const seen = await rows<{ organization_id: string }>(t.dataSource, `SELECT organization_id FROM ${table}`);
      expect(new Set(seen.map((r) => r.organization_id))).toEqual(new Set([A, B]));
    }
    await bounded([A], async () => undefined);
    expect((await rows(t.dataSource, `SELECT id FROM task`)).length).toBe(2);
    const [{ role }] = await t.dataSource.query(`SELECT current_user AS role`);
    expect(role).not.toBe('duban_tenant');
  });

  it('bounds the supervision views and GET /api/tasks to the supervisor’s organizations over HTTP', async () => {
    const register = await bodyOf(request(t.app, 'GET', `/api/supervision/tasks?planId=${own[A]!.plan}&asOf=2021-04-01`));
    expect(register.items.map((task: { id: string }) => task.id)).toEqual([own[A]!.task]);
    expect(register.items[0]).toMatchObject({ light: 'red', latestPercent: 40 });
    const overdue = await bodyOf(request(t.app, 'GET', `/api/supervision/overdue?planId=${own[A]!.plan}&asOf=2021-04-01`));
    expect(overdue.items.map((item: { task: { id: string } }) => item.task.id)).toEqual([own[A]!.task]);
    const units = await bodyOf(request(t.app, 'GET', `/api/supervision/units?planId=${own[A]!.plan}&asOf=2021-04-01`));
    expect(units.items).toEqual([expect.objectContaining({ unit: expect.objectContaining({ id: own[A]!.unit }), overdue: 1 })]);
    // The other organization's plan is as if absent, and its task is not in the register of every plan.
    expect((await request(t.app, 'GET', `/api/supervision/tasks?planId=${own[B]!.plan}`)).status).toBe(404);
    expect((await request(t.app, 'GET', `/api/supervision/overdue?planId=${own[B]!.plan}`)).status).toBe(404);
    const all = await bodyOf(request(t.app, 'GET', `/api/tasks?pageSize=100`));
    expect(all.items.map((task: { id: string }) => task.id)).toEqual([own[A]!.task]);
    expect(all.total).toBe(1);
  });
});
