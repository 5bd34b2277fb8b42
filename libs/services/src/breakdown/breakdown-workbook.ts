import ExcelJS from 'exceljs';
import { TableRow } from './breakdown-table';

function cellText(cell: ExcelJS.Cell): string {
  // A merged range repeats its first cell's value in every cell: only the first one counts.
  if (cell.isMerged && cell.master.address !== cell.address) return '';
  const v = cell.value;
  if (typeof v === 'number') return String(v);
  if (v && typeof v === 'object' && 'result' in v) {
    const result = (v as { result?: unknown }).result;
    return result === undefined || result === null ? '' : String(result);
  }
  return (cell.text ?? '').trim();
}

/** The first sheet of an .xlsx as rows of cell texts, with their row numbers; throws if unreadable. */
export async function readWorkbookRows(body: Buffer): Promise<TableRow[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) return [];
  const rows: TableRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let col = 1; col <= row.cellCount; col++) cells.push(cellText(row.getCell(col)));
    if (cells.some((c) => c !== '')) rows.push({ row: rowNumber, cells });
  });
  return rows;
}
