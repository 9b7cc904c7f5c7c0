import { ForbiddenError } from './access-errors';
import { SYSTEM_ACTOR, type Actor } from './actor';
import { can, GRANTS, type Permission } from './permissions';
import {
  listScopeUnit,
  mayAcknowledge,
  mayDiscardEvidence,
  mayManageAccountsOf,
  mayReadEvidence,
  mayReadTask,
  mayReceiveReminder,
  mayWriteCalendar,
  mayWriteTask,
  readScopeUnit,
  writingUnit,
} from './rules';
import { ROLES, type Role } from './roles';

const OWN = 'unit-own';
const OTHER = 'unit-other';
const actor = (role: Role, unitId: string | null = null, userId = `user-${role}`): Actor => ({
  userId,
  username: role,
  role,
  unitId,
  organizationId: 'org-own',
  organizationTree: ['org-own', 'org-below'],
});
const clerk = actor('unit_user', OWN);
const supervisor = actor('supervisor');
const leader = actor('leader');
const admin = actor('admin');
const forbidden = (fn: () => unknown) => expect(fn).toThrow(ForbiddenError);

describe('access rules', () => {
  it('grants: who holds each permission (what the routes declare)', () => {
    const holders = (permission: Permission) => ROLES.filter((role) => GRANTS[role].includes(permission));
    expect(Object.fromEntries((Object.values(GRANTS).flat() as Permission[]).map((p) => [p, holders(p)]))).toEqual({
      'registry:read': ['admin', 'supervisor', 'unit_user', 'leader'],
      'plans:read': ['admin', 'supervisor', 'unit_user', 'leader'],
      'tasks:read': ['admin', 'supervisor', 'unit_user', 'leader'],
      'reminders:read': ['admin', 'supervisor', 'unit_user', 'leader'],
      'read:all': ['admin', 'supervisor', 'leader'],
      'tasks:write': ['supervisor', 'unit_user'],
      'tasks:acknowledge': ['unit_user'],
      'reminders:receive': ['supervisor', 'unit_user'],
      'users:manage': ['admin'],
      'units:write': ['admin'],
      'plans:write': ['supervisor'],
      'imports:template': ['admin', 'supervisor'],
      'audit:read': ['admin', 'supervisor'],
      'calendar:write': ['admin'],
      'tasks:supervise': ['supervisor'],
      'reminders:configure': ['admin', 'supervisor'],
      'queues:inspect': ['admin'],
      'incoming:read': ['supervisor', 'leader'],
    });
    expect(can(SYSTEM_ACTOR, 'users:manage')).toBe(true);
  });

  it('readScopeUnit: a unit user is bounded to its unit, staff are not, a unit user without a unit reads nothing', () => {
    expect(readScopeUnit(clerk)).toBe(OWN);
    for (const staff of [admin, supervisor, leader, SYSTEM_ACTOR]) expect(readScopeUnit(staff)).toBeNull();
    forbidden(() => readScopeUnit(actor('unit_user', null)));
  });

  it('mayReadTask: a task assigned to the scope unit in any role, or any task without a scope', () => {
    expect(mayReadTask(OWN, [OTHER, OWN])).toBe(true);
    expect(mayReadTask(OWN, [OTHER])).toBe(false);
    expect(mayReadTask(OWN, [])).toBe(false);
    expect(mayReadTask(null, [OTHER])).toBe(true);
  });

  it('mayWriteTask: a user of an assigned unit, a supervisor or the system; never a leader or an admin', () => {
    expect(mayWriteTask(clerk, [OWN])).toBe(true);
    expect(mayWriteTask(clerk, [OTHER])).toBe(false);
    expect(mayWriteTask(actor('unit_user', null), [OWN])).toBe(false);
    expect(mayWriteTask(supervisor, [OTHER])).toBe(true);
    expect(mayWriteTask(SYSTEM_ACTOR, [OTHER])).toBe(true);
    expect(mayWriteTask(leader, [OWN])).toBe(false);
    expect(mayWriteTask(admin, [OWN])).toBe(false);
  });

  it('writingUnit: a unit user speaks for its own allowed unit; a supervisor names an allowed unit; others nobody', () => {
    expect(writingUnit(clerk, [OWN, OTHER], undefined)).toEqual({ unitId: OWN, onBehalf: false });
    expect(writingUnit(clerk, [OWN], OWN)).toEqual({ unitId: OWN, onBehalf: false });
    forbidden(() => writingUnit(clerk, [OTHER], undefined));
    forbidden(() => writingUnit(clerk, [OWN, OTHER], OTHER));
    expect(writingUnit(supervisor, [OWN, OTHER], OTHER)).toEqual({ unitId: OTHER, onBehalf: true });
    forbidden(() => writingUnit(supervisor, [OWN], OTHER));
    expect(() => writingUnit(supervisor, [OWN], undefined)).toThrow(expect.objectContaining({ statusCode: 400, details: [expect.objectContaining({ field: 'unitId' })] }));
    for (const staff of [leader, admin]) forbidden(() => writingUnit(staff, [OWN], OWN));
  });

  it('mayAcknowledge: only a user of an assigned unit, never staff acting for it', () => {
    expect(mayAcknowledge(clerk, [OTHER, OWN])).toBe(true);
    expect(mayAcknowledge(clerk, [OTHER])).toBe(false);
    for (const staff of [supervisor, leader, admin, SYSTEM_ACTOR]) expect(mayAcknowledge(staff, [OWN])).toBe(false);
  });

  it("listScopeUnit: staff see any unit's (or the one asked for), a unit user only its own", () => {
    expect(listScopeUnit(leader, undefined, '提醒')).toBeNull();
    expect(listScopeUnit(supervisor, OTHER, '提醒')).toBe(OTHER);
    expect(listScopeUnit(clerk, undefined, '提醒')).toBe(OWN);
    expect(listScopeUnit(clerk, OWN, '任务')).toBe(OWN);
    expect(() => listScopeUnit(clerk, OTHER, '任务')).toThrow(new ForbiddenError('只能查看本单位的任务'));
    forbidden(() => listScopeUnit(actor('unit_user', null), undefined, '提醒'));
  });

  it("mayReceiveReminder: a unit's reminder by its users, a notice to the office by a supervisor", () => {
    const toOwn = { audience: 'unit' as const, unitId: OWN, organizationId: 'org-own' };
    const toOffice = { audience: 'supervisors' as const, unitId: null, organizationId: 'org-own' };
    expect(mayReceiveReminder(clerk, toOwn)).toBe(true);
    expect(mayReceiveReminder(clerk, { audience: 'unit', unitId: OTHER, organizationId: 'org-own' })).toBe(false);
    expect(mayReceiveReminder(clerk, toOffice)).toBe(false);
    expect(mayReceiveReminder(supervisor, toOffice)).toBe(true);
    expect(mayReceiveReminder(supervisor, toOwn)).toBe(false);
    for (const staff of [leader, admin]) expect([mayReceiveReminder(staff, toOwn), mayReceiveReminder(staff, toOffice)]).toEqual([false, false]);
    // The office's notice of a lower (or sibling) organization is that organization's 督查室's to sign.
    for (const organizationId of ['org-below', 'org-sibling']) {
      expect(mayReceiveReminder(supervisor, { ...toOffice, organizationId })).toBe(false);
    }
  });

  it('mayManageAccountsOf: an admin manages its own organization and those below it, nothing sideways or above', () => {
    expect(mayManageAccountsOf(admin, 'org-own')).toBe(true);
    expect(mayManageAccountsOf(admin, 'org-below')).toBe(true);
    expect(mayManageAccountsOf(admin, 'org-sibling')).toBe(false);
    expect(mayManageAccountsOf({ ...admin, organizationId: 'org-below', organizationTree: ['org-below'] }, 'org-own')).toBe(false);
    for (const other of [supervisor, leader, clerk]) expect(mayManageAccountsOf(other, 'org-own')).toBe(false);
    expect(mayManageAccountsOf(SYSTEM_ACTOR, 'org-anywhere')).toBe(true);
  });

  it('mayWriteCalendar: only the admin of a top-level organization (or the system) replaces the national schedule', () => {
    expect(mayWriteCalendar(admin, true)).toBe(true);
    expect(mayWriteCalendar(admin, false)).toBe(false);
    for (const other of [supervisor, leader, clerk]) expect(mayWriteCalendar(other, true)).toBe(false);
    expect(mayWriteCalendar(SYSTEM_ACTOR, false)).toBe(true);
  });

  it('mayReadEvidence: a submitted file by any reader of the task, a draft by its uploader only', () => {
    expect(mayReadEvidence(leader, { submitted: true, uploadedBy: clerk.userId })).toBe(true);
    expect(mayReadEvidence(clerk, { submitted: false, uploadedBy: clerk.userId })).toBe(true);
    expect(mayReadEvidence(supervisor, { submitted: false, uploadedBy: clerk.userId })).toBe(false);
    expect(mayReadEvidence(SYSTEM_ACTOR, { submitted: false, uploadedBy: null })).toBe(false);
  });

  it('mayDiscardEvidence: only the uploader, and only one who writes tasks', () => {
    expect(mayDiscardEvidence(clerk, { submitted: false, uploadedBy: clerk.userId })).toBe(true);
    expect(mayDiscardEvidence(supervisor, { submitted: false, uploadedBy: clerk.userId })).toBe(false);
    const formerClerk = actor('leader', null, clerk.userId!);
    expect(mayDiscardEvidence(formerClerk, { submitted: false, uploadedBy: clerk.userId })).toBe(false);
  });
});
