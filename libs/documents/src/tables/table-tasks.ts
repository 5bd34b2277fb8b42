import type { OutlineItem } from '../document.types';
import type { LocatedTable } from './task-table.locator';
import type { TaskTable, TaskTableRow } from './task-table.parser';

/** Lines of the tables that stand inside the body, blanked (same line count) so items do not read them. */
export function withoutBodyTables(text: string, tables: LocatedTable[]): string {
  const body = tables.filter((t) => t.annexLabel === null);
  if (body.length === 0) return text;
  const lines = text.split(/\r\n|\r|\n/);
  for (const t of body)
    for (let i = t.startLine - 1; i < t.endLine && i < lines.length; i++) lines[i] = '';
  return lines.join('\n');
}

const PUNCTUATION = /[\s\u3000\p{P}\p{S}]/gu;
const normal = (s: string) => s.replace(/…$/, '').replace(PUNCTUATION, '');
const MIN_CONTAINED = 4;

/** Exact after removing punctuation, or one contains the other (the shorter side 4 characters at least). */
export function rowMatchesHeading(
  row: Pick<TaskTableRow, 'task' | 'heading'>,
  heading: string,
): 'exact' | 'contains' | null {
  const h = normal(heading);
  if (h.length === 0) return null;
  const sides = [normal(row.heading), normal(row.task)].filter((s) => s.length > 0);
  if (sides.some((s) => s === h)) return 'exact';
  const contains = (a: string, b: string) => b.length >= MIN_CONTAINED && a.includes(b);
  return sides.some((s) => contains(s, h) || contains(h, s)) ? 'contains' : null;
}

function rowItem(row: TaskTableRow, path: string[], excluded: boolean): OutlineItem {
  const hasUnits = row.leadUnits.length + row.supportingUnits.length > 0;
  return {
    kind: 'item',
    path,
    heading: row.heading,
    text: row.task,
    excluded,
    isTask: !excluded,
    leadUnits: row.leadUnits,
    supportingUnits: row.supportingUnits,
    unitsSource: hasUnits ? 'own' : 'none',
    deadlineText: row.deadlineText,
    deadline: row.deadline,
    targets: row.targets,
    children: [],
  };
}

/**
 * Body tasks without a clause of their own (units `none` or `inherited`) whose heading a row matches
 * take the row's units (`own`) and its time limit when it states one; exact matches first, then
 * containment, each row and each item used once. Returns the rows matched.
 */
function giveRowsToBodyTasks(tasks: OutlineItem[], tables: TaskTable[]): Set<TaskTableRow> {
  const used = new Set<TaskTableRow>();
  // Every body task may claim its row, so a task the body already assigns is not emitted twice;
  // only a task without units of its own takes the row's units.
  const open = tasks.filter((t) => t.isTask);
  const rows = tables
    .flatMap((t) => t.rows)
    .filter((r) => r.leadUnits.length + r.supportingUnits.length > 0);
  for (const kind of ['exact', 'contains'] as const) {
    for (const item of [...open]) {
      const row = rows.find((r) => !used.has(r) && rowMatchesHeading(r, item.heading) === kind);
      if (!row) continue;
      used.add(row);
      open.splice(open.indexOf(item), 1);
      if (item.unitsSource === 'own') continue;
      item.leadUnits = row.leadUnits;
      item.supportingUnits = row.supportingUnits;
      item.unitsSource = 'own';
      if (row.deadlineText) {
        item.deadlineText = row.deadlineText;
        item.deadline = row.deadline;
      }
      if (item.targets.length === 0) item.targets = row.targets;
    }
  }
  return used;
}

function annexRoot(label: string, heading: string): OutlineItem {
  return {
    kind: 'chapter',
    path: [label],
    heading,
    text: '',
    excluded: false,
    isTask: false,
    leadUnits: [],
    supportingUnits: [],
    unitsSource: 'none',
    deadlineText: null,
    deadline: null,
    targets: [],
    children: [],
  };
}

export interface TableMergeResult {
  outline: OutlineItem[];
  /** Rows that name units (each counts as a responsibility clause). */
  rowsWithUnits: number;
}

/**
 * Adds the tables' rows to the outline. A row that a body task's heading matches gives that task its
 * units and is not added again. Other rows become tasks: an annex table's under a root item labelled
 * `附件N` / `附件` (path [`附件1`, seq]); a body table's under the item it stands in (path [...item, seq]),
 * which then is a container; a table before any item's at the root.
 * `enclosing(line)` gives the outline item a body table's line stands in.
 */
export function mergeTableTasks(
  outline: OutlineItem[],
  tables: TaskTable[],
  enclosing: (line: number) => OutlineItem | null,
  flatten: (items: OutlineItem[]) => OutlineItem[],
): TableMergeResult {
  const rowsWithUnits = tables
    .flatMap((t) => t.rows)
    .filter((r) => r.leadUnits.length + r.supportingUnits.length > 0).length;
  if (tables.every((t) => t.rows.length === 0)) return { outline, rowsWithUnits };
  const used = giveRowsToBodyTasks(flatten(outline), tables);
  const roots = [...outline];
  const annexRoots = new Map<string, OutlineItem>();
  for (const table of tables) {
    const rows = table.rows.filter((r) => !used.has(r));
    if (rows.length === 0) continue;
    if (table.annexLabel !== null) {
      const label = table.annexLabel;
      let root = annexRoots.get(label);
      if (!root) {
        root = annexRoot(label, table.title ?? label);
        annexRoots.set(label, root);
        roots.push(root);
      }
      root.children.push(...rows.map((r) => rowItem(r, [label, r.seq], false)));
      continue;
    }
    const parent = enclosing(table.startLine);
    if (!parent) {
      roots.unshift(...rows.map((r) => rowItem(r, [r.seq], false)));
      continue;
    }
    parent.children.unshift(
      ...rows.map((r) => rowItem(r, [...parent.path, r.seq], parent.excluded)),
    );
    parent.isTask = false;
  }
  return { outline: roots, rowsWithUnits };
}
