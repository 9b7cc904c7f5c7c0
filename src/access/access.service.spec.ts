import { runInContext } from './request-context';
import type { OrganizationScope } from '../database/organization-scope';
import type { AccessRepository } from './access.repository';
import { AccessService } from './access.service';
import type { Actor } from './actor';

const OWN = 'unit-own';
const CITY = 'org-city';
const COUNTY = 'org-county';
const SIBLING = 'org-sibling-city';
const tree = [CITY, COUNTY];
const clerk: Actor = { userId: 'u1', username: 'clerk', role: 'unit_user', unitId: OWN, organizationId: CITY, organizationTree: tree };
const leader: Actor = { userId: 'u2', username: 'leader', role: 'leader', unitId: null, organizationId: CITY, organizationTree: tree };
const supervisor: Actor = { userId: 'u3', username: 'supervisor', role: 'supervisor', unitId: null, organizationId: CITY, organizationTree: tree };

interface Known {
  id: string;
  units: string[];
  organizationId?: string;
}

/** The repository's answers for one known task (of OWN or not) and one known plan; anything else is unknown. */
function service(task: Known, plan: Known): AccessService {
  const repository: Pick<AccessRepository, 'taskUnits' | 'planHoldsUnit' | 'isTopLevel'> = {
    isTopLevel: async (id) => id === 'org-province',
    taskUnits: async (id) => (id === task.id ? { organizationId: task.organizationId ?? CITY, units: task.units } : null),
    planHoldsUnit: async (id, unitId) =>
      id === plan.id ? { organizationId: plan.organizationId ?? CITY, holds: unitId === null || plan.units.includes(unitId) } : null,
  };
  return new AccessService(repository as AccessRepository, { read: (_organizations, work) => work() } as OrganizationScope);
}
const as = <T>(actor: Actor | null, fn: () => Promise<T> | T) => runInContext({ requestId: null, ip: null, actor }, async () => fn());

describe('AccessService', () => {
  const access = service({ id: 't-other', units: ['unit-other'] }, { id: 'p-other', units: ['unit-other'] });

  it('requireReadTask: 404 for an unknown task before 403 for another unit’s, staff read it', async () => {
    await expect(as(clerk, () => access.requireReadTask('t-missing'))).rejects.toMatchObject({ statusCode: 404 });
    await expect(as(clerk, () => access.requireReadTask('t-other'))).rejects.toMatchObject({ statusCode: 403, message: '该任务未分配给本单位，无权查看' });
    await expect(as(leader, () => access.requireReadTask('t-other'))).resolves.toBeUndefined();
  });

  it('requireReadPlan: 404 for an unknown plan, 403 for a plan without the unit, staff read it', async () => {
    await expect(as(clerk, () => access.requireReadPlan('p-missing'))).rejects.toMatchObject({ statusCode: 404 });
    await expect(as(clerk, () => access.requireReadPlan('p-other'))).rejects.toMatchObject({ statusCode: 403 });
    await expect(as(leader, () => access.requireReadPlan('p-other'))).resolves.toBeUndefined();
  });

  it('requireWriteTask: by id 404 then 403; with the units in hand no lookup; answers the actor', async () => {
    await expect(as(clerk, () => access.requireWriteTask('t-missing'))).rejects.toMatchObject({ statusCode: 404 });
    await expect(as(clerk, () => access.requireWriteTask('t-other'))).rejects.toMatchObject({ statusCode: 403 });
    await expect(as(clerk, () => access.requireWriteTask({ id: 't', organizationId: CITY, units: [{ unitId: OWN }] }))).resolves.toBe(clerk);
    await expect(as(clerk, () => access.requireWriteTask({ id: 't', organizationId: CITY, units: [{ unitId: 'unit-other' }] }))).rejects.toMatchObject({ message: '该任务未分配给本单位，不能操作' });
    await expect(as(leader, () => access.requireWriteTask({ id: 't', organizationId: CITY, units: [{ unitId: OWN }] }))).rejects.toMatchObject({ statusCode: 403, message: '没有权限执行此操作' });
  });

  it('requireAcknowledge: answers the signing unit; tells staff they cannot sign for a unit', async () => {
    await expect(as(clerk, () => access.requireAcknowledge({ id: 't', organizationId: CITY, units: [{ unitId: OWN }] }))).resolves.toEqual({ actor: clerk, unitId: OWN });
    await expect(as(leader, () => access.requireAcknowledge({ id: 't', organizationId: CITY, units: [{ unitId: OWN }] }))).rejects.toMatchObject({
      statusCode: 403,
      message: expect.stringContaining('不能代签'),
    });
  });

  it('requireReadEvidence: the task rule first, then a draft for its uploader only', async () => {
    const mine = service({ id: 't-own', units: [OWN] }, { id: 'p', units: [OWN] });
    await expect(as(clerk, () => mine.requireReadEvidence({ taskId: 't-own', submitted: false, uploadedBy: 'u1' }))).resolves.toBeUndefined();
    await expect(as(clerk, () => mine.requireReadEvidence({ taskId: 't-own', submitted: false, uploadedBy: 'u9' }))).rejects.toMatchObject({ statusCode: 403 });
    await expect(as(clerk, () => access.requireReadEvidence({ taskId: 't-other', submitted: true, uploadedBy: 'u9' }))).rejects.toMatchObject({ statusCode: 403 });
  });

  it('organizations: a sibling’s task or plan is as if unknown (404); a descendant’s is read by staff, never written', async () => {
    const sibling = service({ id: 't-sib', units: [OWN], organizationId: SIBLING }, { id: 'p-sib', units: [OWN], organizationId: SIBLING });
    for (const actor of [clerk, leader, supervisor]) {
      await expect(as(actor, () => sibling.requireReadTask('t-sib'))).rejects.toMatchObject({ statusCode: 404 });
      await expect(as(actor, () => sibling.requireReadPlan('p-sib'))).rejects.toMatchObject({ statusCode: 404 });
    }
    await expect(as(supervisor, () => sibling.requireWriteTask('t-sib'))).rejects.toMatchObject({ statusCode: 404 });
    const below = service({ id: 't-county', units: ['county-unit'], organizationId: COUNTY }, { id: 'p-county', units: [], organizationId: COUNTY });
    await expect(as(leader, () => below.requireReadTask('t-county'))).resolves.toBeUndefined();
    await expect(as(supervisor, () => below.requireReadPlan('p-county'))).resolves.toBeUndefined();
    await expect(as(clerk, () => below.requireReadPlan('p-county'))).rejects.toMatchObject({ statusCode: 404 });
    await expect(as(supervisor, () => below.requireWriteTask('t-county'))).rejects.toMatchObject({ statusCode: 403, message: '下级组织的数据只能查看，不能修改' });
    await expect(as(supervisor, () => below.requireWritePlan('p-county'))).rejects.toMatchObject({ statusCode: 403 });
    await expect(as(supervisor, () => access.requireWritePlan('p-other'))).resolves.toBeUndefined();
    await expect(as(leader, () => access.listOrganizations())).resolves.toEqual(tree);
    await expect(as(leader, () => access.listOrganizations(SIBLING))).rejects.toMatchObject({ statusCode: 404 });
    await expect(as(clerk, () => access.listOrganizations(COUNTY))).rejects.toMatchObject({ statusCode: 404 });
  });

  it('the organization checks of writes in hand, lists, accounts and the calendar', async () => {
    const admin: Actor = { userId: 'u4', username: 'admin', role: 'admin', unitId: null, organizationId: CITY, organizationTree: tree };
    // A list shows one organization: the actor's own unless it switches to a readable one.
    await expect(as(leader, () => access.listOrganization())).resolves.toEqual([CITY]);
    await expect(as(leader, () => access.listOrganization(COUNTY))).resolves.toEqual([COUNTY]);
    await expect(as(clerk, () => access.listOrganization(COUNTY))).rejects.toMatchObject({ statusCode: 404 });
    // Writes on a task in hand: a sibling's is unknown, a county's read-only, the unit rule after.
    const sibling = { id: 't', organizationId: SIBLING };
    const county = { id: 't', organizationId: COUNTY };
    await expect(as(clerk, () => access.requireWriteTaskAs(sibling, [OWN], undefined))).rejects.toMatchObject({ statusCode: 404 });
    await expect(as(supervisor, () => access.requireWriteTaskAs(county, [OWN], OWN))).rejects.toMatchObject({ statusCode: 403, message: '下级组织的数据只能查看，不能修改' });
    await expect(as(clerk, () => access.requireWriteTaskAs({ id: 't', organizationId: CITY }, [OWN], undefined))).resolves.toEqual({ unitId: OWN, onBehalf: false });
    await expect(as(supervisor, () => access.requireSuperviseTask(sibling))).rejects.toMatchObject({ statusCode: 404 });
    await expect(as(supervisor, () => access.requireSuperviseTask(county))).rejects.toMatchObject({ statusCode: 403 });
    await expect(as(leader, () => access.requireSuperviseTask({ id: 't', organizationId: CITY }))).rejects.toMatchObject({ statusCode: 403 });
    await expect(as(supervisor, () => access.requireSuperviseTask({ id: 't', organizationId: CITY }))).resolves.toBe(supervisor);
    // A 督查室 notice of a lower organization: read by the city's supervisor, signed only by the county's.
    const notice = { id: 'r', audience: 'supervisors' as const, unitId: null, organizationId: COUNTY };
    await expect(as(supervisor, () => access.requireReminderRecipient(notice))).rejects.toMatchObject({ statusCode: 403 });
    await expect(as(supervisor, () => access.requireReminderRecipient({ ...notice, organizationId: SIBLING }))).rejects.toMatchObject({ statusCode: 404 });
    // Accounts down the tree.
    await expect(as(admin, () => access.requireManageAccountsOf(COUNTY, '用户', 'x'))).resolves.toBe(admin);
    await expect(as(admin, () => access.requireManageAccountsOf(SIBLING, '用户', 'x'))).rejects.toMatchObject({ statusCode: 404 });
    await expect(as(leader, () => access.requireManageAccountsOf(CITY, '用户', 'x'))).rejects.toMatchObject({ statusCode: 403 });
    // The calendar: the top-level organization's admin only.
    await expect(as(admin, () => access.requireWriteCalendar())).rejects.toMatchObject({ statusCode: 403 });
    const provinceAdmin = { ...admin, organizationId: 'org-province', organizationTree: ['org-province', CITY, COUNTY] };
    await expect(as(provinceAdmin, () => access.requireWriteCalendar())).resolves.toBe(provinceAdmin);
  });

  it('without an actor every check answers 401', async () => {
    await expect(as(null, () => access.requireReadTask('t-other'))).rejects.toMatchObject({ statusCode: 401 });
    await expect(as(null, () => access.readScope())).rejects.toMatchObject({ statusCode: 401 });
  });
});
