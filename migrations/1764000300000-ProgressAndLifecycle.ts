import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ProgressAndLifecycle1764000300000 implements MigrationInterface {
  name = 'ProgressAndLifecycle1764000300000';

  async up(q: QueryRunner): Promise<void> {
    // Append-only: a correction is a new row, so nothing a department reported is ever overwritten.
    await q.query(`
      CREATE TABLE progress_report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        task_id uuid NOT NULL REFERENCES task (id) ON DELETE CASCADE,
        unit_id uuid NOT NULL REFERENCES unit (id) ON DELETE RESTRICT,
        period text NOT NULL,
        summary text NOT NULL,
        percent smallint NOT NULL,
        problems text,
        next_steps text,
        reported_by uuid NOT NULL REFERENCES app_user (id) ON DELETE RESTRICT,
        on_behalf boolean NOT NULL DEFAULT false,
        idempotency_key text,
        request_hash text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_progress_report_percent CHECK (percent BETWEEN 0 AND 100),
        CONSTRAINT ck_progress_report_period CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$'),
        CONSTRAINT ck_progress_report_summary CHECK (btrim(summary) <> '')
      )`);
    await q.query(`
      CREATE UNIQUE INDEX ux_progress_report_idempotency ON progress_report (reported_by, idempotency_key)
      WHERE idempotency_key IS NOT NULL`);
    await q.query(`CREATE INDEX ix_progress_report_task ON progress_report (task_id, created_at)`);
    await q.query(`CREATE INDEX ix_progress_report_unit_period ON progress_report (unit_id, period)`);

    await q.query(`
      CREATE TABLE task_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        task_id uuid NOT NULL REFERENCES task (id) ON DELETE CASCADE,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid,
        actor_username text NOT NULL,
        action text NOT NULL,
        from_status text,
        to_status text,
        comment text,
        data jsonb
      )`);
    await q.query(`CREATE INDEX ix_task_event_task ON task_event (task_id, at)`);

    await q.query(`
      CREATE TABLE completion_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        task_id uuid NOT NULL REFERENCES task (id) ON DELETE CASCADE,
        unit_id uuid NOT NULL REFERENCES unit (id) ON DELETE RESTRICT,
        summary text NOT NULL,
        requested_by uuid NOT NULL REFERENCES app_user (id) ON DELETE RESTRICT,
        requested_at timestamptz NOT NULL DEFAULT now(),
        decision text,
        comment text,
        decided_by uuid REFERENCES app_user (id) ON DELETE RESTRICT,
        decided_at timestamptz,
        CONSTRAINT ck_completion_request_decision CHECK (decision IN ('approve', 'return')),
        CONSTRAINT ck_completion_request_decided CHECK ((decision IS NULL) = (decided_at IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_completion_request_open ON completion_request (task_id) WHERE decision IS NULL`);

    await q.query(`
      CREATE TABLE extension_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        task_id uuid NOT NULL REFERENCES task (id) ON DELETE CASCADE,
        unit_id uuid NOT NULL REFERENCES unit (id) ON DELETE RESTRICT,
        previous_due_date date NOT NULL,
        requested_due_date date NOT NULL,
        reason text NOT NULL,
        requested_by uuid NOT NULL REFERENCES app_user (id) ON DELETE RESTRICT,
        requested_at timestamptz NOT NULL DEFAULT now(),
        decision text,
        comment text,
        decided_by uuid REFERENCES app_user (id) ON DELETE RESTRICT,
        decided_at timestamptz,
        CONSTRAINT ck_extension_request_later CHECK (requested_due_date > previous_due_date),
        CONSTRAINT ck_extension_request_decision CHECK (decision IN ('approve', 'reject')),
        CONSTRAINT ck_extension_request_decided CHECK ((decision IS NULL) = (decided_at IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_extension_request_open ON extension_request (task_id) WHERE decision IS NULL`);

    await q.query(`
      CREATE TABLE milestone (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        task_id uuid NOT NULL REFERENCES task (id) ON DELETE CASCADE,
        title text NOT NULL,
        due_date date NOT NULL,
        done_at timestamptz,
        created_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_milestone_title CHECK (btrim(title) <> '')
      )`);
    await q.query(`CREATE INDEX ix_milestone_task ON milestone (task_id, due_date)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE milestone`);
    await q.query(`DROP TABLE extension_request`);
    await q.query(`DROP TABLE completion_request`);
    await q.query(`DROP TABLE task_event`);
    await q.query(`DROP TABLE progress_report`);
  }
}
