import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EvidenceFiles1764001000000 implements MigrationInterface {
  name = 'EvidenceFiles1764001000000';

  async up(q: QueryRunner): Promise<void> {
    // The bytes live in the object store under storage_key; a row is written only once its object is stored.
    await q.query(`
      CREATE TABLE evidence_file (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        task_id uuid NOT NULL REFERENCES task (id) ON DELETE CASCADE,
        storage_key text NOT NULL,
        file_name text NOT NULL,
        content_type text NOT NULL,
        size_bytes bigint NOT NULL,
        sha256 text NOT NULL,
        uploaded_by uuid NOT NULL REFERENCES app_user (id) ON DELETE RESTRICT,
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        attached_kind text,
        attached_id uuid,
        attached_at timestamptz,
        CONSTRAINT ux_evidence_file_storage_key UNIQUE (storage_key),
        CONSTRAINT ck_evidence_file_sha256 CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        CONSTRAINT ck_evidence_file_size CHECK (size_bytes > 0),
        CONSTRAINT ck_evidence_file_name CHECK (btrim(file_name) <> ''),
        CONSTRAINT ck_evidence_file_kind CHECK (attached_kind IN ('progress_report', 'completion_request', 'extension_request')),
        CONSTRAINT ck_evidence_file_attached CHECK ((attached_kind IS NULL) = (attached_id IS NULL) AND (attached_kind IS NULL) = (attached_at IS NULL))
      )`);
    await q.query(`CREATE INDEX ix_evidence_file_task ON evidence_file (task_id, uploaded_at)`);
    await q.query(`CREATE INDEX ix_evidence_file_attached ON evidence_file (attached_kind, attached_id) WHERE attached_id IS NOT NULL`);
    await q.query(`ALTER TABLE plan ADD COLUMN completion_evidence_required boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE plan DROP COLUMN completion_evidence_required`);
    await q.query(`DROP TABLE evidence_file`);
  }
}
