import type { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS_BEFORE = `'due_soon', 'report_missing', 'overdue', 'escalation', 'urge'`;

export class Acknowledgements1764000500000 implements MigrationInterface {
  name = 'Acknowledgements1764000500000';

  async up(q: QueryRunner): Promise<void> {
    // When each unit was given the task; assignments made before this column existed date from their task.
    await q.query(`ALTER TABLE task_assignment ADD COLUMN assigned_at timestamptz`);
    await q.query(`UPDATE task_assignment a SET assigned_at = t.created_at FROM task t WHERE t.id = a.task_id`);
    await q.query(`ALTER TABLE task_assignment ALTER COLUMN assigned_at SET DEFAULT now(), ALTER COLUMN assigned_at SET NOT NULL`);

    // 签收: the unit's first acknowledgement, by the 签收 button or by working on the task (a report, a 销号 request).
    await q.query(`ALTER TABLE task_assignment ADD COLUMN acknowledged_at timestamptz`);
    await q.query(`ALTER TABLE task_assignment ADD COLUMN acknowledged_by uuid REFERENCES app_user (id) ON DELETE SET NULL`);
    await q.query(`ALTER TABLE task_assignment ADD COLUMN acknowledged_via text`);
    await q.query(`
      ALTER TABLE task_assignment ADD CONSTRAINT ck_task_assignment_acknowledged CHECK (
        (acknowledged_at IS NULL) = (acknowledged_via IS NULL)
        AND (acknowledged_via IS NULL OR acknowledged_via IN ('acknowledge', 'progress', 'completion_request')))`);
    // A unit that already worked on a task has seen it: its first own report (or 销号 request) is its 签收.
    await q.query(`
      UPDATE task_assignment a SET acknowledged_at = w.at, acknowledged_by = w.by, acknowledged_via = w.via
        FROM (SELECT DISTINCT ON (task_id, unit_id) task_id, unit_id, at, by, via
                FROM (SELECT task_id, unit_id, created_at AS at, reported_by AS by, 'progress' AS via
                        FROM progress_report WHERE NOT on_behalf
                      UNION ALL
                      SELECT c.task_id, c.unit_id, c.requested_at, c.requested_by, 'completion_request'
                        FROM completion_request c JOIN app_user u ON u.id = c.requested_by AND u.role = 'unit_user') work
               ORDER BY task_id, unit_id, at) w
       WHERE w.task_id = a.task_id AND w.unit_id = a.unit_id`);
    // The 未签收 list and the reminder scan look up the unsigned assignments only.
    await q.query(`CREATE INDEX ix_task_assignment_unacknowledged ON task_assignment (unit_id, task_id) WHERE acknowledged_at IS NULL`);

    await q.query(`ALTER TABLE reminder_policy ADD COLUMN acknowledge_within_workdays smallint NOT NULL DEFAULT 2`);
    await q.query(`ALTER TABLE reminder_policy ADD CONSTRAINT ck_reminder_policy_acknowledge CHECK (acknowledge_within_workdays BETWEEN 0 AND 30)`);
    await q.query(`ALTER TABLE reminder DROP CONSTRAINT ck_reminder_kind`);
    await q.query(`ALTER TABLE reminder ADD CONSTRAINT ck_reminder_kind CHECK (kind IN (${KINDS_BEFORE}, 'unacknowledged'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM reminder WHERE kind = 'unacknowledged'`);
    await q.query(`ALTER TABLE reminder DROP CONSTRAINT ck_reminder_kind`);
    await q.query(`ALTER TABLE reminder ADD CONSTRAINT ck_reminder_kind CHECK (kind IN (${KINDS_BEFORE}))`);
    await q.query(`ALTER TABLE reminder_policy DROP CONSTRAINT ck_reminder_policy_acknowledge`);
    await q.query(`ALTER TABLE reminder_policy DROP COLUMN acknowledge_within_workdays`);
    await q.query(`DROP INDEX ix_task_assignment_unacknowledged`);
    await q.query(`ALTER TABLE task_assignment DROP CONSTRAINT ck_task_assignment_acknowledged`);
    await q.query(`ALTER TABLE task_assignment DROP COLUMN acknowledged_via`);
    await q.query(`ALTER TABLE task_assignment DROP COLUMN acknowledged_by`);
    await q.query(`ALTER TABLE task_assignment DROP COLUMN acknowledged_at`);
    await q.query(`ALTER TABLE task_assignment DROP COLUMN assigned_at`);
  }
}
