import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Today's data moves into this organization; the demo seed names it 济源市 under a demo province. */
const DEFAULT_ORGANIZATION = '00000000-0000-4000-8000-000000000001';

/** Rows the application files under an organization itself. */
const OWNED = ['unit', 'unit_group', 'plan', 'app_user', 'calendar_override'];

/** Rows that belong to their parent's organization, filled from it on insert: [table, parent table, parent column]. */
const INHERITED: Array<[string, string, string]> = [
  ['plan_section', 'plan', 'plan_id'],
  ['task', 'plan', 'plan_id'],
  ['reminder_policy', 'plan', 'plan_id'],
  ['reminder', 'plan', 'plan_id'],
  ['scoring_rule_set', 'plan', 'plan_id'],
  ['task_assignment', 'task', 'task_id'],
  ['progress_report', 'task', 'task_id'],
  ['task_event', 'task', 'task_id'],
  ['completion_request', 'task', 'task_id'],
  ['extension_request', 'task', 'task_id'],
  ['milestone', 'task', 'task_id'],
  ['task_target', 'task', 'task_id'],
  ['evidence_file', 'task', 'task_id'],
  ['unit_group_member', 'unit_group', 'group_id'],
  ['progress_actual', 'progress_report', 'report_id'],
];

/** Same-organization references, so a distributed schema (Citus) can co-locate each organization's rows. */
const SAME_ORGANIZATION: Array<[string, string, string, string, 'CASCADE' | 'RESTRICT']> = [
  ['fk_task_plan_organization', 'task', 'plan_id', 'plan', 'CASCADE'],
  ['fk_plan_section_plan_organization', 'plan_section', 'plan_id', 'plan', 'CASCADE'],
  ['fk_task_assignment_task_organization', 'task_assignment', 'task_id', 'task', 'CASCADE'],
  ['fk_task_assignment_unit_organization', 'task_assignment', 'unit_id', 'unit', 'RESTRICT'],
  ['fk_progress_report_task_organization', 'progress_report', 'task_id', 'task', 'CASCADE'],
  ['fk_progress_report_unit_organization', 'progress_report', 'unit_id', 'unit', 'RESTRICT'],
  ['fk_reminder_task_organization', 'reminder', 'task_id', 'task', 'CASCADE'],
  ['fk_unit_group_member_group_organization', 'unit_group_member', 'group_id', 'unit_group', 'CASCADE'],
  ['fk_unit_group_member_unit_organization', 'unit_group_member', 'unit_id', 'unit', 'CASCADE'],
  ['fk_app_user_unit_organization', 'app_user', 'unit_id', 'unit', 'RESTRICT'],
];

/**
 * Organizations (issue 13): a tree of governments (province → city → county), each owning its units, unit groups,
 * plans, users and calendar overrides. Every tenant row carries organization_id — child rows inherit their
 * parent's, filled by a trigger so no insert can file a task under another organization than its plan's. Names
 * are unique within an organization. A unit may stand for a lower organization (各市人民政府): a task assigned to
 * it lands in that organization's inbox (incoming_task, 上级交办), where it is accepted into child tasks that link
 * back to it (task.parent_task_id).
 */
export class Organizations1764001500000 implements MigrationInterface {
  name = 'Organizations1764001500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organization (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        parent_id uuid REFERENCES organization (id) ON DELETE RESTRICT,
        name text NOT NULL,
        kind text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_organization_name CHECK (btrim(name) <> ''),
        CONSTRAINT ck_organization_kind CHECK (kind IN ('province', 'city', 'county')),
        CONSTRAINT ck_organization_parent CHECK (parent_id IS DISTINCT FROM id)
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_organization_sibling_name ON organization (COALESCE(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), name)`);
    await q.query(`CREATE INDEX ix_organization_parent ON organization (parent_id)`);
    await q.query(`INSERT INTO organization (id, name, kind) VALUES ($1, '本级政府', 'city')`, [DEFAULT_ORGANIZATION]);
    // An organization and every organization below it, nearest first.
    await q.query(`
      CREATE FUNCTION organization_subtree(root uuid) RETURNS TABLE (id uuid, depth int)
      LANGUAGE sql STABLE AS $$
        WITH RECURSIVE tree AS (
          SELECT o.id, 0 AS depth FROM organization o WHERE o.id = root
          UNION ALL
          SELECT c.id, tree.depth + 1 FROM organization c JOIN tree ON c.parent_id = tree.id WHERE tree.depth < 16
        )
        SELECT id, depth FROM tree
      $$`);

    for (const table of OWNED) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN organization_id uuid REFERENCES organization (id) ON DELETE RESTRICT`);
      await q.query(`UPDATE ${table} SET organization_id = $1`, [DEFAULT_ORGANIZATION]);
      await q.query(`ALTER TABLE ${table} ALTER COLUMN organization_id SET NOT NULL`);
      await q.query(`CREATE INDEX ix_${table}_organization ON ${table} (organization_id)`);
    }
    // Audit entries are filed under the actor's organization (none for the system's own work).
    await q.query(`ALTER TABLE audit_event ADD COLUMN organization_id uuid REFERENCES organization (id) ON DELETE RESTRICT`);
    await q.query(`UPDATE audit_event SET organization_id = $1`, [DEFAULT_ORGANIZATION]);
    await q.query(`CREATE INDEX ix_audit_event_organization ON audit_event (organization_id, at)`);

    for (const parent of ['plan', 'task', 'unit_group', 'progress_report']) {
      await q.query(`
        CREATE FUNCTION organization_of_${parent}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.organization_id IS NULL THEN
            SELECT p.organization_id INTO NEW.organization_id FROM ${parent} p WHERE p.id = NEW.${INHERITED.find(([, p]) => p === parent)![2]};
          END IF;
          RETURN NEW;
        END $$`);
    }
    for (const [table, parent, column] of INHERITED) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN organization_id uuid`);
      await q.query(`UPDATE ${table} c SET organization_id = p.organization_id FROM ${parent} p WHERE p.id = c.${column}`);
      await q.query(`ALTER TABLE ${table} ALTER COLUMN organization_id SET NOT NULL`);
      await q.query(`
        CREATE TRIGGER tr_${table}_organization BEFORE INSERT ON ${table}
        FOR EACH ROW EXECUTE FUNCTION organization_of_${parent}()`);
    }
    // A digest goes to a unit (its organization) or to one organization's supervisors (the reminders' organization).
    await q.query(`ALTER TABLE reminder_delivery ADD COLUMN organization_id uuid`);
    await q.query(`
      UPDATE reminder_delivery d SET organization_id = COALESCE(
        (SELECT u.organization_id FROM unit u WHERE u.id = d.unit_id),
        (SELECT r.organization_id FROM reminder r WHERE r.id = d.reminder_ids[1]),
        $1)`, [DEFAULT_ORGANIZATION]);
    await q.query(`ALTER TABLE reminder_delivery ALTER COLUMN organization_id SET NOT NULL`);
    await q.query(`
      CREATE FUNCTION organization_of_delivery() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.organization_id IS NULL THEN
          NEW.organization_id := COALESCE(
            (SELECT u.organization_id FROM unit u WHERE u.id = NEW.unit_id),
            (SELECT r.organization_id FROM reminder r WHERE r.id = NEW.reminder_ids[1]));
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER tr_reminder_delivery_organization BEFORE INSERT ON reminder_delivery FOR EACH ROW EXECUTE FUNCTION organization_of_delivery()`);
    await q.query(`DROP INDEX ux_reminder_delivery_day`);
    await q.query(`
      CREATE UNIQUE INDEX ux_reminder_delivery_day
      ON reminder_delivery (organization_id, COALESCE(unit_id, '00000000-0000-0000-0000-000000000000'::uuid), audience, channel, day)`);

    // Names are unique within an organization, not across the platform.
    await q.query(`DROP INDEX ux_unit_name`);
    await q.query(`CREATE UNIQUE INDEX ux_unit_name ON unit (organization_id, name)`);
    await q.query(`DROP INDEX ux_unit_group_name`);
    await q.query(`CREATE UNIQUE INDEX ux_unit_group_name ON unit_group (organization_id, name)`);

    for (const table of ['plan', 'task', 'unit', 'unit_group']) {
      await q.query(`CREATE UNIQUE INDEX ux_${table}_organization_id ON ${table} (organization_id, id)`);
    }
    for (const [name, table, column, target, onDelete] of SAME_ORGANIZATION) {
      await q.query(
        `ALTER TABLE ${table} ADD CONSTRAINT ${name} FOREIGN KEY (organization_id, ${column}) REFERENCES ${target} (organization_id, id) ON DELETE ${onDelete}`,
      );
    }

    // 下达: a unit of this organization that stands for a lower organization (e.g. 洛阳市人民政府 in the province).
    await q.query(`ALTER TABLE unit ADD COLUMN represents_organization_id uuid REFERENCES organization (id) ON DELETE SET NULL`);
    await q.query(`CREATE UNIQUE INDEX ux_unit_represents ON unit (organization_id, represents_organization_id) WHERE represents_organization_id IS NOT NULL`);
    await q.query(`ALTER TABLE task ADD COLUMN parent_task_id uuid REFERENCES task (id) ON DELETE SET NULL`);
    await q.query(`CREATE INDEX ix_task_parent ON task (parent_task_id) WHERE parent_task_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE incoming_task (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
        parent_task_id uuid NOT NULL REFERENCES task (id) ON DELETE CASCADE,
        via_unit_id uuid NOT NULL REFERENCES unit (id) ON DELETE CASCADE,
        received_at timestamptz NOT NULL DEFAULT now(),
        accepted_at timestamptz,
        accepted_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
        CONSTRAINT ck_incoming_task_accepted CHECK (accepted_by IS NULL OR accepted_at IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_incoming_task ON incoming_task (organization_id, parent_task_id)`);
    await q.query(`CREATE INDEX ix_incoming_task_pending ON incoming_task (organization_id, received_at) WHERE accepted_at IS NULL`);
    // Whatever writes the assignment (import, the form, a re-import), the lower organization receives the task once.
    await q.query(`
      CREATE FUNCTION deliver_to_represented_organization() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO incoming_task (organization_id, parent_task_id, via_unit_id)
        SELECT u.represents_organization_id, NEW.task_id, NEW.unit_id
        FROM unit u WHERE u.id = NEW.unit_id AND u.represents_organization_id IS NOT NULL
        ON CONFLICT (organization_id, parent_task_id) DO NOTHING;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_task_assignment_delivery AFTER INSERT ON task_assignment
      FOR EACH ROW EXECUTE FUNCTION deliver_to_represented_organization()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER tr_task_assignment_delivery ON task_assignment`);
    await q.query(`DROP FUNCTION deliver_to_represented_organization()`);
    await q.query(`DROP TABLE incoming_task`);
    await q.query(`ALTER TABLE task DROP COLUMN parent_task_id`);
    await q.query(`ALTER TABLE unit DROP COLUMN represents_organization_id`);
    for (const [name, table] of SAME_ORGANIZATION) await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${name}`);
    for (const table of ['plan', 'task', 'unit', 'unit_group']) await q.query(`DROP INDEX ux_${table}_organization_id`);
    await q.query(`DROP INDEX ux_unit_group_name`);
    await q.query(`CREATE UNIQUE INDEX ux_unit_group_name ON unit_group (name)`);
    await q.query(`DROP INDEX ux_unit_name`);
    await q.query(`CREATE UNIQUE INDEX ux_unit_name ON unit (name)`);
    await q.query(`DROP INDEX ux_reminder_delivery_day`);
    await q.query(`
      CREATE UNIQUE INDEX ux_reminder_delivery_day
      ON reminder_delivery (COALESCE(unit_id, '00000000-0000-0000-0000-000000000000'::uuid), audience, channel, day)`);
    await q.query(`DROP TRIGGER tr_reminder_delivery_organization ON reminder_delivery`);
    await q.query(`DROP FUNCTION organization_of_delivery()`);
    await q.query(`ALTER TABLE reminder_delivery DROP COLUMN organization_id`);
    for (const [table] of INHERITED) {
      await q.query(`DROP TRIGGER tr_${table}_organization ON ${table}`);
      await q.query(`ALTER TABLE ${table} DROP COLUMN organization_id`);
    }
    for (const parent of ['plan', 'task', 'unit_group', 'progress_report']) await q.query(`DROP FUNCTION organization_of_${parent}()`);
    await q.query(`ALTER TABLE audit_event DROP COLUMN organization_id`);
    for (const table of OWNED) await q.query(`ALTER TABLE ${table} DROP COLUMN organization_id`);
    await q.query(`DROP FUNCTION organization_subtree(uuid)`);
    await q.query(`DROP TABLE organization`);
  }
}
