import { Injectable } from '@nestjs/common';
import { AccessService } from '../access/access.service';
import { requirePermission } from '../access/permissions';
import { Clock } from '../common/clock';
import type { ChildOrganizationDto, ChildTaskDto, TaskChildrenDto } from './dto/task-children.dto';
import { CascadeRepository, type ChildTaskRow } from './cascade.repository';
import { rollUp, type Light, type Rollup } from './rollup';

/** How deep a delivery is followed (province → city → county is 2). */
const MAX_LEVELS = 8;

interface Level {
  /** The tasks whose deliveries the level holds. */
  parents: string[];
  /** Child tasks of the level's parents, with their light. */
  children: Array<ChildTaskRow & { parentTaskId: string; light: Light }>;
  deliveries: Awaited<ReturnType<CascadeRepository['deliveries']>>;
}

/**
 * The parent's view of a delivered task: per receiving organization, and on down the tree (a city, then the
 * counties it delivered to), its child tasks with their light (the plan's own task rules, task_timeliness) and
 * latest report, and the roll-up (rollup.ts). Read downward only, and only in the organizations the actor reads
 * (staff of an ancestor read their descendants; a unit user its own organization only).
 */
@Injectable()
export class TaskChildrenService {
  constructor(
    private readonly repository: CascadeRepository,
    private readonly access: AccessService,
    private readonly clock: Clock,
  ) {}

  async get(taskId: string): Promise<TaskChildrenDto> {
    requirePermission('tasks:read');
    await this.access.requireReadTask(taskId);
    const today = this.clock.today();
    const levels = await this.levels(taskId, today);
    const rollups = await this.rollups(taskId, levels, today);
    const children = levels.flatMap((l) => l.children);
    const deliveries = levels.flatMap((l) => l.deliveries);
    const reports = new Map((await this.repository.latestReports(children.map((c) => c.id))).map((r) => [r.taskId, r]));
    const toTask = (c: (typeof children)[number]): ChildTaskDto => {
      const report = reports.get(c.id);
      return {
        id: c.id,
        number: c.number,
        content: c.content,
        status: c.status,
        dueDate: c.dueDate,
        light: rollups.get(c.id)?.light ?? c.light,
        percent: report?.percent ?? null,
        latestReport: report ? { summary: report.summary, percent: report.percent, reportedAt: report.reportedAt.toISOString(), unitName: report.unitName } : null,
      };
    };
    // Depth-first: each organization, then the organizations its child tasks went on to (a city, then its counties).
    const below = (parentId: string): ChildOrganizationDto[] =>
      deliveries
        .filter((d) => d.parentTaskId === parentId)
        .flatMap((d) => {
          const own = children.filter((c) => c.parentTaskId === parentId && c.organizationId === d.organizationId);
          const entry: ChildOrganizationDto = {
            organization: { id: d.organizationId, name: d.organizationName },
            receivedAt: d.receivedAt.toISOString(),
            acceptedAt: d.acceptedAt?.toISOString() ?? null,
            tasks: own.map(toTask),
          };
          return [entry, ...own.flatMap((c) => below(c.id))];
        });
    return { rollup: rollups.get(taskId)!, organizations: below(taskId) };
  }

  /** The delivery tree below `taskId`, one level per step down, each child with its own light. */
  private async levels(taskId: string, today: string): Promise<Level[]> {
    const levels: Level[] = [];
    const readable = this.access.readableOrganizations();
    let parents = [taskId];
    while (parents.length > 0 && levels.length < MAX_LEVELS) {
      const deliveries = await this.repository.deliveries(parents, readable);
      const rows = await this.repository.children(parents, readable);
      const lights = new Map<string, Light>();
      for (const planId of new Set(rows.map((c) => c.planId))) {
        const ids = rows.filter((c) => c.planId === planId).map((c) => c.id);
        for (const [id, light] of await this.repository.lights(planId, ids, today)) lights.set(id, light);
      }
      levels.push({ parents, deliveries, children: rows.map((c) => ({ ...c, light: lights.get(c.id) ?? 'grey' })) });
      parents = rows.map((c) => c.id);
    }
    return levels;
  }

  /**
   * Each task's roll-up, deepest level first, so that a child delivered further counts by its own; a child that
   * was not delivered further has none and counts by its own status and light.
   */
  private async rollups(taskId: string, levels: Level[], today: string): Promise<Map<string, Rollup>> {
    const rollups = new Map<string, Rollup>();
    const dueDates = new Map(levels.flatMap((l) => l.children.map((c) => [c.id, c.dueDate] as const)));
    dueDates.set(taskId, (await this.repository.dueDate(taskId))!);
    for (const { parents, deliveries, children } of [...levels].reverse()) {
      for (const parentId of parents) {
        const delivered = deliveries.filter((d) => d.parentTaskId === parentId);
        if (delivered.length === 0 && parentId !== taskId) continue;
        const organizations = delivered.map((d) => ({
          accepted: d.acceptedAt !== null,
          tasks: children
            .filter((c) => c.parentTaskId === parentId && c.organizationId === d.organizationId)
            .map((c) => ({ status: c.status, light: c.light, rollup: rollups.get(c.id) ?? null })),
        }));
        rollups.set(parentId, rollUp(organizations, today > dueDates.get(parentId)!));
      }
    }
    return rollups;
  }
}
