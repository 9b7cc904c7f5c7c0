import { Injectable } from '@nestjs/common';
import { Workbook } from 'exceljs';
import { requirePermission } from '../access/permissions';

export const TEMPLATE_HEADER = ['序号', '重点工作任务', '牵头单位', '责任单位', '配合单位', '责任领导', '完成时限'] as const;

const WIDTHS = [7, 50, 20, 28, 24, 12, 16];

const NOTE = [
  '注：1. 请保留表头这一行，列名也可以写成：重点工作任务（工作任务、重点任务、具体工作任务、任务内容、工作内容、主要任务、具体措施）；',
  '牵头单位（牵头部门、牵头责任单位）；责任单位（责任部门、承办单位）；配合单位（配合部门、协办单位）；',
  '责任领导（牵头领导、分管领导、责任市领导）；完成时限（时间节点、完成时间、时限要求）；序号（编号）。不认识的列会随任务保留。',
  '2. 只填一格的行（如“一、……”“（一）……”）是分组标题。3. 单位之间用顿号分隔，可写简称、“各县（市、区）人民政府”等分组和“等有关单位”。',
  '4. 完成时限可写“2026年6月底前”“三季度末”“年底前”等。示例行导入前请替换为实际任务。',
].join('');

/** A blank task table (header, one section and one example row, a note on the column words) for units to fill in. */
export async function buildImportTemplate(): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = '督查督办系统';
  const sheet = workbook.addWorksheet('重点工作任务', { views: [{ state: 'frozen', ySplit: 3 }] });
  const last = TEMPLATE_HEADER.length;
  sheet.columns = WIDTHS.map((width) => ({ width }));

  const title = sheet.getCell(1, 1);
  title.value = '××市××年重点工作任务分解表';
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center' };
  sheet.mergeCells(1, 1, 1, last);

  const note = sheet.getCell(2, 1);
  note.value = NOTE;
  note.alignment = { wrapText: true, vertical: 'top' };
  note.font = { color: { argb: 'FF595959' } };
  sheet.getRow(2).height = 75;
  sheet.mergeCells(2, 1, 2, last);

  const header = sheet.getRow(3);
  header.values = [...TEMPLATE_HEADER];
  header.font = { bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle' };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
  });

  sheet.getCell(4, 1).value = '一、扩大有效投资';
  sheet.getCell(4, 1).font = { bold: true };
  sheet.mergeCells(4, 1, 4, last);

  const example = sheet.getRow(5);
  example.values = ['1', '推进重点项目建设，全年完成投资100亿元。', '市发展改革委', '市财政局、市自然资源局', '市统计局等有关单位', '张三', '年底前'];
  example.alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

@Injectable()
export class ImportTemplateService {
  /** For the offices that send tables out: supervisors and admins. */
  async download(): Promise<Buffer> {
    requirePermission('imports:template');
    return buildImportTemplate();
  }
}
