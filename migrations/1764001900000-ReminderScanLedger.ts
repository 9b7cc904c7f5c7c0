import type { MigrationInterface, QueryRunner } from 'typeorm';

/** How a tracked table's rows name their plan. */
type PlanOf = 'plan_id' | 'task_id' | 'id';
type RowEvent = 'INSERT' | 'UPDATE' | 'DELETE';

interface Tracked {
  table: string;
  /** The column the UPDATE transition tables are joined on. */
  key: string;
  planOf: PlanOf;
  /** The scan's inputs among the columns: an UPDATE that changes none of them changes nothing the scan reads. */
  inputs: string[] | 'every update';
  events: RowEvent[];
}

const EVERY_EVENT: RowEvent[] = ['INSERT', 'UPDATE', 'DELETE'];

/**
 * Every table the reminder scan reads, and what of it the scan reads. The scan skips a plan when nothing it reads
 * of that plan changed since it scanned the plan for the same day, so anything that can change a plan's reminders,
 * their count or its warnings must be here: tasks (plan, due date, number), status changes (task_event), assignments
 * (unit, role, 签收, assignment day), progress reports (task, unit, period), the plan's reporting schedule and
 * title, its policy, and reminders deleted (a scan makes them again).
 */
const TRACKED: Tracked[] = [
  { table: 'task', key: 'id', planOf: 'plan_id', inputs: ['plan_id', 'due_date', 'number'], events: EVERY_EVENT },
  // A new plan has no ledger row (it is scanned anyway); a deleted one takes its tasks and ledger row with it.
  { table: 'plan', key: 'id', planOf: 'id', inputs: ['start_date', 'reporting_cycle', 'report_cutoff_day', 'title'], events: ['UPDATE'] },
  { table: 'reminder_policy', key: 'plan_id', planOf: 'plan_id', inputs: 'every update', events: EVERY_EVENT },
  { table: 'task_event', key: 'id', planOf: 'task_id', inputs: ['task_id', 'to_status', 'at'], events: EVERY_EVENT },
  {
    table: 'task_assignment',
    key: 'id',
    planOf: 'task_id',
    inputs: ['task_id', 'unit_id', 'role', 'position', 'assigned_at', 'acknowledged_at'],
    events: EVERY_EVENT,
  },
  { table: 'progress_report', key: 'id', planOf: 'task_id', inputs: ['task_id', 'unit_id', 'period'], events: EVERY_EVENT },
  // Inserting reminders cannot make a scan create more; deleting them can.
  { table: 'reminder', key: 'id', planOf: 'plan_id', inputs: ['plan_id', 'unique_key'], events: ['UPDATE', 'DELETE'] },
];

/** The plan of each row of the transition table behind `alias`: a join to add (or none) and the expression. */
function planOf(tracked: Tracked, alias: string): { join: string; plan: string } {
  if (tracked.planOf === 'task_id') {
    return { join: `LEFT JOIN task t_${alias} ON t_${alias}.id = ${alias}.task_id`, plan: `t_${alias}.plan_id` };
  }
  return { join: '', plan: `${alias}.${tracked.planOf}` };
}

const MARK = `INSERT INTO reminder_scan_change (plan_id)`;

/** The trigger function of one tracked table: each statement notes the plans it changed (once per plan). */
function markFunction(tracked: Tracked): string {
  const inserted = planOf(tracked, 'n');
  const deleted = planOf(tracked, 'o');
  const changed =
    tracked.inputs === 'every update'
      ? 'true'
      : `(${tracked.inputs.map((c) => `o.${c}`).join(', ')}) IS DISTINCT FROM (${tracked.inputs.map((c) => `n.${c}`).join(', ')})`;
  return `
    CREATE FUNCTION reminder_scan_mark_${tracked.table}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        ${MARK} SELECT DISTINCT ${inserted.plan} FROM new_rows n ${inserted.join} WHERE ${inserted.plan} IS NOT NULL;
      ELSIF TG_OP = 'DELETE' THEN
        ${MARK} SELECT DISTINCT ${deleted.plan} FROM old_rows o ${deleted.join} WHERE ${deleted.plan} IS NOT NULL;
      ELSE
        ${MARK}
        SELECT DISTINCT x.plan_id
          FROM old_rows o JOIN new_rows n ON n.${tracked.key} = o.${tracked.key} ${deleted.join} ${inserted.join}
         CROSS JOIN LATERAL (VALUES (${deleted.plan}), (${inserted.plan})) AS x(plan_id)
         WHERE ${changed} AND x.plan_id IS NOT NULL;
      END IF;
      RETURN NULL;
    END $$`;
}

/**
 * The reminder scan's ledger (issue 11: a repeat scan that creates nothing takes seconds). reminder_scan_plan holds,
 * per plan, the last day it was scanned for, how many reminders that scan found due (candidates) and the warnings
 * it gave. reminder_scan_change is an append-only log of plans changed since: statement-level triggers on every
 * table the scan reads add one row per plan a statement changed (a NULL plan: every plan, e.g. a calendar change or
 * a TRUNCATE). Writers only ever insert into it, so no progress report or status change waits for another's row
 * lock. The scan, under its advisory lock, deletes the changes it can see and rescans their plans and every plan
 * without a ledger row for the day; a change committed after that delete stays in the log for the next scan.
 */
export class ReminderScanLedger1764001900000 implements MigrationInterface {
  name = 'ReminderScanLedger1764001900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE reminder_scan_change (plan_id uuid)`);
    await q.query(`
      CREATE TABLE reminder_scan_plan (
        plan_id uuid PRIMARY KEY REFERENCES plan (id) ON DELETE CASCADE,
        as_of date NOT NULL,
        candidates int NOT NULL,
        warnings jsonb NOT NULL,
        scanned_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE FUNCTION reminder_scan_mark_every_plan() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${MARK} VALUES (NULL);
        RETURN NULL;
      END $$`);
    // calendar_day is rewritten only where it changes; a statement that changed no day marks nothing.
    await q.query(`
      CREATE FUNCTION reminder_scan_mark_calendar_day() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          ${MARK} SELECT NULL WHERE EXISTS (SELECT 1 FROM old_rows);
        ELSE
          ${MARK} SELECT NULL WHERE EXISTS (SELECT 1 FROM new_rows);
        END IF;
        RETURN NULL;
      END $$`);
    for (const event of EVERY_EVENT) await q.query(trigger('calendar_day', event));
    await q.query(truncateTrigger('calendar_day'));

    for (const tracked of TRACKED) {
      await q.query(markFunction(tracked));
      for (const event of tracked.events) await q.query(trigger(tracked.table, event));
      await q.query(truncateTrigger(tracked.table));
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['calendar_day', ...TRACKED.map((t) => t.table)]) {
      for (const event of ['insert', 'update', 'delete', 'truncate']) await q.query(`DROP TRIGGER IF EXISTS tg_reminder_scan_${event} ON ${table}`);
      await q.query(`DROP FUNCTION reminder_scan_mark_${table}()`);
    }
    await q.query(`DROP FUNCTION reminder_scan_mark_every_plan()`);
    await q.query(`DROP TABLE reminder_scan_plan`);
    await q.query(`DROP TABLE reminder_scan_change`);
  }
}

function trigger(table: string, event: RowEvent): string {
  const transition = event === 'INSERT' ? 'NEW TABLE AS new_rows' : event === 'DELETE' ? 'OLD TABLE AS old_rows' : 'OLD TABLE AS old_rows NEW TABLE AS new_rows';
  return `CREATE TRIGGER tg_reminder_scan_${event.toLowerCase()} AFTER ${event} ON ${table}
            REFERENCING ${transition} FOR EACH STATEMENT EXECUTE FUNCTION reminder_scan_mark_${table}()`;
}

function truncateTrigger(table: string): string {
  return `CREATE TRIGGER tg_reminder_scan_truncate AFTER TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION reminder_scan_mark_every_plan()`;
}
