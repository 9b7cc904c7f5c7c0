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

/** The body a unit's webhook expects: our generic JSON, or a DingTalk / WeCom group robot's markdown message. */
export const WEBHOOK_FORMATS = ['generic', 'dingtalk', 'wecom'] as const;

export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];
