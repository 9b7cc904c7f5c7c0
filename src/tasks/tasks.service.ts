import { Injectable } from '@nestjs/common';
import { AccessService } from '../access/access.service';
import { BadRequestError, NotFoundError } from '../common/domain-errors';
import { toAcknowledgement } from './acknowledgements';
import type { ListTasksPageQueryDto, PendingAcknowledgementDto, TaskDetailDto, TaskDto, TaskPageDto } from './dto/task.dto';
import { TaskRepository, type TaskFilter, type TaskRecord } from './task.repository';
import type { AssignmentRole } from './task-status';

/**
 * Past this many matching tasks the list's total is the planner's estimate (flagged `totalExact: false`): an exact
 * count would read every matching row on every page.
 */
export const EXACT_TOTAL_LIMIT = 1000;

@Injectable()
export class TasksService {
  constructor(
    private readonly repository: TaskRepository,
    private readonly access: AccessService,
  ) {}

  /** The register, its reads bounded by row-level security to the actor's readable organizations (defense in depth). */
  async list(query: ListTasksPageQueryDto): Promise<TaskPageDto> {
    return this.access.readBounded(() => this.page(query));
  }

  private async page(query: ListTasksPageQueryDto): Promise<TaskPageDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const filter: TaskFilter = {
      // One plan's tasks are bounded by the plan (of any organization the actor reads); otherwise one organization's.
      organizationIds:
        query.organizationId === undefined && query.planId !== undefined
          ? this.access.listOrganizations()
          : this.access.listOrganization(query.organizationId),
      scopeUnit: this.access.readScope(),
      planId: query.planId,
      status: query.status,
      sourceKind: query.sourceKind,
      sectionId: query.sectionId,
      unitId: query.unitId,
      role: query.role,
      acknowledged: query.acknowledged,
      q: query.q,
    };
    if (query.after !== undefined && query.page !== undefined) {
      throw new BadRequestError('VALIDATION_FAILED', '请求参数无效：page', [
        { field: 'page', reason: '使用 after（游标）翻页时不能同时指定 page (page cannot be combined with after)' },
      ]);
    }
    const after = query.after === undefined ? undefined : decodeCursor(query.after);
    const offset = after ? 0 : (page - 1) * pageSize;
    // One row more than the page tells whether another page follows.
    const found = await this.repository.page(filter, { after, offset, limit: pageSize + 1 });
    const records = found.slice(0, pageSize);
    const last = records[records.length - 1];
    const nextCursor = found.length > pageSize && last ? encodeCursor(last) : null;
    const { total, totalExact } = await this.total(filter, after ? null : offset, found.length, pageSize);
    return { items: await this.withUnits(records), total, page, pageSize, totalExact, nextCursor };
  }

  /** Exact up to EXACT_TOTAL_LIMIT, estimated beyond; a short first page (or last page by number) is its own count. */
  private async total(filter: TaskFilter, offset: number | null, found: number, pageSize: number): Promise<{ total: number; totalExact: boolean }> {
    if (offset !== null && found <= pageSize && (found > 0 || offset === 0)) return { total: offset + found, totalExact: true };
    const counted = await this.repository.countUpTo(filter, EXACT_TOTAL_LIMIT + 1);
    if (counted <= EXACT_TOTAL_LIMIT) return { total: counted, totalExact: true };
    return { total: Math.max(counted, await this.repository.estimateCount(filter)), totalExact: false };
  }

  /** One task, its reads bounded by row-level security like the register's. */
  get(id: string): Promise<TaskDetailDto> {
    return this.access.readBounded(() => this.detail(id));
  }

  private async detail(id: string): Promise<TaskDetailDto> {
    await this.access.requireReadTask(id);
    const [record] = await this.repository.find([id]);
    if (!record) throw new NotFoundError('任务', id);
    const [task] = await this.withUnits([record]);
    const acknowledgements = (await this.repository.acknowledgements([id])).filter((a) => a.acknowledged_at !== null).map(toAcknowledgement);
    return { ...task!, sourceLine: record.sourceLine, extraFields: record.extraFields, acknowledgements };
  }

  private async withUnits(records: TaskRecord[]): Promise<TaskDto[]> {
    if (records.length === 0) return [];
    const units = new Map<string, Record<AssignmentRole, Array<{ id: string; name: string }>>>();
    const unsigned = new Map<string, PendingAcknowledgementDto[]>();
    for (const a of await this.repository.assignedUnits(records.map((r) => r.id))) {
      const byRole = units.get(a.taskId) ?? { lead: [], responsible: [], cooperating: [] };
      byRole[a.role].push({ id: a.unitId, name: a.unitName });
      units.set(a.taskId, byRole);
      if (!a.signed) {
        const pending = { id: a.unitId, name: a.unitName, assignedAt: new Date(a.assignedAt).toISOString() };
        unsigned.set(a.taskId, [...(unsigned.get(a.taskId) ?? []), pending]);
      }
    }
    return records.map((task) => {
      const byRole = units.get(task.id) ?? { lead: [], responsible: [], cooperating: [] };
      return {
        id: task.id,
        planId: task.planId,
        number: task.number,
        content: task.content,
        kind: task.kind,
        section: task.section,
        subsection: task.subsection,
        dueDate: task.dueDate,
        status: task.status,
        version: task.version,
        lead: byRole.lead,
        responsible: byRole.responsible,
        cooperating: byRole.cooperating,
        includesOtherUnits: task.includesOtherUnits,
        leaders: task.leaders,
        deadlineText: task.deadlineText,
        source: task.source,
        origin: task.origin,
        unacknowledged: unsigned.get(task.id) ?? [],
      };
    });
  }
}

/** A page cursor: the last task's plan and number, opaque to clients (base64url). */
function encodeCursor(task: { planId: string; number: number }): string {
  return Buffer.from(`${task.planId}/${task.number}`).toString('base64url');
}

const CURSOR = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/(\d{1,9})$/;

function decodeCursor(cursor: string): { planId: string; number: number } {
  const match = CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) {
    throw new BadRequestError('VALIDATION_FAILED', '请求参数无效：after', [
      { field: 'after', reason: '游标无效，请使用上一页返回的 nextCursor (after must be a nextCursor from an earlier page)' },
    ]);
  }
  return { planId: match[1]!, number: Number(match[2]) };
}
