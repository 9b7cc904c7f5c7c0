import WordExtractor from 'word-extractor';
import type { ImportSource, SourceTable, TableRow } from './import-source';
import { ImportFileError } from './import-file-error';
import { cellText } from './table-grid';

/**
 * Tables in the text word-extractor gives for an old binary .doc: each cell ends with a tab and each row with a
 * tab and a line break, so a row is the lines up to one ending in a tab (a cell of several paragraphs spans
 * several lines). Outside a table a tab-free line is a paragraph; inside one it continues a cell, and an empty
 * line ends the table. A cell merged down over several rows is empty below its first row: the binary format's
 * text does not say it continues.
 */
export function tablesInDocText(body: string): SourceTable[] {
  const tables: SourceTable[] = [];
  let current: TableRow[] | null = null;
  let pending: string[] = [];
  for (const line of body.replace(/\r\n?/g, '\n').split('\n')) {
    if (current && pending.length === 0 && line.trim() === '') {
      // An empty paragraph after a row ends the table (Word keeps one between two tables).
      current = null;
      continue;
    }
    pending.push(line);
    if (line.endsWith('\t')) {
      if (!current) {
        // A table starts here: the lines before its first tab were paragraphs above it.
        pending.splice(0, pending.findIndex((l) => l.includes('\t')));
        current = [];
        tables.push({ name: `表格${tables.length + 1}`, rows: current });
      }
      const cells = pending.join('\n').slice(0, -1).split('\t').map(cellText);
      current.push({ location: { table: tables.length, row: current.length + 1 }, cells });
      pending = [];
    } else if (!current && !line.includes('\t')) {
      pending = [];
    }
  }
  const width = (table: SourceTable) => Math.max(...table.rows.map((row) => row.cells.length));
  for (const table of tables) {
    const columns = width(table);
    for (const row of table.rows) row.cells.push(...Array<string>(columns - row.cells.length).fill(''));
    table.rows = table.rows.filter((row) => row.cells.some(Boolean));
  }
  return tables.filter((table) => table.rows.length > 1 && width(table) > 1);
}

/** An old binary Word document: its tables when it has any, otherwise its text for the notice parser. */
export async function readDoc(bytes: Buffer, fileName: string): Promise<ImportSource> {
  let body: string;
  try {
    body = (await new WordExtractor().extract(bytes)).getBody();
  } catch {
    throw new ImportFileError(
      422,
      'FILE_UNREADABLE',
      `无法读取 Word 文档“${fileName}”：文件已损坏或不是 .doc 格式。请在 Word 或 WPS 中打开后另存为 .docx 再导入`,
    );
  }
  const tables = tablesInDocText(body);
  if (tables.length > 0) return { kind: 'tables', fileName, tables };
  const text = body.trim();
  if (!text) throw new ImportFileError(422, 'FILE_EMPTY', `Word 文档“${fileName}”中没有文字或表格`);
  return { kind: 'text', text };
}
