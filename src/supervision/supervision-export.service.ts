import { Injectable } from '@nestjs/common';
import { Workbook, type Worksheet } from 'exceljs';
import { STATUS_LABELS } from '../tasks/task-transitions';
import type { PlanSnapshot, SectionRef } from './supervision-snapshot';
import { SupervisionService, type SupervisionQuery } from './supervision.service';
import { DEFAULT_POLICY, LIGHT_LABELS, type Light } from './timeliness';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface ExcelFile {
  /** The download name, Chinese; the controller encodes it for Content-Disposition. */
  filename: string;
  /** ASCII stand-in for clients that do not read RFC 5987. */
  asciiFilename: string;
  content: Buffer;
}

const LIGHT_FILLS: Record<Light, string | null> = { red: 'FFFF4D4F', yellow: 'FFFFD666', green: 'FF95DE64', grey: null };
const HEADER_FILL = 'FFD9E1F2';

const SHANGHAI_MINUTE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "2021-09-20 10:00", Beijing time: what a clerk expects to read in the 报送时间 column. */
export function shanghaiMinute(instant: Date): string {
  const parts = Object.fromEntries(SHANGHAI_MINUTE.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1–99 in Chinese numerals, as headings are numbered (一、… 十二、… (二十一)). */
export function chineseNumeral(n: number): string {
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

function ordinalOf(code: string): number {
  return Number(code.split('.').pop());
}

/** "二、保持经济平稳运行… / (一)强力推进十大工程", as the notice writes its headings. */
export function sectionLabel(section: SectionRef | null, subsection: SectionRef | null): string {
  if (!section) return '';
  const top = `${chineseNumeral(ordinalOf(section.code))}、${section.title}`;
  return subsection ? `${top} / (${chineseNumeral(ordinalOf(subsection.code))})${subsection.title}` : top;
}

function styleHeader(sheet: Worksheet, headers: string[], widths: number[], title: string): void {
  sheet.columns = headers.map((_, i) => ({ width: widths[i] }));
  sheet.mergeCells(1, 1, 1, headers.length);
  const titleCell = sheet.getCell(1, 1);
  titleCell.value = title;
  titleCell.font = { bold: true, size: 14 };
  titleCell.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(1).height = 28;
  const headerRow = sheet.getRow(2);
  headerRow.values = headers;
  headerRow.font = { bold: true };
  headerRow.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  headerRow.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.border = { bottom: { style: 'thin' } };
  });
  sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: 2 }];
  sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: headers.length } };
}

/** What the notes sheet says: a snapshot, or a view's header with the plan's policy. */
type NotesSource = Pick<PlanSnapshot, 'asOf' | 'period' | 'periodCutoff' | 'reportsChecked' | 'policy' | 'warnings'>;

/** Rules and warnings, so a printed sheet still says how its lights were decided. */
function addNotes(workbook: Workbook, source: NotesSource): void {
  const { asOf, period, periodCutoff, reportsChecked, policy, warnings } = source;
  const sheet = workbook.addWorksheet('说明');
  sheet.columns = [{ width: 110 }];
  const checked = reportsChecked ? `（${periodCutoff} 截止）` : `（${periodCutoff} 截止，早于计划开始，本期不检查）`;
  const lines = [
    `统计日期：${asOf}（北京时间）；进展报送检查期次：${period}${checked}`,
    '红灯：未办结且已超过完成时限（逾期）。',
    `黄灯：未逾期，但距完成时限不超过 ${policy.dueSoonWorkdays} 个工作日（临期），或最新报送进度落后序时进度超过 ${policy.behindTolerance} 个百分点，或上一期进展未报送。`,
    '绿灯：已办结，或按期推进。“—”：已暂缓或已撤销的任务，不计预警。',
    '序时进度：自计划开始日至完成时限，截至统计日期已过天数所占比例。',
    ...warnings.map((w) => `提示：${w}`),
  ];
  lines.forEach((line, i) => {
    const cell = sheet.getCell(i + 1, 1);
    cell.value = line;
    cell.alignment = { wrapText: true, vertical: 'top' };
    if (line.startsWith('提示：')) cell.font = { bold: true, color: { argb: 'FFC00000' } };
  });
}

async function toBuffer(workbook: Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The 台账 and the unit ranking as Excel files, built from the same figures as the JSON views. */
@Injectable()
export class SupervisionExportService {
  constructor(private readonly supervision: SupervisionService) {}

  async ledger(query: SupervisionQuery): Promise<ExcelFile> {
    const snapshot = await this.supervision.snapshot(query);
    const workbook = new Workbook();
    workbook.creator = '督查督办系统';
    const sheet = workbook.addWorksheet('任务台账');
    const headers = ['序号', '所属部分', '任务内容', '牵头单位', '责任单位', '完成时限', '状态', '最新进展', '完成进度(%)', '报送时间', '预警', '逾期天数'];
    styleHeader(sheet, headers, [7, 30, 60, 18, 28, 12, 10, 40, 11, 17, 8, 9], `${snapshot.plan.title} 任务台账（截至 ${snapshot.asOf}）`);
    for (const task of snapshot.tasks) {
      const t = task.timeliness;
      const row = sheet.addRow([
        task.number,
        sectionLabel(task.section, task.subsection),
        task.content,
        task.units.lead.map((u) => u.name).join('、'),
        task.units.responsible.map((u) => u.name).join('、'),
        task.dueDate,
        STATUS_LABELS[task.status],
        task.latestReport?.summary ?? '',
        task.latestReport?.percent ?? null,
        task.latestReport ? shanghaiMinute(task.latestReport.at) : '',
        LIGHT_LABELS[t.light],
        t.overdue ? t.daysOverdue : null,
      ]);
      row.alignment = { vertical: 'top', wrapText: true };
      const fill = LIGHT_FILLS[t.light];
      const lightCell = row.getCell(11);
      lightCell.alignment = { horizontal: 'center', vertical: 'top' };
      if (fill) lightCell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
    }
    addNotes(workbook, snapshot);
    return {
      filename: `督查台账-${snapshot.asOf}.xlsx`,
      asciiFilename: `ledger-${snapshot.asOf}.xlsx`,
      content: await toBuffer(workbook),
    };
  }

  async units(query: SupervisionQuery): Promise<ExcelFile> {
    const { scope, header } = await this.supervision.scope(query);
    const items = await this.supervision.standings(scope);
    const workbook = new Workbook();
    workbook.creator = '督查督办系统';
    const sheet = workbook.addWorksheet('单位排名');
    const headers = ['排名', '单位', '牵头任务', '责任任务', '已完成', '逾期', '按期完成率', '本期未报送', '最近报送时间'];
    styleHeader(
      sheet,
      headers,
      [7, 30, 10, 10, 9, 8, 12, 12, 17],
      `${scope.plan.title} 单位排名（截至 ${header.asOf}，本期 ${header.period}）`,
    );
    for (const item of items) {
      const row = sheet.addRow([
        item.rank,
        item.unit.name,
        item.asLead,
        item.asResponsible,
        item.completed,
        item.overdue,
        item.onTimeCompletionRate === null ? '—' : item.onTimeCompletionRate / 100,
        item.reportsMissing,
        item.lastReportAt ? shanghaiMinute(new Date(item.lastReportAt)) : '',
      ]);
      row.getCell(7).numFmt = '0.0%';
      row.getCell(7).alignment = { horizontal: 'right' };
      if (item.overdue > 0) row.getCell(6).font = { bold: true, color: { argb: 'FFC00000' } };
    }
    addNotes(workbook, { ...header, policy: { ...DEFAULT_POLICY, dueSoonWorkdays: scope.plan.dueSoonWorkdays } });
    return {
      filename: `单位排名-${header.asOf}.xlsx`,
      asciiFilename: `unit-ranking-${header.asOf}.xlsx`,
      content: await toBuffer(workbook),
    };
  }
}
