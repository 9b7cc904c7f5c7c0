import { SYSTEM_ACTOR } from '../access/actor';
import { runInContext } from '../access/request-context';

/**
 * The system's own work filed under one organization (the demo seed's province, cities and counties): it may
 * do anything, as the system does, and what it creates belongs to `organizationId` (actingOrganization).
 */
export function runAsSystemIn<T>(organizationId: string, fn: () => T): T {
  return runInContext({ requestId: null, ip: null, actor: { ...SYSTEM_ACTOR, organizationId, organizationTree: [organizationId] } }, fn);
}
