/** The levels of government, highest first: a child organization is always of a lower level than its parent. */
export const ORGANIZATION_KINDS = ['province', 'city', 'county'] as const;

export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** Whether an organization of `child` kind may sit below one of `parent` kind (province > city > county). */
export function isBelow(child: OrganizationKind, parent: OrganizationKind): boolean {
  return ORGANIZATION_KINDS.indexOf(child) > ORGANIZATION_KINDS.indexOf(parent);
}

export const KIND_LABELS: Record<OrganizationKind, string> = { province: '省级', city: '市级', county: '县级' };
