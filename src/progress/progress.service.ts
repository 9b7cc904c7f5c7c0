import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, auditEvent } from '../audit/audit.service';
import { AccessService } from '../access/access.service';
import type { Actor } from '../access/actor';
import { currentActor } from '../access/permissions';
import { mayAcknowledge } from '../access/rules';
import { Clock } from '../common/clock';
import { BadRequestError, ConflictError, DomainError } from '../common/domain-errors';
import { ExpiringCache } from '../common/expiring-cache';
import { EvidenceService } from '../evidence/evidence.service';
import { actualsOfReports, percentFromActuals, resolveActuals, saveActuals, type ResolvedActual } from '../targets/actuals';
import type { ReportActualDto } from '../targets/dto/target.dto';
import { changeStatus, lockTask, type LockedTask } from '../tasks/task-writes';
import { TaskRepository } from '../tasks/task.repository';
import { STATUS_LABELS } from '../tasks/task-transitions';
import type { CreateProgressReportDto, ProgressReportDto } from './dto/progress.dto';
import { ProgressRepository, type AlongWithReport, type NewReport, type ReportRecord } from './progress.repository';
import { isPeriod, periodOf } from './reporting-period';

const REPORTABLE = ['not_started', 'in_progress', 'completion_requested'];
/** Reportable and started: a report changes no status. */
const UNDER_WAY = ['in_progress', 'completion_requested'];
/** How long, and how many, tasks one process remembers as read for plain reports. */
const READ_TASKS_MS = 60_000;
const READ_TASKS_MAX = 10_000;

@Injectable()
export class ProgressService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: ProgressRepository,
    private readonly tasks: TaskRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly evidence: EvidenceService,
  ) {}

  /**
   * Tasks as read for plain reports, so that most reports cost one statement. A task remembered out of date costs
   * nothing but a detour: the statement re-checks everything the rules were decided on, writes nothing, and the
   * report takes the locked path, which forgets it.
   */
  private readonly readTasks = new ExpiringCache<LockedTask | null>(READ_TASKS_MS, READ_TASKS_MAX);

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
    // What a retry under the same key must repeat; without a key there is nothing to compare it with.
    const hash = idempotencyKey ? createHash('sha256').update(JSON.stringify([taskId, dto])).digest('hex') : null;
    return (await this.createPlain(taskId, dto, idempotencyKey, hash, actor)) ?? this.createLocked(taskId, dto, idempotencyKey, hash, actor);
  }

  /**
   * Most reports: a percent and words on a task already under way. The task is read without a lock (or
   * remembered as read), the rules are checked on what was read, and one statement (no transaction around it)
   * writes the report, its 签收 and audit events under the task's row lock if the task is still as read. Null
   * hands the request to the locked path, which decides it again: a report with actuals or evidence, a task not
   * started or closed, a request a rule refuses, a task changed since it was read, an idempotency key used already.
   */
  private async createPlain(
    taskId: string,
    dto: CreateProgressReportDto,
    idempotencyKey: string | undefined,
    hash: string | null,
    actor: Actor,
  ): Promise<{ report: ProgressReportDto; replayed: false } | null> {
    if (dto.actuals?.length || dto.evidenceIds?.length) return null;
    const task = await this.readTasks.get(taskId, () => this.tasks.readForWrite(taskId));
    if (!task || !UNDER_WAY.includes(task.status)) return this.forget(taskId);
    let report: NewReport;
    try {
      report = this.newReport(task, dto, [], idempotencyKey, hash, actor);
    } catch (error) {
      if (error instanceof DomainError) return this.forget(taskId);
      throw error;
    }
    const created = await this.repository.insert(report, task, this.alongWith(task, report, actor, true));
    // Signing changed the task as remembered; nothing written may mean it changed otherwise.
    if (!created || created.signed) this.forget(taskId);
    return created ? { report: created.answer, replayed: false } : null;
  }

  private forget(taskId: string): null {
    this.readTasks.forget(taskId);
    return null;
  }

  private createLocked(
    taskId: string,
    dto: CreateProgressReportDto,
    idempotencyKey: string | undefined,
    hash: string | null,
    actor: Actor,
  ): Promise<{ report: ProgressReportDto; replayed: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      const repository = this.repository.in(manager);
      const task = await lockTask(manager, taskId);
      // Access first: a caller who may not write here learns nothing from a replay. newReport checks it again.
      this.access.requireWriteTaskAs(task, task.units.map((u) => u.unitId), dto.unitId);
      if (idempotencyKey) {
        const earlier = await repository.findByKey(actor.userId!, idempotencyKey);
        if (earlier) return { report: await this.replay(manager, earlier, hash), replayed: true };
      }
      if (!REPORTABLE.includes(task.status)) {
        throw new ConflictError('TASK_CLOSED', `任务${STATUS_LABELS[task.status]}，不能再报送进展`, { status: task.status });
      }
      const actuals = await resolveActuals(manager, taskId, dto.actuals);
      const report = this.newReport(task, dto, actuals, idempotencyKey, hash, actor);
      // A plain report (no actuals to read back) is written with its 签收 and its audit events in one statement.
      const plain = actuals.length === 0;
      const created = await repository.insert(report, task, this.alongWith(task, report, actor, plain));
      if (!created) {
        // The task is locked, so only a copy of this request under the same key, sent for another task, got there first.
        const earlier = idempotencyKey ? await repository.findByKey(actor.userId!, idempotencyKey) : null;
        if (earlier) return { report: await this.replay(manager, earlier, hash), replayed: true };
        throw new ConflictError('TASK_CHANGED', '任务刚被修改，请刷新后重新报送');
      }
      const id = created.answer.id;
      await this.evidence.attach(manager, actor, taskId, { kind: 'progress_report', id }, dto.evidenceIds);
      await saveActuals(manager, id, actuals);
      if (task.status === 'not_started') {
        await changeStatus(manager, task, 'in_progress', actor, { action: 'first_report', data: { reportId: id } });
      }
      const answer = plain ? created.answer : { ...created.answer, actuals: (await actualsOfReports(manager, [id])).get(id) ?? [] };
      if (!plain) await this.audit.record({ action: 'progress.create', entity: 'task', entityId: taskId, after: answer }, manager);
      return { report: answer, replayed: false };
    });
  }

  /** The report `dto` makes on `task`, by the rules both paths share: who reports, for which period, what percent. */
  private newReport(
    task: LockedTask,
    dto: CreateProgressReportDto,
    actuals: ResolvedActual[],
    idempotencyKey: string | undefined,
    hash: string | null,
    actor: Actor,
  ): NewReport {
    const { unitId, onBehalf } = this.access.requireWriteTaskAs(task, task.units.map((u) => u.unitId), dto.unitId);
    const period = dto.period ?? periodOf(this.clock.today(), task.reportingCycle, task.reportCutoffDay);
    if (!isPeriod(period, task.reportingCycle)) {
      const example = task.reportingCycle === 'monthly' ? '2021-10' : '2021-Q3';
      throw new BadRequestError('VALIDATION_FAILED', '请求参数无效：period', [
        { field: 'period', reason: `本计划按${task.reportingCycle === 'monthly' ? '月' : '季度'}报送，期次格式如 ${example}` },
      ]);
    }
    const percent = percentFromActuals(actuals) ?? dto.percent;
    if (percent === undefined) {
      throw new BadRequestError('VALIDATION_FAILED', '请求参数无效：percent', [
        { field: 'percent', reason: '请填写完成进度（百分比），或填报数量指标的实际值' },
      ]);
    }
    return {
      taskId: task.id,
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
    };
  }

  /** The 签收 (when the reporter's unit has not signed yet) and, for a plain report, the audit event it writes. */
  private alongWith(task: LockedTask, report: NewReport, actor: Actor, plain: boolean): AlongWithReport {
    const unitId = report.unitId;
    return {
      acknowledge: mayAcknowledge(actor, [unitId])
        ? {
            needed: !task.units.some((u) => u.unitId === unitId && u.signed),
            event: auditEvent({ action: 'task.acknowledge', entity: 'task', entityId: task.id, after: { unitId, via: 'progress' } }),
          }
        : null,
      audit: plain ? auditEvent({ action: 'progress.create', entity: 'task', entityId: task.id }) : null,
    };
  }

  async list(taskId: string): Promise<ProgressReportDto[]> {
    await this.access.requireReadTask(taskId);
    const reports = await this.repository.ofTask(taskId);
    const actuals = await actualsOfReports(this.dataSource.manager, reports.map((r) => r.id));
    return reports.map((report) => toDto(report, actuals.get(report.id)));
  }

  /** A retried request gets its first answer; a different request under a used key is refused, not merged. */
  private async replay(manager: EntityManager, row: ReportRecord, hash: string | null): Promise<ProgressReportDto> {
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
