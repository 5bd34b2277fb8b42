import { AmendmentField, TaskVersionFields, VersionTarget } from '@tracker/domain';
import { RevisableTaskRow, RevisionsRepository } from '@tracker/database';
import { flattenItems, OutlineItem, PolicyAnalysis } from '@tracker/documents';
import { EntityManager } from 'typeorm';
import { UnitResolver } from '../documents/unit-resolver';

export type RevisionKind = 'added' | 'removed' | 'changed';

/** One field's change, as the office reads it (units and targets as text). */
export interface RevisionChange {
  field: AmendmentField;
  before: string | null;
  after: string | null;
}

/** One difference a revised text makes, proposed to the office as an amendment. */
export interface RevisionDifference {
  kind: RevisionKind;
  path: string[];
  heading: string;
  /** The task it amends or removes; null for a task the revised text adds. */
  taskId: string | null;
  changes: RevisionChange[];
}

export interface RevisionPreview {
  documentId: string;
  title: string | null;
  differences: RevisionDifference[];
}

/** What confirming applies: per changed task the amendment, the items to add, the tasks to cancel. */
export interface RevisionPlan {
  differences: RevisionDifference[];
  amend: { taskId: string; change: Partial<TaskVersionFields> }[];
  add: OutlineItem[];
  cancel: string[];
}

const targetsOf = (item: OutlineItem): VersionTarget[] =>
  item.targets.map((t) => ({ text: t.text, value: t.value, unit: t.unit, by: t.by }));

const sameTargets = (a: VersionTarget[], b: VersionTarget[]): boolean =>
  JSON.stringify(a.map((t) => [t.text, t.value, t.unit, t.by])) ===
  JSON.stringify(b.map((t) => [t.text, t.value, t.unit, t.by]));

const names = (units: { name: string }[]): string[] => units.map((u) => u.name);
const sameNames = (a: string[], b: string[]): boolean =>
  a.length === b.length && a.every((x) => b.includes(x));

/**
 * Compares a revised text with the document's tasks, matched by number (path). The units are
 * resolved like an import resolves them (the office's `unitMap` first); with a resolver that
 * creates, names the registry does not know become units (confirming), else they are shown as
 * written (the preview).
 */
export async function revisionPlan(
  em: EntityManager,
  documentId: string,
  analysis: PolicyAnalysis,
  resolver: UnitResolver,
  unitMap: Record<string, string> = {},
): Promise<RevisionPlan> {
  const existing = await new RevisionsRepository(em).tasks(documentId);
  const byPath = new Map(existing.filter((t) => t.isTask).map((t) => [t.pathKey, t]));
  const items = flattenItems(analysis.outline).filter((i) => i.isTask);
  const seen = new Set<string>();
  const plan: RevisionPlan = { differences: [], amend: [], add: [], cancel: [] };
  const resolve = async (list: string[]): Promise<{ id: string; name: string }[]> => {
    const out: { id: string; name: string }[] = [];
    for (const name of list) {
      const r = await resolver.resolveForAssignment(unitMap[name]?.trim() || name);
      if (r.units.length === 0) out.push({ id: '', name });
      for (const u of r.units) if (!out.some((o) => o.id === u.id)) out.push(u);
    }
    return out;
  };
  for (const item of items) {
    const key = item.path.join('/');
    seen.add(key);
    const task = byPath.get(key);
    if (!task) {
      plan.add.push(item);
      plan.differences.push({
        kind: 'added',
        path: item.path,
        heading: item.heading,
        taskId: null,
        changes: [],
      });
      continue;
    }
    const lead = await resolve(item.leadUnits);
    const support = (await resolve(item.supportingUnits)).filter(
      (s) => !lead.some((l) => l.name === s.name),
    );
    const changes = compare(task, item, lead, support);
    if (changes.length === 0) continue;
    plan.differences.push({
      kind: 'changed',
      path: task.path,
      heading: task.heading,
      taskId: task.id,
      changes,
    });
    const change: Partial<TaskVersionFields> = {};
    for (const c of changes) {
      if (c.field === 'leadUnitIds') change.leadUnitIds = lead.map((u) => u.id).filter(Boolean);
      else if (c.field === 'supportUnitIds')
        change.supportUnitIds = support.map((u) => u.id).filter(Boolean);
      else if (c.field === 'targets') change.targets = targetsOf(item);
      else if (c.field === 'deadlineOn') change.deadlineOn = item.deadline;
      else if (c.field === 'deadlineText') change.deadlineText = item.deadlineText;
      else if (c.field === 'heading') change.heading = item.heading;
      else if (c.field === 'body') change.body = item.text;
    }
    plan.amend.push({ taskId: task.id, change });
  }
  for (const t of existing) {
    if (!t.isTask || seen.has(t.pathKey) || t.state !== 'open') continue;
    plan.cancel.push(t.id);
    plan.differences.push({
      kind: 'removed',
      path: t.path,
      heading: t.heading,
      taskId: t.id,
      changes: [],
    });
  }
  return plan;
}

const shown = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  if (!Array.isArray(v)) return String(v);
  return v.map((x) => (typeof x === 'string' ? x : (x as VersionTarget).text)).join('；');
};

function compare(
  task: RevisableTaskRow,
  item: OutlineItem,
  lead: { name: string }[],
  support: { name: string }[],
): RevisionChange[] {
  const out: RevisionChange[] = [];
  const push = (field: AmendmentField, before: unknown, after: unknown): void => {
    out.push({ field, before: shown(before), after: shown(after) });
  };
  if (!sameNames(names(task.leadUnits), names(lead)))
    push('leadUnitIds', names(task.leadUnits), names(lead));
  if (!sameNames(names(task.supportUnits), names(support)))
    push('supportUnitIds', names(task.supportUnits), names(support));
  if (task.deadlineOn !== item.deadline) push('deadlineOn', task.deadlineOn, item.deadline);
  if (task.deadlineText !== item.deadlineText)
    push('deadlineText', task.deadlineText, item.deadlineText);
  if (task.heading !== item.heading) push('heading', task.heading, item.heading);
  if (task.body !== item.text) push('body', task.body, item.text);
  if (!sameTargets(task.targets, targetsOf(item))) push('targets', task.targets, targetsOf(item));
  return out;
}

/** The preview's part: the document a revised text belongs to and what it would change; null if none. */
export async function revisionPreview(
  em: EntityManager,
  analysis: PolicyAnalysis,
  contentHash: string,
  unitMap: Record<string, string> = {},
): Promise<RevisionPreview | null> {
  const doc = await new RevisionsRepository(em).findByIdentity(analysis.document);
  if (!doc || doc.contentHash === contentHash) return null;
  const plan = await revisionPlan(em, doc.id, analysis, new UnitResolver(em), unitMap);
  return { documentId: doc.id, title: doc.title, differences: plan.differences };
}
