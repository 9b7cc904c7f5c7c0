/** A plan's reminder ladder; plans without a stored policy use the defaults. */
export interface ReminderPolicy {
  enabled: boolean;
  /** Due-soon reminder this many workdays before the due date (0: none). */
  dueSoonWorkdays: number;
  /** Overdue reminders on the first workday after the due date, then every this many workdays. */
  overdueRepeatWorkdays: number;
  /** At this many workdays overdue: a level-2 督办 to the unit and a notice to the supervisors. */
  escalateAfterWorkdays: number;
  /** Remind each assigned unit that has not reported for a period once its cutoff has passed. */
  reportMissing: boolean;
  /** Remind a unit that has not signed (签收) a task this many workdays after it was assigned, then on the overdue cadence (0: none). */
  acknowledgeWithinWorkdays: number;
}

export const DEFAULT_POLICY: ReminderPolicy = {
  enabled: true,
  dueSoonWorkdays: 3,
  overdueRepeatWorkdays: 5,
  escalateAfterWorkdays: 10,
  reportMissing: true,
  acknowledgeWithinWorkdays: 2,
};
