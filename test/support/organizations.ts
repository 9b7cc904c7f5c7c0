import { DEFAULT_ORGANIZATION_ID } from '../../src/access/organizations';
import type { Role } from '../../src/access/roles';
import { runAsSystemIn } from '../../src/organizations/acting-in';
import { OrganizationRepository } from '../../src/organizations/organization.repository';
import { PlansService } from '../../src/plans/plans.service';
import { TaskCreationService } from '../../src/tasks/task-creation.service';
import { UsersService } from '../../src/users/users.service';
import { uniqueName, login } from './factories';
import { TEST_PASSWORD, type TestApp } from './test-app';

/** A user of `organizationId` (no HTTP route files users under another organization), logged in for real. */
export async function createUserIn(t: TestApp, organizationId: string, role: Role, unitId?: string): Promise<{ id: string; username: string; token: string }> {
  const username = uniqueName(`${role}-`);
  const user = await runAsSystemIn(organizationId, () => t.app.get(UsersService).create({ username, password: TEST_PASSWORD, role, unitId }));
  const { accessToken } = await login(t.app, username, TEST_PASSWORD);
  return { id: user.id, username, token: accessToken };
}

/**
 * Puts a province above the test users' (default) organization, with a unit there standing for it, and has the
 * province assign a task to that unit: the default organization receives it (上级交办). Answers the incoming id.
 */
export async function deliverToDefaultOrganization(t: TestApp): Promise<{ provinceId: string; parentTaskId: string; incomingId: string }> {
  const [{ id: provinceId }] = await t.dataSource.query(`INSERT INTO organization (name, kind) VALUES ($1, 'province') RETURNING id`, [uniqueName('测试省')]);
  await t.dataSource.query(`UPDATE organization SET parent_id = $1 WHERE id = $2`, [provinceId, DEFAULT_ORGANIZATION_ID]);
  const parentTaskId = await runAsSystemIn(provinceId, async () => {
    const unitId = await new OrganizationRepository(t.dataSource).insertRepresentingUnit(provinceId, DEFAULT_ORGANIZATION_ID, '本级人民政府', 'other');
    const plan = await t.app.get(PlansService).create({ title: uniqueName('省级计划'), year: 2021 });
    const task = await t.app.get(TaskCreationService).create(plan.id, {
      content: '推进全省数字政府建设。',
      dueDate: '2099-12-31',
      units: { responsible: [unitId] },
      source: { kind: 'notice' },
    });
    return task.id;
  });
  const [{ id: incomingId }] = await t.dataSource.query(`SELECT id FROM incoming_task WHERE parent_task_id = $1`, [parentTaskId]);
  return { provinceId, parentTaskId, incomingId };
}
