import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../access/access.service';
import { currentActor } from '../access/permissions';
import { Clock } from '../common/clock';
import { BadRequestError, ConflictError, DomainError } from '../common/domain-errors';
import { EvidenceService } from '../evidence/evidence.service';
import { recordAcknowledgement } from '../tasks/acknowledgements';
import { actualsOfReports, percentFromActuals, resolveActuals, saveActuals } from '../targets/actuals';
import type { ReportActualDto } from '../targets/dto/target.dto';
import { changeStatus, lockTask } from '../tasks/task-writes';
import { STATUS_LABELS } from '../tasks/task-transitions';
import type { CreateProgressReportDto, ProgressReportDto } from './dto/progress.dto';
import { isPeriod, periodOf } from './reporting-period';

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

const SELECT_REPORTS = `
  SELECT r.*, u.name AS unit_name, au.username, au.display_name
    FROM progress_report r
    JOIN unit u ON u.id = r.unit_id
    JOIN app_user au ON au.id = r.reported_by`;

const REPORTABLE = ['not_started', 'in_progress', 'completion_requested'];

@Injectable()
export class ProgressService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly evidence: EvidenceService,
  ) {}

  /**
   * Appends a report. With an idempotency key the same key from the same user returns the first report and
   * stores nothing more, however many copies race: they queue on the task's row lock and the unique index backs it.
   */
  async create(
    taskId: string,
    dto: CreateProgressReportDto,
    idempotencyKey?: string,
  ): Promise<{ report: ProgressReportDto; replayed: boolean }> {
    const actor = currentActor();
    const hash = createHash('sha256').update(JSON.stringify([taskId, dto])).digest('hex');
    return this.dataSource.transaction(async (manager) => {
      const task = await lockTask(manager, taskId);
      if (idempotencyKey) {
        const earlier = await this.findByKey(manager, actor.userId!, idempotencyKey);
        if (earlier) return { report: await this.replay(manager, earlier, hash), replayed: true };
      }
      const { unitId, onBehalf } = this.access.requireWriteTaskAs(task.units.map((u) => u.unitId), dto.unitId);
      if (!REPORTABLE.includes(task.status)) {
        throw new ConflictError('TASK_CLOSED', `任务${STATUS_LABELS[task.status]}，不能再报送进展`, { status: task.status });
      }
      const period = dto.period ?? periodOf(this.clock.today(), task.reportingCycle, task.reportCutoffDay);
      if (!isPeriod(period, task.reportingCycle)) {
        const example = task.reportingCycle === 'monthly' ? '2021-10' : '2021-Q3';
        throw new BadRequestError('VALIDATION_FAILED', '请求参数无效：period', [
          { field: 'period', reason: `本计划按${task.reportingCycle === 'monthly' ? '月' : '季度'}报送，期次格式如 ${example}` },
        ]);
      }
      const actuals = await resolveActuals(manager, taskId, dto.actuals);
      const percent = percentFromActuals(actuals) ?? dto.percent;
      if (percent === undefined) {
        throw new BadRequestError('VALIDATION_FAILED', '请求参数无效：percent', [
          { field: 'percent', reason: '请填写完成进度（百分比），或填报数量指标的实际值' },
        ]);
      }
      const [{ id }] = await manager.query(
        `INSERT INTO progress_report (task_id, unit_id, period, summary, percent, problems, next_steps, reported_by,
                                      on_behalf, idempotency_key, request_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         RETURNING id`,
        [taskId, unitId, period, dto.summary.trim(), percent, dto.problems?.trim() || null, dto.nextSteps?.trim() || null,
          actor.userId, onBehalf, idempotencyKey ?? null, hash],
      );
      await this.evidence.attach(manager, actor, taskId, { kind: 'progress_report', id }, dto.evidenceIds);
      await recordAcknowledgement(manager, this.audit, taskId, unitId, actor, 'progress');
      await saveActuals(manager, id, actuals);
      if (task.status === 'not_started') {
        await changeStatus(manager, task, 'in_progress', actor, { action: 'first_report', data: { reportId: id } });
      }
      const [row] = await manager.query(`${SELECT_REPORTS} WHERE r.id = $1`, [id]);
      const report = toDto(row, (await actualsOfReports(manager, [id])).get(id));
      await this.audit.record({ action: 'progress.create', entity: 'task', entityId: taskId, after: report }, manager);
      return { report, replayed: false };
    });
  }

  async list(taskId: string): Promise<ProgressReportDto[]> {
    await this.access.requireReadTask(taskId);
    const rows: ReportRow[] = await this.dataSource.query(`${SELECT_REPORTS} WHERE r.task_id = $1 ORDER BY r.created_at, r.id`, [taskId]);
    const actuals = await actualsOfReports(this.dataSource.manager, rows.map((r) => r.id));
    return rows.map((row) => toDto(row, actuals.get(row.id)));
  }

  private async findByKey(manager: EntityManager, userId: string, key: string): Promise<ReportRow | undefined> {
    const [row] = await manager.query(`${SELECT_REPORTS} WHERE r.reported_by = $1 AND r.idempotency_key = $2`, [userId, key]);
    return row;
  }

  /** A retried request gets its first answer; a different request under a used key is refused, not merged. */
  private async replay(manager: EntityManager, row: ReportRow, hash: string): Promise<ProgressReportDto> {
    if (row.request_hash !== hash) {
      throw new DomainError(422, 'IDEMPOTENCY_KEY_REUSED', '该 Idempotency-Key 已用于另一条不同的进展报送，请换一个新的键');
    }
    return toDto(row, (await actualsOfReports(manager, [row.id])).get(row.id));
  }
}

function toDto(row: ReportRow, actuals: ReportActualDto[] = []): ProgressReportDto {
  return {
    id: row.id,
    taskId: row.task_id,
    unit: { id: row.unit_id, name: row.unit_name },
    period: row.period,
    summary: row.summary,
    percent: row.percent,
    actuals,
    problems: row.problems,
    nextSteps: row.next_steps,
    reportedBy: { id: row.reported_by, username: row.username, displayName: row.display_name },
    onBehalf: row.on_behalf,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
