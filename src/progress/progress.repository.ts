import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AUDIT_COLUMNS, auditValues, type NewAuditEvent } from '../audit/audit.repository';
import { prepared } from '../database/prepared-statements';
import { one, rows, type Db } from '../database/sql';
import type { ReportingCycle } from '../plans/plan.entity';
import { signAssignmentSql } from '../tasks/task.repository';
import type { ProgressReportDto } from './dto/progress.dto';

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
  /** Set with an idempotency key: what a retry under the key must repeat. */
  requestHash: string | null;
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
 * Report `r` (with unit `u` and reporter `au`) as the API answers it (ProgressReportDto, toDto of the service): the
 * statement that writes a report answers it so, and writes it as its audit event's `after`. A report written this way
 * has no actuals yet. One JSON column spares the api reading sixteen, and its dates.
 */
const REPORT_JSON = `json_build_object(
  'id', r.id, 'taskId', r.task_id, 'unit', json_build_object('id', r.unit_id, 'name', r.unit_name), 'period', r.period,
  'summary', r.summary, 'percent', r.percent, 'actuals', '[]'::json, 'problems', r.problems, 'nextSteps', r.next_steps,
  'reportedBy', json_build_object('id', r.reported_by, 'username', r.username, 'displayName', r.display_name),
  'onBehalf', r.on_behalf, 'createdAt', to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;

/**
 * The statement that appends a report ($1–$11) to a task still as the writer read it — same version ($24), plan
 * reporting settings ($25, $26), organization ($27) and the unit assigned — under the task's row lock, reads it
 * back as answered (REPORT_JSON), and writes its progress.create audit event (if $12; $13–$22, its `after` filled
 * from the row written unless $20 gives it). It writes nothing (no row answered) when the task changed or the
 * idempotency key ($10) was used already.
 *
 * With `sign`, the unit also signs for the task (签收 by working on it) when $23 says the reporter would and it
 * has not yet, with its task.acknowledge event ($28–$37). Without, a reporter who would sign ($23) must find the
 * unit signed already: the 签收 UPDATE is left out of the text because its statement triggers fire even for no row.
 */
const reportSql = (sign: boolean) => `
  WITH current_task AS (
     SELECT t.id FROM task t JOIN plan p ON p.id = t.plan_id
      WHERE t.id = $1 AND t.version = $24 AND p.reporting_cycle = $25 AND p.report_cutoff_day = $26 AND t.organization_id = $27
        AND EXISTS (SELECT 1 FROM task_assignment a
                     WHERE a.task_id = t.id AND a.unit_id = $2${sign ? '' : ' AND (a.acknowledged_at IS NOT NULL OR NOT $23::boolean)'})
        FOR UPDATE OF t),
   inserted AS (
     INSERT INTO progress_report (task_id, unit_id, period, summary, percent, problems, next_steps, reported_by,
                                  on_behalf, idempotency_key, request_hash)
     SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11 FROM current_task
         ON CONFLICT (reported_by, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
     RETURNING *),
   report AS (SELECT ${REPORT_JSON} AS answer FROM (${selectReports('inserted')}) r),
   ${
     sign
       ? `signed AS (
     ${signAssignmentSql('$1', '$2', '$8', "'progress'")} AND $23::boolean AND EXISTS (SELECT 1 FROM inserted)
      RETURNING unit_id),
   audited AS (
     INSERT INTO audit_event (${AUDIT_COLUMNS})
     SELECT $28::uuid, $29::uuid, $30, $31, $32, $33, $34::jsonb, $35::jsonb, $36, $37 FROM signed
       UNION ALL
     ${REPORT_AUDIT_ROW})
   SELECT report.answer, EXISTS (SELECT 1 FROM signed) AS signed FROM report`
       : `audited AS (INSERT INTO audit_event (${AUDIT_COLUMNS}) ${REPORT_AUDIT_ROW})
   SELECT report.answer, false AS signed FROM report`
   }`;

/** The progress.create event of the report written ($12 says whether to write it), as a row of AUDIT_COLUMNS. */
const REPORT_AUDIT_ROW = `SELECT $13::uuid, $14::uuid, $15, $16, $17, $18, $19::jsonb, coalesce($20::jsonb, r.answer::jsonb), $21, $22 FROM report r WHERE $12::boolean`;

const INSERT_REPORT_SQL = prepared('progress.insert', reportSql(false));
const INSERT_SIGNED_REPORT_SQL = prepared('progress.insert.sign', reportSql(true));

/** The task as the writer read it (or holds locked): the report is written only if it is still so. */
export interface ReportedTask {
  organizationId: string;
  version: number;
  reportingCycle: ReportingCycle;
  reportCutoffDay: number;
}

/** What else the statement that appends a report writes, so that a plain report costs one round trip. */
export interface AlongWithReport {
  /**
   * The reporting unit signs for the task (签收 by working on it, the rule of src/tasks/acknowledgements.ts):
   * `needed` when the reporter would sign and the unit had not when the task was read; `event` is the
   * task.acknowledge audit event, written only if this statement is the one that signed.
   */
  acknowledge: { needed: boolean; event: NewAuditEvent } | null;
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
   * Appends a report to `task` if it is still as given, and answers it as the API does (without actuals), in one
   * statement, together with the 签收 and audit events of `along`; `signed` says whether this
   * statement signed for the unit. Null: nothing was written (the task changed, or the idempotency key was used).
   */
  async insert(
    report: NewReport,
    task: ReportedTask,
    along: AlongWithReport = { acknowledge: null, audit: null },
  ): Promise<{ answer: ProgressReportDto; signed: boolean } | null> {
    const ack = along.acknowledge;
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
      along.audit !== null,
      ...auditValues(along.audit ?? emptyEvent),
      ack !== null,
      task.version,
      task.reportingCycle,
      task.reportCutoffDay,
      task.organizationId,
    ];
    return ack?.needed
      ? one<{ answer: ProgressReportDto; signed: boolean }>(this.db, INSERT_SIGNED_REPORT_SQL, [...params, ...auditValues(ack.event)])
      : one<{ answer: ProgressReportDto; signed: boolean }>(this.db, INSERT_REPORT_SQL, params);
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
