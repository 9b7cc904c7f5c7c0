import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TargetsActualsScoring1764000900000 implements MigrationInterface {
  name = 'TargetsActualsScoring1764000900000';

  async up(q: QueryRunner): Promise<void> {
    // A task's quantitative targets, read from its text at import; a supervisor's edit is kept across re-imports.
    await q.query(`
      CREATE TABLE task_target (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        task_id uuid NOT NULL REFERENCES task (id) ON DELETE CASCADE,
        position smallint NOT NULL,
        metric text NOT NULL,
        verb text,
        comparator text NOT NULL,
        value numeric NOT NULL,
        unit text NOT NULL,
        source_text text,
        edited_by_supervisor boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_task_target_comparator CHECK (comparator IN ('at_least', 'at_most', 'about')),
        CONSTRAINT ck_task_target_metric CHECK (btrim(metric) <> ''),
        CONSTRAINT ck_task_target_unit CHECK (btrim(unit) <> '')
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_task_target_position ON task_target (task_id, position)`);

    // The actual value of a target a progress report gave for its period; append-only like the reports.
    await q.query(`
      CREATE TABLE progress_actual (
        report_id uuid NOT NULL REFERENCES progress_report (id) ON DELETE CASCADE,
        target_id uuid NOT NULL REFERENCES task_target (id) ON DELETE CASCADE,
        value numeric NOT NULL,
        PRIMARY KEY (report_id, target_id)
      )`);
    await q.query(`CREATE INDEX ix_progress_actual_target ON progress_actual (target_id)`);

    // Each plan's 考核 rules; without a row the defaults apply. Scores are computed, never stored.
    await q.query(`
      CREATE TABLE scoring_rule_set (
        plan_id uuid PRIMARY KEY REFERENCES plan (id) ON DELETE CASCADE,
        rules jsonb NOT NULL,
        updated_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE scoring_rule_set`);
    await q.query(`DROP TABLE progress_actual`);
    await q.query(`DROP TABLE task_target`);
  }
}
