import { toHalfWidth } from './chinese-number';

export type AssignmentRole = 'lead' | 'responsible' | 'cooperating';

/** What a unit clause (or a table row's unit, leader and deadline cells) says about an item. */
export interface ClauseFields {
  units: { lead: string[]; responsible: string[]; cooperating: string[] };
  includesOtherUnits: boolean;
  leaders: string[];
  deadlineText: string | null;
}

const FIELDS: Record<string, AssignmentRole | 'leaders' | 'deadline'> = {
  牵头单位: 'lead',
  牵头部门: 'lead',
  牵头责任单位: 'lead',
  主办单位: 'lead',
  责任单位: 'responsible',
  责任部门: 'responsible',
  承办单位: 'responsible',
  责任主体: 'responsible',
  配合单位: 'cooperating',
  配合部门: 'cooperating',
  协办单位: 'cooperating',
  协办部门: 'cooperating',
  参与单位: 'cooperating',
  责任领导: 'leaders',
  牵头领导: 'leaders',
  分管领导: 'leaders',
  责任市领导: 'leaders',
  完成时限: 'deadline',
  完成时间: 'deadline',
  完成期限: 'deadline',
  时间节点: 'deadline',
  时限要求: 'deadline',
};
const LABEL = /^([^:：]+)[:：](.*)$/s;
// Longest first, so 牵头责任单位 is not read as 牵头 + 责任单位.
const LABEL_WORDS = Object.keys(FIELDS)
  .sort((a, b) => b.length - a.length)
  .join('|');
/** “X为牵头单位”, “各县(市、区)人民政府为责任主体”: the role named after the units. */
const NAMED_ROLE = new RegExp(`^(.+?)为(${LABEL_WORDS})$`, 's');
/** Labels separated by spaces only (`牵头单位：X 责任单位：Y`) are separate fields. */
const SPACE_BEFORE_LABEL = new RegExp(`[\\s\u3000]+(?=(?:${LABEL_WORDS})\\s*[:：])`, 'g');
/** A line that opens with a known label: `责任单位：市教育局` written under its item. */
export const LABEL_LINE = new RegExp(`^[(（【\\[]?(?:${LABEL_WORDS})[)）】\\]]?\\s*[:：]`);
/** A known label after the task's own text on the same line: `……。责任单位：市教育局`. */
export const TRAILING_LABEL = new RegExp(`[。；;，,\\s](?:${LABEL_WORDS})\\s*[:：]`);
const OTHER_UNITS = /等(?:有关|相关|其他)?(?:单位|部门)?$/;
/** “有关单位配合”, “市直相关部门负责”: others, none named. */
const ONLY_OTHER_UNITS = /^(?:市|县|区|直|级|各|其他)*(?:有关|相关|其他)(?:单位|部门)$/;
const OPEN = '(（[【';
const CLOSE = ')）]】';

/**
 * Phrase clauses name the role after the units: 市发展改革委牵头, 市财政局、市统计局配合, 市教育局负责,
 * 市人社局、市教育局按职责分工负责. The verb is matched at the end of a part, so unit names stay intact.
 */
const PHRASES: ReadonlyArray<{ pattern: RegExp; role: AssignmentRole; onlyAfterUnitNames?: boolean }> = [
  { pattern: /^(.+?)(?:为)?牵头(?:负责|落实|实施|推进|抓总)?$/s, role: 'lead' },
  {
    pattern: /^(.+?)(?:积极|共同|协同|按照?(?:各自)?职责(?:分工)?)?(?:配合|协办|协助|参与)(?:落实|实施|推进)?$/s,
    role: 'cooperating',
  },
  { pattern: /^(.+?)(?:按照?(?:各自)?职责(?:分工)?|分别|共同|具体|各自|分工)?负责(?:落实|实施|推进)?$/s, role: 'responsible' },
  { pattern: /^(.+?)按照?(?:各自)?职责(?:分工)?(?:抓好|负责)?落实$/s, role: 'responsible' },
  // A bare “X落实” is a clause only when X reads like units: “各地抓好落实” is task text.
  { pattern: /^(.+?)(?:具体|组织|抓好)?落实$/s, role: 'responsible', onlyAfterUnitNames: true },
];
/** How unit names end (局, 委, 人民政府, 街道, 公司, 工商联, …). */
const UNIT_ENDING = /(?:局|委|办|府|部|院|会|司|队|中心|室|处|所|站|馆|厅|行|社|团|区|县|市|镇|乡|街道|单位|部门|公司|集团|联|协|校|台|园|场)$/;
/** A part that names a time and ends like a deadline: 2023年秋季学期前完成, 完成时限2023年底. */
const TIME_WORD = /\d{4}年|[0-9一二三四五六七八九十]+月|年底|年内|年末|季度|上半年|下半年|时限/;
const DEADLINE_ENDING = /(?:前|底|末|内|完成|结束|见效|到位|实现|办结)$/;
/** A part naming a time rather than units: 2023年10月底前完成, 年底前, 三季度末, 长期坚持. */
const DEADLINE_PART =
  /^(?:于|在)?(?:\d{4}年)?.*(?:年底|年末|年内|月底|月末|月份|月\d{1,2}[日号]|季度末?|季度底|上半年|下半年|\d{4}年|[0-9一二三四五六七八九十]+月|日)(?:前|以前|之前)?(?:全面|基本|全部)?(?:完成|建成|见效|到位)?$|^(?:长期|持续|常态化|按时|按期|逐年|每年|每季度|每月)/s;

/** Whether a bracket's body is a unit clause (labels, or a phrase naming a role) rather than part of the task. */
export function looksLikeUnitClause(body: string): boolean {
  const half = toHalfWidth(body).trim();
  if (/^\s*[^:;,、()]{1,10}:/.test(half)) return true;
  return splitTop(body, ',，;；').some((part) => phraseRole(cleanPart(part)) !== null);
}

/**
 * Reads a clause body: `牵头单位:X;责任单位:Y` (labelled, as many fields as written), `X牵头,Y配合,年底前完成`
 * (phrases with an optional deadline), or a mix. Calls `fail` with a Chinese message and answers null when a part
 * cannot be read or no unit is named.
 */
export function readClause(body: string, number: number, fail: (message: string) => void): ClauseFields | null {
  const fields = emptyFields();
  for (const segment of splitTop(body.replace(SPACE_BEFORE_LABEL, '；'), ';；').map((s) => s.trim())) {
    if (!segment) continue;
    if (!readSegment(segment, number, fields, fail)) return null;
  }
  const { lead, responsible, cooperating } = fields.units;
  if (lead.length + responsible.length + cooperating.length === 0) {
    fail(`第${number}条缺少责任单位`);
    return null;
  }
  return fields;
}

export function emptyFields(): ClauseFields {
  return { units: { lead: [], responsible: [], cooperating: [] }, includesOtherUnits: false, leaders: [], deadlineText: null };
}

/** Adds written unit names to a role; “等有关单位” leaves the list open: keep the named units, remember the rest. */
function addUnits(fields: ClauseFields, role: AssignmentRole, value: string): void {
  for (const name of splitNames(value)) {
    if (ONLY_OTHER_UNITS.test(name)) {
      fields.includesOtherUnits = true;
      continue;
    }
    const named = name.replace(OTHER_UNITS, '').trim();
    if (named !== name) fields.includesOtherUnits = true;
    // In a table cell a unit may carry its role: 市发展改革委(牵头).
    const marked = /^(.+?)\s*[(（](牵头|配合|协办)[)）]$/.exec(named);
    if (marked) fields.units[marked[2] === '牵头' ? 'lead' : 'cooperating'].push((marked[1] ?? '').trim());
    else if (named) fields.units[role].push(named);
  }
}

/**
 * Reads a table's unit cell into `fields`: plain names take the column's role, while labels (牵头单位:X) and phrases
 * (X牵头, Y配合) name their own, as in a 责任单位 column that says “市发展改革委牵头，市财政局配合”.
 */
export function readUnitCell(
  cell: string,
  role: AssignmentRole,
  fields: ClauseFields,
  number: number,
  fail: (message: string) => void,
): boolean {
  return splitTop(cell, ';；\n')
    .map((segment) => segment.trim())
    .every((segment) => !segment || readSegment(segment, number, fields, fail, role));
}

/** Splits a list of names on 、,，; and line breaks, but not inside brackets: 各县(市、区)人民政府 stays whole. */
export function splitNames(value: string): string[] {
  return splitTop(value.replace(/及(?=各)/g, '、'), '、,，;；\n')
    .map((name) => name.trim())
    .filter(Boolean);
}

/** Splits on any of `separators` outside brackets. */
function splitTop(text: string, separators: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (OPEN.includes(ch)) depth++;
    else if (CLOSE.includes(ch)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && separators.includes(ch)) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/**
 * Reads one ;-separated segment part by part (parts split on commas): a label switches the field and the plain
 * names after it continue that field, as in `责任单位:X,Y`; a phrase names its own role; a time is the deadline.
 */
function readSegment(
  segment: string,
  number: number,
  fields: ClauseFields,
  fail: (message: string) => void,
  defaultRole: AssignmentRole | null = null,
): boolean {
  let current: AssignmentRole | 'leaders' | null = defaultRole;
  // Names before a phrase share its role: in “市发展改革委，市财政局负责” both are responsible.
  const pending: string[] = [];
  let offset = 0;
  for (const raw of splitTop(segment, ',，')) {
    const rawStart = offset;
    offset += raw.length + 1;
    const part = cleanPart(raw);
    if (!part) continue;
    const labelled = LABEL.exec(part);
    const phrase = phraseRole(part);
    if (labelled && !phrase) {
      const label = (labelled[1] ?? '').replace(/\s/g, '');
      const field = FIELDS[label];
      if (!field) {
        fail(`第${number}条含有无法识别的字段“${label}”`);
        return false;
      }
      if (field === 'deadline') {
        // A 完成时限 runs to the end of its segment, commas included (“6月底前,年底前全面完成”).
        const value = (LABEL.exec(segment.slice(rawStart))?.[2] ?? '').trim();
        fields.deadlineText ??= value || null;
        return true;
      }
      current = field;
      addTo(fields, field, labelled[2] ?? '');
    } else if (phrase) {
      current = defaultRole;
      for (const names of pending.splice(0)) addUnits(fields, phrase.role, names);
      addUnits(fields, phrase.role, phrase.names);
    } else if (isDeadline(part)) fields.deadlineText ??= part;
    else if (current) addTo(fields, current, part);
    else pending.push(part);
  }
  if (pending.length > 0) {
    fail(`第${number}条的“${pending[0]}”无法识别：应为“某单位牵头”“某单位负责”“某单位配合”或“责任单位：某单位”这样的写法`);
    return false;
  }
  return true;
}

function isDeadline(part: string): boolean {
  const half = toHalfWidth(part);
  return DEADLINE_PART.test(half) || (TIME_WORD.test(half) && DEADLINE_ENDING.test(half));
}

function addTo(fields: ClauseFields, field: AssignmentRole | 'leaders', value: string): void {
  if (field === 'leaders') fields.leaders.push(...splitNames(value));
  else addUnits(fields, field, value);
}

function phraseRole(part: string): { role: AssignmentRole; names: string } | null {
  const named = NAMED_ROLE.exec(part);
  const namedRole = FIELDS[named?.[2] ?? ''];
  if (named && namedRole && namedRole !== 'leaders' && namedRole !== 'deadline') return { role: namedRole, names: named[1] ?? '' };
  for (const { pattern, role, onlyAfterUnitNames } of PHRASES) {
    // 由X牵头, 会同Y负责: the names follow the linking word.
    const names = (pattern.exec(part)?.[1] ?? '').replace(/^(?:由|会同|联合)/, '').trim();
    // A label's colon before the verb means a labelled field whose value happens to end like a phrase.
    if (!names || /[:：]/.test(names)) continue;
    if (onlyAfterUnitNames && !UNIT_ENDING.test((splitNames(names).at(-1) ?? '').replace(OTHER_UNITS, ''))) continue;
    return { role, names };
  }
  return null;
}

function cleanPart(part: string): string {
  return part.trim().replace(/[。.;；,，\s]+$/, '');
}
