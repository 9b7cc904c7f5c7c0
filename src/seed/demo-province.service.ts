import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import { DEFAULT_ORGANIZATION_ID } from '../access/organizations';
import { runInContext } from '../access/request-context';
import { IncomingTasksService } from '../cascade/incoming-tasks.service';
import { runAsSystemIn } from '../organizations/acting-in';
import { OrganizationRepository } from '../organizations/organization.repository';
import { OrganizationsService } from '../organizations/organizations.service';
import { PlansService } from '../plans/plans.service';
import { ProgressService } from '../progress/progress.service';
import { AcknowledgementsService } from '../tasks/acknowledgements.service';
import { TaskCreationService } from '../tasks/task-creation.service';
import { UnitsService } from '../units/units.service';
import { UsersService } from '../users/users.service';
import { Env } from '../config/env';
import { DEMO_PASSWORD, DEMO_PROVINCE_STAFF } from './demo-accounts';
import { DemoRepository } from './demo.repository';
import { DemoTimeline } from './demo-timeline';

export const DEMO_PROVINCE = '河南省（演示）';
/** The default organization's name in the demo: 济源, a city of the demo province. */
export const DEMO_CITY = '济源市';
const DOCUMENT = '豫政〔2021〕1号（演示）';

/** The province's tasks: to both cities, to 洛阳 only (which 洛阳 takes up and splits), to 济源 only. */
const PROVINCE_TASKS = [
  { content: '加快推进数字政府建设，政务服务事项全程网办率达到90%以上。', dueDate: '2021-12-31', to: ['济源市', '洛阳市'] },
  { content: '推进高标准农田建设，完成年度新建高标准农田任务。', dueDate: '2021-11-30', to: ['洛阳市'] },
  { content: '落实减税降费政策，确保各项政策直达市场主体。', dueDate: '2021-09-30', to: ['济源市'] },
] as const;

/**
 * The demo's small province around the 济源 year (issue 13): 河南省（演示） above 济源市 (the default organization,
 * whose data and lights stay as DemoHistoryService left them), a second city 洛阳市 with its own 财政局 (names
 * repeat across organizations) and its county 孟津区. The province assigns three tasks to 济源市人民政府 and
 * 洛阳市人民政府 (下达); 洛阳 accepts the farmland task split between its 财政局 and 孟津区人民政府; 孟津 accepts
 * its part; both report. 济源's and 洛阳's other deliveries stay in their 上级交办 inboxes. Each step goes through
 * the services as the user who would take it, dated to its day in the afternoon (after the 济源 day's work).
 */
@Injectable()
export class DemoProvinceService {
  private readonly logger = new Logger('seed');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly moduleRef: ModuleRef,
    private readonly env: Env,
  ) {}

  private service<T>(type: new (...args: never[]) => T): T {
    return this.moduleRef.get(type, { strict: false });
  }

  async seed(): Promise<void> {
    const organizations = new OrganizationRepository(this.dataSource);
    const timeline = new DemoTimeline(this.dataSource, this.env);
    const on = <T>(day: string, act: () => Promise<T>) => timeline.onDay(day, act, '16:00');

    const org = await on('2021-03-01', async () => {
      const province = await organizations.insert(null, DEMO_PROVINCE, 'province');
      await organizations.place(DEFAULT_ORGANIZATION_ID, DEMO_CITY, province);
      await organizations.insertRepresentingUnit(province, DEFAULT_ORGANIZATION_ID, `${DEMO_CITY}人民政府`, 'other');
      const create = this.service(OrganizationsService);
      const luoyang = (await runAsSystemIn(province, () => create.create({ name: '洛阳市', kind: 'city' }))).id;
      const mengjin = (await runAsSystemIn(luoyang, () => create.create({ name: '孟津区', kind: 'county' }))).id;
      return { province, luoyang, mengjin, jiyuan: DEFAULT_ORGANIZATION_ID };
    });
    const units = this.service(UnitsService);
    const unitIn = async (organizationId: string, name: string) => (await runAsSystemIn(organizationId, () => units.create({ name }))).id;
    const finance = await unitIn(org.luoyang, '财政局');
    await unitIn(org.luoyang, '发展和改革委员会');
    const farming = await unitIn(org.mengjin, '农业农村局');
    const users = this.service(UsersService);
    for (const staff of DEMO_PROVINCE_STAFF) {
      const unitId = 'unit' in staff ? finance : undefined;
      await runAsSystemIn(org[staff.organization], () => users.createIfMissing({ ...staff.user, unitId, password: DEMO_PASSWORD }));
    }

    const actors = new Map((await new DemoRepository(this.dataSource).activeActors()).map((a) => [a.username, a]));
    const as = <T>(username: string, fn: () => Promise<T>) => runInContext({ requestId: null, ip: null, actor: actors.get(username) as Actor }, fn);
    const unitsOf = await this.representingUnits(org.province);
    const plans = this.service(PlansService);
    const tasks = this.service(TaskCreationService);
    const incoming = this.service(IncomingTasksService);

    const provinceTasks = await on('2021-03-01', () =>
      as('sheng-duchashi', async () => {
        const plan = await plans.create({ title: '河南省2021年重点工作（演示）', year: 2021 });
        const created = [];
        for (const task of PROVINCE_TASKS) {
          const responsible = task.to.map((city) => unitsOf.get(city)!);
          created.push(await tasks.create(plan.id, { content: task.content, dueDate: task.dueDate, units: { responsible }, source: { kind: 'notice', documentNumber: DOCUMENT, date: '2021-03-01' } }));
        }
        return created;
      }),
    );
    const farmland = provinceTasks[1]!.id;
    const luoyangTasks = await on('2021-03-08', () =>
      as('luoyang-duchashi', async () => {
        const plan = await plans.create({ title: '洛阳市2021年重点工作（演示）', year: 2021 });
        const [delivered] = (await incoming.list('pending')).filter((i) => i.parentTask.id === farmland);
        const accepted = await incoming.accept(delivered!.id, {
          planId: plan.id,
          tasks: [
            { content: '统筹落实高标准农田建设资金，按进度拨付到位。', units: [{ unitId: finance, role: 'lead' }] },
            { dueDate: '2021-11-15', units: [{ unitId: unitsOf.get('孟津区')!, role: 'responsible' }] },
          ],
        });
        return accepted.childTasks;
      }),
    );
    await on('2021-03-10', () => as('洛阳市财政局', () => this.service(AcknowledgementsService).acknowledge(luoyangTasks[0]!.id)));
    const countyTask = await on('2021-03-12', () =>
      as('mengjin-duchashi', async () => {
        const plan = await plans.create({ title: '孟津区2021年重点工作（演示）', year: 2021 });
        const [delivered] = await incoming.list('pending');
        const accepted = await incoming.accept(delivered!.id, { planId: plan.id, tasks: [{ units: [{ unitId: farming, role: 'lead' }] }] });
        return accepted.childTasks[0]!.id;
      }),
    );
    const progress = this.service(ProgressService);
    await on('2021-09-17', () => as('洛阳市财政局', () => progress.create(luoyangTasks[0]!.id, { summary: '已拨付高标准农田建设资金1.2亿元，占年度计划的60%。', percent: 60 })));
    await on('2021-09-22', () =>
      as('mengjin-duchashi', () => progress.create(countyTask, { summary: '全区新建高标准农田4.5万亩，完成年度任务的75%。', percent: 75, unitId: farming })),
    );
    await on('2021-10-15', () =>
      as('mengjin-duchashi', () => progress.create(countyTask, { summary: '新建高标准农田5.4万亩，完成年度任务的90%，进入验收准备。', percent: 90, unitId: farming })),
    );
    this.logger.log(`Seeded the demo province ${DEMO_PROVINCE}: ${DEMO_CITY}, 洛阳市 and 孟津区, ${PROVINCE_TASKS.length} province tasks (下达)`);
  }

  /** The province's units standing for its cities and 洛阳's for 孟津区, by the organization's name. */
  private async representingUnits(provinceId: string): Promise<Map<string, string>> {
    const found = await new OrganizationRepository(this.dataSource).subtree(provinceId);
    return new Map(found.filter((o) => o.representedBy).map((o) => [o.name, o.representedBy!.unitId]));
  }
}
