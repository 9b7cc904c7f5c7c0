import { isoDate } from '../common/sql-dates';
import { exec, one, returning, rows, type Db } from '../database/sql';
import type { ExtensionRequestDto } from './dto/extension.dto';

interface ExtensionRow {
  id: string;
  task_id: string;
  unit_id: string;
  unit_name: string;
  previous_due_date: string;
  requested_due_date: string;
  reason: string;
  requested_by: string;
  requested_at: Date;
  decision: 'approve' | 'reject' | null;
  comment: string | null;
  decided_by: string | null;
  decided_at: Date | null;
}

/** A request as its review locks it. */
export interface LockedExtension {
  id: string;
  taskId: string;
  decision: string | null;
  requestedDueDate: string;
}

export interface NewExtension {
  taskId: string;
  unitId: string;
  previousDueDate: string;
  requestedDueDate: string;
  reason: string;
  requestedBy: string | null;
}

const SELECT_REQUESTS = `
  SELECT e.id, e.task_id, e.unit_id, u.name AS unit_name,
         ${isoDate('e.previous_due_date')} AS previous_due_date,
         ${isoDate('e.requested_due_date')} AS requested_due_date,
         e.reason, rq.username AS requested_by, e.requested_at, e.decision, e.comment, dc.username AS decided_by, e.decided_at
    FROM extension_request e
    JOIN unit u ON u.id = e.unit_id
    JOIN app_user rq ON rq.id = e.requested_by
    LEFT JOIN app_user dc ON dc.id = e.decided_by`;

function toDto(r: ExtensionRow): ExtensionRequestDto {
  return {
    id: r.id,
    taskId: r.task_id,
    unit: { id: r.unit_id, name: r.unit_name },
    previousDueDate: r.previous_due_date,
    requestedDueDate: r.requested_due_date,
    reason: r.reason,
    requestedBy: r.requested_by,
    requestedAt: new Date(r.requested_at).toISOString(),
    status: r.decision ?? 'pending',
    comment: r.comment,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
  };
}

/** 延期 requests (extension_request) and the due date an approved one moves. */
export class ExtensionRepository {
  constructor(private readonly db: Db) {}

  async forTask(taskId: string): Promise<ExtensionRequestDto[]> {
    return (await rows<ExtensionRow>(this.db, `${SELECT_REQUESTS} WHERE e.task_id = $1 ORDER BY e.requested_at, e.id`, [taskId])).map(toDto);
  }

  async byId(id: string): Promise<ExtensionRequestDto | null> {
    const row = await one<ExtensionRow>(this.db, `${SELECT_REQUESTS} WHERE e.id = $1`, [id]);
    return row && toDto(row);
  }

  /** The id of the task's request still waiting for a decision, or null. */
  async pendingId(taskId: string): Promise<string | null> {
    return (await one<{ id: string }>(this.db, `SELECT id FROM extension_request WHERE task_id = $1 AND decision IS NULL`, [taskId]))?.id ?? null;
  }

  async insert(request: NewExtension): Promise<string> {
    const [created] = await returning<{ id: string }>(
      this.db,
      `INSERT INTO extension_request (task_id, unit_id, previous_due_date, requested_due_date, reason, requested_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [request.taskId, request.unitId, request.previousDueDate, request.requestedDueDate, request.reason, request.requestedBy],
    );
    return created!.id;
  }

  /** Locks the request for its review; null when there is none. */
  async lock(id: string): Promise<LockedExtension | null> {
    const row = await one<{ id: string; task_id: string; decision: string | null; requested_due_date: string }>(
      this.db,
      `SELECT id, task_id, decision, ${isoDate('requested_due_date')} AS requested_due_date
         FROM extension_request WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return row && { id: row.id, taskId: row.task_id, decision: row.decision, requestedDueDate: row.requested_due_date };
  }

  async decide(id: string, decision: string, comment: string | null, decidedBy: string | null): Promise<void> {
    await exec(
      this.db,
      `UPDATE extension_request SET decision = $2, comment = $3, decided_by = $4, decided_at = now() WHERE id = $1`,
      [id, decision, comment, decidedBy],
    );
  }

  /** An approved request moves the task's due date (a write like any other: the version moves on). */
  async moveDueDate(taskId: string, dueDate: string): Promise<void> {
    await exec(this.db, `UPDATE task SET due_date = $2, version = version + 1, updated_at = now() WHERE id = $1`, [taskId, dueDate]);
  }
}
