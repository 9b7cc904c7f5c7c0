import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReminderScanIndexes1764001300000 implements MigrationInterface {
  name = 'ReminderScanIndexes1764001300000';

  async up(q: QueryRunner): Promise<void> {
    // Digest planning reads the last week of reminders and of digests: by index once months of history pile up.
    await q.query(`CREATE INDEX ix_reminder_created ON reminder (created_at)`);
    await q.query(`CREATE INDEX ix_reminder_delivery_created ON reminder_delivery (created_at)`);
    // Queueing walks the unsent email and webhook digests in id order, a batch at a time.
    await q.query(`CREATE INDEX ix_reminder_delivery_pending ON reminder_delivery (id) WHERE status = 'pending' AND channel <> 'inbox'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_reminder_delivery_pending`);
    await q.query(`DROP INDEX ix_reminder_delivery_created`);
    await q.query(`DROP INDEX ix_reminder_created`);
  }
}
