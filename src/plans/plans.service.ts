import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { requirePermission } from '../access/permissions';
import { AuditService } from '../audit/audit.service';
import { BadRequestError, NotFoundError } from '../common/domain-errors';
import type { CreatePlanDto, PlanDetailDto, PlanDto, SectionNodeDto, UpdatePlanDto } from './dto/plan.dto';
import { PlanSection } from './plan-section.entity';
import { Plan } from './plan.entity';

@Injectable()
export class PlansService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
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
      const plan = await manager.getRepository(Plan).save({
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
      await manager.query(`UPDATE plan SET completion_evidence_required = $2, version = version + 1, updated_at = now() WHERE id = $1`, [
        id,
        dto.completionEvidenceRequired,
      ]);
      await this.audit.record(
        { action: 'plan.update', entity: 'plan', entityId: id, before: { completionEvidenceRequired: plan.completionEvidenceRequired }, after: { ...dto } },
        manager,
      );
    });
    return this.get(id);
  }

  async list(): Promise<PlanDto[]> {
    const unitId = this.access.readScope();
    const plans = await this.dataSource
      .getRepository(Plan)
      .createQueryBuilder('plan')
      .where(
        unitId
          ? this.access.planScopeSql('plan.id', ':unitId')
          : 'TRUE',
        { unitId },
      )
      .orderBy('plan.year', 'DESC')
      .addOrderBy('plan.createdAt', 'DESC')
      .getMany();
    const counts = await this.taskCounts(plans.map((p) => p.id));
    return plans.map((plan) => this.toDto(plan, counts.get(plan.id) ?? 0));
  }

  async get(id: string): Promise<PlanDetailDto> {
    await this.access.requireReadPlan(id);
    const plan = await this.findOrFail(id);
    const sections = await this.dataSource.getRepository(PlanSection).find({
      where: { planId: id },
      order: { level: 'ASC', ordinal: 'ASC' },
    });
    const perSection: Array<{ section_id: string; count: number }> = await this.dataSource.query(
      `SELECT section_id, count(*)::int AS count FROM task WHERE plan_id = $1 AND section_id IS NOT NULL GROUP BY section_id`,
      [id],
    );
    const direct = new Map(perSection.map((r) => [r.section_id, r.count]));
    const total = (await this.taskCounts([id])).get(id) ?? 0;
    return { ...this.toDto(plan, total), sections: this.buildTree(sections, direct) };
  }

  async findOrFail(id: string, manager: EntityManager = this.dataSource.manager): Promise<Plan> {
    const plan = await manager.getRepository(Plan).findOne({ where: { id } });
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

  private async taskCounts(planIds: string[]): Promise<Map<string, number>> {
    if (planIds.length === 0) return new Map();
    const rows: Array<{ plan_id: string; count: number }> = await this.dataSource.query(
      `SELECT plan_id, count(*)::int AS count FROM task WHERE plan_id = ANY($1) GROUP BY plan_id`,
      [planIds],
    );
    return new Map(rows.map((r) => [r.plan_id, r.count]));
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
