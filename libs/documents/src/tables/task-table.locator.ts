import { findTimePhrases } from '../schedule/deadline.parser';
import { removeSpaces, toHalfWidthDigits, trimText } from '../text/text.util';
import { isUnitLike } from '../units/unit-name.util';
import { splitUnitList } from '../units/unit-list.parser';

/** What a column holds, by its header name. `responsible`: 责任单位, lead and supporting units in one list. */
export type ColumnRole =
  'seq' | 'category' | 'task' | 'lead' | 'support' | 'responsible' | 'deadline' | 'goal' | 'other';

/** `cells`: one row per line split on tabs or 2+ spaces; `pipes`: `| a | b |`; `lines`: one cell per line. */
export type TableShape = 'cells' | 'pipes' | 'lines';

export interface RawTableRow {
  /** 1-based line where the row starts. */
  line: number;
  /** One cell per column, aligned with the header ('' for a blank cell). */
  cells: string[];
}

export interface LocatedTable {
  shape: TableShape;
  columns: ColumnRole[];
  header: string[];
  /** 1-based lines: the header's first line and the table's last line. */
  startLine: number;
  endLine: number;
  /** `附件1` / `附件` when the table stands in an annex (after an `附件` line), else null. */
  annexLabel: string | null;
  /** The title line above the header (`重点任务分工表`), else null. */
  title: string | null;
  rows: RawTableRow[];
}

const HEADER_ROLES: [ColumnRole, RegExp][] = [
  ['seq', /^(序号|编号)$/],
  ['category', /^(类别|领域|分类|类型|板块|重点领域)$/],
  [
    'task',
    /^(重点|工作|主要|具体|年度){0,2}(任务|工作|措施)(内容|名称|事项|举措)?$|^工作(内容|措施|事项)$|^任务(内容|名称|事项)$|^(重点|工作|主要|具体)?事项$/,
  ],
  ['lead', /^(牵头|主责|主办)(负责|责任)?(单位|部门|司局|处室|科室)$/],
  ['responsible', /^(责任|承办|实施)(单位|部门|主体|司局|处室|科室)$/],
  ['support', /^(配合|参与|协办|协同)(单位|部门|司局|处室|科室)$|^配合[/／、]责任(单位|部门)$/],
  [
    'deadline',
    /^(完成|办结|推进)(时限|时间|期限|时间节点)$|^时间节点$|^时限(要求)?$|^进度安排$|^时间安排$/,
  ],
  [
    'goal',
    /^(工作|预期|主要)?(目标|成效)(要求)?$|^(工作|具体|目标|任务)要求$|^(主要|具体)内容$|^预期成果$|^成果形式$/,
  ],
  // People named beside the units (`责任领导`, `分管领导`): not units, so not read.
  ['other', /^(备注|说明)$|^(责任|分管|牵头|包抓|联系)?(领导|负责人|责任人|联系人)$/],
];

export function columnRoleOf(cell: string): ColumnRole | null {
  const name = removeSpaces(cell).replace(/[（(][^）)]*[）)]$/, '');
  for (const [role, pattern] of HEADER_ROLES) if (pattern.test(name)) return role;
  return null;
}

/** A header names a task column and a lead or responsible column; every cell is a known name. */
function headerRoles(cells: string[]): ColumnRole[] | null {
  if (cells.length < 3) return null;
  const named = cells.map(columnRoleOf);
  if (named.some((r) => r === null)) return null;
  // `重点任务` then `具体措施`: the first names the task, the others hold its detail (read like a goal).
  const firstTask = named.indexOf('task');
  const roles = named.map((r, i) => (r === 'task' && i !== firstTask ? 'goal' : r)) as ColumnRole[];
  const set = new Set(roles);
  if (!set.has('task') || !(set.has('lead') || set.has('responsible'))) return null;
  return roles;
}

const PIPE_ROW = /^[|｜]/;
const PIPE_RULE = /^[|｜]?[\s\u3000:：\-—|｜]+[|｜]?$/;

/** Cells of one line: pipes, tabs (blank cells kept), or runs of 2+ spaces; null for a one-cell line. */
export function splitCells(raw: string): { shape: TableShape; cells: string[] } | null {
  const line = raw.replace(/[\s\u3000]+$/, '');
  const text = trimText(line);
  if (PIPE_ROW.test(text)) {
    const cells = text
      .replace(/^[|｜]/, '')
      .replace(/[|｜]$/, '')
      .split(/[|｜]/)
      .map(trimText);
    return cells.length >= 2 ? { shape: 'pipes', cells } : null;
  }
  if (line.includes('\t')) {
    const cells = line
      .replace(/^[ \u3000]+/, '')
      .split('\t')
      .map(trimText);
    return cells.length >= 2 ? { shape: 'cells', cells } : null;
  }
  const cells = text
    .split(/(?: {2,}|\u3000+| \u3000|\u3000 )/)
    .map(trimText)
    .filter((c) => c !== '');
  return cells.length >= 2 ? { shape: 'cells', cells } : null;
}

/**
 * Cells of a line written with single spaces (`序号 工 作 任 务 牵头负责部门`): letter-spaced words
 * (runs of single characters) are joined again; null for a one-cell line.
 */
export function splitSpacedCells(raw: string): string[] | null {
  const tokens = trimText(raw)
    .split(/[ \u3000]+/)
    .filter((t) => t !== '');
  const cells: string[] = [];
  let run = '';
  for (const t of tokens) {
    if (/^[\u4e00-\u9fa5]$/.test(t)) {
      run += t;
      continue;
    }
    if (run) cells.push(run);
    run = '';
    cells.push(t);
  }
  if (run) cells.push(run);
  return cells.length >= 2 ? cells : null;
}

/** A single-spaced row: cells beyond the header's width belong to its task cell (spaces inside the task). */
function spacedRow(raw: string, columns: ColumnRole[]): string[] | null {
  const tokens = trimText(raw)
    .split(/[ \u3000]+/)
    .filter((t) => t !== '');
  const task = columns.indexOf('task');
  const extra = tokens.length - columns.length;
  if (tokens.length < 2 || task < 0 || extra < 0)
    return tokens.length >= 2 && extra < 0 ? tokens : null;
  return [
    ...tokens.slice(0, task),
    tokens.slice(task, task + extra + 1).join(' '),
    ...tokens.slice(task + extra + 1),
  ];
}

/** Rows of a single-spaced table: each line starts with its 序号; the table ends at the first that does not. */
function spacedRows(
  lines: string[],
  from: number,
  columns: ColumnRole[],
): { rows: RawTableRow[]; end: number } {
  const rows: RawTableRow[] = [];
  let end = from;
  for (let i = from + 1; i < lines.length; i++) {
    const text = trimText(lines[i]);
    if (text === '') continue;
    const cells = spacedRow(text, columns);
    if (!cells || !isSeq(cells[0]) || TABLE_END.test(text)) break;
    end = i;
    const aligned = alignCells(cells, columns);
    if (aligned) rows.push({ line: i + 1, cells: aligned });
  }
  return { rows, end };
}

const isSeq = (cell: string) => /^\d{1,3}$/.test(toHalfWidthDigits(removeSpaces(cell)));
const isTimeCell = (cell: string) =>
  /^(长期|持续|每年|每半年|每季度|每月|逐年|常态|全年|年内|年底|当年|本年|\d{4}[\s\u3000]*年)/.test(
    toHalfWidthDigits(cell),
  ) || findTimePhrases(cell, { planYear: null, issuedOn: null }).length > 0;
const isUnitCell = (cell: string) => {
  const names = splitUnitList(cell);
  return names.length > 0 && names.every((n) => isUnitLike(n));
};

/** Whether a cell can stand in a column of this role (blank cells fit only optional columns). */
function fits(role: ColumnRole, cell: string): boolean {
  if (cell === '') return role !== 'task' && role !== 'seq';
  switch (role) {
    case 'seq':
      return isSeq(cell);
    case 'lead':
    case 'support':
    case 'responsible':
      return isUnitCell(cell);
    case 'deadline':
      return isTimeCell(cell);
    case 'category':
      return !isSeq(cell) && cell.length <= 20;
    default:
      return true;
  }
}

const OPTIONAL: ColumnRole[] = ['category', 'support', 'deadline', 'goal', 'other'];

function combinations(items: number[], k: number): number[][] {
  if (k === 0) return [[]];
  return items.flatMap((first, i) =>
    combinations(items.slice(i + 1), k - 1).map((rest) => [first, ...rest]),
  );
}

/**
 * Places a row's cells under the header. A row written with spaces loses its blank cells, so a short
 * row gets blanks in the optional columns (category first, then supporting units, time limit, …)
 * where every cell then fits its column; null when no placement fits.
 */
export function alignCells(cells: string[], columns: ColumnRole[]): string[] | null {
  // A full row is taken as written: only its 序号 and task must be there.
  const complete = (row: string[]) =>
    row.every((c, i) =>
      columns[i] === 'seq' || columns[i] === 'task' ? fits(columns[i], c) : true,
    );
  if (cells.length === columns.length) return complete(cells) ? cells : null;
  return placeBlanks(cells, columns);
}

/** The first placement of blanks (none when the row is full) where every cell fits its column. */
export function placeBlanks(cells: string[], columns: ColumnRole[]): string[] | null {
  const missing = columns.length - cells.length;
  if (missing < 0) return null;
  const optional = columns
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => OPTIONAL.includes(r))
    .sort((a, b) => OPTIONAL.indexOf(a.r) - OPTIONAL.indexOf(b.r))
    .map(({ i }) => i);
  for (const blanks of combinations(optional, missing)) {
    const row: string[] = [];
    let k = 0;
    for (let i = 0; i < columns.length; i++) row.push(blanks.includes(i) ? '' : cells[k++]);
    if (row.every((c, i) => fits(columns[i], c))) return row;
  }
  return null;
}

const ANNEX_LINE = /^附件[\s\u3000]*([0-9０-９一二三四五六七八九十]{0,3})[\s\u3000]*([：:].*)?$/;
const TITLE_LINE = /(表|方案|清单|任务|分工|台账|目录)$/;

function annexOf(
  lines: string[],
  headerIndex: number,
): { label: string | null; title: string | null } {
  let label: string | null = null;
  let annexSeen = false;
  for (let i = 0; i < headerIndex; i++) {
    const m = trimText(lines[i]).match(ANNEX_LINE);
    if (!m) continue;
    annexSeen = true;
    // `附件1` on a line of its own opens annex 1; `附件：1．…表` lists the annexes.
    if (!m[2]) label = m[1] ? `附件${toHalfWidthDigits(m[1])}` : '附件';
  }
  let title: string | null = null;
  for (let i = headerIndex - 1; i >= 0 && i >= headerIndex - 3; i--) {
    const line = trimText(lines[i]);
    if (line === '') continue;
    if (!ANNEX_LINE.test(line) && TITLE_LINE.test(line) && line.length <= 60) title = line;
    break;
  }
  return { label: annexSeen ? (label ?? '附件') : null, title };
}

const TABLE_END = /^(注|备注|说明)[：:]|^附件|^抄送|^抄报/;

/** Rows of a `cells` / `pipes` table: every following line that splits into cells, blank lines skipped. */
function cellRows(
  lines: string[],
  from: number,
  shape: TableShape,
  columns: ColumnRole[],
): { rows: RawTableRow[]; end: number } {
  const rows: RawTableRow[] = [];
  let end = from;
  for (let i = from + 1; i < lines.length; i++) {
    const text = trimText(lines[i]);
    if (text === '') continue;
    if (shape === 'pipes' && PIPE_RULE.test(text)) {
      end = i;
      continue;
    }
    const split = splitCells(lines[i]);
    if (!split || split.shape !== shape || TABLE_END.test(text)) break;
    end = i;
    // A line whose 序号 cell is blank continues the row above, cell by cell (a cell wrapped over lines).
    const previous = rows[rows.length - 1];
    if (
      previous &&
      columns[0] === 'seq' &&
      split.cells[0] === '' &&
      split.cells.length <= columns.length
    ) {
      split.cells.forEach((c, k) => (previous.cells[k] = joinWrapped(previous.cells[k], c)));
      continue;
    }
    const cells = alignCells(split.cells, columns);
    if (cells) rows.push({ line: i + 1, cells });
  }
  return { rows, end };
}

/** A cell and its continuation on the next line (`市财政局、` + `市商务局`, `2024年` + `6月底前`). */
function joinWrapped(head: string, tail: string): string {
  if (!tail) return head;
  return head ? `${head}${tail}` : tail;
}

const PROJECT_COLUMN = /项目|投资|资金|金额|规模|亿元|万元/;

/**
 * A header whose names are not all known (`事项`, `承办单位及分工`, `进度`): the columns are read by what the
 * rows under it hold. A column of 序号 numbers is the 序号, one of unit lists the units (lead, support or
 * responsible as its name says, else responsible), one of time limits the time limit, the first column of
 * other text the task. At least two rows must agree, and the table must name a task and units.
 */
function rolesByContent(
  header: string[],
  shape: TableShape,
  lines: string[],
  at: number,
): ColumnRole[] | null {
  // Names only: each a short word in Chinese (not a `|---|` rule, not a row of data).
  if (
    header.length < 3 ||
    header.some(
      (h) =>
        h.length === 0 || h.length > 12 || /\d/.test(h) || !/^[\u4e00-\u9fa5（）()、/／]+$/.test(h),
    )
  )
    return null;
  // A list of projects (`项目名称`, `总投资（亿元）`, `建设规模`) is no task table.
  if (header.some((h) => PROJECT_COLUMN.test(h))) return null;
  const samples: string[][] = [];
  for (let i = at + 1; i < lines.length && samples.length < 5; i++) {
    const text = trimText(lines[i]);
    if (text === '' || (shape === 'pipes' && PIPE_RULE.test(text))) continue;
    const split = splitCells(lines[i]);
    if (!split || split.shape !== shape || split.cells.length !== header.length) break;
    samples.push(split.cells);
  }
  if (samples.length < 2) return null;
  const column = (k: number) => samples.map((row) => row[k]).filter((c) => c !== '');
  const roles: ColumnRole[] = header.map((name, k) => {
    const known = columnRoleOf(name);
    if (known) return known;
    const cells = column(k);
    if (cells.length === 0) return 'other';
    if (cells.every(isSeq)) return 'seq';
    if (cells.every(isUnitCell))
      return /牵头|主责|主办/.test(name)
        ? 'lead'
        : /配合|协|参与/.test(name)
          ? 'support'
          : 'responsible';
    if (cells.every(isTimeCell)) return 'deadline';
    return 'task';
  });
  const firstTask = roles.indexOf('task');
  const mapped = roles.map((r, k) => (r === 'task' && k !== firstTask ? 'goal' : r));
  const set = new Set(mapped);
  return set.has('task') && (set.has('lead') || set.has('responsible')) ? mapped : null;
}

/** The index of the first non-blank line at or after `from`. */
function nonBlankFrom(lines: string[], from: number): number {
  let i = from;
  while (i < lines.length && trimText(lines[i]) === '') i++;
  return i;
}

/**
 * Rows of a one-cell-per-line table: each starts with the next 序号; a short row gets its blanks placed.
 * Under a header that starts with a category column (`分类`, `序号`, …) a row may start with its
 * category, written once above the first row of the rows it spans (a merged cell).
 */
function lineRows(
  lines: string[],
  from: number,
  columns: ColumnRole[],
): { rows: RawTableRow[]; end: number } {
  const rows: RawTableRow[] = [];
  const width = columns.length;
  const categoryFirst = columns[0] === 'category' && columns[1] === 'seq';
  let end = from;
  let i = from + 1;
  const next = () => {
    i = nonBlankFrom(lines, i);
  };
  next();
  let expected = 1;
  const isNextSeq = (text: string, value: number) =>
    isSeq(text) && Number(toHalfWidthDigits(text)) === value;
  // A category cell: a short line that is no 序号, right above the row's expected 序号.
  const categoryAt = (at: number) => {
    const text = trimText(lines[at] ?? '');
    if (!categoryFirst || at >= lines.length || isSeq(text) || !fits('category', text)) return null;
    if (TABLE_END.test(text)) return null;
    const seqLine = nonBlankFrom(lines, at + 1);
    return isNextSeq(trimText(lines[seqLine] ?? ''), expected) ? { text, seqLine } : null;
  };
  for (;;) {
    const category = categoryAt(i);
    const seqLine = category ? category.seqLine : i;
    if (seqLine >= lines.length || !isSeq(trimText(lines[seqLine]))) break;
    const seqValue = Number(toHalfWidthDigits(trimText(lines[seqLine])));
    if (rows.length > 0 && seqValue !== expected) break;
    const start = category ? i : seqLine;
    i = seqLine;
    const cells = category ? [category.text, trimText(lines[i])] : [trimText(lines[i])];
    const cellLines = category ? [start, i] : [i];
    i++;
    next();
    while (i < lines.length && cells.length < width) {
      const text = trimText(lines[i]);
      if (isNextSeq(text, seqValue + 1)) break;
      // A row without its own category is complete one cell short; a category line then opens the next.
      if (
        categoryFirst &&
        !category &&
        cells.length >= width - 1 &&
        categoryBefore(i, seqValue + 1)
      )
        break;
      if (TABLE_END.test(text)) break;
      cells.push(text);
      cellLines.push(i);
      i++;
      next();
    }
    // The last row may run into the text after the table: the fewest lines that fit the columns win.
    let taken = cells.length;
    let aligned = placeBlanks(cells, columns);
    for (let k = cells.length - 1; !aligned && k >= 2; k--) {
      aligned = placeBlanks(cells.slice(0, k), columns);
      if (aligned) taken = k;
    }
    aligned ??= alignCells(cells, columns);
    if (taken < cells.length) i = cellLines[taken];
    end = cellLines[taken - 1];
    if (aligned) rows.push({ line: start + 1, cells: aligned });
    expected = seqValue + 1;
  }
  return { rows, end };

  /** Whether the line at `at` is the category cell of the row numbered `value`. */
  function categoryBefore(at: number, value: number): boolean {
    const text = trimText(lines[at]);
    if (isSeq(text) || !fits('category', text)) return false;
    return isNextSeq(trimText(lines[nonBlankFrom(lines, at + 1)] ?? ''), value);
  }
}

/** A header written one cell per line: consecutive short lines that are all column names, 序号 first. */
function lineHeader(
  lines: string[],
  at: number,
): { roles: ColumnRole[]; header: string[]; last: number } | null {
  // `序号` first, or a category column (`分类`) and then `序号`.
  const first = columnRoleOf(trimText(lines[at]));
  if (first !== 'seq' && first !== 'category') return null;
  if (
    first === 'category' &&
    columnRoleOf(trimText(lines[nonBlankFrom(lines, at + 1)] ?? '')) !== 'seq'
  )
    return null;
  const header: string[] = [];
  let i = at;
  for (; i < lines.length; i++) {
    const text = trimText(lines[i]);
    if (text === '') continue;
    if (!columnRoleOf(text) || splitCells(lines[i])) break;
    header.push(text);
  }
  const roles = headerRoles(header);
  return roles ? { roles, header, last: i - 1 } : null;
}

/**
 * Finds the task-division tables of a text (`重点任务分工表` in an annex, or a table inside the body)
 * in any of the three plain-text shapes, with their columns mapped by header name.
 */
export function locateTaskTables(text: string): LocatedTable[] {
  // `序号 |` / `重点工作 |`: a cell per line closed by a pipe is a one-cell-per-line table.
  const lines = text
    .split(/\r\n|\r|\n/)
    .map((l) => (PIPE_ROW.test(trimText(l)) ? l : l.replace(/[\s\u3000]*[|｜][\s\u3000]*$/, '')));
  const tables: LocatedTable[] = [];
  for (let i = 0; i < lines.length; i++) {
    const split = splitCells(lines[i]);
    const roles = split
      ? (headerRoles(split.cells) ?? rolesByContent(split.cells, split.shape, lines, i))
      : null;
    let found: {
      shape: TableShape;
      header: string[];
      roles: ColumnRole[];
      rows: RawTableRow[];
      end: number;
    } | null = null;
    if (split && roles) {
      found = {
        shape: split.shape,
        header: split.cells,
        roles,
        ...cellRows(lines, i, split.shape, roles),
      };
    } else if (!split) {
      const h = lineHeader(lines, i);
      const spaced = h ? null : splitSpacedCells(lines[i]);
      const spacedRoles = spaced ? headerRoles(spaced) : null;
      if (h)
        found = {
          shape: 'lines',
          header: h.header,
          roles: h.roles,
          ...lineRows(lines, h.last, h.roles),
        };
      else if (spaced && spacedRoles)
        found = {
          shape: 'cells',
          header: spaced,
          roles: spacedRoles,
          ...spacedRows(lines, i, spacedRoles),
        };
    }
    if (!found) continue;
    const { label, title } = annexOf(lines, i);
    tables.push({
      shape: found.shape,
      columns: found.roles,
      header: found.header,
      startLine: i + 1,
      endLine: Math.max(found.end, i) + 1,
      annexLabel: label,
      title,
      rows: found.rows,
    });
    i = Math.max(found.end, i);
  }
  return tables;
}
