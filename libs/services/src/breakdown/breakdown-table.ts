import { localityKey } from '@tracker/documents';

export interface BreakdownTarget {
  index: number;
  text: string;
  value: number | null;
  unit: string | null;
}

export interface BreakdownLocality {
  unitId: string;
  unitName: string;
  aliases: string[];
}

export interface ParsedShare {
  unitId: string;
  targetIndex: number;
  value: number;
}

/** One thing wrong with a table: the field it concerns (`rows.3`, `columns.2`) and why, in both languages. */
export interface TableProblem {
  field: string;
  zh: string;
  en: string;
}

/** A row of a table as read, with its row number in the source (1-based: a sheet's row, a text's line). */
export interface TableRow {
  row: number;
  cells: string[];
}

// Rows an annex table closes with: they sum the localities, they are none.
const TOTAL_ROW = /^(?:合计|总计|小计|累计|全区|全省|全市|全区合计|全省合计|全市合计|total)$/i;
const HEADER_WITH_MEASURE = /^(.*?)[（(]\s*([^（()）]*?)\s*[）)]$/;
const POSITIONAL = /^(?:目标|指标|target)\s*(\d+)$/i;

const squeeze = (s: string): string => s.replace(/[\s\u3000]+/g, '');

/** Splits pasted text into rows: by tabs when a line has one (a Word or WPS table), else by runs of spaces. */
export function splitPastedTable(text: string): TableRow[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((line, i) => ({
      row: i + 1,
      cells: (line.includes('\t') ? line.split('\t') : line.trim().split(/[ \u3000]+/)).map((c) =>
        c.trim(),
      ),
    }))
    .filter((r) => r.cells.some((c) => c !== ''));
}

/** Parses a share as written: `12`, `1,200`, `12.5`, `12家`; null when it is no non-negative number. */
export function parseShare(raw: string, measure: string | null): number | null {
  let s = squeeze(raw).replace(/[,，]/g, '');
  if (measure && s.endsWith(measure)) s = s.slice(0, -measure.length);
  if (!/^\d+(?:\.\d+)?$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) && n < 1e14 ? n : null;
}

function matchColumn(
  header: string,
  targets: BreakdownTarget[],
  used: Set<number>,
): BreakdownTarget | null {
  const cell = squeeze(header);
  const positional = POSITIONAL.exec(cell);
  if (positional) return targets[Number(positional[1]) - 1] ?? null;
  const m = HEADER_WITH_MEASURE.exec(cell);
  const label = m ? m[1] : cell;
  const measure = m ? m[2] || null : null;
  const fits = targets.filter(
    (t) =>
      (label === '' || squeeze(t.text).includes(label)) && (measure === null || t.unit === measure),
  );
  return fits.find((t) => !used.has(t.index)) ?? fits[0] ?? null;
}

/**
 * Reads a breakdown table: the header row (the first with two cells or more) names the targets,
 * each later row a locality in its first cell and its shares under them. Every problem is
 * collected, by row and column, so one answer lists them all; the caller saves nothing unless
 * there are none.
 */
export function readBreakdownTable(
  rows: TableRow[],
  targets: BreakdownTarget[],
  localities: BreakdownLocality[],
): { shares: ParsedShare[]; problems: TableProblem[] } {
  const problems: TableProblem[] = [];
  const headerAt = rows.findIndex((r) => r.cells.filter((c) => c !== '').length >= 2);
  if (headerAt < 0) {
    problems.push({
      field: 'table',
      zh: '没有找到表头：第一列为地区，其后各列为指标',
      en: 'No header row found: the first column names the localities, the others the targets',
    });
    return { shares: [], problems };
  }
  const header = rows[headerAt];
  const columns = new Map<number, BreakdownTarget>();
  const used = new Set<number>();
  header.cells.forEach((cell, col) => {
    if (col === 0 || cell === '') return;
    const target = matchColumn(cell, targets, used);
    if (!target) {
      problems.push({
        field: `columns.${col + 1}`,
        zh: `第${col + 1}列表头“${cell}”不是本任务的指标`,
        en: `Column ${col + 1}: "${cell}" is not a target of this task`,
      });
    } else if (used.has(target.index)) {
      problems.push({
        field: `columns.${col + 1}`,
        zh: `第${col + 1}列表头“${cell}”与前面的列是同一指标`,
        en: `Column ${col + 1}: "${cell}" repeats the target of an earlier column`,
      });
    } else {
      used.add(target.index);
      columns.set(col, target);
    }
  });

  const byKey = new Map<string, BreakdownLocality>();
  for (const l of localities)
    for (const name of [l.unitName, ...l.aliases]) byKey.set(localityKey(name), l);
  const seen = new Map<string, number>();
  const shares: ParsedShare[] = [];
  for (const r of rows.slice(headerAt + 1)) {
    const name = r.cells[0] ?? '';
    if (name === '' || TOTAL_ROW.test(squeeze(name))) continue;
    const locality = byKey.get(localityKey(name));
    if (!locality) {
      problems.push({
        field: `rows.${r.row}`,
        zh: `第${r.row}行：“${name}”不是本任务的地区（责任单位中没有它）`,
        en: `Row ${r.row}: "${name}" is not a locality of this task (no member unit has that name)`,
      });
      continue;
    }
    if (seen.has(locality.unitId)) {
      problems.push({
        field: `rows.${r.row}`,
        zh: `第${r.row}行：“${name}”与第${seen.get(locality.unitId)}行是同一地区`,
        en: `Row ${r.row}: "${name}" is the same locality as row ${seen.get(locality.unitId)}`,
      });
      continue;
    }
    seen.set(locality.unitId, r.row);
    for (const [col, target] of columns) {
      const raw = r.cells[col] ?? '';
      if (squeeze(raw) === '' || /^[-—–/]$/.test(squeeze(raw))) continue;
      const value = parseShare(raw, target.unit);
      if (value === null) {
        problems.push({
          field: `rows.${r.row}`,
          zh: `第${r.row}行第${col + 1}列：“${raw}”不是非负数`,
          en: `Row ${r.row}, column ${col + 1}: "${raw}" is not a non-negative number`,
        });
        continue;
      }
      shares.push({ unitId: locality.unitId, targetIndex: target.index, value });
    }
  }
  if (!problems.length && !shares.length)
    problems.push({
      field: 'table',
      zh: '表中没有任何地区的分解数',
      en: 'The table gives no locality a share',
    });
  return { shares, problems };
}
