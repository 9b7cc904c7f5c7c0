import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AUDIT_COLUMNS, auditValues, type NewAuditEvent } from '../audit/audit.repository';
import { prepared } from '../database/prepared-statements';
import { one, rows, type Db } from '../database/sql';
import { signAssignmentSql } from '../tasks/task.repository';

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

/**
 * Report `r` (with unit `u` and reporter `au`) as the API answers it (ProgressReportDto, toDto below), for the audit
 * event written in the same statement; a report written this way has no actuals.
 */
const REPORT_JSON = `jsonb_build_object(
  'id', r.id, 'taskId', r.task_id, 'unit', jsonb_build_object('id', r.unit_id, 'name', r.unit_name), 'period', r.period,
  'summary', r.summary, 'percent', r.percent, 'actuals', '[]'::jsonb, 'problems', r.problems, 'nextSteps', r.next_steps,
  'reportedBy', jsonb_build_object('id', r.reported_by, 'username', r.username, 'displayName', r.display_name),
  'onBehalf', r.on_behalf, 'createdAt', to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;

/**
 * A report appended and read back, with its 签收 ($12) and audit events ($23), in one prepared statement
 * (ProgressRepository.insert gives the parameters).
 */
const INSERT_REPORT_SQL = prepared(
  'progress.insert',
  `WITH inserted AS (
     INSERT INTO progress_report (task_id, unit_id, period, summary, percent, problems, next_steps, reported_by,
                                  on_behalf, idempotency_key, request_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     RETURNING *),
   signed AS (
     ${signAssignmentSql('$1', '$2', '$8', "'progress'")} AND $12::boolean
      RETURNING unit_id),
   report AS (${selectReports('inserted')}),
   audited AS (
     INSERT INTO audit_event (${AUDIT_COLUMNS})
     SELECT $13::uuid, $14::uuid, $15, $16, $17, $18, $19::jsonb, $20::jsonb, $21, $22 FROM signed
      UNION ALL
     SELECT $24::uuid, $25::uuid, $26, $27, $28, $29, $30::jsonb, coalesce($31::jsonb, ${REPORT_JSON}), $32, $33 FROM report r WHERE $23::boolean)
   SELECT report.*, EXISTS (SELECT 1 FROM signed) AS signed FROM report`,
);

/** What else the statement that appends a report writes, so that a plain report costs one round trip. */
export interface AlongWithReport {
  /**
   * The reporting unit signs for the task (签收 by working on it, the rule of src/tasks/acknowledgements.ts) when it
   * has not yet: `event` is the task.acknowledge audit event written only if this statement is the one that signed.
   */
  acknowledge: { event: NewAuditEvent } | null;
  /** The progress.create audit event; its `after` (the report as answered) is filled from the row written. */
  audit: NewAuditEvent | null;
}

/** Progress reports (进展报送): appended, read per task, found again by a retried request's idempotency key. */
@Injectable()
export class ProgressRepository {
  constructor(@InjectDataSource() private readonly db: Db) {}

  in(db: Db): ProgressRepository {
    return new ProgressRepository(db);
  }

  /**
   * Appends a report and answers it as read back (with its unit's name and reporter), in one statement, together
   * with the 签收 and audit events of `along`; `signed` says whether this statement signed for the unit.
   */
  async insert(report: NewReport, along: AlongWithReport = { acknowledge: null, audit: null }): Promise<ReportRecord & { signed: boolean }> {
    const ack = along.acknowledge?.event;
    const params = [
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
      ack !== undefined,
      ...auditValues(ack ?? emptyEvent),
      along.audit !== null,
      ...auditValues(along.audit ?? emptyEvent),
    ];
    const row = await one<ReportRow & { signed: boolean }>(this.db, INSERT_REPORT_SQL, params);
    return { ...toRecord(row!), signed: row!.signed };
  }

  async findByKey(userId: string, key: string): Promise<ReportRecord | null> {
    const row = await one<ReportRow>(this.db, `${SELECT_REPORTS} WHERE r.reported_by = $1 AND r.idempotency_key = $2`, [userId, key]);
    return row ? toRecord(row) : null;
  }

  async ofTask(taskId: string): Promise<ReportRecord[]> {
    return (await rows<ReportRow>(this.db, `${SELECT_REPORTS} WHERE r.task_id = $1 ORDER BY r.created_at, r.id`, [taskId])).map(toRecord);
  }
}

/** Placeholder values for an event the statement does not write (its SELECT yields no row). */
const emptyEvent: NewAuditEvent = {
  actorId: null,
  organizationId: null,
  actorUsername: '',
  action: '',
  entity: '',
  entityId: null,
  before: null,
  after: null,
  requestId: null,
  ip: null,
};

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
