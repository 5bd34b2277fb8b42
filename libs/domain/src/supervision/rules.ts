import { findWorkday } from 'chinese-days';
import { addDays, shanghaiDate, shanghaiInstant } from '../shanghai-time';
import { RungColour } from '../vocabulary';
import { Cadence } from './cadence';
import { periodBounds } from './periods';

/**
 * How a document's cycles run. Same shape as PolicyDocument.supervisionProfile; fields missing in
 * a stored profile fall back to SUPERVISION_DEFAULTS.
 */
export interface SupervisionRules {
  cadence: Cadence;
  dueOffsetDays: number;
  /** Count every day offset in working days on China's public-holiday calendar (chinese-days). */
  countWorkingDays: boolean;
  reminderDaysBefore: number;
  overdueDaysAfter: number;
  supervisionDaysAfter: number;
  leadingGroupDaysAfter: number;
  ackReminderDays: number;
  ackOverdueDays: number;
  /** Days a returned report gets for its revision before its ladder runs again. */
  revisionDays?: number;
}

/** DESIGN.md's defaults, used wherever a document's clauses say nothing. */
export const SUPERVISION_DEFAULTS: Required<SupervisionRules> = {
  cadence: 'quarterly',
  dueOffsetDays: 10,
  countWorkingDays: false,
  reminderDaysBefore: 3,
  overdueDaysAfter: 1,
  supervisionDaysAfter: 5,
  leadingGroupDaysAfter: 10,
  ackReminderDays: 3,
  ackOverdueDays: 7,
  revisionDays: 5,
};

export function withDefaults(
  rules: Partial<SupervisionRules> | null | undefined,
): Required<SupervisionRules> {
  const out = { ...SUPERVISION_DEFAULTS };
  for (const [k, v] of Object.entries(rules ?? {})) {
    if (v !== undefined && v !== null) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

/** Moves a date by n days, calendar or working (n may be negative). */
export function shiftDate(date: string, n: number, workingDays: boolean): string {
  if (!workingDays || n === 0) return addDays(date, n);
  return findWorkday(n, date);
}

/** Moves an instant by n days keeping its Asia/Shanghai wall-clock time. */
export function shiftInstant(at: Date, n: number, workingDays: boolean): Date {
  const date = shanghaiDate(at);
  const msIntoDay = at.getTime() - shanghaiInstant(date).getTime();
  return new Date(shanghaiInstant(shiftDate(date, n, workingDays)).getTime() + msIntoDay);
}

/**
 * Reports are due at the end (24:00 Asia/Shanghai) of the due day: the period's last day plus
 * the offset, in calendar or working days.
 */
export function reportDueAt(period: string, rules: SupervisionRules): Date {
  const dueOn = shiftDate(periodBounds(period).endOn, rules.dueOffsetDays, rules.countWorkingDays);
  return shanghaiInstant(addDays(dueOn, 1));
}

export const LADDER_RUNGS = ['reminder', 'overdue', 'supervision', 'leading_group'] as const;
export type LadderRung = (typeof LADDER_RUNGS)[number];

export interface LadderStep {
  rung: LadderRung;
  level: 0 | 1 | 2 | 3;
  colour: RungColour;
  at: Date;
  /** Levels 2 and 3 open an Escalation the office reviews. */
  escalates: boolean;
}

/** Each rung's level, colour and whether it opens an Escalation: the one table every layer reads. */
export const RUNGS_BY_NAME: Readonly<Record<LadderRung, Omit<LadderStep, 'rung' | 'at'>>> = {
  reminder: { level: 0, colour: 'blue', escalates: false },
  overdue: { level: 1, colour: 'yellow', escalates: false },
  supervision: { level: 2, colour: 'orange', escalates: true },
  leading_group: { level: 3, colour: 'red', escalates: true },
};

/** The rungs of a missing report's ladder, counted from its due time, in order. */
export function reportLadder(dueAt: Date, rules: SupervisionRules): LadderStep[] {
  const w = rules.countWorkingDays;
  const step = (rung: LadderRung, days: number): LadderStep => ({
    rung,
    ...RUNGS_BY_NAME[rung],
    at: shiftInstant(dueAt, days, w),
  });
  return [
    step('reminder', -rules.reminderDaysBefore),
    step('overdue', rules.overdueDaysAfter),
    step('supervision', rules.supervisionDaysAfter),
    step('leading_group', rules.leadingGroupDaysAfter),
  ];
}

/**
 * The rungs to raise now: every rung whose time has come, except a reminder once the report is
 * already due (it would arrive after the overdue notice's reason). Returns the next wake-up too.
 */
export function dueRungs(
  steps: LadderStep[],
  dueAt: Date,
  now: Date,
): { due: LadderStep[]; nextAt: Date | null } {
  const due = steps.filter(
    (s) => s.at.getTime() <= now.getTime() && !(s.rung === 'reminder' && now >= dueAt),
  );
  const next = steps.find((s) => s.at.getTime() > now.getTime());
  return { due, nextAt: next ? next.at : null };
}

export const ACK_RUNGS = ['ack_request', 'ack_reminder', 'ack_overdue'] as const;
export type AckRung = (typeof ACK_RUNGS)[number];

export interface AckStep {
  rung: AckRung;
  level: 0 | 1;
  colour: RungColour;
  at: Date;
}

/** A supporting unit's acknowledgement ladder, counted from the assignment: request, reminder, overdue. */
export function ackLadder(assignedAt: Date, rules: SupervisionRules): AckStep[] {
  const w = rules.countWorkingDays;
  return [
    // The request itself, at once: the supporting unit learns of the task (and gets the acknowledge link).
    { rung: 'ack_request', level: 0, colour: 'blue', at: assignedAt },
    {
      rung: 'ack_reminder',
      level: 0,
      colour: 'blue',
      at: shiftInstant(assignedAt, rules.ackReminderDays, w),
    },
    {
      rung: 'ack_overdue',
      level: 1,
      colour: 'yellow',
      at: shiftInstant(assignedAt, rules.ackOverdueDays, w),
    },
  ];
}
