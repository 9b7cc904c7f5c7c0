import { parse } from 'csv-parse/sync';
import { toHalfWidth } from './chinese-number';
import type { SourceLocation, SourceTable, TableRow } from './import-source';
import { MAX_ITEM_NUMBER } from './item-number';
import {
  findUnitClause,
  issue,
  type ColumnMapping,
  type ParsedItem,
  type ParsedNotice,
  type ParsedSection,
  type ParsedSubsection,
} from './notice-parser';
import { classifyHeader, taskPriority, type ColumnField } from './table-columns';
import { emptyFields, readClause, readUnitCell, splitNames, type AssignmentRole, type ClauseFields } from './unit-clause';

interface Column {
  index: number;
  header: string;
  field: ColumnField;
}

interface Header {
  /** Index of the first header row in the table's rows. */
  start: number;
  /** One row, or two when the second names the columns under a merged one (责任分工 → 牵头单位 | 责任单位). */
  height: number;
  width: number;
  columns: Column[];
}

/** The name a table pasted into the text field goes by in the report. */
const PASTED_TABLE_NAME = '粘贴的表格';

// Item numbers are stored as int and must be positive; no notice comes near this many items.
// A merged row longer than this, or ending with 。, is more likely a task that lost its units than a heading.
const MAX_HEADING_LENGTH = 40;
const SECTION = /^第?([一二三四五六七八九十]+)(?:、|\.|．|部分)\s*(.*)$/s;
const SUBSECTION = /^[（(]([一二三四五六七八九十]+)[）)]\s*(.*)$/s;
const ORDINAL_CELL = /^(?:第?[一二三四五六七八九十]+(?:[、.．]|部分)?|[（(][一二三四五六七八九十]+[）)])$/;
const NUMBER_CELL = /^[(（]?([0-9]+)(?:\.0+)?[)）.．、]?$/;
/** “排在第一位的为牵头单位”: a table's note (or header) saying the first unit of each 责任单位 cell leads. */
const FIRST_IS_LEAD = /(?:第一|首位|首个|第1|排首|列首)[^，。；,;]{0,8}牵头|牵头单位[^，。；,;]{0,6}(?:第一|首位)/;
/** Rows that explain the table rather than head a part of it: 注：…, 填表说明, 附件1, 合计. */
const NOTE = /^(?:注|备注|附件|附表|提示|合计|小计|总计|[^，。,]{0,6}说明)\s*[0-9一二三四五六七八九十]*\s*[:：.．、]?/;
const UNIT_FIELDS: readonly AssignmentRole[] = ['lead', 'responsible', 'cooperating'];
const HEADER_HINT =
  '需要一行列名，含任务列（如“重点工作任务”“工作任务”“任务内容”）和单位或时限列（如“牵头单位”“责任单位”“配合单位”“完成时限”）';

/**
 * Reads task tables (Word tables, workbook sheets, a pasted or CSV/TSV table) into the same parsed notice as a text
 * notice: finds each table's header row, maps its columns by their words, reads merged rows as headings and every
 * other row as an item. Tables are read in order as one list: numbering and headings continue from one to the next.
 */
export function parseTaskTables(tables: SourceTable[]): ParsedNotice {
  const notice: ParsedNotice = { sections: [], items: [], warnings: [], errors: [], columns: [] };
  const reader = new TableReader(notice);
  const tableRows = tables.map((table) => table.rows.map(cleanRow).filter((row) => row.cells.some(Boolean)));
  const headers = tableRows.map(findHeader);
  let previous: Header | null = null;

  tables.forEach((table, t) => {
    const rows = tableRows[t]!;
    const where = rows[0]?.location ?? { line: 0 };
    if (rows.length === 0) {
      notice.warnings.push(issue(0, table.name, `表格“${table.name}”为空，已忽略`, where));
      return;
    }
    let header = headers[t] ?? null;
    if (!header && previous && widthOf(rows) === previous.width) {
      // Word splits a long table at a page; the second part has the same columns and no header of its own.
      header = { ...previous, start: 0, height: 0 };
      notice.warnings.push(issue(lineOf(where), table.name, `表格“${table.name}”没有表头，按上一个表格的列读取`, where));
    }
    if (!header) {
      const headerElsewhere = headers.some(Boolean);
      const message = `表格“${table.name}”中未找到表头：${HEADER_HINT}`;
      if (headerElsewhere) notice.warnings.push(issue(lineOf(where), table.name, `${message}；该表格已忽略`, where));
      else notice.errors.push(issue(lineOf(where), rowText(rows[0]!), message, where));
      return;
    }
    if (header.height > 0) {
      notice.columns.push(
        ...header.columns.map((c): ColumnMapping => ({ table: table.name, index: c.index, header: c.header, field: c.field })),
      );
    }
    for (const row of rows.slice(0, header.start)) {
      const text = rowText(row);
      const message = /^附件/.test(text) ? '已忽略：附件标注' : NOTE.test(text) ? '已忽略：表格说明' : '已忽略：表头之前的标题行';
      notice.warnings.push(issue(lineOf(row.location), text, message, row.location));
    }
    const firstIsLead = rows.some((row) => row.cells.some((cell) => FIRST_IS_LEAD.test(cell)));
    if (firstIsLead) {
      const at = rows[header.start]?.location ?? where;
      notice.warnings.push(issue(lineOf(at), table.name, '按表格中的说明，责任单位中排在第一位的作为牵头单位', at));
    }
    const headerRows = rows.slice(header.start, header.start + header.height).map((row) => row.cells.join('\t'));
    // A header repeated further down (printed on every page) is skipped, as is the header itself.
    const body = rows.slice(header.start + header.height).filter((row) => !headerRows.includes(row.cells.join('\t')));
    reader.read(body, header.columns, firstIsLead);
    previous = header;
  });

  if (tables.length === 0) notice.errors.push(issue(0, '', '未找到任何表格'));
  else if (notice.items.length === 0 && notice.errors.length === 0) {
    notice.errors.push(issue(0, '', '表格中没有任何任务行'));
  }
  return notice;
}

/**
 * Reads tab- or comma-separated text as a table: one row per record, a quoted cell may hold line breaks and doubled
 * quotes (what Excel and WPS put on the clipboard). Rows are located by the line they start on.
 */
export function readDelimitedTable(text: string, name: string): SourceTable {
  const normalized = normalizedLines(text);
  return readRecords(normalized, name, delimiterOf(normalized));
}

/** Without a BOM and with LF line ends (a cell's CRLF included). */
function normalizedLines(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

function readRecords(normalized: string, name: string, delimiter: '\t' | ','): SourceTable {
  const options = {
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    info: true,
  } as const;
  // csv-parse's declared return type does not follow `info: true`, which wraps each record with its info.
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(normalized, options) as unknown as typeof records;
  } catch {
    // An unclosed quote: the quote is text, as in a cell pasted from Word that starts with "十四五".
    records = parse(normalized, { ...options, quote: false }) as unknown as typeof records;
  }
  let nextLine = 1;
  const rows: TableRow[] = records.map(({ record, info }) => {
    const row = { location: { line: nextLine }, cells: record };
    nextLine = info.lines + 1;
    return row;
  });
  return { name, rows };
}

/** Tabs or commas, whichever the first lines use more: a TSV cell may hold a comma, a CSV cell rarely a tab. */
function delimiterOf(text: string): '\t' | ',' {
  const sample = text.split('\n').filter(Boolean).slice(0, 5).join('\n');
  const count = (ch: string) => sample.split(ch).length - 1;
  return count('\t') > 0 && count('\t') >= count(',') ? '\t' : ',';
}

/** A pasted text that is a table with a recognisable header (tab-separated, from Word, WPS or Excel). */
export function pastedTable(text: string): SourceTable | null {
  // Garbled text goes to the notice parser, which says what is wrong with it.
  if (!text.includes('\t') || /[\u0000-\u0008\u000E-\u001F\uFFFD]/.test(text)) return null;
  const table = readRecords(normalizedLines(text), PASTED_TABLE_NAME, '\t');
  const header = findHeader(table.rows.map(cleanRow));
  if (!header) return null;
  const width = table.rows[header.start]!.cells.length;
  return { ...table, rows: joinBrokenRows(table.rows, header.start + header.height, width) };
}

/**
 * Word puts a multi-line cell on the clipboard without quotes, so the row breaks at each line: two or more short
 * rows whose cells add up to the header's width (the broken cell counted once per break) are one row.
 */
function joinBrokenRows(rows: TableRow[], from: number, width: number): TableRow[] {
  const joined = rows.slice(0, from);
  for (let i = from; i < rows.length; i++) {
    const row = rows[i]!;
    let cells = row.cells;
    let end = i;
    while (cells.length >= 2 && cells.length < width && end + 1 < rows.length) {
      const next = rows[end + 1]!.cells;
      // A row that opens with a bare number is the next item, not a continuation line.
      if (next.length >= width || cells.length + next.length - 1 > width || NUMBER_CELL.test(next[0]!.trim())) break;
      cells = [...cells.slice(0, -1), `${cells.at(-1)}\n${next[0]}`, ...next.slice(1)];
      end++;
    }
    if (end > i && cells.length === width) {
      joined.push({ location: row.location, cells });
      i = end;
    } else joined.push(row);
  }
  return joined;
}

class TableReader {
  private section: ParsedSection | null = null;
  private subsection: ParsedSubsection | null = null;
  private sectionCell: string | null = null;
  private lastNumber = 0;
  private offset = 0;
  private readonly firstLocationOf = new Map<number, SourceLocation>();

  constructor(private readonly notice: ParsedNotice) {}

  read(rows: TableRow[], columns: Column[], firstIsLead: boolean): void {
    const cellsOf = (row: TableRow, field: ColumnField) =>
      columns.filter((c) => c.field === field).map((c) => row.cells[c.index - 1] ?? '');
    for (const row of rows) {
      const filled = row.cells.filter(Boolean);
      const numberCell = cellsOf(row, 'number')[0] ?? '';
      const taskCell = cellsOf(row, 'task')[0] ?? '';
      const assignsWork = ['lead', 'responsible', 'cooperating', 'leader', 'deadline'].some((f) =>
        cellsOf(row, f as ColumnField).some(Boolean),
      );
      const single = new Set(filled).size === 1 && !(filled[0] === numberCell && NUMBER_CELL.test(toHalfWidth(numberCell)));

      if (single && this.heading(filled[0]!, row)) continue;
      if (!assignsWork && ORDINAL_CELL.test(numberCell)) {
        const title = taskCell || filled.filter((cell) => cell !== numberCell).join(' ');
        const separator = /[、.．)）分]$/.test(numberCell) ? '' : '、';
        if (this.heading(`${numberCell}${separator}${title}`, row)) continue;
      }
      if (!assignsWork && !numberCell && (SECTION.test(taskCell) || SUBSECTION.test(taskCell)) && this.heading(taskCell, row)) continue;

      const sectionCell = cellsOf(row, 'section')[0] ?? '';
      if (sectionCell && sectionCell !== this.sectionCell) {
        this.startSection(stripOrdinal(sectionCell), row);
        this.sectionCell = sectionCell;
      }
      this.item(row, columns, numberCell, taskCell, firstIsLead);
    }
  }

  /** A merged or single-cell row: a heading, or a note; false when it reads like a task that lost its other cells. */
  private heading(text: string, row: TableRow): boolean {
    if (NOTE.test(text)) {
      this.warn(row, '已忽略：表格中的说明行');
      return true;
    }
    const sub = SUBSECTION.exec(text);
    if (sub) {
      if (this.section) this.startSubsection((sub[2] ?? '').trim(), row);
      else this.startSection((sub[2] ?? '').trim(), row);
      return true;
    }
    const section = SECTION.exec(text);
    if (section) {
      this.startSection((section[2] ?? '').trim(), row);
      return true;
    }
    if (text.length > MAX_HEADING_LENGTH || /[。；;]$/.test(text)) return false;
    this.startSection(text, row);
    return true;
  }

  private startSection(title: string, row: TableRow): void {
    this.section = { ordinal: this.notice.sections.length + 1, title, line: lineOf(row.location), subsections: [] };
    this.subsection = null;
    this.notice.sections.push(this.section);
  }

  private startSubsection(title: string, row: TableRow): void {
    const section = this.section!;
    this.subsection = { ordinal: section.subsections.length + 1, title, line: lineOf(row.location) };
    section.subsections.push(this.subsection);
  }

  private item(row: TableRow, columns: Column[], numberCell: string, taskCell: string, firstIsLead: boolean): void {
    const number = this.numberOf(row, numberCell);
    if (number === null) return;
    const fail = (message: string) => this.fail(row, message, number);
    const fields = emptyFields();
    let content = taskCell;
    for (const column of columns) {
      const cell = row.cells[column.index - 1] ?? '';
      if (!cell) continue;
      if (UNIT_FIELDS.includes(column.field as AssignmentRole)) {
        if (!readUnitCell(cell, column.field as AssignmentRole, fields, number, fail)) return;
      } else if (column.field === 'leader') fields.leaders.push(...splitNames(cell));
      else if (column.field === 'deadline') fields.deadlineText ??= cell;
    }
    if (firstIsLead && fields.units.lead.length === 0 && fields.units.responsible.length > 0) {
      fields.units.lead.push(fields.units.responsible.shift()!);
    }
    if (unitCount(fields) === 0) {
      // Some tables keep the unit clause in the task cell, as a text notice does: 抓好春耕(责任单位:农业农村局).
      const clause = findUnitClause(content);
      if (clause) {
        const read = readClause(clause.body, number, fail);
        if (!read) return;
        mergeFields(fields, read);
        content = content.slice(0, clause.start).trim();
      }
    }
    if (!content) return fail(`第${number}条缺少任务内容`);
    if (unitCount(fields) === 0) return fail(`第${number}条缺少责任单位`);

    const extraFields: Record<string, string> = {};
    for (const column of columns) {
      const cell = row.cells[column.index - 1] ?? '';
      if (column.field === 'extra' && cell) extraFields[column.header] = cell;
    }
    const parsed: ParsedItem = {
      number,
      line: lineOf(row.location),
      location: row.location,
      sourceLine: rowText(row),
      content,
      kind: this.section && /目标|指标/.test(this.section.title) ? 'indicator' : 'task',
      sectionOrdinal: this.section?.ordinal ?? null,
      subsectionOrdinal: this.subsection?.ordinal ?? null,
      ...fields,
      extraFields,
    };
    this.notice.items.push(parsed);
  }

  /**
   * The item's number: as written; the next one when the cell is empty or unreadable; continued when a table (or
   * each of its parts) restarts at 1, since numbers identify tasks within the plan.
   */
  private numberOf(row: TableRow, cell: string): number | null {
    const written = NUMBER_CELL.exec(toHalfWidth(cell));
    let number = this.lastNumber + 1;
    if (cell && !written) this.warn(row, `序号“${cell}”无法识别，按第${number}条导入`, number);
    const value = Number(written?.[1] ?? 0);
    if (written && (value < 1 || value > MAX_ITEM_NUMBER)) {
      this.fail(row, `序号${cell}无效：应为 1 到 ${MAX_ITEM_NUMBER} 之间的数字`);
      return null;
    }
    if (written) {
      number = value + this.offset;
      if (value === 1 && this.firstLocationOf.has(number)) {
        this.offset = this.lastNumber;
        number = this.lastNumber + 1;
        this.warn(row, `序号从1重新开始，为使每条编号唯一，本行起接续编号：本行为第${number}条`, number);
      } else if (this.firstLocationOf.has(number)) {
        const first = this.firstLocationOf.get(number);
        this.fail(row, `第${number}条编号重复（${first ? describeLocation(first) : '前面'}已有第${number}条）`, number);
        return null;
      } else if (number !== this.lastNumber + 1) {
        const after = this.lastNumber === 0 ? '第一条' : `第${this.lastNumber}条之后`;
        this.warn(row, `条目编号不连续：${after}是第${number}条`, number);
      }
    }
    if (number > MAX_ITEM_NUMBER) {
      this.fail(row, `第${number}条超出编号上限 ${MAX_ITEM_NUMBER}`);
      return null;
    }
    this.lastNumber = number;
    this.firstLocationOf.set(number, row.location);
    return number;
  }

  private warn(row: TableRow, message: string, number?: number): void {
    this.notice.warnings.push(issue(lineOf(row.location), rowText(row), message, row.location, number));
  }

  private fail(row: TableRow, message: string, number?: number): void {
    this.notice.errors.push(issue(lineOf(row.location), rowText(row), message, row.location, number));
  }
}

/** The first row (or two) that name a task column and at least one other known column. */
function findHeader(rows: TableRow[]): Header | null {
  const start = rows.findIndex((row) => isHeaderRow(row.cells));
  if (start < 0) return null;
  const first = rows[start]!.cells;
  const next = rows[start + 1]?.cells ?? [];
  const nextNamesColumns =
    next.some((cell) => ['lead', 'responsible', 'cooperating', 'leader', 'deadline'].includes(classifyHeader(cell) ?? '')) &&
    next.every((cell) => !cell || classifyHeader(cell) !== null);
  const width = Math.max(first.length, nextNamesColumns ? next.length : 0);
  const columns: Column[] = [];
  for (let i = 0; i < width; i++) {
    const top = first[i] ?? '';
    const below = nextNamesColumns ? (next[i] ?? '') : '';
    const words = below && classifyHeader(below) ? below : top;
    const header = below && top && below !== top ? `${top}/${below}` : words || `第${i + 1}列`;
    columns.push({ index: i + 1, header: header.replace(/\s+/g, ''), field: classifyHeader(words) ?? 'extra' });
  }
  return { start, height: nextNamesColumns ? 2 : 1, width: Math.max(width, widthOf(rows)), columns: keepOnePerField(columns) };
}

function isHeaderRow(cells: string[]): boolean {
  const fields = cells.map(classifyHeader).filter((f): f is ColumnField => f !== null && f !== 'extra');
  return fields.includes('task') && fields.some((f) => f !== 'task');
}

/** Units and leaders may span several columns; the task, number, section and deadline come from one each. */
function keepOnePerField(columns: Column[]): Column[] {
  const tasks = columns.filter((c) => c.field === 'task');
  const task = tasks.reduce<Column | undefined>((best, c) => (!best || taskPriority(c.header) > taskPriority(best.header) ? c : best), undefined);
  const seen = new Set<ColumnField>();
  return columns.map((column) => {
    if (column.field === 'task') return column === task ? column : { ...column, field: 'extra' };
    if (!['number', 'section', 'deadline'].includes(column.field)) return column;
    if (seen.has(column.field)) return { ...column, field: 'extra' };
    seen.add(column.field);
    return column;
  });
}

/**
 * Cells trimmed line by line; a multi-line cell keeps its lines, without the blank ones. Word's manual line break
 * (vertical tab) is a line break; other control characters, which PostgreSQL text would refuse (NUL), go.
 */
function cleanRow(row: TableRow): TableRow {
  return {
    location: row.location,
    cells: row.cells.map((cell) =>
      String(cell ?? '')
        .replace(/[\u000B\u000C\u2028\u2029]/g, '\n')
        .replace(/[\u0000-\u0008\u000E-\u001F\u007F]/g, '')
        .split(/\r\n|\r|\n/)
        .map((line) => line.replace(/^[\s\u3000]+|[\s\u3000]+$/g, ''))
        .filter(Boolean)
        .join('\n'),
    ),
  };
}

function widthOf(rows: TableRow[]): number {
  return Math.max(0, ...rows.map((row) => row.cells.length));
}

function rowText(row: TableRow): string {
  const cells = [...row.cells];
  while (cells.length > 0 && !cells.at(-1)) cells.pop();
  return cells.join(' | ');
}

function unitCount(fields: ClauseFields): number {
  return fields.units.lead.length + fields.units.responsible.length + fields.units.cooperating.length;
}

function mergeFields(into: ClauseFields, from: ClauseFields): void {
  for (const role of UNIT_FIELDS) into.units[role].push(...from.units[role]);
  into.includesOtherUnits ||= from.includesOtherUnits;
  into.leaders.push(...from.leaders);
  into.deadlineText ??= from.deadlineText;
}

function stripOrdinal(text: string): string {
  return (SECTION.exec(text)?.[2] ?? SUBSECTION.exec(text)?.[2] ?? text).trim() || text;
}

function lineOf(location: SourceLocation): number {
  return 'line' in location ? location.line : location.row;
}

/** Where to look, in the words of the report: 第3行, 工作表“任务”第5行, 第2个表格第7行. */
function describeLocation(location: SourceLocation): string {
  if ('line' in location) return `第${location.line}行`;
  if ('sheet' in location) return `工作表“${location.sheet}”第${location.row}行`;
  return `第${location.table}个表格第${location.row}行`;
}
