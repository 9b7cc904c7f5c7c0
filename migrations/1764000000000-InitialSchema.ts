import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE unit (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        kind text NOT NULL DEFAULT 'department',
        aliases text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_unit_name_not_blank CHECK (btrim(name) <> ''),
        CONSTRAINT ck_unit_kind CHECK (kind IN ('department', 'town', 'subdistrict', 'park', 'enterprise',
          'institution', 'vertical', 'mass_organization', 'other'))
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_unit_name ON unit (name)`);
    await q.query(`CREATE INDEX ix_unit_aliases ON unit USING gin (aliases)`);

    await q.query(`
      CREATE TABLE unit_group (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        aliases text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_unit_group_name_not_blank CHECK (btrim(name) <> '')
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_unit_group_name ON unit_group (name)`);

    await q.query(`
      CREATE TABLE unit_group_member (
        group_id uuid NOT NULL REFERENCES unit_group (id) ON DELETE CASCADE,
        unit_id uuid NOT NULL REFERENCES unit (id) ON DELETE CASCADE,
        CONSTRAINT pk_unit_group_member PRIMARY KEY (group_id, unit_id)
      )`);
    await q.query(`CREATE INDEX ix_unit_group_member_unit ON unit_group_member (unit_id)`);

    await q.query(`
      CREATE TABLE plan (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL,
        year int NOT NULL,
        start_date date NOT NULL,
        end_date date NOT NULL,
        reporting_cycle text NOT NULL DEFAULT 'monthly',
        report_cutoff_day smallint NOT NULL DEFAULT 25,
        source_text text,
        imported_at timestamptz,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_plan_title_not_blank CHECK (btrim(title) <> ''),
        CONSTRAINT ck_plan_year CHECK (year BETWEEN 2000 AND 2100),
        CONSTRAINT ck_plan_dates CHECK (end_date >= start_date),
        CONSTRAINT ck_plan_reporting_cycle CHECK (reporting_cycle IN ('monthly', 'quarterly')),
        CONSTRAINT ck_plan_report_cutoff_day CHECK (report_cutoff_day BETWEEN 1 AND 28)
      )`);
    await q.query(`CREATE INDEX ix_plan_year ON plan (year)`);

    await q.query(`
      CREATE TABLE plan_section (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
        parent_id uuid REFERENCES plan_section (id) ON DELETE CASCADE,
        level smallint NOT NULL,
        ordinal int NOT NULL,
        code text NOT NULL,
        title text NOT NULL,
        CONSTRAINT ck_plan_section_level CHECK (level IN (1, 2)),
        CONSTRAINT ck_plan_section_parent CHECK ((level = 1) = (parent_id IS NULL)),
        CONSTRAINT ck_plan_section_ordinal CHECK (ordinal > 0)
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_plan_section_code ON plan_section (plan_id, code)`);
    await q.query(`CREATE INDEX ix_plan_section_parent ON plan_section (parent_id)`);

    await q.query(`
      CREATE TABLE task (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
        section_id uuid REFERENCES plan_section (id) ON DELETE SET NULL,
        number int NOT NULL,
        content text NOT NULL,
        kind text NOT NULL DEFAULT 'task',
        due_date date NOT NULL,
        status text NOT NULL DEFAULT 'not_started',
        includes_other_units boolean NOT NULL DEFAULT false,
        leaders text[] NOT NULL DEFAULT '{}',
        deadline_text text,
        source_line text,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_task_number CHECK (number > 0),
        CONSTRAINT ck_task_content_not_blank CHECK (btrim(content) <> ''),
        CONSTRAINT ck_task_kind CHECK (kind IN ('task', 'indicator')),
        CONSTRAINT ck_task_status CHECK (status IN ('not_started', 'in_progress', 'completion_requested',
          'completed', 'suspended', 'cancelled'))
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_task_plan_number ON task (plan_id, number)`);
    await q.query(`CREATE INDEX ix_task_section ON task (section_id)`);
    // The hot filter of every supervision view and reminder scan: open tasks by due date.
    await q.query(`
      CREATE INDEX ix_task_open_due ON task (due_date)
      WHERE status IN ('not_started', 'in_progress', 'completion_requested')`);

    await q.query(`
      CREATE TABLE task_assignment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        task_id uuid NOT NULL REFERENCES task (id) ON DELETE CASCADE,
        unit_id uuid NOT NULL REFERENCES unit (id) ON DELETE RESTRICT,
        role text NOT NULL,
        position smallint NOT NULL,
        via_group_id uuid REFERENCES unit_group (id) ON DELETE SET NULL,
        CONSTRAINT ck_task_assignment_role CHECK (role IN ('lead', 'responsible', 'cooperating')),
        CONSTRAINT ck_task_assignment_position CHECK (position >= 0)
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_task_assignment_task_unit ON task_assignment (task_id, unit_id)`);
    await q.query(`CREATE INDEX ix_task_assignment_unit_role ON task_assignment (unit_id, role)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE task_assignment`);
    await q.query(`DROP TABLE task`);
    await q.query(`DROP TABLE plan_section`);
    await q.query(`DROP TABLE plan`);
    await q.query(`DROP TABLE unit_group_member`);
    await q.query(`DROP TABLE unit_group`);
    await q.query(`DROP TABLE unit`);
  }
}
