import { ValueType, Workbook, type Cell, type CellValue, type Worksheet } from 'exceljs';
import type { SourceTable } from './import-source';
import { ImportFileError } from './import-file-error';
import { cellText, dropEmptyColumns } from './table-grid';

/** A date as a Chinese deadline is written, so the 完成时限 reader takes it like typed text. */
const chineseDate = (date: Date) => `${date.getUTCFullYear()}年${date.getUTCMonth() + 1}月${date.getUTCDate()}日`;

/** What the cell shows: rich text joined, a formula's cached result, a date in Chinese, errors as nothing. */
export function cellValueText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return chineseDate(value);
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellValueText((value as { result?: CellValue }).result ?? null);
  if ('hyperlink' in value) return cellValueText(value.text as CellValue);
  return '';
}

/**
 * A merged range shows its text once, like Word: in its first column, and repeated down its rows (a unit merged
 * over three tasks applies to all three); a title or section merged across the table is one filled cell.
 */
function shownText(cell: Cell): string {
  if (cell.type !== ValueType.Merge) return cellText(cellValueText(cell.value));
  const master = cell.master;
  return master.col === cell.col ? cellText(cellValueText(master.value)) : '';
}

function readSheet(sheet: Worksheet): SourceTable {
  const numbers: number[] = [];
  const grid: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells = Array.from({ length: sheet.columnCount }, (_, c) => shownText(row.getCell(c + 1)));
    if (!cells.some(Boolean)) return;
    numbers.push(rowNumber);
    grid.push(cells);
  });
  return {
    name: sheet.name,
    rows: dropEmptyColumns(grid).map((cells, i) => ({ location: { sheet: sheet.name, row: numbers[i]! }, cells })),
  };
}

/** Every visible, non-empty sheet of an .xlsx workbook, rows located by sheet name and row number. */
export async function readXlsx(bytes: Buffer, fileName: string): Promise<SourceTable[]> {
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    // A zip without worksheets (a .docx renamed .xlsx, say) is no workbook either.
    if (workbook.worksheets.length === 0) throw new Error('no worksheets');
  } catch {
    throw new ImportFileError(
      422,
      'FILE_UNREADABLE',
      `无法读取 Excel 工作簿“${fileName}”：文件已损坏或不是 .xlsx 格式。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入`,
    );
  }
  const tables = workbook.worksheets
    .filter((sheet) => sheet.state === 'visible' || sheet.state === undefined)
    .map(readSheet)
    .filter((table) => table.rows.length > 0);
  if (tables.length === 0) {
    throw new ImportFileError(422, 'FILE_EMPTY', `Excel 工作簿“${fileName}”中没有内容：所有工作表都是空的`);
  }
  return tables;
}
