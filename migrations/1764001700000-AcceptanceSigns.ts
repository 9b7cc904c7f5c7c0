import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A lower organization accepting a handed-down task (上级交办) is the 签收 of the unit that stands for it in the
 * parent organization: that unit has no users of its own, so nobody else could ever sign for it, and the parent's
 * 签收 reminders and board would chase it forever.
 */
export class AcceptanceSigns1764001700000 implements MigrationInterface {
  name = 'AcceptanceSigns1764001700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE task_assignment DROP CONSTRAINT ck_task_assignment_acknowledged`);
    await q.query(`
      ALTER TABLE task_assignment ADD CONSTRAINT ck_task_assignment_acknowledged CHECK (
        (acknowledged_at IS NULL) = (acknowledged_via IS NULL)
        AND (acknowledged_via IS NULL OR acknowledged_via IN ('acknowledge', 'progress', 'completion_request', 'accept')))`);
    // Deliveries accepted before this migration sign now, at their acceptance.
    await q.query(`
      UPDATE task_assignment a SET acknowledged_at = i.accepted_at, acknowledged_by = i.accepted_by, acknowledged_via = 'accept'
        FROM incoming_task i
       WHERE i.accepted_at IS NOT NULL AND a.task_id = i.parent_task_id AND a.unit_id = i.via_unit_id AND a.acknowledged_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE task_assignment SET acknowledged_at = NULL, acknowledged_by = NULL, acknowledged_via = NULL WHERE acknowledged_via = 'accept'`);
    await q.query(`ALTER TABLE task_assignment DROP CONSTRAINT ck_task_assignment_acknowledged`);
    await q.query(`
      ALTER TABLE task_assignment ADD CONSTRAINT ck_task_assignment_acknowledged CHECK (
        (acknowledged_at IS NULL) = (acknowledged_via IS NULL)
        AND (acknowledged_via IS NULL OR acknowledged_via IN ('acknowledge', 'progress', 'completion_request')))`);
  }
}
