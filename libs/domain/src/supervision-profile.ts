/** How a document's reporting cycles and ladder run. */
export interface SupervisionProfile {
  cadence: 'monthly' | 'quarterly' | 'half-yearly' | 'yearly';
  /** Reports are due this many days after a period ends. */
  dueOffsetDays: number;
  /** Count due offsets in working days on China's public-holiday calendar. */
  countWorkingDays: boolean;
  reminderDaysBefore: number;
  overdueDaysAfter: number;
  supervisionDaysAfter: number;
  leadingGroupDaysAfter: number;
  ackReminderDays: number;
  ackOverdueDays: number;
}

/** The defaults of the design, used where a document's own clauses state nothing else. */
export const DEFAULT_SUPERVISION_PROFILE: SupervisionProfile = {
  cadence: 'quarterly',
  dueOffsetDays: 10,
  countWorkingDays: false,
  reminderDaysBefore: 3,
  overdueDaysAfter: 1,
  supervisionDaysAfter: 5,
  leadingGroupDaysAfter: 10,
  ackReminderDays: 3,
  ackOverdueDays: 7,
};

/** A profile for a document whose clauses call for the given cadence. */
export function supervisionProfileFor(
  cadence: string | null | undefined,
  overrides: Partial<SupervisionProfile> = {},
): SupervisionProfile {
  const normalised: SupervisionProfile['cadence'] =
    cadence === 'monthly' || cadence === 'half-yearly' ? cadence : cadence === 'annual' || cadence === 'yearly' ? 'yearly' : 'quarterly';
  return { ...DEFAULT_SUPERVISION_PROFILE, cadence: normalised, ...overrides };
}
