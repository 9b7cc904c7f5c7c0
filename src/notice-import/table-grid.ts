/** One cell as a document stores it: its text and how many grid columns and rows it covers. */
export interface SpannedCell {
  text: string;
  colspan: number;
  rowspan: number;
}

/** A cell's lines trimmed, blank lines dropped, joined with "\n"; CR, CRLF and vertical tabs count as breaks. */
export function cellText(raw: string): string {
  return raw
    .split(/\r\n|[\r\n\v\u2028\u2029]/)
    .map((line) => line.trim())
    .filter(Boolean)
    .join('\n');
}

/**
 * Lays spanned cells out on the table's grid so that every column stays under its header. A cell spanning
 * several columns keeps its text in the first and leaves the others empty (so a section row merged across the
 * table is one filled cell); a cell spanning several rows repeats its text in each of them (a lead unit merged
 * down over three tasks leads all three).
 */
export function layOutGrid(rows: SpannedCell[][]): string[][] {
  const grid: string[][] = rows.map(() => []);
  rows.forEach((cells, r) => {
    let column = 0;
    for (const cell of cells) {
      while (grid[r]![column] !== undefined) column += 1;
      for (let dr = 0; dr < Math.max(1, cell.rowspan) && r + dr < rows.length; dr += 1) {
        for (let dc = 0; dc < Math.max(1, cell.colspan); dc += 1) {
          grid[r + dr]![column + dc] = dc === 0 ? cell.text : '';
        }
      }
      column += Math.max(1, cell.colspan);
    }
  });
  const width = Math.max(0, ...grid.map((row) => row.length));
  return grid.map((row) => Array.from({ length: width }, (_, c) => row[c] ?? ''));
}

/** Drops columns that are empty in every row (trailing layout columns), keeping the others aligned. */
export function dropEmptyColumns(grid: string[][]): string[][] {
  const width = Math.max(0, ...grid.map((row) => row.length));
  const used = Array.from({ length: width }, (_, c) => grid.some((row) => (row[c] ?? '') !== ''));
  return grid.map((row) => row.filter((_, c) => used[c]));
}
