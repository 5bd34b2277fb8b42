/** What an amendment (动态调整) may change on a task, and how two versions of a task differ. */

export const AMENDMENT_FIELDS = [
  'leadUnitIds',
  'supportUnitIds',
  'deadlineOn',
  'deadlineText',
  'heading',
  'body',
  'targets',
] as const;
export type AmendmentField = (typeof AMENDMENT_FIELDS)[number];

/** Where a version came from: the first import, an office amendment, or a re-imported revised text. */
export const TASK_VERSION_SOURCES = ['import', 'amendment', 'reimport'] as const;
export type TaskVersionSource = (typeof TASK_VERSION_SOURCES)[number];

export interface VersionTarget {
  text: string;
  value: number | null;
  unit: string | null;
  by: string | null;
}

/** The fields of a task that are kept per version. */
export interface TaskVersionFields {
  heading: string;
  body: string;
  deadlineText: string | null;
  deadlineOn: string | null;
  targets: VersionTarget[];
  leadUnitIds: string[];
  supportUnitIds: string[];
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x) => b.includes(x));

const sameTargets = (a: VersionTarget[], b: VersionTarget[]): boolean =>
  a.length === b.length &&
  a.every(
    (t, i) =>
      t.text === b[i].text && t.value === b[i].value && t.unit === b[i].unit && t.by === b[i].by,
  );

/** The fields that differ between two versions, in the order of AMENDMENT_FIELDS. */
export function changedFields(
  before: TaskVersionFields,
  after: TaskVersionFields,
): AmendmentField[] {
  const differs: Record<AmendmentField, boolean> = {
    leadUnitIds: !sameSet(before.leadUnitIds, after.leadUnitIds),
    supportUnitIds: !sameSet(before.supportUnitIds, after.supportUnitIds),
    deadlineOn: before.deadlineOn !== after.deadlineOn,
    deadlineText: before.deadlineText !== after.deadlineText,
    heading: before.heading !== after.heading,
    body: before.body !== after.body,
    targets: !sameTargets(before.targets, after.targets),
  };
  return AMENDMENT_FIELDS.filter((f) => differs[f]);
}

export interface UnitChanges {
  leadAdded: string[];
  leadRemoved: string[];
  supportAdded: string[];
  supportRemoved: string[];
}

/**
 * Which units gain or lose which part. A unit moving from supporting to lead counts as lead added
 * and support removed (and the other way round), so each list says what work the unit gains or loses.
 */
export function unitChanges(before: TaskVersionFields, after: TaskVersionFields): UnitChanges {
  const minus = (a: string[], b: string[]): string[] => a.filter((x) => !b.includes(x));
  return {
    leadAdded: minus(after.leadUnitIds, before.leadUnitIds),
    leadRemoved: minus(before.leadUnitIds, after.leadUnitIds),
    supportAdded: minus(after.supportUnitIds, before.supportUnitIds),
    supportRemoved: minus(before.supportUnitIds, after.supportUnitIds),
  };
}

/** Applies a partial change to a version: the fields given replace the ones in force. */
export function amendVersion(
  current: TaskVersionFields,
  change: Partial<TaskVersionFields>,
): TaskVersionFields {
  const next = { ...current };
  for (const f of AMENDMENT_FIELDS) {
    if (change[f] !== undefined) (next as Record<string, unknown>)[f] = change[f];
  }
  // A unit is lead or supporting, never both: the lead role wins, as at import.
  next.supportUnitIds = next.supportUnitIds.filter((u) => !next.leadUnitIds.includes(u));
  return next;
}

/** Whether a task can be left without a lead unit: never (a task the office amends keeps one). */
export const hasLead = (v: TaskVersionFields): boolean => v.leadUnitIds.length > 0;
