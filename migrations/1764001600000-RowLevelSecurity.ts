import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The role a request's reads switch to (SET LOCAL ROLE): neither superuser nor owner, so row-level security binds it. */
const TENANT_ROLE = 'duban_tenant';

/** Every table whose rows belong to one organization (organization_id), bounded to the organizations of the transaction. */
const TENANT_TABLES = [
  'unit',
  'unit_group',
  'unit_group_member',
  'plan',
  'plan_section',
  'app_user',
  'task',
  'task_assignment',
  'task_event',
  'task_target',
  'progress_report',
  'progress_actual',
  'completion_request',
  'extension_request',
  'milestone',
  'evidence_file',
  'reminder_policy',
  'reminder',
  'reminder_delivery',
  'scoring_rule_set',
  'incoming_task',
  'audit_event',
];

/**
 * Row-level security (issue 13, defense in depth): a forgotten `WHERE organization_id …` cannot leak another
 * organization's rows. The app connects as the tables' owner (a superuser in development), whom PostgreSQL exempts
 * from row-level security; a request's read transaction therefore switches to the NOLOGIN role duban_tenant
 * (`SET LOCAL ROLE`) and names its organizations in the setting duban.organizations
 * (src/database/organization-scope.ts). Under that role every tenant table shows, and accepts, only rows of those
 * organizations; the organization table only those organizations themselves. The owner (migrations, the seed, the
 * reminder scan, the system) is not bound. calendar_override is read by every organization (one working-day
 * calendar serves the whole platform, as calendar_day does) and written only in the transaction's organizations.
 */
export class RowLevelSecurity1764001600000 implements MigrationInterface {
  name = 'RowLevelSecurity1764001600000';

  async up(q: QueryRunner): Promise<void> {
    // Roles belong to the cluster, not the database: another database of the cluster may have created it already.
    await q.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${TENANT_ROLE}') THEN
          CREATE ROLE ${TENANT_ROLE} NOLOGIN NOSUPERUSER NOINHERIT NOBYPASSRLS;
        END IF;
      EXCEPTION WHEN duplicate_object THEN
        NULL; -- created meanwhile by a migration of another database
      END $$`);
    // The connecting role must be allowed to SET ROLE to it (a superuser always is).
    await q.query(`
      DO $$
      BEGIN
        IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AND NOT pg_has_role(current_user, '${TENANT_ROLE}', 'MEMBER') THEN
          EXECUTE format('GRANT ${TENANT_ROLE} TO %I', current_user);
        END IF;
      END $$`);
    await q.query(`GRANT USAGE ON SCHEMA public TO ${TENANT_ROLE}`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${TENANT_ROLE}`);
    await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${TENANT_ROLE}`);
    // The migration ledger is the owner's alone.
    await q.query(`REVOKE ALL ON schema_migration FROM ${TENANT_ROLE}`);
    await q.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${TENANT_ROLE}`);
    // Tables a later migration creates are granted too; whether they are bounded is that migration's to say.
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${TENANT_ROLE}`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${TENANT_ROLE}`);

    // The transaction's organizations; none when the setting is absent or empty (a tenant sees nothing by default).
    await q.query(`
      CREATE FUNCTION tenant_organizations() RETURNS uuid[] LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT coalesce(nullif(current_setting('duban.organizations', true), '')::uuid[], '{}'::uuid[])
      $$`);

    for (const table of TENANT_TABLES) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`
        CREATE POLICY p_${table}_organization ON ${table} TO ${TENANT_ROLE}
        USING (organization_id = ANY ((SELECT tenant_organizations())::uuid[]))
        WITH CHECK (organization_id = ANY ((SELECT tenant_organizations())::uuid[]))`);
    }
    await q.query(`ALTER TABLE organization ENABLE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY p_organization_visible ON organization TO ${TENANT_ROLE}
      USING (id = ANY ((SELECT tenant_organizations())::uuid[])) WITH CHECK (id = ANY ((SELECT tenant_organizations())::uuid[]))`);
    await q.query(`ALTER TABLE calendar_override ENABLE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY p_calendar_override_read ON calendar_override FOR SELECT TO ${TENANT_ROLE} USING (true)`);
    for (const command of ['INSERT', 'UPDATE', 'DELETE']) {
      const bound = 'organization_id = ANY ((SELECT tenant_organizations())::uuid[])';
      const clauses = command === 'INSERT' ? `WITH CHECK (${bound})` : command === 'UPDATE' ? `USING (${bound}) WITH CHECK (${bound})` : `USING (${bound})`;
      await q.query(`CREATE POLICY p_calendar_override_${command.toLowerCase()} ON calendar_override FOR ${command} TO ${TENANT_ROLE} ${clauses}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const command of ['read', 'insert', 'update', 'delete']) await q.query(`DROP POLICY p_calendar_override_${command} ON calendar_override`);
    await q.query(`ALTER TABLE calendar_override DISABLE ROW LEVEL SECURITY`);
    await q.query(`DROP POLICY p_organization_visible ON organization`);
    await q.query(`ALTER TABLE organization DISABLE ROW LEVEL SECURITY`);
    for (const table of TENANT_TABLES) {
      await q.query(`DROP POLICY p_${table}_organization ON ${table}`);
      await q.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
    }
    await q.query(`DROP FUNCTION tenant_organizations()`);
    // The role stays (other databases of the cluster may use it); this database's grants to it go.
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM ${TENANT_ROLE}`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM ${TENANT_ROLE}`);
    await q.query(`REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA public FROM ${TENANT_ROLE}`);
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${TENANT_ROLE}`);
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${TENANT_ROLE}`);
    await q.query(`REVOKE USAGE ON SCHEMA public FROM ${TENANT_ROLE}`);
  }
}
