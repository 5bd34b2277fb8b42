/** Collects positional parameters for hand-written SQL: `p.add(value)` returns `$n`. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Assignment states that make a task a unit's own: a reassigned assignment is no longer theirs. */
export const HELD_ASSIGNMENT_STATES = `('pending', 'acknowledged', 'declined')`;
