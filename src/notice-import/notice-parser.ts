import { parseChineseNumber, parseNumber, toHalfWidth } from './chinese-number';
import type { SourceLocation } from './import-source';
import { MAX_ITEM_NUMBER } from './item-number';
import { LABEL_LINE, looksLikeUnitClause, readClause, TRAILING_LABEL } from './unit-clause';

export type { AssignmentRole } from './unit-clause';

/**
 * `line` is 1-based (a table's row number for tables); 0 means the whole document. `location` says where a person
 * finds it. `message` is shown to users, in Simplified Chinese.
 */
export interface ImportIssue {
  line: number;
  location: SourceLocation;
  text: string;
  message: string;
  /** The item it concerns, when the line or row is a numbered item. */
  number?: number;
}

export interface ParsedSubsection {
  ordinal: number;
  title: string;
  line: number;
}

export interface ParsedSection {
  ordinal: number;
  title: string;
  line: number;
  subsections: ParsedSubsection[];
}

export interface ParsedItem {
  number: number;
  line: number;
  location: SourceLocation;
  sourceLine: string;
  content: string;
  kind: 'task' | 'indicator';
  sectionOrdinal: number | null;
  subsectionOrdinal: number | null;
  units: { lead: string[]; responsible: string[]; cooperating: string[] };
  includesOtherUnits: boolean;
  leaders: string[];
  deadlineText: string | null;
  /** A table's columns the importer does not map, by header: kept with the task. */
  extraFields: Record<string, string>;
}

/** Which field a table column became; `extra` columns are kept per task in extraFields. */
export interface ColumnMapping {
  table: string;
  index: number;
  header: string;
  field: 'number' | 'section' | 'task' | 'lead' | 'responsible' | 'cooperating' | 'leader' | 'deadline' | 'extra';
}

/** Items hold only the lines that parsed cleanly; every other non-empty line is in warnings or errors. */
export interface ParsedNotice {
  sections: ParsedSection[];
  items: ParsedItem[];
  warnings: ImportIssue[];
  errors: ImportIssue[];
  /** Tables only: how each table's columns were read. */
  columns: ColumnMapping[];
}

interface Line {
  line: number;
  text: string;
}

export interface UnitClause {
  start: number;
  body: string;
}

const ITEM = /^([0-9０-９]+)\s*[.．、]\s*/;
const SECTION = /^([一二三四五六七八九十]+)、\s*(.+)$/;
const SUBSECTION = /^[（(]([一二三四五六七八九十]+)[）)]\s*(.+)$/;
const NOT_TEXT = /[\u0000-\u0008\u000E-\u001F\uFFFD]/;
// A wrapped item rarely spans more than a few lines; beyond that the lines are more likely unrelated.
const MAX_WRAPPED_LINES = 3;
const MAX_ISSUE_TEXT = 200;

export function parseNotice(text: string): ParsedNotice {
  const notice: ParsedNotice = { sections: [], items: [], warnings: [], errors: [], columns: [] };
  const warn = (line: number, source: string, message: string, number?: number) =>
    notice.warnings.push(issue(line, source, message, { line }, number));
  const fail = (line: number, source: string, message: string, number?: number) =>
    notice.errors.push(issue(line, source, message, { line }, number));

  const lines: Line[] = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((raw, index) => ({ line: index + 1, text: raw.trim() }));
  const garbled = lines.find((l) => NOT_TEXT.test(l.text));
  if (garbled) fail(garbled.line, garbled.text, '含有无法识别的字符，请确认文件是 UTF-8 编码的纯文本');

  let section: ParsedSection | null = null;
  let subsection: ParsedSubsection | null = null;
  let lastNumber = 0;
  // Notices that number each heading's items from 1 again are read on: numbers identify tasks within the plan.
  let offset = 0;
  let headingSinceItem = false;
  const firstLineOf = new Map<number, number>();

  for (let i = 0; i < lines.length; i++) {
    const { line, text: source } = lines[i] as Line;
    if (!source) continue;

    const prefix = ITEM.exec(source);
    if (prefix) {
      const written = parseNumber(prefix[1] ?? '') ?? 0;
      // Only when 1 is taken: a notice listing item 5 before items 1–4 keeps its numbers.
      const restarts = written === 1 && headingSinceItem && firstLineOf.has(1 + offset);
      if (restarts) offset = lastNumber;
      headingSinceItem = false;
      const number = written === 0 ? 0 : written + offset;
      let sourceLine = source;
      let clause = findUnitClause(source);
      if (!clause || LABEL_LINE.test(toHalfWidth(lines[i + 1]?.text ?? ''))) {
        const wrapped = joinWrapped(lines, i);
        if (wrapped) {
          if (wrapped.wrapped > 0) warn(line, wrapped.text, `第${number}条跨${wrapped.end - i + 1}行，已合并为一条`, number);
          sourceLine = wrapped.text;
          clause = findUnitClause(sourceLine);
          i = wrapped.end;
        }
      }

      if (restarts) warn(line, sourceLine, `序号在标题下从1重新开始，为使每条编号唯一，本条起接续编号：本条为第${number}条`, number);
      if (number < 1 || number > MAX_ITEM_NUMBER) {
        fail(line, sourceLine, `条目编号${prefix[1]}无效：应为 1 到 ${MAX_ITEM_NUMBER} 之间的数字`);
        continue;
      }
      const firstLine = firstLineOf.get(number);
      if (firstLine !== undefined) {
        fail(line, sourceLine, `第${number}条编号重复（第${firstLine}行已有第${number}条）`, number);
        continue;
      }
      firstLineOf.set(number, line);
      if (number !== lastNumber + 1 && !restarts) {
        const after = lastNumber === 0 ? '第一条' : `第${lastNumber}条之后`;
        warn(line, sourceLine, `条目编号不连续：${after}是第${number}条`, number);
      }
      lastNumber = number;

      if (!clause) {
        fail(line, sourceLine, `第${number}条缺少责任单位`, number);
        continue;
      }
      const content = sourceLine.slice(prefix[0].length, clause.start).trim();
      if (!content) {
        fail(line, sourceLine, `第${number}条缺少任务内容`, number);
        continue;
      }
      const fields = readClause(clause.body, number, (message) => fail(line, sourceLine, message, number));
      if (!fields) continue;

      notice.items.push({
        number,
        line,
        location: { line },
        sourceLine,
        content,
        kind: section && /目标|指标/.test(section.title) ? 'indicator' : 'task',
        sectionOrdinal: section?.ordinal ?? null,
        subsectionOrdinal: subsection?.ordinal ?? null,
        ...fields,
        extraFields: {},
      });
      continue;
    }

    if (findUnitClause(source)) {
      fail(line, source, '该行含有单位信息，但没有条目编号');
      continue;
    }

    const sectionMatch = SECTION.exec(source);
    const sectionOrdinal = parseChineseNumber(sectionMatch?.[1] ?? '');
    if (sectionMatch && sectionOrdinal !== null) {
      const previous = notice.sections.at(-1)?.ordinal ?? 0;
      const same = notice.sections.find((s) => s.ordinal === sectionOrdinal);
      // Headings are stored by ordinal: a second 一、 (two notices pasted together) cannot be placed.
      if (same) fail(line, source, `大标题“${sectionMatch[1]}、”重复（第${same.line}行已有）`);
      else if (sectionOrdinal !== previous + 1) {
        warn(line, source, `大标题序号不连续：第${previous}个之后是第${sectionOrdinal}个`);
      }
      section = { ordinal: sectionOrdinal, title: (sectionMatch[2] ?? '').trim(), line, subsections: [] };
      subsection = null;
      headingSinceItem = true;
      if (!same) notice.sections.push(section);
      continue;
    }

    const subsectionMatch = SUBSECTION.exec(source);
    const subsectionOrdinal = parseChineseNumber(subsectionMatch?.[1] ?? '');
    if (subsectionMatch && subsectionOrdinal !== null) {
      if (!section) {
        warn(line, source, '已忽略：小标题之前没有大标题');
        continue;
      }
      const previous = section.subsections.at(-1)?.ordinal ?? 0;
      const same = section.subsections.find((s) => s.ordinal === subsectionOrdinal);
      if (same) fail(line, source, `小标题“(${subsectionMatch[1]})”重复（第${same.line}行已有）`);
      else if (subsectionOrdinal !== previous + 1) {
        warn(line, source, `小标题序号不连续：第${previous}个之后是第${subsectionOrdinal}个`);
      }
      subsection = { ordinal: subsectionOrdinal, title: (subsectionMatch[2] ?? '').trim(), line };
      headingSinceItem = true;
      if (!same) section.subsections.push(subsection);
      continue;
    }

    warn(line, source, '已忽略：不是任务条目或标题');
  }

  if (lines.every((l) => !l.text)) fail(0, '', '内容为空');
  else if (firstLineOf.size === 0) fail(0, '', '未找到任何任务条目（格式应为“1.任务内容（责任单位：某某局）”）');
  return notice;
}

export function issue(
  line: number,
  text: string,
  message: string,
  location: SourceLocation = { line },
  number?: number,
): ImportIssue {
  const found: ImportIssue = { line, location, text: text.slice(0, MAX_ISSUE_TEXT), message };
  if (number !== undefined) found.number = number;
  return found;
}

/**
 * The unit clause: the last parenthetical, when it closes the line and reads like `field:value` or a phrase such as
 * `X牵头` (with the clauses right before it: `(责任单位:X)(完成时限:年底前)`); otherwise known labels written after
 * the task's text without brackets (`……。责任单位：X`).
 */
export function findUnitClause(text: string): UnitClause | null {
  let clause = lastBracketClause(text);
  for (let before = clause && lastBracketClause(text.slice(0, clause.start)); clause && before; ) {
    clause = { start: before.start, body: `${before.body}；${clause.body}` };
    before = lastBracketClause(text.slice(0, clause.start));
  }
  if (clause) return clause;
  const labelled = TRAILING_LABEL.exec(text);
  if (!labelled) return null;
  const start = labelled.index + 1;
  return { start, body: text.slice(start).replace(/[\s。]+$/, '') };
}

/** The last parenthetical (round or 【】 brackets) when it closes the text and reads as a unit clause. */
function lastBracketClause(text: string): UnitClause | null {
  const half = toHalfWidth(text)
    .replace(/【/g, '(')
    .replace(/】/g, ')')
    .replace(/[\s。.;,]+$/, '');
  if (!half.endsWith(')')) return null;
  let depth = 0;
  for (let i = half.length - 1; i >= 0; i--) {
    if (half[i] === ')') depth++;
    else if (half[i] === '(' && --depth === 0) {
      const body = text.slice(i + 1, half.length - 1);
      return looksLikeUnitClause(body) ? { start: i, body } : null;
    }
  }
  return null;
}

/**
 * Real notices sometimes wrap an item: joins the next plain lines if together they end with the unit clause. Lines
 * that open with a label (`牵头单位：X` under the item, one per line) join as one clause; `wrapped` counts the others.
 */
function joinWrapped(lines: Line[], start: number): { text: string; end: number; wrapped: number } | null {
  let text = lines[start]?.text ?? '';
  let wrapped = 0;
  let found = findUnitClause(text) ? { text, end: start, wrapped } : null;
  for (let j = start + 1; j < lines.length; j++) {
    const next = lines[j]?.text ?? '';
    const labelLine = LABEL_LINE.test(toHalfWidth(next));
    // Once the clause is found only more label lines belong to it, and none after a bracketed clause.
    if (found && (!labelLine || /[)）】][\s。.;,；，]*$/.test(found.text))) break;
    if (!next || ITEM.test(next) || SECTION.test(next) || SUBSECTION.test(next)) break;
    if (!labelLine && ++wrapped > MAX_WRAPPED_LINES) break;
    text += labelLine ? (found ? '；' : ' ') + next : next;
    if (findUnitClause(text)) found = { text, end: j, wrapped };
  }
  return found;
}
