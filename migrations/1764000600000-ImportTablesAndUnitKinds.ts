import type { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS_BEFORE = `'department', 'town', 'subdistrict', 'park', 'enterprise', 'institution', 'vertical', 'mass_organization', 'other'`;

export class ImportTablesAndUnitKinds1764000600000 implements MigrationInterface {
  name = 'ImportTablesAndUnitKinds1764000600000';

  async up(q: QueryRunner): Promise<void> {
    // A task table's columns the importer does not map (备注, 工作目标, …), by header, so nothing the office wrote is lost.
    await q.query(`
      ALTER TABLE task ADD COLUMN extra_fields jsonb NOT NULL DEFAULT '{}',
        ADD CONSTRAINT ck_task_extra_fields_object CHECK (jsonb_typeof(extra_fields) = 'object')`);
    // A city's notices assign work to county-level governments (各县(市、区)人民政府), party committee departments
    // (市委宣传部) and the courts and procuratorates as often as to its own departments.
    await q.query(`ALTER TABLE unit DROP CONSTRAINT ck_unit_kind`);
    await q.query(`
      ALTER TABLE unit ADD CONSTRAINT ck_unit_kind CHECK (kind IN (${KINDS_BEFORE}, 'county', 'party', 'judicial'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE unit SET kind = 'other' WHERE kind IN ('county', 'party', 'judicial')`);
    await q.query(`ALTER TABLE unit DROP CONSTRAINT ck_unit_kind`);
    await q.query(`ALTER TABLE unit ADD CONSTRAINT ck_unit_kind CHECK (kind IN (${KINDS_BEFORE}))`);
    await q.query(`ALTER TABLE task DROP CONSTRAINT ck_task_extra_fields_object, DROP COLUMN extra_fields`);
  }
}
