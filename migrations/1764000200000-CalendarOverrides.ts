import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CalendarOverrides1764000200000 implements MigrationInterface {
  name = 'CalendarOverrides1764000200000';

  async up(q: QueryRunner): Promise<void> {
    // An admin's word on one day; it wins over the bundled State Council schedule and the weekend rule.
    await q.query(`
      CREATE TABLE calendar_override (
        day date PRIMARY KEY,
        is_workday boolean NOT NULL,
        note text,
        updated_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_calendar_override_note CHECK (note IS NULL OR btrim(note) <> '')
      )`);
    // A year listed here has its complete official schedule in calendar_override (days not listed follow
    // Monday–Friday), so it counts as covered even past the bundled data.
    await q.query(`
      CREATE TABLE calendar_year (
        year int PRIMARY KEY,
        loaded_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
        loaded_at timestamptz NOT NULL DEFAULT now(),
        note text,
        CONSTRAINT ck_calendar_year_year CHECK (year BETWEEN 2000 AND 2100),
        CONSTRAINT ck_calendar_year_note CHECK (note IS NULL OR btrim(note) <> '')
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE calendar_year`);
    await q.query(`DROP TABLE calendar_override`);
  }
}
