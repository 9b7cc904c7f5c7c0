import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessService } from '../access/access.service';
import { requirePermission } from '../access/permissions';
import { AuditService } from '../audit/audit.service';
import type { PlanSnapshot } from '../supervision/supervision-snapshot';
import { SupervisionService, type SupervisionQuery } from '../supervision/supervision.service';
import type { PlanScoringRulesDto, ScoresViewDto, ScoringRulesDto } from './dto/scoring.dto';
import { computeScores } from './score-calculator';
import { ScoreFactsLoader } from './score-facts';
import { DEFAULT_SCORING_RULES, SCORING_RULE_LABELS, type ScoringRules } from './scoring-rules';
import { ScoringRepository } from './scoring.repository';

/** Each plan's 考核 rules (editable) and the units' scores as of any day, computed on every request. */
@Injectable()
export class ScoringService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly supervision: SupervisionService,
    private readonly facts: ScoreFactsLoader,
    private readonly audit: AuditService,
  ) {}

  async getRules(planId: string): Promise<PlanScoringRulesDto> {
    requirePermission('read:all');
    await this.access.requireReadPlan(planId);
    const stored = await this.storedRules(planId);
    return { planId, rules: stored ?? DEFAULT_SCORING_RULES, isDefault: stored === null, labels: SCORING_RULE_LABELS };
  }

  async putRules(planId: string, rules: ScoringRulesDto): Promise<PlanScoringRulesDto> {
    const actor = requirePermission('tasks:supervise');
    await this.access.requireWritePlan(planId);
    const next: ScoringRules = { ...rules };
    await this.dataSource.transaction(async (manager) => {
      const scoring = new ScoringRepository(manager);
      const before = await scoring.rules(planId, { lock: true });
      await scoring.saveRules(planId, next, actor.userId);
      await this.audit.record(
        { action: 'plan.scoring_rules', entity: 'plan', entityId: planId, before: before ?? DEFAULT_SCORING_RULES, after: next },
        manager,
      );
    });
    return { planId, rules: next, isDefault: false, labels: SCORING_RULE_LABELS };
  }

  async scores(query: SupervisionQuery): Promise<ScoresViewDto> {
    return this.scoresOf(await this.supervision.snapshot(query));
  }

  /** The scores on a snapshot the caller has loaded (and checked access for). */
  async scoresOf(snapshot: PlanSnapshot): Promise<ScoresViewDto> {
    const rules = (await this.storedRules(snapshot.plan.id)) ?? DEFAULT_SCORING_RULES;
    const { units, facts, warnings } = await this.facts.load(snapshot);
    return { asOf: snapshot.asOf, rules, items: computeScores(units, facts, rules), warnings };
  }

  private async storedRules(planId: string): Promise<ScoringRules | null> {
    const stored = await new ScoringRepository(this.dataSource).rules(planId);
    // Rules stored before a rule was added get its default.
    return stored ? { ...DEFAULT_SCORING_RULES, ...stored } : null;
  }
}
