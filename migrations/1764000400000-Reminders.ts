import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Reminders1764000400000 implements MigrationInterface {
  name = 'Reminders1764000400000';

  async up(q: QueryRunner): Promise<void> {
    // Where a unit's digests go besides the in-app inbox.
    await q.query(`ALTER TABLE unit ADD COLUMN contact_emails text[] NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE unit ADD COLUMN webhook_url text`);
    await q.query(`ALTER TABLE unit ADD COLUMN webhook_format text NOT NULL DEFAULT 'generic'`);
    await q.query(`ALTER TABLE unit ADD CONSTRAINT ck_unit_webhook_format CHECK (webhook_format IN ('generic', 'dingtalk', 'wecom'))`);

    await q.query(`
      CREATE TABLE reminder_policy (
        plan_id uuid PRIMARY KEY REFERENCES plan (id) ON DELETE CASCADE,
        enabled boolean NOT NULL DEFAULT true,
        due_soon_workdays smallint NOT NULL DEFAULT 3,
        overdue_repeat_workdays smallint NOT NULL DEFAULT 5,
        escalate_after_workdays smallint NOT NULL DEFAULT 10,
        report_missing boolean NOT NULL DEFAULT true,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_reminder_policy_ranges CHECK (
          due_soon_workdays BETWEEN 0 AND 30 AND overdue_repeat_workdays BETWEEN 1 AND 60
          AND escalate_after_workdays BETWEEN 1 AND 250)
      )`);

    // One row per thing to say; the unique key makes every scan, retry or race insert it at most once.
    await q.query(`
      CREATE TABLE reminder (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        unique_key text NOT NULL,
        plan_id uuid NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
        task_id uuid NOT NULL REFERENCES task (id) ON DELETE CASCADE,
        unit_id uuid REFERENCES unit (id) ON DELETE CASCADE,
        audience text NOT NULL DEFAULT 'unit',
        kind text NOT NULL,
        level smallint NOT NULL DEFAULT 1,
        due_date date NOT NULL,
        period text,
        workdays_overdue int,
        message text NOT NULL,
        created_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        read_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
        CONSTRAINT ck_reminder_kind CHECK (kind IN ('due_soon', 'report_missing', 'overdue', 'escalation', 'urge')),
        CONSTRAINT ck_reminder_level CHECK (level IN (1, 2)),
        CONSTRAINT ck_reminder_audience CHECK ((audience = 'unit') = (unit_id IS NOT NULL) AND audience IN ('unit', 'supervisors'))
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_reminder_key ON reminder (unique_key)`);
    await q.query(`CREATE INDEX ix_reminder_unit_created ON reminder (unit_id, created_at)`);
    await q.query(`CREATE INDEX ix_reminder_task ON reminder (task_id, created_at)`);
    await q.query(`CREATE INDEX ix_reminder_unread ON reminder (unit_id) WHERE read_at IS NULL`);

    // One digest per recipient, channel and day; recipient is a unit or the supervisors' office.
    await q.query(`
      CREATE TABLE reminder_delivery (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        unit_id uuid REFERENCES unit (id) ON DELETE CASCADE,
        audience text NOT NULL DEFAULT 'unit',
        channel text NOT NULL,
        day date NOT NULL,
        reminder_ids uuid[] NOT NULL,
        status text NOT NULL DEFAULT 'pending',
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        last_attempt_at timestamptz,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_reminder_delivery_channel CHECK (channel IN ('inbox', 'email', 'webhook')),
        CONSTRAINT ck_reminder_delivery_status CHECK (status IN ('pending', 'sent', 'failed')),
        CONSTRAINT ck_reminder_delivery_audience CHECK ((audience = 'unit') = (unit_id IS NOT NULL) AND audience IN ('unit', 'supervisors'))
      )`);
    await q.query(`
      CREATE UNIQUE INDEX ux_reminder_delivery_day
      ON reminder_delivery (COALESCE(unit_id, '00000000-0000-0000-0000-000000000000'::uuid), audience, channel, day)`);
    await q.query(`CREATE INDEX ix_reminder_delivery_failed ON reminder_delivery (day) WHERE status = 'failed'`);
    await q.query(`CREATE INDEX ix_reminder_delivery_reminders ON reminder_delivery USING gin (reminder_ids)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reminder_delivery`);
    await q.query(`DROP TABLE reminder`);
    await q.query(`DROP TABLE reminder_policy`);
    await q.query(`ALTER TABLE unit DROP CONSTRAINT ck_unit_webhook_format`);
    await q.query(`ALTER TABLE unit DROP COLUMN webhook_format`);
    await q.query(`ALTER TABLE unit DROP COLUMN webhook_url`);
    await q.query(`ALTER TABLE unit DROP COLUMN contact_emails`);
  }
}
