import { currentActor } from './permissions';

/** The organization the migration moved pre-organization data into; the system's own work is filed here. */
export const DEFAULT_ORGANIZATION_ID = '00000000-0000-4000-8000-000000000001';

/** The organization a new plan, unit, group, user or override is filed under: the actor's own (the system's: the default). */
export function actingOrganization(): string {
  return currentActor().organizationId ?? DEFAULT_ORGANIZATION_ID;
}
