import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { organizationScopeSql, planScopeSql } from '../access/access.repository';
import { exec, managerOf, one, rows, type Db } from '../database/sql';
import { PlanSection } from './plan-section.entity';
import { Plan } from './plan.entity';

/** The plan aggregate's reads and writes: plans, their section tree, and their task counts. */
@Injectable()
export class PlanRepository {
  constructor(@InjectDataSource() private readonly db: Db) {}

  in(db: Db): PlanRepository {
    return new PlanRepository(db);
  }

  find(id: string): Promise<Plan | null> {
    return managerOf(this.db).getRepository(Plan).findOne({ where: { id } });
  }

  insert(plan: Pick<Plan, 'organizationId' | 'title' | 'year' | 'startDate' | 'endDate' | 'reportingCycle' | 'reportCutoffDay' | 'completionEvidenceRequired'>): Promise<Plan> {
    return managerOf(this.db).getRepository(Plan).save(plan);
  }

  async setCompletionEvidenceRequired(id: string, required: boolean): Promise<void> {
    await exec(this.db, `UPDATE plan SET completion_evidence_required = $2, version = version + 1, updated_at = now() WHERE id = $1`, [id, required]);
  }

  /** The organizations' plans, newest year first; for `unitId`, only the plans the unit has tasks in. */
  listVisibleTo(organizationIds: readonly string[], unitId: string | null): Promise<Plan[]> {
    return managerOf(this.db)
      .getRepository(Plan)
      .createQueryBuilder('plan')
      .where(organizationScopeSql('plan.organization_id', ':organizationIds'), { organizationIds: [...organizationIds] })
      .andWhere(
        unitId ? planScopeSql('plan.id', ':unitId') : 'TRUE',
        { unitId },
      )
      .orderBy('plan.year', 'DESC')
      .addOrderBy('plan.createdAt', 'DESC')
      .getMany();
  }

  sections(planId: string): Promise<PlanSection[]> {
    return managerOf(this.db).getRepository(PlanSection).find({ where: { planId }, order: { level: 'ASC', ordinal: 'ASC' } });
  }

  /** Tasks hanging directly off each section of the plan. */
  async sectionTaskCounts(planId: string): Promise<Map<string, number>> {
    const found = await rows<{ section_id: string; count: number }>(
      this.db,
      `SELECT section_id, count(*)::int AS count FROM task WHERE plan_id = $1 AND section_id IS NOT NULL GROUP BY section_id`,
      [planId],
    );
    return new Map(found.map((r) => [r.section_id, r.count]));
  }

  async taskCounts(planIds: string[]): Promise<Map<string, number>> {
    if (planIds.length === 0) return new Map();
    const found = await rows<{ plan_id: string; count: number }>(
      this.db,
      `SELECT plan_id, count(*)::int AS count FROM task WHERE plan_id = ANY($1) GROUP BY plan_id`,
      [planIds],
    );
    return new Map(found.map((r) => [r.plan_id, r.count]));
  }

  /** Takes the plan's row lock (the one a notice import and a hand-made task take); false when it is unknown. */
  async lockForUpdate(planId: string): Promise<boolean> {
    return (await one(this.db, `SELECT id FROM plan WHERE id = $1 FOR UPDATE`, [planId])) !== null;
  }
}
