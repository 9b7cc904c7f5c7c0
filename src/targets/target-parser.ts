/**
 * Reads the quantitative targets of a task from its text: 生产总值增长8%, 控制在5.5%以内, 提高1.3个百分点左右,
 * 建设高标准农田2.9万亩, 新建城市书房15座. Pure. The rules (README "指标目标的识别"):
 *
 * - a target is a number followed by a known unit, in a clause (text between ，。；) that has a target verb before
 *   the number (增长, 新建, 完成, …); a clause with no verb at all carries on the verb of the clause before it in the
 *   same sentence when that clause held a target (…完成国家储备林建设2.6万亩，造林6.45万亩);
 * - a clause with a descriptive verb (惠及, 满足, 享受, …) holds no target: it describes, it does not commit;
 * - the metric is the words after the verb (新建城市书房15座 → 城市书房), or before a rate verb (生产总值增长8% →
 *   生产总值), or after the number when nothing else names it (抓好160个重点项目 → 重点项目, …等4条高速公路);
 * - 以上 / 余 / 不低于 → at least; 以内 / 控制在 / 不超过 → at most; 左右 → about; otherwise at least.
 */

import { COMPARATOR_LABELS as LABELS } from '../meta/labels';

export type TargetComparator = 'at_least' | 'at_most' | 'about';

export const COMPARATOR_LABELS: Record<TargetComparator, string> = LABELS;

export interface ParsedTarget {
  metric: string;
  /** The verb the number hangs on (增长, 新建, 完成, …), as written; null when none was needed. */
  verb: string | null;
  comparator: TargetComparator;
  value: number;
  unit: string;
  /** The words the target was read from. */
  sourceText: string;
}

export interface TargetReading {
  targets: ParsedTarget[];
  /** Numbers with a known unit that were not taken as targets (a description, or no verb): the clause. */
  unread: string[];
}

/** Longest first, so 万人次 wins over 万人 and 人. */
const UNITS = [
  '个百分点', '万平方米', '万立方米', '万千瓦', '万人次', '亿公斤', '万亩', '万人', '万户', '万吨', '亿元', '万元',
  '人次', '公里', '公顷', '平方米', '千瓦', '场(次)', '场', '亩', '座', '个', '家', '人', '所', '套', '户', '吨', '栋', '条', '处', '%',
];

/** Verbs a target hangs on. 增长 and its kin name a rate or level: their metric is written before them. */
const RATE_VERBS = ['增长', '提高', '下降', '降低', '达到', '控制在', '稳定在', '覆盖', '达'];
const ACTION_VERBS = [
  '新建', '改扩建', '改建', '扩建', '新增', '启动', '施划', '建设', '建成', '完成', '实施', '打造', '开展', '开工', '改造', '改善', '培育', '培训', '提供', '抓好', '引进',
];
const VERBS = [...RATE_VERBS, ...ACTION_VERBS].sort((a, b) => b.length - a.length);
/** Words that join two verbs into one phrase: 新建和改建, 开工建设. */
const VERB_JOINERS = ['和', '及', '并'];
/** A clause with one of these describes rather than commits: 惠及群众5000户, 满足2万名本科生. */
const DESCRIPTIVE = ['惠及', '满足', '享受', '设置', '蓄水量'];
const LEADING_FILLER = ['确保', '力争', '努力', '全年', '累计'];

const escape = (s: string) => s.replace(/[()%]/g, (c) => `\\${c}`);
const NUMBER = new RegExp(
  `(?<![\\d.])(\\d+(?:\\.\\d+)?)(余|多)?(${UNITS.map(escape).join('|')})(以上|以内|左右)?`,
  'g',
);

const normalize = (text: string) => text.replace(/（/g, '(').replace(/）/g, ')').replace(/％/g, '%');

interface VerbSpan {
  start: number;
  end: number;
  text: string;
}

/** A verb word that is part of a noun (覆盖率, 覆盖面) or a lone 达 not followed by its number is no verb. */
function verbAt(text: string, at: number): string | undefined {
  return VERBS.find((v) => {
    if (!text.startsWith(v, at)) return false;
    const next = text[at + v.length] ?? '';
    if (next === '率' || next === '面') return false;
    return v !== '达' || /\d/.test(next);
  });
}

/** The first verb in text[from, to), extended over verbs joined to it (新建和改建, 开工建设). */
function findVerb(text: string, from = 0, to = text.length): VerbSpan | null {
  for (let i = from; i < to; i++) {
    const first = verbAt(text, i);
    if (!first || i + first.length > to) continue;
    let end = i + first.length;
    for (;;) {
      const joiner = VERB_JOINERS.find((j) => text.startsWith(j, end) && verbAt(text, end + j.length));
      const at = joiner ? end + joiner.length : end;
      const next = verbAt(text, at);
      if (!next || at + next.length > to) break;
      end = at + next.length;
    }
    return { start: i, end, text: text.slice(i, end) };
  }
  return null;
}

function stripFiller(text: string): string {
  let out = text.trim();
  for (let changed = true; changed; ) {
    changed = false;
    for (const word of LEADING_FILLER) {
      if (out.startsWith(word)) {
        out = out.slice(word.length);
        changed = true;
      }
    }
  }
  return out;
}

function comparatorOf(before: string, approx: string | undefined, suffix: string | undefined): TargetComparator {
  if (suffix === '左右') return 'about';
  if (suffix === '以内' || /(控制在|不超过|不高于)$/.test(before)) return 'at_most';
  if (suffix === '以上' || approx) return 'at_least';
  return 'at_least';
}

function unitOf(written: string): string {
  return written === '场(次)' ? '场次' : written;
}

/** Reads one clause; `inherited` is the verb of the clause before when that one held a target. */
function readClause(clause: string, inherited: string | null): { targets: ParsedTarget[]; unread: boolean } {
  const matches = [...clause.matchAll(NUMBER)];
  if (matches.length === 0) return { targets: [], unread: false };
  if (DESCRIPTIVE.some((word) => clause.includes(word))) return { targets: [], unread: true };
  const targets: ParsedTarget[] = [];
  let cursor = 0;
  let clauseVerb: string | null = null;
  let unread = false;
  matches.forEach((match, i) => {
    const start = match.index;
    const end = start + match[0].length;
    const verbInClause = findVerb(clause, 0, start);
    if (verbInClause) clauseVerb = clauseVerb ?? verbInClause.text;
    // What names this number: the words since the previous number (打造森林康养基地2个、森林特色小镇1个).
    const segmentStart = clause[cursor] === '、' ? cursor + 1 : cursor;
    const nextStart = matches[i + 1]?.index ?? clause.length;
    const after = clause.slice(end, nextStart).split('、')[0]!.trim();
    const verb = findVerb(clause, segmentStart, start);
    const verbText = verb?.text ?? (verbInClause ? clauseVerb : inherited);
    cursor = end;
    if (!verbText) {
      unread = true;
      return;
    }
    let metric: string;
    if (verb) {
      const rest = clause.slice(verb.end, start).trim();
      const before = stripFiller(clause.slice(segmentStart, verb.start));
      const rateVerb = RATE_VERBS.some((v) => verb.text.endsWith(v));
      if (rest && !rest.endsWith('等')) metric = rest;
      else if (rateVerb && before) metric = before;
      else metric = after;
    } else {
      const words = stripFiller(clause.slice(segmentStart, start));
      metric = words && !words.endsWith('等') ? words : after;
    }
    const sourceEnd = metric && metric === after ? end + clause.slice(end).indexOf(after) + after.length : end;
    // 6栋638套: a second number right after the first counts the same thing.
    if (!metric) metric = targets.at(-1)?.metric ?? '';
    if (!metric) {
      unread = true;
      return;
    }
    targets.push({
      metric,
      verb: verbText,
      comparator: comparatorOf(clause.slice(segmentStart, start), match[2], match[4]),
      value: Number(match[1]),
      unit: unitOf(match[3]!),
      sourceText: clause.slice(segmentStart, sourceEnd).trim(),
    });
  });
  return { targets, unread };
}

export function parseTargets(content: string): TargetReading {
  const targets: ParsedTarget[] = [];
  const unread: string[] = [];
  for (const sentence of normalize(content).split(/[。；;]/)) {
    let inherited: string | null = null;
    for (const clause of sentence.split(/[，,:：]/)) {
      const ownVerb = findVerb(clause);
      const read = readClause(clause, ownVerb ? null : inherited);
      targets.push(...read.targets);
      if (read.unread) unread.push(clause.trim());
      inherited = read.targets.length > 0 ? (read.targets.at(-1)!.verb ?? null) : null;
    }
  }
  return { targets, unread };
}

/** A rate (增长8%, 提高1.3个百分点) is judged as it is; a quantity (15座) is counted up over the year. */
export function isRateUnit(unit: string): boolean {
  return unit === '%' || unit === '个百分点';
}
