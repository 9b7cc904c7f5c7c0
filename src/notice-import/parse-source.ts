import type { ImportSource } from './import-source';
import { parseNotice, type ParsedNotice } from './notice-parser';

/** Parses whatever the import received into one parsed notice. */
export function parseSource(source: ImportSource): ParsedNotice {
  if (source.kind === 'text') return parseNotice(source.text);
  return {
    sections: [],
    items: [],
    warnings: [],
    errors: [{ line: 0, text: source.fileName, message: '暂不支持导入表格' }],
  };
}

/** What the plan keeps as the source of its last import: the text as pasted, tables as tab-separated lines. */
export function sourceText(source: ImportSource): string {
  if (source.kind === 'text') return source.text;
  return source.tables
    .map((table) => [`# ${table.name}`, ...table.rows.map((row) => row.cells.map(tsvCell).join('\t'))].join('\n'))
    .join('\n\n');
}

function tsvCell(cell: string): string {
  return /[\t\n"]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}
