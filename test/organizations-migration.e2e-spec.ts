import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { DEFAULT_ORGANIZATION_ID } from '../src/access/organizations';
import { dataSourceOptions } from '../src/database/data-source';
import { readJiyuanNotice } from '../src/seed/jiyuan-notice';
import { ensureDatabase } from '../tools/dev/local-postgres';
import { createImportedPlan, createUnitUser, seedJiyuanRegistry, tasksByNumber } from './support/factories';
import { bodyOf, request } from './support/http';
import { createTestApp, type TestApp } from './support/test-app';
import { readTestServers } from './support/test-database';
import { databaseUrl } from './support/test-servers';

const ORGANIZATIONS = 'Organizations1764001500000';
/** Columns the organization migration adds to existing tables: left out when rows are compared across it. */
const ADDED_COLUMNS = ['organization_id', 'represents_organization_id', 'parent_task_id'];

type Census = Record<string, { rows: number; digest: string }>;

/**
 * Migration 1764001500000-Organizations run over a copy of a database in use before it: the 济源 registry, the
 * notice imported (143 tasks), progress reports, a unit user and a reminder scan, written through the API. The
 * database is taken back to before the migration with the migrations' own down(), copied, and migrated up again.
 */
describe('migration 1764001500000-Organizations on a copy of an existing database', () => {
  const { adminUrl } = readTestServers();
  const databases: string[] = [];
  let t: TestApp | undefined;
  let original: string;
  let copy: DataSource;
  let before: Census;

  const open = async (name: string): Promise<DataSource> => new DataSource(dataSourceOptions(databaseUrl(adminUrl, name))).initialize();
  const applied = async (ds: DataSource, name: string) => (await ds.query(`SELECT 1 FROM schema_migration WHERE name = $1`, [name])).length > 0;
  /** Undoes the migrations after the organization migration, then it. */
  const undoOrganizations = async (ds: DataSource) => {
    while (await applied(ds, ORGANIZATIONS)) await ds.undoLastMigration({ transaction: 'each' });
  };

  /** Every table's row count and a digest of its rows (without the columns the migration adds). */
  const census = async (ds: DataSource): Promise<Census> => {
    const tables: Array<{ name: string }> = await ds.query(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'schema_migration' ORDER BY 1`,
    );
    const result: Census = {};
    for (const { name } of tables) {
      const [row] = await ds.query(
        `SELECT count(*)::int AS rows,
                coalesce(md5(string_agg((to_jsonb(x) - $1::text[])::text, '|' ORDER BY (to_jsonb(x) - $1::text[])::text)), '') AS digest
           FROM ${name} x`,
        [ADDED_COLUMNS],
      );
      result[name] = row;
    }
    return result;
  };
  const without = (c: Census, ...tables: string[]): Census => Object.fromEntries(Object.entries(c).filter(([name]) => !tables.includes(name)));

  beforeAll(async () => {
    t = await createTestApp();
    original = new URL(t.databaseUrl).pathname.slice(1);
    databases.push(original);
    const units = await seedJiyuanRegistry(t.app);
    const { plan } = await createImportedPlan(t.app, readJiyuanNotice(), { title: '济源市2021年重点工作', year: 2021 });
    const tasks = await tasksByNumber(t.app, plan.id);
    for (const number of [1, 2, 3, 9, 20]) {
      const task = tasks.get(number)!;
      const unit = task.lead[0] ?? task.responsible[0];
      await bodyOf(request(t.app, 'POST', `/api/tasks/${task.id}/progress`, { summary: `第${number}项推进中`, percent: 30 + number, period: '2021-10', unitId: unit.id }), 201);
    }
    await createUnitUser(t, units.get('财政金融局')!);
    await bodyOf(request(t.app, 'POST', '/api/reminders/scan', { asOf: '2022-01-05' }), 200);
    await t.app.close();

    const ds = await open(original);
    await undoOrganizations(ds);
    expect(await ds.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'organization'`)).toEqual([]);
    before = await census(ds);
    await ds.destroy();

    const name = `duban_test_copy_${randomBytes(6).toString('hex')}`;
    await ensureDatabase(adminUrl, name, original);
    databases.push(name);
    copy = await open(name);
    await copy.runMigrations({ transaction: 'each' });
  });

  afterAll(async () => {
    await copy?.destroy();
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('keeps every row of every table, unchanged, and files it under the default organization', async () => {
    expect(before.task!.rows).toBe(143);
    for (const table of ['unit', 'unit_group', 'plan', 'plan_section', 'task_assignment', 'progress_report', 'reminder', 'app_user', 'audit_event', 'task_event']) {
      expect(before[table]!.rows).toBeGreaterThan(0);
    }
    const after = await census(copy);
    // The reminder scan's ledger and the views' change log (later migrations) start empty.
    expect(without(after, 'organization', 'incoming_task', 'reminder_scan_change', 'reminder_scan_plan', 'view_change')).toEqual(before);
    expect(after.organization!.rows).toBe(1);
    expect(after.incoming_task!.rows).toBe(0);

    const tenantTables: Array<{ name: string }> = await copy.query(
      `SELECT table_name AS name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'organization_id' ORDER BY 1`,
    );
    expect(tenantTables.length).toBeGreaterThanOrEqual(20);
    for (const { name } of tenantTables) {
      const [{ other }] = await copy.query(`SELECT count(*)::int AS other FROM ${name} WHERE organization_id IS DISTINCT FROM $1`, [DEFAULT_ORGANIZATION_ID]);
      expect({ table: name, other }).toEqual({ table: name, other: 0 });
    }
  });

  it('makes names unique per organization: another organization may repeat one, the same organization may not', async () => {
    const other = '00000000-0000-4000-8000-0000000000c1';
    await copy.query(`INSERT INTO organization (id, name, kind) VALUES ($1, '另一市', 'city')`, [other]);
    await copy.query(`INSERT INTO unit (name, organization_id) VALUES ('财政金融局', $1)`, [other]);
    await copy.query(`INSERT INTO unit_group (name, organization_id) VALUES ('各镇人民政府', $1)`, [other]);
    await expect(copy.query(`INSERT INTO unit (name, organization_id) VALUES ('财政金融局', $1)`, [DEFAULT_ORGANIZATION_ID])).rejects.toThrow(/ux_unit_name/);
    await expect(copy.query(`INSERT INTO unit (name, organization_id) VALUES ('财政金融局', $1)`, [other])).rejects.toThrow(/ux_unit_name/);
    const [{ count }] = await copy.query(`SELECT count(*)::int AS count FROM unit WHERE name = '财政金融局'`);
    expect(count).toBe(2);
    // Back to one organization, as the round trip below needs (down() restores platform-wide unique names).
    await copy.query(`DELETE FROM unit_group WHERE organization_id = $1`, [other]);
    await copy.query(`DELETE FROM unit WHERE organization_id = $1`, [other]);
    await copy.query(`DELETE FROM organization WHERE id = $1`, [other]);
  });

  it('round-trips: down() gives back the rows as they were, and up() again the migrated ones', async () => {
    const migrated = await census(copy);
    await undoOrganizations(copy);
    expect(await census(copy)).toEqual(before);
    await copy.runMigrations({ transaction: 'each' });
    // The default organization is made anew (its created_at is the migration's); every other table is as migrated
    // before, but the views' change log, which logs the writes of the migrations themselves.
    expect(without(await census(copy), 'organization', 'view_change')).toEqual(without(migrated, 'organization', 'view_change'));
    expect(await copy.query(`SELECT id, name, kind, parent_id FROM organization`)).toEqual([
      { id: DEFAULT_ORGANIZATION_ID, name: '本级政府', kind: 'city', parent_id: null },
    ]);
  });
});
