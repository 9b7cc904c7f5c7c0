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
  /** A county-level government: 县、县级市、区人民政府 (members of 各县(市、区)人民政府). */
  'county',
  /** A party committee's department: 市委办公室、市委宣传部、市委政法委. */
  'party',
  /** A court or procuratorate: 市中级人民法院、市人民检察院. */
  'judicial',
  'other',
] as const;

export type UnitKind = (typeof UNIT_KINDS)[number];

/** The body a unit's webhook expects: our generic JSON, or a DingTalk / WeCom group robot's markdown message. */
export const WEBHOOK_FORMATS = ['generic', 'dingtalk', 'wecom'] as const;

export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];
