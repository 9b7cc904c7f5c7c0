import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { Workbook, type CellValue } from 'exceljs';

/**
 * Builders for the files a 督查室 receives, made in the tests with the same libraries Word- and Excel-compatible
 * software is tested against (docx, exceljs), so every fixture's content is visible in the test that uses it.
 */

/** A Word cell: its text ("\n" starts a new paragraph, "\v" a line break inside one) and its spans. */
export type WordCell = string | { text: string; rowSpan?: number; columnSpan?: number };
/** A row of cells, or a row merged across the whole table (a section or title row). */
export type WordRow = WordCell[] | { merged: string };

export interface WordFixture {
  before?: string[];
  tables: WordRow[][];
  after?: string[];
}

function paragraphs(text: string): Paragraph[] {
  return text.split('\n').map(
    (paragraph) =>
      new Paragraph({ children: paragraph.split('\v').map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0 })) }),
  );
}

function wordTable(rows: WordRow[]): Table {
  const width = Math.max(...rows.map((row) => (Array.isArray(row) ? row.reduce<number>((n, c) => n + (typeof c === 'string' ? 1 : (c.columnSpan ?? 1)), 0) : 1)));
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map(
      (row) =>
        new TableRow({
          children: Array.isArray(row)
            ? row.map((cell) =>
                typeof cell === 'string'
                  ? new TableCell({ children: paragraphs(cell) })
                  : new TableCell({ children: paragraphs(cell.text), rowSpan: cell.rowSpan, columnSpan: cell.columnSpan }),
              )
            : [new TableCell({ children: paragraphs(row.merged), columnSpan: width })],
        }),
    ),
  });
}

/** A .docx with paragraphs before, the tables (an empty paragraph between two), and paragraphs after. */
export function buildDocx(fixture: WordFixture): Promise<Buffer> {
  const body = [
    ...(fixture.before ?? []).flatMap(paragraphs),
    ...fixture.tables.flatMap((rows, i) => (i === 0 ? [wordTable(rows)] : [new Paragraph(''), wordTable(rows)])),
    ...(fixture.after ?? []).flatMap(paragraphs),
  ];
  return Packer.toBuffer(new Document({ sections: [{ children: body }] }));
}

/** A .docx without tables: one paragraph per line. */
export function buildTextDocx(lines: string[]): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children: lines.map((line) => new Paragraph(line)) }] }));
}

export interface SheetFixture {
  name: string;
  /** Rows from row 1; `null` leaves a row (or cell) empty. */
  rows: Array<Array<CellValue> | null>;
  /** Ranges such as "A1:G1". */
  merges?: string[];
  hidden?: boolean;
}

export async function buildXlsx(sheets: SheetFixture[]): Promise<Buffer> {
  const workbook = new Workbook();
  for (const fixture of sheets) {
    const sheet = workbook.addWorksheet(fixture.name, { state: fixture.hidden ? 'hidden' : 'visible' });
    fixture.rows.forEach((row, r) => {
      row?.forEach((value, c) => {
        if (value !== null) sheet.getCell(r + 1, c + 1).value = value;
      });
    });
    for (const range of fixture.merges ?? []) sheet.mergeCells(range);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Rows as a CSV file (RFC 4180 quoting), in UTF-8 or, as Chinese Excel saves it, GBK. */
export function buildCsv(rows: string[][], encoding: 'utf-8' | 'utf-8-bom' | 'gbk'): Buffer {
  const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  const text = rows.map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n';
  if (encoding === 'gbk') return encodeGbk(text);
  return Buffer.concat([encoding === 'utf-8-bom' ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
}

/** Rows as tab-separated text, a multi-line cell quoted, as Excel and WPS put a table on the clipboard. */
export function buildTsv(rows: string[][]): string {
  const quote = (cell: string) => (/["\t\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return rows.map((row) => row.map(quote).join('\t')).join('\r\n') + '\r\n';
}

/**
 * GBK bytes for Chinese text. Node has no GBK encoder, so each character's bytes are found by decoding every
 * GBK double-byte code once (TextDecoder knows GB18030, a superset) and inverting the table.
 */
let gbkTable: Map<string, Buffer> | undefined;
export function encodeGbk(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gb18030');
    for (let lead = 0x81; lead <= 0xfe; lead += 1) {
      for (let trail = 0x40; trail <= 0xfe; trail += 1) {
        if (trail === 0x7f) continue;
        const bytes = Buffer.from([lead, trail]);
        const char = decoder.decode(bytes);
        if (char.length === 1 && char !== '\ufffd' && !gbkTable.has(char)) gbkTable.set(char, bytes);
      }
    }
  }
  return Buffer.concat(
    [...text].map((char) => {
      if (char.charCodeAt(0) < 0x80) return Buffer.from(char, 'latin1');
      const bytes = gbkTable!.get(char);
      if (!bytes) throw new Error(`no GBK code for ${char}`);
      return bytes;
    }),
  );
}

/**
 * The Word table behind test/fixtures/task-table.doc (an old binary .doc cannot be written from JavaScript; see
 * test/fixtures/README.md for how it was converted once with LibreOffice).
 */
export const DOC_FIXTURE: WordFixture = {
  before: ['附件', '2021年重点工作任务分解表'],
  tables: [
    [
      ['序号', '工作任务', '牵头单位', '责任单位', '完成时限'],
      { merged: '一、推动高质量发展' },
      ['1', '推进工业转型升级\n实施技改项目50个', '工业和科技创新委员会', '发展改革和统计局、财政金融局', '2021年6月底前'],
      ['2', '优化营商环境', '市场监管局', '各街道办事处', '年底前'],
      ['3', '办好民生实事', '', '人社局、卫健委等有关单位', '三季度末'],
    ],
  ],
  after: ['注：各责任单位每月25日前报送进展。'],
};
