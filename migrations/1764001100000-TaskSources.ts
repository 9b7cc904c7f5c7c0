import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TaskSources1764001100000 implements MigrationInterface {
  name = 'TaskSources1764001100000';

  async up(q: QueryRunner): Promise<void> {
    // Where a task comes from (a notice, 领导批示, 会议议定事项, 人大建议/政协提案) and whether a supervisor added it
    // by hand: a re-import of the notice matches, updates and reports only the tasks it made.
    await q.query(`
      ALTER TABLE task
        ADD COLUMN origin text NOT NULL DEFAULT 'import',
        ADD COLUMN source_kind text NOT NULL DEFAULT 'notice',
        ADD COLUMN source_document_number text,
        ADD COLUMN source_date date,
        ADD CONSTRAINT ck_task_origin CHECK (origin IN ('import', 'manual')),
        ADD CONSTRAINT ck_task_source_kind CHECK (source_kind IN ('notice', 'instruction', 'meeting', 'proposal', 'other'))`);
    await q.query(`CREATE INDEX ix_task_plan_source_kind ON task (plan_id, source_kind)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_task_plan_source_kind`);
    await q.query(`
      ALTER TABLE task DROP CONSTRAINT ck_task_source_kind, DROP CONSTRAINT ck_task_origin,
        DROP COLUMN source_date, DROP COLUMN source_document_number, DROP COLUMN source_kind, DROP COLUMN origin`);
  }
}
