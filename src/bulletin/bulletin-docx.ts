import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { LIGHT_LABELS } from '../meta/labels';
import type { BulletinDto, BulletinTaskDto } from './dto/bulletin.dto';
import { stampZipEntries } from './zip-stamp';

const BODY_FONT = '仿宋';
const HEADING_FONT = '黑体';
const TITLE_FONT = '宋体';
const LIGHT_NAMES: Record<string, string> = LIGHT_LABELS;
const SECTION_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八'];

const text = (value: string, options: { bold?: boolean; font?: string; size?: number } = {}) =>
  new TextRun({ text: value, bold: options.bold, font: options.font ?? BODY_FONT, size: options.size ?? 28 });

const paragraph = (value: string, options: { indent?: boolean; align?: 'center' | 'right' } = {}) =>
  new Paragraph({
    children: [text(value)],
    alignment: options.align === 'center' ? AlignmentType.CENTER : options.align === 'right' ? AlignmentType.RIGHT : undefined,
    indent: options.indent === false ? undefined : { firstLine: 560 },
    spacing: { line: 360 },
  });

const heading = (value: string) =>
  new Paragraph({ children: [text(value, { font: HEADING_FONT })], indent: { firstLine: 560 }, spacing: { before: 240, after: 120 } });

const cell = (value: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [text(value, { bold, size: 21 })] })] });

/** A table with a header row; one 无 row when there is nothing to list, so the table is still there to read. */
function table(headers: string[], rows: string[][]): Table {
  const body = rows.length > 0 ? rows : [[`无`, ...headers.slice(1).map(() => '')]];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ tableHeader: true, children: headers.map((h) => cell(h, true)) }), ...body.map((r) => new TableRow({ children: r.map((v) => cell(v)) }))],
  });
}

const fmt = (n: number | null, suffix = '') => (n === null ? '—' : `${n}${suffix}`);

function taskRows(tasks: BulletinTaskDto[], light: boolean): string[][] {
  return tasks.map((t) =>
    light
      ? [LIGHT_NAMES[t.light] ?? t.light, String(t.number), t.content, t.units, t.dueDate, t.reasons.join('；')]
      : [String(t.number), t.content, t.units, t.completedOn ?? ''],
  );
}

const escapeXml = (value: string) => value.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** docx stamps core properties with the clock; the bulletin is dated by the day it describes. */
function coreProperties(title: string, at: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escapeXml(title)}</dc:title><dc:creator>督查督办系统</dc:creator>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${at}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${at}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

/** The 督查通报 as a Word document; the same bulletin always gives the same bytes. */
export async function bulletinDocx(b: BulletinDto): Promise<Buffer> {
  const f = b.figures;
  const sections: Array<[string, Array<Paragraph | Table>]> = [
    [
      '总体情况',
      [
        paragraph(
          `截至${b.dateText}，${b.planTitle}共有重点任务${f.tasks}项，已办结${f.completed}项（办结率${fmt(f.completionRate, '%')}），` +
            `正在推进${f.inProgress}项，尚未启动${f.notStarted}项；红灯${f.red}项、黄灯${f.yellow}项、绿灯${f.green}项，` +
            `逾期${f.overdue}项，${b.period}期未报送进展${f.unreported}项。`,
        ),
        table(
          ['任务总数', '已办结', '推进中', '未启动', '红灯', '黄灯', '绿灯', '逾期', '未报送'],
          [[f.tasks, f.completed, f.inProgress, f.notStarted, f.red, f.yellow, f.green, f.overdue, f.unreported].map(String)],
        ),
      ],
    ],
    ['已办结事项', [table(['序号', '任务', '责任单位', '办结日期'], taskRows(b.completed, false))]],
    ['红灯、黄灯事项', [table(['预警', '序号', '任务', '责任单位', '完成时限', '原因'], taskRows([...b.red, ...b.yellow], true))]],
    [
      '单位考核得分排名',
      [table(['排名', '单位', '得分', '加分', '扣分'], b.ranking.map((r) => [String(r.rank), r.unit.name, String(r.score), String(r.bonus), String(r.deductions)]))],
    ],
    [
      `${b.period}期未按时报送进展的单位`,
      [table(['单位', '未报送任务序号'], b.notReported.map((m) => [m.unit.name, m.tasks.join('、')]))],
    ],
    [
      '主要指标完成情况',
      [
        table(
          ['序号', '指标', '目标', '实际', '报送期次', '情况'],
          b.indicators.map((i) => [String(i.number), i.metric, i.target, i.actual === null ? '—' : `${i.actual}${i.unit}`, i.period ?? '—', i.standing]),
        ),
      ],
    ],
  ];
  if (b.praise.length > 0) sections.push(['表扬', b.praise.map((line) => paragraph(line))]);
  if (b.criticism.length > 0) sections.push(['通报批评', b.criticism.map((line) => paragraph(line))]);

  const children: Array<Paragraph | Table> = [
    new Paragraph({ children: [text(b.title, { font: TITLE_FONT, size: 44, bold: true })], alignment: AlignmentType.CENTER, spacing: { after: 200 } }),
    ...(b.docNumber ? [paragraph(b.docNumber, { align: 'center', indent: false })] : []),
    paragraph(`${b.issuer}　　　　${b.dateText}`, { align: 'center', indent: false }),
    ...(b.preface ?? '').split(/\r?\n/).filter((line) => line.trim()).map((line) => paragraph(line.trim())),
    ...sections.flatMap(([title, body], i) => [heading(`${SECTION_NUMERALS[i]}、${title}`), ...body]),
    ...b.warnings.map((warning) => paragraph(`说明：${warning}`)),
  ];

  const document = new Document({ title: b.title, creator: '督查督办系统', sections: [{ children }] });
  const at = `${b.asOf}T00:00:00Z`;
  const packed = await Packer.toBuffer(document, false, [{ path: 'docProps/core.xml', data: coreProperties(b.title, at) }]);
  return stampZipEntries(packed, new Date(at));
}
