/**
 * What an import reads, whatever form the notice arrived in: pasted text, or tables read from a Word, Excel,
 * CSV or TSV file (or a table pasted from one). The parsers turn either into the same parsed notice.
 */

/** Where a person finds an item or a problem: a line of text, a row of a workbook sheet, a row of a Word table. */
export type SourceLocation = { line: number } | { sheet: string; row: number } | { table: number; row: number };

/** One row as read: cell texts in column order; a multi-line cell keeps its lines joined with "\n". */
export interface TableRow {
  location: SourceLocation;
  cells: string[];
}

/** One table (a sheet, a Word table, a pasted block): its rows in order, header and title rows included. */
export interface SourceTable {
  name: string;
  rows: TableRow[];
}

export type ImportSource =
  | { kind: 'text'; text: string }
  | { kind: 'tables'; fileName: string; tables: SourceTable[] };
