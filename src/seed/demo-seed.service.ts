import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NoticeImportService } from '../notice-import/notice-import.service';
import { PlansService } from '../plans/plans.service';
import { UnitsService } from '../units/units.service';
import { UsersService } from '../users/users.service';
import { DEMO_PASSWORD, DEMO_STAFF } from './demo-accounts';
import { DemoHistoryService, type DemoHistoryResult } from './demo-history.service';
import { DemoProvinceService } from './demo-province.service';
import { DemoRepository } from './demo.repository';
import { NOTICE_DAY } from './demo-year';
import { JIYUAN_GROUPS, JIYUAN_UNITS } from './jiyuan-units';
import { readJiyuanNotice } from './jiyuan-notice';

export const DEMO_PLAN_TITLE = '济源市2021年政府工作报告重点工作';

/**
 * Fills an empty database with the 济源 unit registry, the 2021 plan imported from its notice and a demo year of
 * work on it (DemoHistoryService) up to the demo day, then the demo province around 济源 (DemoProvinceService).
 */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger('seed');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly units: UnitsService,
    private readonly plans: PlansService,
    private readonly imports: NoticeImportService,
    private readonly users: UsersService,
    private readonly history: DemoHistoryService,
    private readonly province: DemoProvinceService,
  ) {}

  /** Returns null (and touches nothing) when the database already holds units or plans. */
  async seedIfEmpty(): Promise<DemoHistoryResult | null> {
    if (!(await new DemoRepository(this.dataSource).isEmpty())) {
      this.logger.log('Database already has data: demo seed skipped');
      return null;
    }
    await this.seedRegistry();
    await this.seedUsers();
    const plan = await this.plans.create({ title: DEMO_PLAN_TITLE, year: 2021 });
    const { status, report } = await this.history
      .timeline()
      .onDay(NOTICE_DAY, () => this.imports.import(plan.id, { kind: 'text', text: readJiyuanNotice() }, {}));
    if (status !== 201) throw new Error(`demo notice import failed: ${JSON.stringify(report.errors)}`);
    this.logger.log(
      `Seeded ${JIYUAN_UNITS.length} units, ${JIYUAN_GROUPS.length} groups and plan “${DEMO_PLAN_TITLE}” ` +
        `(${report.tasks.created} tasks, ${report.sections} sections, ${report.subsections} subsections)`,
    );
    this.logger.log(
      `Demo accounts (password “${DEMO_PASSWORD}”): admin (系统管理员), duchashi (督查室), lingdao (领导), ` +
        `and one unit user per unit named after the unit, e.g. 住房和城乡建设局`,
    );
    const result = await this.history.live(plan.id);
    // After the 济源 year, so that its numbers, history and lights are the same with or without the province.
    await this.province.seed();
    return result;
  }

  /** The office's staff and one account per unit, so every role can be tried at once. */
  async seedUsers(): Promise<void> {
    for (const staff of DEMO_STAFF) await this.users.createIfMissing({ ...staff, password: DEMO_PASSWORD });
    for (const unit of await this.units.list()) {
      await this.users.createIfMissing({
        username: unit.name,
        displayName: unit.name,
        role: 'unit_user',
        unitId: unit.id,
        password: DEMO_PASSWORD,
      });
    }
  }

  async seedRegistry(): Promise<void> {
    for (const unit of JIYUAN_UNITS) await this.units.create({ name: unit.name, kind: unit.kind, aliases: [...unit.aliases] });
    for (const group of JIYUAN_GROUPS) {
      await this.units.createGroup({ name: group.name, aliases: [...group.aliases], members: [...group.members] });
    }
  }
}
