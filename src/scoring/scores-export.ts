import { Workbook } from 'exceljs';
import type { ExcelFile } from '../supervision/supervision-export.service';
import type { ScoresViewDto } from './dto/scoring.dto';
import { SCORE_EVENT_LABELS } from './score-calculator';
import { SCORING_RULE_LABELS, type ScoringRules } from './scoring-rules';

const HEADER_FILL = 'FFD9E1F2';

/** The 考核得分 workbook: the ranking, every event behind it, and the rules it was computed with. */
export async function scoresWorkbook(planTitle: string, view: ScoresViewDto): Promise<ExcelFile> {
  const workbook = new Workbook();
  // Dated by the day it describes, not the moment it was downloaded.
  workbook.created = workbook.modified = new Date(`${view.asOf}T00:00:00+08:00`);
  workbook.creator = '督查督办系统';

  const sheet = (name: string, title: string, headers: string[], widths: number[], rows: unknown[][]) => {
    const ws = workbook.addWorksheet(name);
    ws.columns = widths.map((width) => ({ width }));
    ws.mergeCells(1, 1, 1, headers.length);
    ws.getCell(1, 1).value = title;
    ws.getCell(1, 1).font = { bold: true, size: 14 };
    ws.getCell(1, 1).alignment = { horizontal: 'center' };
    const header = ws.getRow(2);
    header.values = headers;
    header.font = { bold: true };
    header.eachCell((cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } }));
    for (const row of rows) ws.addRow(row).alignment = { vertical: 'top', wrapText: true };
    ws.views = [{ state: 'frozen', ySplit: 2 }];
  };

  sheet(
    '考核得分',
    `${planTitle} 考核得分（截至 ${view.asOf}）`,
    ['排名', '单位', '得分', '加分', '扣分', '计分事项'],
    [8, 30, 10, 10, 10, 10],
    view.items.map((item) => [item.rank, item.unit.name, item.score, item.bonus, item.deductions, item.events.length]),
  );
  sheet(
    '得分明细',
    `${planTitle} 考核得分明细（截至 ${view.asOf}）`,
    ['单位', '事项', '任务序号', '分值', '说明'],
    [30, 14, 10, 10, 60],
    view.items.flatMap((item) =>
      item.events.map((event) => [item.unit.name, SCORE_EVENT_LABELS[event.kind], event.taskNumber, event.points, event.detail]),
    ),
  );
  sheet(
    '计分规则',
    '计分规则',
    ['规则', '分值'],
    [40, 12],
    [
      ...(Object.keys(SCORING_RULE_LABELS) as Array<keyof ScoringRules>).map((key) => [SCORING_RULE_LABELS[key], view.rules[key]]),
      ...view.warnings.map((warning) => [`提示：${warning}`, null]),
    ],
  );

  const content = Buffer.from(await workbook.xlsx.writeBuffer());
  return { filename: `考核得分_${view.asOf}.xlsx`, asciiFilename: `scores-${view.asOf}.xlsx`, content };
}
