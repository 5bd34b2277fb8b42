import { findLeadConventions } from '../clauses/lead-convention.parser';
import { placeStemsOf } from '../units/unit-name.util';
import type { ExtractedTarget } from '../document.types';
import { headingOf } from '../outline/heading.parser';
import { DeadlineContext, parseDeadline } from '../schedule/deadline.parser';
import { parseTargets } from '../targets/target.parser';
import { toHalfWidthDigits, trimText } from '../text/text.util';
import {
  mergeRoles,
  splitUnitList,
  UnitPrefixExpander,
  usualPrefix,
} from '../units/unit-list.parser';
import { ColumnRole, LocatedTable, locateTaskTables, RawTableRow } from './task-table.locator';

export interface TaskTableRow {
  seq: string;
  category?: string;
  /** The task cell as written. */
  task: string;
  /** Its title phrase, as an item's heading is read. */
  heading: string;
  leadUnits: string[];
  supportingUnits: string[];
  deadlineText: string | null;
  deadline: string | null;
  targets: ExtractedTarget[];
  /** 1-based line where the row starts. */
  line: number;
}

export interface TaskTable extends Omit<LocatedTable, 'rows'> {
  rows: TaskTableRow[];
}

export interface TaskTableOptions {
  /** How many of the first units in a 责任单位 cell lead (the document's stated rule); 1 by default. */
  leadCount?: number;
  /** Stems of the places the document's governments are named after (see placeStemsOf). */
  ownPlaces?: readonly string[];
}

const cellOf = (row: RawTableRow, columns: ColumnRole[], role: ColumnRole) => {
  const i = columns.indexOf(role);
  return i < 0 ? '' : trimText(row.cells[i] ?? '');
};

/**
 * A time-limit cell read as a labelled limit (`完成时限：…`): a bare year is its end, a period
 * (`每年`) is kept as written with no date; a bare month (`2022年6月`) is that month's end.
 */
function deadlineOf(
  cell: string,
  ctx: DeadlineContext,
): { deadlineText: string | null; deadline: string | null } {
  if (!cell) return { deadlineText: null, deadline: null };
  const stated = parseDeadline(`完成时限：${cell}`, ctx);
  if (!stated.deadline && /^\d{4}年\d{1,2}月$/.test(toHalfWidthDigits(cell))) {
    return { deadlineText: cell, deadline: parseDeadline(`到${cell}`, ctx).deadline };
  }
  // A cell of several limits (`2022年底前；长期坚持`): the labelled read keeps only the first.
  return stated.deadlineText ? stated : { deadlineText: cell, deadline: null };
}

/** The first lead rule the document states (`排在第一位的为牵头单位`, `排在前两位…`), else 1. */
export function documentLeadCount(text: string): number {
  return findLeadConventions(text)[0]?.leadCount ?? 1;
}

/**
 * Reads the rows of located tables into tasks: units split and prefix-expanded as clauses are (a row
 * is one clause; a bare name takes its row's prefix, else the tables' usual one), a 责任单位 column
 * split by the lead rule, a blank category carried down, the time-limit cell as a labelled limit and
 * targets from the task (and goal) cells.
 */
export function readTaskTables(
  located: LocatedTable[],
  ctx: DeadlineContext,
  opts: TaskTableOptions = {},
): TaskTable[] {
  const leadCount = opts.leadCount ?? 1;
  const unitRoles: ColumnRole[] = ['lead', 'support', 'responsible'];
  const allNames = located.flatMap((t) =>
    t.rows.flatMap((r) => unitRoles.map((role) => splitUnitList(cellOf(r, t.columns, role)))),
  );
  const expander = new UnitPrefixExpander(usualPrefix(allNames), opts.ownPlaces);
  return located.map((table) => {
    const { columns } = table;
    const hasLead = columns.includes('lead');
    let category: string | undefined;
    let running = 0;
    const rows: TaskTableRow[] = [];
    for (const raw of table.rows) {
      const task = cellOf(raw, columns, 'task');
      if (!task) continue;
      running++;
      const seqCell = toHalfWidthDigits(cellOf(raw, columns, 'seq'));
      const seq =
        columns.includes('seq') && /^\d+$/.test(seqCell)
          ? String(Number(seqCell))
          : String(running);
      if (columns.includes('category')) category = cellOf(raw, columns, 'category') || category;
      expander.startClause();
      const lead = expander.expand(splitUnitList(cellOf(raw, columns, 'lead')));
      const responsible = expander.expand(splitUnitList(cellOf(raw, columns, 'responsible')));
      const support = expander.expand(splitUnitList(cellOf(raw, columns, 'support')));
      // Beside a 牵头单位 column a 责任单位 list supports, unless the row leaves the lead cell blank: then
      // its responsible units lead together. Alone, a 责任单位 column's first N lead.
      const blankLead = hasLead && lead.length === 0 && responsible.length > 0;
      const leads = blankLead ? responsible : hasLead ? lead : responsible.slice(0, leadCount);
      const supports = blankLead
        ? support
        : hasLead
          ? [...responsible, ...support]
          : [...responsible.slice(leadCount), ...support];
      const merged = mergeRoles(leads, supports);
      const goal = cellOf(raw, columns, 'goal');
      rows.push({
        seq,
        ...(category !== undefined ? { category } : {}),
        task,
        heading: headingOf('item', task),
        leadUnits: merged.lead,
        supportingUnits: merged.support,
        ...deadlineOf(cellOf(raw, columns, 'deadline'), ctx),
        targets: parseTargets(goal ? `${task}\n${goal}` : task, ctx),
        line: raw.line,
      });
    }
    return { ...table, rows };
  });
}

/** Locates and reads every task table of a text (see locateTaskTables and readTaskTables). */
export function parseTaskTables(
  text: string,
  ctx: DeadlineContext,
  opts: TaskTableOptions = {},
): TaskTable[] {
  return readTaskTables(locateTaskTables(text), ctx, {
    leadCount: opts.leadCount ?? documentLeadCount(text),
    ownPlaces: opts.ownPlaces ?? placeStemsOf(text),
  });
}
