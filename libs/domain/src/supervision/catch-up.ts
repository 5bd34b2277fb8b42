import { dueRungs, LadderStep } from './rules';

/** What one wake-up of a report's ladder raises, and what it leaves unraised because a later rung is due too. */
export interface RungChoice {
  /** The rung to raise now: the highest whose time has come (none before the first). */
  raise: LadderStep | null;
  /** Lower rungs whose time has also come; a report standing on a higher rung is not told them again. */
  passed: LadderStep[];
  /** The next wake-up (business time), or null when the ladder has no rung left. */
  nextAt: Date | null;
}

/**
 * The rungs to raise when a report's ladder wakes. A ladder on time wakes at each rung and so
 * raises each in turn; a ladder that wakes late (a cycle opened by hand after its due time, a
 * worker that was down) would otherwise raise every passed rung in the same second — an overdue
 * notice, a supervision order and a leading-group referral at once. Only the report's current
 * rung is raised; the lower ones are reported as passed.
 */
export function chooseRungs(steps: LadderStep[], dueAt: Date, now: Date): RungChoice {
  const { due, nextAt } = dueRungs(steps, dueAt, now);
  if (due.length === 0) return { raise: null, passed: [], nextAt };
  return { raise: due[due.length - 1], passed: due.slice(0, -1), nextAt };
}

/** Counts per rung of what a set of ladders would raise at `now` (the office's preview of a late cycle). */
export function countRaised(choices: RungChoice[]): Record<LadderStep['rung'], number> {
  const out = { reminder: 0, overdue: 0, supervision: 0, leading_group: 0 };
  for (const c of choices) if (c.raise) out[c.raise.rung] += 1;
  return out;
}
