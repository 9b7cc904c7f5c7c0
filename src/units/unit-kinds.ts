/** What kind of body a unit is; drives grouping in statistics and defaults in reminders. */
export const UNIT_KINDS = [
  'department',
  'town',
  'subdistrict',
  'park',
  'enterprise',
  'institution',
  'vertical',
  'mass_organization',
  'other',
] as const;

export type UnitKind = (typeof UNIT_KINDS)[number];
