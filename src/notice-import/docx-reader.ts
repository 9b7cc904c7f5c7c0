import mammoth from 'mammoth';
import { HTMLElement, parse, type Node } from 'node-html-parser';
import type { ImportSource, SourceTable } from './import-source';
import { ImportFileError } from './import-file-error';
import { cellText, layOutGrid, type SpannedCell } from './table-grid';

const BLOCK_END = /<\/(p|li|h[1-6])>|<br\s*\/?>/gi;

/** A Word cell's (or paragraph's) text: each paragraph and line break a line of its own. */
function blockText(element: HTMLElement): string {
  return cellText(parse(element.innerHTML.replace(BLOCK_END, (tag) => `${tag}\n`)).text);
}

const elements = (nodes: Node[]): HTMLElement[] => nodes.filter((node) => node instanceof HTMLElement);

/** The rows of this table, not of tables nested in its cells. */
function ownRows(table: HTMLElement): HTMLElement[] {
  return elements(table.childNodes).flatMap((child) =>
    child.tagName === 'TR' ? [child] : ['THEAD', 'TBODY', 'TFOOT'].includes(child.tagName) ? ownRows(child) : [],
  );
}

function spannedRow(row: HTMLElement): SpannedCell[] {
  return elements(row.childNodes)
    .filter((cell) => cell.tagName === 'TD' || cell.tagName === 'TH')
    .map((cell) => ({
      text: blockText(cell),
      colspan: Number(cell.getAttribute('colspan') ?? 1) || 1,
      rowspan: Number(cell.getAttribute('rowspan') ?? 1) || 1,
    }));
}

function readTable(table: HTMLElement, index: number): SourceTable {
  const grid = layOutGrid(ownRows(table).map(spannedRow));
  return {
    name: `表格${index}`,
    rows: grid
      .map((cells, r) => ({ location: { table: index, row: r + 1 }, cells }))
      .filter((row) => row.cells.some(Boolean)),
  };
}

/**
 * A .docx through mammoth's HTML: its tables (outermost ones, in document order) when it has any, otherwise its
 * paragraphs as text for the notice parser.
 */
export async function readDocx(bytes: Buffer, fileName: string): Promise<ImportSource> {
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: bytes })).value;
  } catch {
    throw new ImportFileError(
      422,
      'FILE_UNREADABLE',
      `无法读取 Word 文档“${fileName}”：文件已损坏或不是 .docx 格式。请在 Word 或 WPS 中打开后另存为 .docx 再导入`,
    );
  }
  const root = parse(html);
  const tables = root
    .querySelectorAll('table')
    .filter((table) => !table.parentNode?.closest('table'))
    .map((table, i) => readTable(table, i + 1))
    .filter((table) => table.rows.length > 0);
  if (tables.length > 0) return { kind: 'tables', fileName, tables };
  const text = elements(root.childNodes)
    .map(blockText)
    .filter(Boolean)
    .join('\n');
  if (!text) throw new ImportFileError(422, 'FILE_EMPTY', `Word 文档“${fileName}”中没有文字或表格`);
  return { kind: 'text', text };
}
