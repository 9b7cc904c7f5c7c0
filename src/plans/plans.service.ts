import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { actingOrganization } from '../access/organizations';
import { AccessService } from '../access/access.service';
import { requirePermission } from '../access/permissions';
import { AuditService } from '../audit/audit.service';
import { BadRequestError, NotFoundError } from '../common/domain-errors';
import type { CreatePlanDto, PlanDetailDto, PlanDto, SectionNodeDto, UpdatePlanDto } from './dto/plan.dto';
import type { PlanSection } from './plan-section.entity';
import type { Plan } from './plan.entity';
import { PlanRepository } from './plan.repository';

@Injectable()
export class PlansService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: PlanRepository,
    private readonly audit: AuditService,
    private readonly access: AccessService,
  ) {}

  async create(dto: CreatePlanDto): Promise<PlanDto> {
    requirePermission('plans:write');
    const startDate = dto.startDate ?? `${dto.year}-01-01`;
    const endDate = dto.endDate ?? `${dto.year}-12-31`;
    if (endDate < startDate) {
      throw new BadRequestError('VALIDATION_FAILED', '请求参数无效：endDate', [
        { field: 'endDate', reason: '结束日期不能早于开始日期 (endDate must not be before startDate)' },
      ]);
    }
    return this.dataSource.transaction(async (manager) => {
      const plan = await this.repository.in(manager).insert({
        organizationId: actingOrganization(),
        title: dto.title.trim(),
        year: dto.year,
        startDate,
        endDate,
        reportingCycle: dto.reportingCycle ?? 'monthly',
        reportCutoffDay: dto.reportCutoffDay ?? 25,
        completionEvidenceRequired: dto.completionEvidenceRequired ?? false,
      });
      const created = this.toDto(plan, 0);
      await this.audit.record({ action: 'plan.create', entity: 'plan', entityId: plan.id, after: created }, manager);
      return created;
    });
  }

  /** The plan's settings a supervisor may change after creating it. */
  async update(id: string, dto: UpdatePlanDto): Promise<PlanDetailDto> {
    requirePermission('plans:write');
    await this.dataSource.transaction(async (manager) => {
      const plan = await this.findOrFail(id, manager);
      this.access.requireWriteOrganization(plan.organizationId, '计划', id);
      await this.repository.in(manager).setCompletionEvidenceRequired(id, dto.completionEvidenceRequired);
      await this.audit.record(
        { action: 'plan.update', entity: 'plan', entityId: id, before: { completionEvidenceRequired: plan.completionEvidenceRequired }, after: { ...dto } },
        manager,
      );
    });
    return this.get(id);
  }

  /** The plans of the actor's organization, or of one below it (`organizationId`, the organization switcher). */
  async list(organizationId?: string): Promise<PlanDto[]> {
    const unitId = this.access.readScope();
    const plans = await this.repository.listVisibleTo(this.access.listOrganization(organizationId), unitId);
    const counts = await this.repository.taskCounts(plans.map((p) => p.id));
    return plans.map((plan) => this.toDto(plan, counts.get(plan.id) ?? 0));
  }

  async get(id: string): Promise<PlanDetailDto> {
    await this.access.requireReadPlan(id);
    const plan = await this.findOrFail(id);
    const sections = await this.repository.sections(id);
    const direct = await this.repository.sectionTaskCounts(id);
    const total = (await this.repository.taskCounts([id])).get(id) ?? 0;
    return { ...this.toDto(plan, total), sections: this.buildTree(sections, direct) };
  }

  async findOrFail(id: string, manager: EntityManager = this.dataSource.manager): Promise<Plan> {
    const plan = await this.repository.in(manager).find(id);
    if (!plan) throw new NotFoundError('计划', id);
    return plan;
  }

  private buildTree(sections: PlanSection[], direct: Map<string, number>): SectionNodeDto[] {
    const node = (s: PlanSection): SectionNodeDto => ({
      id: s.id,
      code: s.code,
      ordinal: s.ordinal,
      title: s.title,
      taskCount: direct.get(s.id) ?? 0,
      children: [],
    });
    const top = sections.filter((s) => s.level === 1).map(node);
    const byId = new Map(top.map((n) => [n.id, n]));
    for (const child of sections.filter((s) => s.level === 2)) {
      const parent = byId.get(child.parentId ?? '');
      if (!parent) continue;
      const childNode = node(child);
      parent.children.push(childNode);
      parent.taskCount += childNode.taskCount;
    }
    return top;
  }

  private toDto(plan: Plan, taskCount: number): PlanDto {
    return {
      id: plan.id,
      title: plan.title,
      year: plan.year,
      startDate: plan.startDate,
      endDate: plan.endDate,
      reportingCycle: plan.reportingCycle,
      reportCutoffDay: plan.reportCutoffDay,
      importedAt: plan.importedAt ? plan.importedAt.toISOString() : null,
      completionEvidenceRequired: plan.completionEvidenceRequired,
      taskCount,
    };
  }
}
