import ExcelJS from 'exceljs';

export type Cell = string | number | null;

const THIN = { style: 'thin' } as const;

/**
 * A sheet in the form offices exchange: a merged title row, a bold header row frozen in place,
 * then the rows, every cell bordered and wrapped.
 */
export function addTableSheet(
  wb: ExcelJS.Workbook,
  sheetName: string,
  title: string,
  columns: { header: string; width?: number }[],
  rows: Cell[][],
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.columns = columns.map((c) => ({ key: c.header, width: c.width ?? 16 }));
  ws.mergeCells(1, 1, 1, columns.length);
  const titleCell = ws.getCell(1, 1);
  titleCell.value = title;
  titleCell.font = { bold: true, size: 14 };
  titleCell.alignment = { horizontal: 'center' };
  const header = ws.getRow(2);
  header.values = columns.map((c) => c.header);
  header.font = { bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  for (const values of rows) {
    const row = ws.addRow(values);
    row.alignment = { vertical: 'top', wrapText: true };
  }
  for (let r = 2; r <= ws.rowCount; r++) {
    for (let c = 1; c <= columns.length; c++) {
      ws.getCell(r, c).border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
    }
  }
  return ws;
}

/** A workbook as plain data (it crosses to a worker thread): sheets in the form `addTableSheet` draws. */
export interface WorkbookSpec {
  creator: string;
  /** ISO time the workbook says it was made. */
  createdAt: string;
  sheets: {
    name: string;
    title: string;
    columns: { header: string; width?: number }[];
    rows: Cell[][];
  }[];
}

export async function renderWorkbook(spec: WorkbookSpec): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = spec.creator;
  wb.created = new Date(spec.createdAt);
  for (const sheet of spec.sheets)
    addTableSheet(wb, sheet.name, sheet.title, sheet.columns, sheet.rows);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
