import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, auditEvent } from '../audit/audit.service';
import { AccessService } from '../access/access.service';
import { currentActor } from '../access/permissions';
import { mayAcknowledge } from '../access/rules';
import { Clock } from '../common/clock';
import { BadRequestError, ConflictError, DomainError } from '../common/domain-errors';
import { EvidenceService } from '../evidence/evidence.service';
import { actualsOfReports, percentFromActuals, resolveActuals, saveActuals } from '../targets/actuals';
import type { ReportActualDto } from '../targets/dto/target.dto';
import { changeStatus, lockTask } from '../tasks/task-writes';
import { STATUS_LABELS } from '../tasks/task-transitions';
import type { CreateProgressReportDto, ProgressReportDto } from './dto/progress.dto';
import { ProgressRepository, type ReportRecord } from './progress.repository';
import { isPeriod, periodOf } from './reporting-period';

const REPORTABLE = ['not_started', 'in_progress', 'completion_requested'];

@Injectable()
export class ProgressService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: ProgressRepository,
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
      const repository = this.repository.in(manager);
      const task = await lockTask(manager, taskId);
      const { unitId, onBehalf } = this.access.requireWriteTaskAs(task, task.units.map((u) => u.unitId), dto.unitId);
      if (idempotencyKey) {
        const earlier = await repository.findByKey(actor.userId!, idempotencyKey);
        if (earlier) return { report: await this.replay(manager, earlier, hash), replayed: true };
      }
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
      // A plain report (no actuals to read back) is written with its 签收 and its audit events in one statement.
      const plain = actuals.length === 0;
      const created = await repository.insert(
        {
          taskId,
          unitId,
          period,
          summary: dto.summary.trim(),
          percent,
          problems: dto.problems?.trim() || null,
          nextSteps: dto.nextSteps?.trim() || null,
          reportedBy: actor.userId,
          onBehalf,
          idempotencyKey: idempotencyKey ?? null,
          requestHash: hash,
        },
        {
          acknowledge: mayAcknowledge(actor, [unitId])
            ? { event: auditEvent({ action: 'task.acknowledge', entity: 'task', entityId: taskId, after: { unitId, via: 'progress' } }) }
            : null,
          audit: plain ? auditEvent({ action: 'progress.create', entity: 'task', entityId: taskId }) : null,
        },
      );
      const id = created.id;
      await this.evidence.attach(manager, actor, taskId, { kind: 'progress_report', id }, dto.evidenceIds);
      await saveActuals(manager, id, actuals);
      if (task.status === 'not_started') {
        await changeStatus(manager, task, 'in_progress', actor, { action: 'first_report', data: { reportId: id } });
      }
      const report = toDto(created, plain ? [] : (await actualsOfReports(manager, [id])).get(id));
      if (!plain) await this.audit.record({ action: 'progress.create', entity: 'task', entityId: taskId, after: report }, manager);
      return { report, replayed: false };
    });
  }

  async list(taskId: string): Promise<ProgressReportDto[]> {
    await this.access.requireReadTask(taskId);
    const reports = await this.repository.ofTask(taskId);
    const actuals = await actualsOfReports(this.dataSource.manager, reports.map((r) => r.id));
    return reports.map((report) => toDto(report, actuals.get(report.id)));
  }

  /** A retried request gets its first answer; a different request under a used key is refused, not merged. */
  private async replay(manager: EntityManager, row: ReportRecord, hash: string): Promise<ProgressReportDto> {
    if (row.requestHash !== hash) {
      throw new DomainError(422, 'IDEMPOTENCY_KEY_REUSED', '该 Idempotency-Key 已用于另一条不同的进展报送，请换一个新的键');
    }
    return toDto(row, (await actualsOfReports(manager, [row.id])).get(row.id));
  }
}

function toDto(report: ReportRecord, actuals: ReportActualDto[] = []): ProgressReportDto {
  return {
    id: report.id,
    taskId: report.taskId,
    unit: report.unit,
    period: report.period,
    summary: report.summary,
    percent: report.percent,
    actuals,
    problems: report.problems,
    nextSteps: report.nextSteps,
    reportedBy: report.reportedBy,
    onBehalf: report.onBehalf,
    createdAt: new Date(report.createdAt).toISOString(),
  };
}
