import { toHalfWidth } from './chinese-number';
import type { ColumnMapping } from './notice-parser';

export type ColumnField = ColumnMapping['field'];

/** Header cells longer than this are text, not a column name. */
const MAX_HEADER_LENGTH = 16;

/**
 * Column words of real 任务分解表, most specific first: “责任市领导” is a leader column although it says 责任,
 * “牵头责任单位” is the lead although it says 责任单位, “完成情况” is not the task although it says 完成.
 */
const COLUMN_WORDS: ReadonlyArray<[RegExp, ColumnField]> = [
  [/^(?:序号|序|编号|号|项目编号|任务编号|任务序号|NO\.?)$/i, 'number'],
  [/情况|备注|说明|问题|成效|评价|考核|得分|附件|联系人|电话|页码|进展/, 'extra'],
  [/领导|责任人|负责人/, 'leader'],
  [/时限|期限|完成时间|时间节点|时间要求|截止时间|截止日期|完成日期|办结时间|时间安排|节点|^时间$/, 'deadline'],
  [/配合|协办|协助|参与|协同/, 'cooperating'],
  [/牵头|主办|主责|主抓/, 'lead'],
  [/责任|承办|实施单位|落实单位|执行单位|负责单位|完成单位|单位|部门/, 'responsible'],
  [/^(?:类别|分类|任务分类|任务类别|工作类别|项目类别|类型|领域|重点领域|所属领域|板块|工作板块|专项|大类|篇章|部分)$/, 'section'],
  [/任务|措施|内容|事项|举措|目标|工作|要点|项目名称|项目/, 'task'],
];

/** The field a header cell names, or null when it names none (an empty cell, or text too long for a header). */
export function classifyHeader(cell: string): ColumnField | null {
  const words = normalizeHeader(cell);
  if (!words || words.length > MAX_HEADER_LENGTH) return null;
  return COLUMN_WORDS.find(([pattern]) => pattern.test(words))?.[1] ?? null;
}

/** A header cell as compared: no spaces or line breaks (序  号, 牵头\n单位), no trailing note in brackets, no marks. */
export function normalizeHeader(cell: string): string {
  return toHalfWidth(cell)
    .replace(/\s+/g, '')
    .replace(/\([^()]*\)$/, '')
    .replace(/[*※:]/g, '');
}

/**
 * Which of several task-like columns is the task: 具体任务/具体措施 over 任务/措施/举措, and those over 工作, 目标 or
 * 事项 (重点工作 | 具体任务: the second; 重点任务 | 具体目标: the first).
 */
export function taskPriority(cell: string): number {
  const words = normalizeHeader(cell);
  if (/具体(?:工作)?(?:任务|措施|举措|内容)/.test(words)) return 2;
  return /任务|措施|举措/.test(words) ? 1 : 0;
}
