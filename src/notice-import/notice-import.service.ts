import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../access/access.service';
import { requirePermission } from '../access/permissions';
import { chunks } from '../common/chunks';
import { PlanSection } from '../plans/plan-section.entity';
import { Plan } from '../plans/plan.entity';
import { PlansService } from '../plans/plans.service';
import { syncTargets } from '../targets/target-sync';
import type { ImportTargetsDto } from '../targets/dto/target.dto';
import { syncAssignments } from '../tasks/task-assignments';
import { Unit } from '../units/unit.entity';
import { normalizeUnitName } from '../units/unit-name';
import { UnitsService } from '../units/units.service';
import { parseDeadline } from './deadline-parser';
import type { ImportReportDto, UnknownUnitDto } from './dto/import-notice.dto';
import type { ImportSource } from './import-source';
import { issue, type ImportIssue, type ParsedItem, type ParsedNotice } from './notice-parser';
import { buildReport, type ItemResult } from './import-report';
import { parseSource, sourceText } from './parse-source';
import { handMadeCollisions } from './hand-made-tasks';
import { NoticeImportRepository, type ImportedTask, type ImportedTaskFields } from './notice-import.repository';
import { guessUnitKind } from './unit-kind-guess';
import { createUnitResolver, type ResolvedAssignment } from './unit-resolver';

/** What a committed import would make of one item: the task row and its assignments. */
interface DesiredTask {
  item: ParsedItem;
  sectionCode: string | null;
  content: string;
  kind: ParsedItem['kind'];
  dueDate: string;
  includesOtherUnits: boolean;
  leaders: string[];
  deadlineText: string | null;
  sourceLine: string;
  extraFields: Record<string, string>;
  assignments: ResolvedAssignment[];
}

/** Thrown inside the transaction so that an import with errors rolls back whole; carries the report out. */
class ImportRejected extends Error {
  constructor(readonly report: ImportReportDto) {
    super('import rejected');
  }
}

export interface ImportOptions {
  dryRun?: boolean;
  createMissingUnits?: boolean;
}

export interface ImportOutcome {
  status: 200 | 201 | 422;
  report: ImportReportDto;
}

@Injectable()
export class NoticeImportService {
  private readonly logger = new Logger(NoticeImportService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plans: PlansService,
    private readonly units: UnitsService,
    private readonly audit: AuditService,
    private readonly access: AccessService,
  ) {}

  /** Imports a notice, pasted or read from a file, into the plan: 200 dry run, 201 committed, 422 with errors. */
  async import(planId: string, source: ImportSource, options: ImportOptions): Promise<ImportOutcome> {
    requirePermission('plans:write');
    const dryRun = options.dryRun ?? false;
    try {
      const report = await this.dataSource.transaction(async (manager) => {
        await new NoticeImportRepository(manager).lockPlan(planId);
        const plan = await this.plans.findOrFail(planId, manager);
        this.access.requireWriteOrganization(plan.organizationId, '计划', planId);
        await this.units.lockDirectory(manager);
        const report = await this.run(manager, plan, source, dryRun, options.createMissingUnits ?? false);
        // A dry run or a rejected import must leave no trace, units created on the way included.
        if (dryRun || report.errors.length > 0) throw new ImportRejected(report);
        await this.audit.record(
          { action: 'plan.import', entity: 'plan', entityId: planId, after: { tasks: report.tasks, createdUnits: report.createdUnits } },
          manager,
        );
        return report;
      });
      this.logger.log(`plan ${planId}: imported, tasks ${JSON.stringify(report.tasks)}`);
      return { status: 201, report };
    } catch (error) {
      if (!(error instanceof ImportRejected)) throw error;
      return { status: error.report.errors.length > 0 ? 422 : 200, report: error.report };
    }
  }

  private async run(
    manager: EntityManager,
    plan: Plan,
    source: ImportSource,
    dryRun: boolean,
    createMissingUnits: boolean,
  ): Promise<ImportReportDto> {
    const notice = parseSource(source);
    const warnings = [...notice.warnings];
    const errors = [...notice.errors];

    const unknownUnits = await this.unknownUnits(manager, plan.organizationId, notice);
    const createdUnits = createMissingUnits ? unknownUnits.map((u) => u.name) : [];
    if (createdUnits.length > 0) {
      for (const names of chunks(createdUnits)) {
        await manager.getRepository(Unit).insert(names.map((name) => ({ organizationId: plan.organizationId, name, kind: guessUnitKind(name), aliases: [] })));
      }
    } else {
      errors.push(...this.unknownUnitErrors(notice, unknownUnits));
    }

    errors.push(...(await handMadeCollisions(manager, plan.id, notice.items)));

    const resolve = createUnitResolver(await this.units.directory(manager, plan.organizationId));
    const desired = notice.items.map((item) => this.desiredTask(item, plan, resolve(item.units).assignments, warnings));
    const results = new Map<number, ItemResult>();
    let tasks = { created: 0, updated: 0, unchanged: 0 };
    let targets: ImportTargetsDto | undefined;
    if (errors.length > 0) {
      // Nothing is written, but each clean row still shows what it would become once the errors are fixed.
      await this.previewResults(manager, plan.id, desired, results);
    } else {
      const sectionIds = await this.syncSections(manager, plan.id, notice);
      tasks = await this.syncTasks(manager, plan.id, desired, sectionIds, warnings, results);
      targets = await syncTargets(manager, plan.id);
      await new NoticeImportRepository(manager).dropStaleSections(plan.id, [...sectionIds.values()]);
      await manager.update(Plan, { id: plan.id }, { sourceText: sourceText(source), importedAt: new Date() });
    }
    const report = buildReport({ source, notice, dryRun, tasks, unknownUnits, createdUnits, warnings, errors, results });
    return targets ? { ...report, targets } : report;
  }

  private async previewResults(
    manager: EntityManager,
    planId: string,
    desired: DesiredTask[],
    results: Map<number, ItemResult>,
  ): Promise<void> {
    const existing = new Map((await new NoticeImportRepository(manager).importedTasks(planId)).map((t) => [t.number, t]));
    const sectionIds = new Map((await manager.getRepository(PlanSection).find({ where: { planId } })).map((s) => [s.code, s.id]));
    for (const task of desired) {
      const current = existing.get(task.item.number);
      const sectionId = task.sectionCode ? (sectionIds.get(task.sectionCode) ?? null) : null;
      const changes = current && compareTask(current, task, sectionId);
      results.set(task.item.number, !changes ? 'created' : changes.fieldsChanged || changes.unitsChanged ? 'updated' : 'unchanged');
    }
  }

  private async unknownUnits(manager: EntityManager, organizationId: string, notice: ParsedNotice): Promise<UnknownUnitDto[]> {
    const resolve = createUnitResolver(await this.units.directory(manager, organizationId));
    const unknown = new Map<string, number[]>();
    for (const item of notice.items) {
      // Keyed by the normal form, so 数字 经济局 and 数字经济局 become one unit, stored as units.create stores names.
      for (const written of resolve(item.units).unknown) {
        const name = normalizeUnitName(written);
        const items = unknown.get(name) ?? [];
        if (!items.includes(item.number)) unknown.set(name, [...items, item.number]);
      }
    }
    return [...unknown].map(([name, items]) => ({ name, items }));
  }

  private unknownUnitErrors(notice: ParsedNotice, unknownUnits: UnknownUnitDto[]): ImportIssue[] {
    const byItem = new Map<number, string[]>();
    for (const { name, items } of unknownUnits) for (const n of items) byItem.set(n, [...(byItem.get(n) ?? []), name]);
    return notice.items
      .filter((item) => byItem.has(item.number))
      .map((item) =>
        issue(
          item.line,
          item.sourceLine,
          `第${item.number}条：单位库中没有“${byItem.get(item.number)!.join('”“')}”（请先在单位管理中添加单位或别名，或选择自动创建缺失单位）`,
          item.location,
          item.number,
        ),
      );
  }

  private desiredTask(item: ParsedItem, plan: Plan, assignments: ResolvedAssignment[], warnings: ImportIssue[]): DesiredTask {
    let dueDate = plan.endDate;
    if (item.deadlineText) {
      const parsed = parseDeadline(item.deadlineText, { year: plan.year, endDate: plan.endDate });
      if (parsed) dueDate = parsed;
      else {
        warnings.push(
          issue(
            item.line,
            item.sourceLine,
            `第${item.number}条：无法识别完成时限“${item.deadlineText}”，截止日期暂按计划结束日期 ${plan.endDate}`,
            item.location,
            item.number,
          ),
        );
      }
    }
    return {
      item,
      sectionCode: sectionCode(item),
      content: item.content,
      kind: item.kind,
      dueDate,
      includesOtherUnits: item.includesOtherUnits,
      leaders: item.leaders,
      deadlineText: item.deadlineText,
      sourceLine: item.sourceLine,
      extraFields: item.extraFields,
      assignments,
    };
  }

  /** Upserts headings by their code ("3", "3.2") so task rows keep pointing at the same section ids. */
  private async syncSections(manager: EntityManager, planId: string, notice: ParsedNotice): Promise<Map<string, string>> {
    const repo = manager.getRepository(PlanSection);
    const existing = new Map((await repo.find({ where: { planId } })).map((s) => [s.code, s]));
    const ids = new Map<string, string>();
    const upsert = async (code: string, level: 1 | 2, ordinal: number, title: string, parentId: string | null) => {
      const found = existing.get(code);
      if (found) {
        if (found.title !== title || found.parentId !== parentId) await repo.update({ id: found.id }, { title, parentId });
        ids.set(code, found.id);
      } else {
        const created = await repo.save({ planId, code, level, ordinal, title, parentId });
        ids.set(code, created.id);
      }
    };
    for (const section of notice.sections) {
      await upsert(String(section.ordinal), 1, section.ordinal, section.title, null);
      const parentId = ids.get(String(section.ordinal))!;
      for (const sub of section.subsections) {
        await upsert(`${section.ordinal}.${sub.ordinal}`, 2, sub.ordinal, sub.title, parentId);
      }
    }
    return ids;
  }

  /** Creates new numbers, updates changed ones in place (ids, and all that hangs off them, survive). */
  private async syncTasks(
    manager: EntityManager,
    planId: string,
    desired: DesiredTask[],
    sectionIds: Map<string, string>,
    warnings: ImportIssue[],
    results: Map<number, ItemResult>,
  ): Promise<ImportReportDto['tasks']> {
    const existing = new Map((await new NoticeImportRepository(manager).importedTasks(planId)).map((t) => [t.number, t]));
    const counts = { created: 0, updated: 0, unchanged: 0 };
    const toInsert: DesiredTask[] = [];
    const toUpdate: Array<ImportedTaskFields & { id: string }> = [];
    const replaceAssignments: Array<{ taskId: string; desired: DesiredTask }> = [];

    for (const task of desired) {
      const current = existing.get(task.item.number);
      const sectionId = task.sectionCode ? (sectionIds.get(task.sectionCode) ?? null) : null;
      if (!current) {
        toInsert.push(task);
        results.set(task.item.number, 'created');
        continue;
      }
      existing.delete(task.item.number);
      const { fields, fieldsChanged, unitsChanged } = compareTask(current, task, sectionId);
      if (!fieldsChanged && !unitsChanged) {
        counts.unchanged++;
        results.set(task.item.number, 'unchanged');
        continue;
      }
      counts.updated++;
      results.set(task.item.number, 'updated');
      toUpdate.push({ id: current.id, ...fields });
      if (unitsChanged) replaceAssignments.push({ taskId: current.id, desired: task });
    }

    const repository = new NoticeImportRepository(manager);
    await repository.updateTasks(toUpdate);
    const ids = await repository.insertTasks(
      planId,
      toInsert.map((task) => ({
        number: task.item.number,
        sectionId: task.sectionCode ? (sectionIds.get(task.sectionCode) ?? null) : null,
        content: task.content,
        kind: task.kind,
        dueDate: task.dueDate,
        includesOtherUnits: task.includesOtherUnits,
        leaders: task.leaders,
        deadlineText: task.deadlineText,
        sourceLine: task.sourceLine,
        extraFields: task.extraFields,
      })),
    );
    for (const task of toInsert) replaceAssignments.push({ taskId: ids.get(task.item.number)!, desired: task });
    counts.created = toInsert.length;

    // Units that stay keep their assigned_at and 签收; only added units are newly assigned. Each task's assignments
    // are its own, so a chunk of tasks at a time is the same sync in shorter statements.
    for (const chunk of chunks(replaceAssignments)) {
      await syncAssignments(manager, chunk.map(({ taskId, desired: task }) => ({ taskId, assignments: task.assignments })));
    }

    for (const orphan of [...existing.values()].sort((a, b) => a.number - b.number)) {
      warnings.push(
        issue(0, orphan.sourceLine ?? '', `第${orphan.number}条不在本次导入的文本中，已保留原任务（如需撤销请在任务中操作）`),
      );
    }
    return counts;
  }
}

function sectionCode(item: ParsedItem): string | null {
  if (item.sectionOrdinal === null) return null;
  return item.subsectionOrdinal === null ? String(item.sectionOrdinal) : `${item.sectionOrdinal}.${item.subsectionOrdinal}`;
}

/** What an import would change on an existing task: its row's fields (an edited due date kept) and its units. */
function compareTask(current: ImportedTask, task: DesiredTask, sectionId: string | null) {
  const fields: ImportedTaskFields = {
    sectionId,
    content: task.content,
    kind: task.kind,
    // The notice sets a due date; an approved 延期 or a supervisor's edit wins until its 完成时限 changes.
    dueDate: current.deadlineText === task.deadlineText ? current.dueDate : task.dueDate,
    includesOtherUnits: task.includesOtherUnits,
    leaders: task.leaders,
    deadlineText: task.deadlineText,
    sourceLine: task.sourceLine,
    extraFields: task.extraFields,
  };
  const fieldsChanged = Object.entries(fields).some(
    ([key, value]) => canonicalJson(current[key as keyof ImportedTaskFields]) !== canonicalJson(value),
  );
  const unitsChanged = assignmentKey(current.assignments) !== assignmentKey(task.assignments);
  return { fields, fieldsChanged, unitsChanged };
}

/** JSON with object keys sorted: PostgreSQL hands jsonb objects back in its own key order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function assignmentKey(assignments: Array<Pick<ResolvedAssignment, 'unitId' | 'role' | 'position' | 'viaGroupId'>>): string {
  return assignments
    .map((a) => `${a.role}:${a.position}:${a.unitId}:${a.viaGroupId ?? ''}`)
    .sort()
    .join('|');
}
