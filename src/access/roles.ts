/**
 * admin: users, units, policy · supervisor (督查室): plans, import, review, reminders, reads everything ·
 * unit_user: bound to one unit, writes only on that unit's tasks · leader: reads everything, writes nothing.
 */
export const ROLES = ['admin', 'supervisor', 'unit_user', 'leader'] as const;
export type Role = (typeof ROLES)[number];
