import type { MigrationInterface, QueryRunner } from 'typeorm';

type RowEvent = 'INSERT' | 'UPDATE' | 'DELETE';

/**
 * How a changed row of a table names its plan, for transition table `x`: the joins to add and the plan expression.
 * A row whose plan cannot be found (its task deleted in the same statement) logs NULL: every plan.
 */
interface Logged {
  table: string;
  joins?: (x: string) => string;
  plan: (x: string) => string;
}

const viaTask = (x: string) => `LEFT JOIN task t_${x} ON t_${x}.id = ${x}.task_id`;

/**
 * Every table the cached supervision views (register, overdue board, unit standings, summary) and their access
 * check read. unit and calendar_day name no plan: a change there logs NULL, every plan.
 */
const LOGGED: Logged[] = [
  { table: 'plan', plan: (x) => `${x}.id` },
  { table: 'plan_section', plan: (x) => `${x}.plan_id` },
  { table: 'reminder_policy', plan: (x) => `${x}.plan_id` },
  { table: 'task', plan: (x) => `${x}.plan_id` },
  { table: 'task_assignment', joins: viaTask, plan: (x) => `t_${x}.plan_id` },
  { table: 'task_event', joins: viaTask, plan: (x) => `t_${x}.plan_id` },
  { table: 'progress_report', joins: viaTask, plan: (x) => `t_${x}.plan_id` },
  { table: 'task_target', joins: viaTask, plan: (x) => `t_${x}.plan_id` },
  {
    table: 'progress_actual',
    joins: (x) => `LEFT JOIN task_target g_${x} ON g_${x}.id = ${x}.target_id LEFT JOIN task t_${x} ON t_${x}.id = g_${x}.task_id`,
    plan: (x) => `t_${x}.plan_id`,
  },
  { table: 'unit', plan: () => 'NULL::uuid' },
  { table: 'calendar_day', plan: () => 'NULL::uuid' },
];

const EVENTS: RowEvent[] = ['INSERT', 'UPDATE', 'DELETE'];

function plansOf(logged: Logged, rows: 'new_rows' | 'old_rows'): string {
  const x = rows === 'new_rows' ? 'n' : 'o';
  return `SELECT DISTINCT ${logged.plan(x)} FROM ${rows} ${x} ${logged.joins?.(x) ?? ''}`;
}

/** The trigger function of one logged table: each statement logs the plans it changed, once each. */
function logFunction(logged: Logged): string {
  return `
    CREATE FUNCTION view_change_log_${logged.table}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        INSERT INTO view_change (plan_id) ${plansOf(logged, 'new_rows')};
      ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO view_change (plan_id) ${plansOf(logged, 'old_rows')};
      ELSE
        INSERT INTO view_change (plan_id) ${plansOf(logged, 'old_rows')} UNION ${plansOf(logged, 'new_rows')};
      END IF;
      RETURN NULL;
    END $$`;
}

/**
 * The log behind the supervision views' answer cache (src/supervision/view-cache.ts): statement-level triggers on
 * every table the views read append, per statement, each plan it changed with the writing transaction's id. An
 * answer computed from a snapshot stays good while no logged change of its plan (or of every plan) is missing from
 * that snapshot: one indexed probe (xid8 ≥ the snapshot's xmin, `pg_visible_in_snapshot`) decides it, for writes of
 * any process, committed before the probe. Writers only insert (no lock on a shared row); rows older than a day are
 * pruned by the api (ViewChangeRepository.prune), and an answer is kept an hour at most.
 */
export class ViewChangeLog1764002200000 implements MigrationInterface {
  name = 'ViewChangeLog1764002200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE view_change (
        plan_id uuid,
        xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX ix_view_change_plan_xid ON view_change (plan_id, xid)`);
    await q.query(`
      CREATE FUNCTION view_change_log_every_plan() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO view_change (plan_id) VALUES (NULL);
        RETURN NULL;
      END $$`);
    for (const logged of LOGGED) {
      await q.query(logFunction(logged));
      for (const event of EVENTS) {
        const transition =
          event === 'INSERT' ? 'NEW TABLE AS new_rows' : event === 'DELETE' ? 'OLD TABLE AS old_rows' : 'OLD TABLE AS old_rows NEW TABLE AS new_rows';
        await q.query(`
          CREATE TRIGGER tg_view_change_${event.toLowerCase()} AFTER ${event} ON ${logged.table}
            REFERENCING ${transition} FOR EACH STATEMENT EXECUTE FUNCTION view_change_log_${logged.table}()`);
      }
      await q.query(`
        CREATE TRIGGER tg_view_change_truncate AFTER TRUNCATE ON ${logged.table}
          FOR EACH STATEMENT EXECUTE FUNCTION view_change_log_every_plan()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const { table } of LOGGED) {
      for (const event of ['insert', 'update', 'delete', 'truncate']) await q.query(`DROP TRIGGER tg_view_change_${event} ON ${table}`);
      await q.query(`DROP FUNCTION view_change_log_${table}()`);
    }
    await q.query(`DROP FUNCTION view_change_log_every_plan()`);
    await q.query(`DROP TABLE view_change`);
  }
}
