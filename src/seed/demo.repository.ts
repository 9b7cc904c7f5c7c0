import type { Actor } from '../access/actor';
import { isoDate, shanghaiDay } from '../common/sql-dates';
import { exec, one, rows, type Db } from '../database/sql';

/** A plan's task with its units, lead and responsible first, as the demo planner reads it. */
export interface DemoTaskRow {
  id: string;
  number: number;
  dueDate: string;
  units: string[];
  roles: string[];
}

/** An unread unit reminder and what identifies it stably across runs. */
export interface UnreadReminder {
  id: string;
  unitId: string;
  kind: string;
  number: number;
  unitName: string;
  /** The Beijing day it came. */
  created: string;
}

/**
 * Every column that stamps when something happened. The services stamp the real clock; the demo history moves
 * what a day's work wrote to that day, because the lights, the reminder scan and the audit read these as of a day.
 */
export const STAMPS: ReadonlyArray<readonly [table: string, column: string]> = [
  ['task_event', 'at'],
  ['progress_report', 'created_at'],
  ['task_assignment', 'assigned_at'],
  ['task_assignment', 'acknowledged_at'],
  ['completion_request', 'requested_at'],
  ['completion_request', 'decided_at'],
  ['extension_request', 'requested_at'],
  ['extension_request', 'decided_at'],
  ['reminder', 'created_at'],
  ['reminder', 'read_at'],
  ['reminder_delivery', 'created_at'],
  ['reminder_delivery', 'sent_at'],
  ['audit_event', 'at'],
  ['incoming_task', 'received_at'],
  ['incoming_task', 'accepted_at'],
];

/** The demo seed's own reads, and the rewrite of history that dates a demo day's work to that day. */
export class DemoRepository {
  constructor(private readonly db: Db) {}

  /** Whether the database holds no unit and no plan yet. */
  async isEmpty(): Promise<boolean> {
    const row = await one<{ used: boolean }>(this.db, `SELECT EXISTS (SELECT 1 FROM unit) OR EXISTS (SELECT 1 FROM plan) AS used`);
    return !row!.used;
  }

  async reportCutoffDay(planId: string): Promise<number> {
    const plan = await one<{ report_cutoff_day: number }>(this.db, `SELECT report_cutoff_day FROM plan WHERE id = $1`, [planId]);
    return plan!.report_cutoff_day;
  }

  async counts(): Promise<{ reports: number; reminders: number }> {
    return (await one<{ reports: number; reminders: number }>(
      this.db,
      `SELECT (SELECT count(*)::int FROM progress_report) AS reports, (SELECT count(*)::int FROM reminder) AS reminders`,
    ))!;
  }

  /** The plan's tasks in number order, each with its units ordered by role and position. */
  async tasksWithUnits(planId: string): Promise<DemoTaskRow[]> {
    const found = await rows<{ id: string; number: number; due_date: string; units: string[]; roles: string[] }>(
      this.db,
      `SELECT t.id, t.number, ${isoDate('t.due_date')} AS due_date,
              array_agg(a.unit_id ORDER BY a.role, a.position) AS units, array_agg(a.role ORDER BY a.role, a.position) AS roles
         FROM task t JOIN task_assignment a ON a.task_id = t.id
        WHERE t.plan_id = $1 GROUP BY t.id ORDER BY t.number`,
      [planId],
    );
    return found.map((r) => ({ id: r.id, number: r.number, dueDate: r.due_date, units: r.units, roles: r.roles }));
  }

  /** The active users as actors, by username. */
  async activeActors(): Promise<Actor[]> {
    const found = await rows<{ id: string; username: string; role: Actor['role']; unit_id: string | null; organization_id: string; tree: string[] }>(
      this.db,
      `SELECT u.id, u.username, u.role, u.unit_id, u.organization_id,
              array(SELECT s.id FROM organization_subtree(u.organization_id) s ORDER BY s.depth, s.id) AS tree
         FROM app_user u WHERE u.active ORDER BY u.username`,
    );
    return found.map((r) => ({
      userId: r.id,
      username: r.username,
      role: r.role,
      unitId: r.unit_id,
      organizationId: r.organization_id,
      organizationTree: r.tree,
    }));
  }

  /** Unread unit reminders that came in the week before `day` (Beijing time), in a stable order. */
  async unreadUnitRemindersOfWeekBefore(day: string): Promise<UnreadReminder[]> {
    const found = await rows<{ id: string; unit_id: string; kind: string; number: number; unit_name: string; created: string }>(
      this.db,
      `SELECT r.id, r.unit_id, r.kind, t.number, u.name AS unit_name, ${shanghaiDay('r.created_at')} AS created
         FROM reminder r JOIN task t ON t.id = r.task_id JOIN unit u ON u.id = r.unit_id
        WHERE r.audience = 'unit' AND r.read_at IS NULL
          AND r.created_at >= ($1::date - 7)::timestamp AT TIME ZONE 'Asia/Shanghai'
          AND r.created_at < $1::date::timestamp AT TIME ZONE 'Asia/Shanghai'
        ORDER BY t.number, u.name, r.kind, r.created_at`,
      [day],
    );
    return found.map((r) => ({ id: r.id, unitId: r.unit_id, kind: r.kind, number: r.number, unitName: r.unit_name, created: r.created }));
  }

  /** The database's clock now (not the transaction's start), where a day's work begins. */
  async clockNow(): Promise<Date> {
    return (await one<{ since: Date }>(this.db, `SELECT clock_timestamp() AS since`))!.since;
  }

  /** Moves every stamp written since `since` to `at` plus the time elapsed since `since`, keeping their order. */
  async redate(since: Date, at: string): Promise<void> {
    for (const [table, column] of STAMPS) {
      await exec(this.db, `UPDATE ${table} SET ${column} = $2::timestamptz + (${column} - $1) WHERE ${column} >= $1`, [since, at]);
    }
  }
}
