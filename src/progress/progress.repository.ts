import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { one, rows, type Db } from '../database/sql';

/** A progress report with its unit's name and its reporter. */
export interface ReportRecord {
  id: string;
  taskId: string;
  unit: { id: string; name: string };
  period: string;
  summary: string;
  percent: number;
  problems: string | null;
  nextSteps: string | null;
  reportedBy: { id: string; username: string; displayName: string };
  onBehalf: boolean;
  createdAt: Date;
  requestHash: string | null;
}

export interface NewReport {
  taskId: string;
  unitId: string;
  period: string;
  summary: string;
  percent: number;
  problems: string | null;
  nextSteps: string | null;
  reportedBy: string | null;
  onBehalf: boolean;
  idempotencyKey: string | null;
  requestHash: string;
}

interface ReportRow {
  id: string;
  task_id: string;
  unit_id: string;
  unit_name: string;
  period: string;
  summary: string;
  percent: number;
  problems: string | null;
  next_steps: string | null;
  reported_by: string;
  username: string;
  display_name: string;
  on_behalf: boolean;
  created_at: Date;
  request_hash: string | null;
}

/** Reports as `r` from `source` (the table, or the rows an INSERT returned) with their unit and reporter. */
const selectReports = (source: string) => `
  SELECT r.id, r.task_id, r.unit_id, u.name AS unit_name, r.period, r.summary, r.percent, r.problems, r.next_steps,
         r.reported_by, au.username, au.display_name, r.on_behalf, r.created_at, r.request_hash
    FROM ${source} r
    JOIN unit u ON u.id = r.unit_id
    JOIN app_user au ON au.id = r.reported_by`;

const SELECT_REPORTS = selectReports('progress_report');

/** Progress reports (进展报送): appended, read per task, found again by a retried request's idempotency key. */
@Injectable()
export class ProgressRepository {
  constructor(@InjectDataSource() private readonly db: Db) {}

  in(db: Db): ProgressRepository {
    return new ProgressRepository(db);
  }

  /** Appends a report and answers it as read back (with its unit's name and reporter), in one statement. */
  async insert(report: NewReport): Promise<ReportRecord> {
    const row = await one<ReportRow>(
      this.db,
      `WITH inserted AS (
         INSERT INTO progress_report (task_id, unit_id, period, summary, percent, problems, next_steps, reported_by,
                                      on_behalf, idempotency_key, request_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         RETURNING *)
       ${selectReports('inserted')}`,
      [
        report.taskId,
        report.unitId,
        report.period,
        report.summary,
        report.percent,
        report.problems,
        report.nextSteps,
        report.reportedBy,
        report.onBehalf,
        report.idempotencyKey,
        report.requestHash,
      ],
    );
    return toRecord(row!);
  }

  async findByKey(userId: string, key: string): Promise<ReportRecord | null> {
    const row = await one<ReportRow>(this.db, `${SELECT_REPORTS} WHERE r.reported_by = $1 AND r.idempotency_key = $2`, [userId, key]);
    return row ? toRecord(row) : null;
  }

  async ofTask(taskId: string): Promise<ReportRecord[]> {
    return (await rows<ReportRow>(this.db, `${SELECT_REPORTS} WHERE r.task_id = $1 ORDER BY r.created_at, r.id`, [taskId])).map(toRecord);
  }
}

function toRecord(row: ReportRow): ReportRecord {
  return {
    id: row.id,
    taskId: row.task_id,
    unit: { id: row.unit_id, name: row.unit_name },
    period: row.period,
    summary: row.summary,
    percent: row.percent,
    problems: row.problems,
    nextSteps: row.next_steps,
    reportedBy: { id: row.reported_by, username: row.username, displayName: row.display_name },
    onBehalf: row.on_behalf,
    createdAt: row.created_at,
    requestHash: row.request_hash,
  };
}
