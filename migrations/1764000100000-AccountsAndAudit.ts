import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AccountsAndAudit1764000100000 implements MigrationInterface {
  name = 'AccountsAndAudit1764000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL,
        display_name text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL,
        unit_id uuid REFERENCES unit (id) ON DELETE RESTRICT,
        active boolean NOT NULL DEFAULT true,
        token_version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_app_user_role CHECK (role IN ('admin', 'supervisor', 'unit_user', 'leader')),
        CONSTRAINT ck_app_user_unit CHECK ((role = 'unit_user') = (unit_id IS NOT NULL)),
        CONSTRAINT ck_app_user_username CHECK (username = lower(btrim(username)) AND username <> ''),
        CONSTRAINT ck_app_user_password_hash CHECK (password_hash LIKE '$argon2id$%')
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_app_user_username ON app_user (username)`);
    await q.query(`CREATE INDEX ix_app_user_unit ON app_user (unit_id) WHERE unit_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE audit_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid,
        actor_username text NOT NULL,
        action text NOT NULL,
        entity text NOT NULL,
        entity_id text,
        before jsonb,
        after jsonb,
        request_id text,
        ip text
      )`);
    await q.query(`CREATE INDEX ix_audit_event_entity ON audit_event (entity, entity_id, at)`);
    await q.query(`CREATE INDEX ix_audit_event_actor ON audit_event (actor_id, at)`);
    await q.query(`CREATE INDEX ix_audit_event_at ON audit_event (at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_event`);
    await q.query(`DROP TABLE app_user`);
  }
}
