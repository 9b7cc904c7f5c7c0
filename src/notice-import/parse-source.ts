import type { ImportSource } from './import-source';
import { parseNotice, type ParsedNotice } from './notice-parser';
import { parseTaskTables, pastedTable } from './table-parser';

/** Parses whatever the import received into one parsed notice; pasted text that is a table is read as one. */
export function parseSource(source: ImportSource): ParsedNotice {
  if (source.kind === 'tables') return parseTaskTables(source.tables);
  const table = pastedTable(source.text);
  return table ? parseTaskTables([table]) : parseNotice(source.text);
}

/** What the plan keeps as the source of its last import: the text as pasted, tables as tab-separated lines. */
export function sourceText(source: ImportSource): string {
  if (source.kind === 'text') return source.text;
  return source.tables
    .map((table) => [`# ${table.name}`, ...table.rows.map((row) => row.cells.map(tsvCell).join('\t'))].join('\n'))
    .join('\n\n');
}

/** A cell as TSV; control characters a file may carry (PostgreSQL refuses NUL) are left out. */
function tsvCell(cell: string): string {
  const text = String(cell ?? '').replace(/[\u0000-\u0008\u000E-\u001F\u007F]/g, '');
  return /[\t\n"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
