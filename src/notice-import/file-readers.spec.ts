import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDocx, buildTextDocx, buildXlsx, encodeGbk } from '../../test/support/import-fixtures';
import { readDoc, tablesInDocText } from './doc-reader';
import { readDocx } from './docx-reader';
import { readImportFile } from './import-file-reader';
import { fileSignature, isEncryptedOfficePackage } from './file-signature';
import type { SourceTable } from './import-source';
import { decodeText } from './text-decoding';
import { readXlsx } from './xlsx-reader';

const cells = (table: SourceTable) => table.rows.map((row) => row.cells);
const locations = (table: SourceTable) => table.rows.map((row) => row.location);

describe('readDocx', () => {
  it('reads each table on its grid: merged rows one filled cell, merged-down cells repeated, lines kept', async () => {
    const bytes = await buildDocx({
      before: ['附件1', '重点工作任务分解表'],
      tables: [
        [
          ['序号', '重点工作任务', '牵头单位', '责任单位', '完成时限'],
          { merged: '一、扩大有效投资' },
          ['1', '第一段\n第二段\v同段换行', '市发展改革委', '', '2023年6月底前'],
          ['2', '任务二', { text: '市财政局', rowSpan: 2 }, '市统计局', '年底前'],
          ['3', '任务三', '市教育局', '年底前'],
          ['4', { text: '跨两列的内容', columnSpan: 2 }, '', '年底前'],
        ],
        [
          ['编号', '任务内容', '责任部门'],
          ['1', '另一张表', '市民政局'],
        ],
      ],
      after: ['注：以上时限为最迟完成时间。'],
    });

    const source = await readDocx(bytes, '分解表.docx');

    expect(source.kind).toBe('tables');
    if (source.kind !== 'tables') return;
    expect(source.fileName).toBe('分解表.docx');
    expect(source.tables.map((t) => t.name)).toEqual(['表格1', '表格2']);
    expect(cells(source.tables[0]!)).toEqual([
      ['序号', '重点工作任务', '牵头单位', '责任单位', '完成时限'],
      ['一、扩大有效投资', '', '', '', ''],
      ['1', '第一段\n第二段\n同段换行', '市发展改革委', '', '2023年6月底前'],
      ['2', '任务二', '市财政局', '市统计局', '年底前'],
      ['3', '任务三', '市财政局', '市教育局', '年底前'],
      ['4', '跨两列的内容', '', '', '年底前'],
    ]);
    expect(locations(source.tables[0]!)).toEqual([1, 2, 3, 4, 5, 6].map((row) => ({ table: 1, row })));
    expect(cells(source.tables[1]!)).toEqual([
      ['编号', '任务内容', '责任部门'],
      ['1', '另一张表', '市民政局'],
    ]);
    expect(locations(source.tables[1]!)).toEqual([{ table: 2, row: 1 }, { table: 2, row: 2 }]);
  });

  it('gives the text of a document without tables to the notice parser, a paragraph a line', async () => {
    const lines = ['一、扩大有效投资', '1.推进项目建设。(市发展改革委牵头,市财政局配合)'];
    expect(await readDocx(await buildTextDocx(lines), 'notice.docx')).toEqual({ kind: 'text', text: lines.join('\n') });
  });

  it('refuses a corrupt zip with a Chinese 422 naming the file', async () => {
    const bytes = await buildTextDocx(['x']);
    await expect(readDocx(bytes.subarray(0, bytes.length / 2), '坏.docx')).rejects.toMatchObject({
      statusCode: 422,
      code: 'FILE_UNREADABLE',
      message: expect.stringContaining('坏.docx'),
    });
  });
});

describe('readXlsx', () => {
  it('reads every visible non-empty sheet with sheet and row locations, merged titles and sections, values as shown', async () => {
    const bytes = await buildXlsx([
      {
        name: '任务表',
        rows: [
          ['2023年重点工作任务分解表'],
          null,
          ['序号', '具体工作任务', '牵头部门', '责任部门', '配合部门', '时间节点'],
          ['（一）稳增长'],
          [1, { richText: [{ text: '加快' }, { text: '项目', font: { bold: true } }, { text: '建设\r\n第二行' }] }, '市发展改革委', null, '市财政局', new Date(Date.UTC(2023, 9, 31))],
          [{ formula: 'A5+1', result: 2 }, '任务二', { text: '市教育局', hyperlink: 'https://example.gov.cn' }, '市统计局', null, '年底前'],
        ],
        merges: ['A1:F1', 'A4:F4'],
      },
      { name: '空白', rows: [] },
      { name: '隐藏', rows: [['序号', '任务']], hidden: true },
      { name: '第二批', rows: [['编号', '工作内容', '承办单位'], [1, '任务三', '市民政局']] },
    ]);

    const tables = await readXlsx(bytes, 'tasks.xlsx');

    expect(tables.map((t) => t.name)).toEqual(['任务表', '第二批']);
    expect(cells(tables[0]!)).toEqual([
      ['2023年重点工作任务分解表', '', '', '', '', ''],
      ['序号', '具体工作任务', '牵头部门', '责任部门', '配合部门', '时间节点'],
      ['（一）稳增长', '', '', '', '', ''],
      ['1', '加快项目建设\n第二行', '市发展改革委', '', '市财政局', '2023年10月31日'],
      ['2', '任务二', '市教育局', '市统计局', '', '年底前'],
    ]);
    expect(locations(tables[0]!)).toEqual([1, 3, 4, 5, 6].map((row) => ({ sheet: '任务表', row })));
    expect(locations(tables[1]!)).toEqual([{ sheet: '第二批', row: 1 }, { sheet: '第二批', row: 2 }]);
  });

  it('repeats a unit merged down over several task rows in each of them', async () => {
    const bytes = await buildXlsx([
      {
        name: 'Sheet1',
        rows: [['序号', '任务', '牵头单位'], [1, '甲', '市财政局'], [2, '乙', null], [3, '丙', '市民政局']],
        merges: ['C2:C3'],
      },
    ]);
    expect(cells((await readXlsx(bytes, 'a.xlsx'))[0]!).map((row) => row[2])).toEqual(['牵头单位', '市财政局', '市财政局', '市民政局']);
  });

  it('refuses a workbook whose sheets are all empty, a corrupt one and a Word file named .xlsx, with Chinese 422s', async () => {
    await expect(readXlsx(await buildXlsx([{ name: 'Sheet1', rows: [] }]), '空.xlsx')).rejects.toMatchObject({
      statusCode: 422,
      code: 'FILE_EMPTY',
      message: expect.stringContaining('所有工作表都是空的'),
    });
    const bytes = await buildXlsx([{ name: 'Sheet1', rows: [['序号']] }]);
    await expect(readXlsx(bytes.subarray(0, 200), '坏.xlsx')).rejects.toMatchObject({ statusCode: 422, code: 'FILE_UNREADABLE' });
    const docx = await buildTextDocx(['不是工作簿']);
    await expect(readXlsx(docx, 'word.xlsx')).rejects.toMatchObject({ statusCode: 422, code: 'FILE_UNREADABLE', message: expect.stringContaining('不是 .xlsx 格式') });
  });
});

describe('readDoc (old binary Word)', () => {
  it('turns the tab-separated rows of the .doc fixture into a table, keeping a multi-line cell', async () => {
    const source = await readDoc(readFileSync(join(__dirname, '../../test/fixtures/task-table.doc')), 'task-table.doc');

    expect(source.kind).toBe('tables');
    if (source.kind !== 'tables') return;
    expect(source.tables).toHaveLength(1);
    expect(cells(source.tables[0]!)).toEqual([
      ['序号', '工作任务', '牵头单位', '责任单位', '完成时限'],
      ['一、推动高质量发展', '', '', '', ''],
      ['1', '推进工业转型升级\n实施技改项目50个', '工业和科技创新委员会', '发展改革和统计局、财政金融局', '2021年6月底前'],
      ['2', '优化营商环境', '市场监管局', '各街道办事处', '年底前'],
      ['3', '办好民生实事', '', '人社局、卫健委等有关单位', '三季度末'],
    ]);
    expect(locations(source.tables[0]!)).toEqual([1, 2, 3, 4, 5].map((row) => ({ table: 1, row })));
  });

  it('keeps text without tables as text, and ends a table at an empty paragraph', () => {
    expect(tablesInDocText('一、总体要求\n1.推进改革。(市发展改革委负责)\n')).toEqual([]);
    const two = tablesInDocText('序号\t任务\t\n1\t甲\t\n\n编号\t内容\t\n1\t乙\t\n');
    expect(two.map(cells)).toEqual([
      [['序号', '任务'], ['1', '甲']],
      [['编号', '内容'], ['1', '乙']],
    ]);
    expect(two[1]!.rows[1]!.location).toEqual({ table: 2, row: 2 });
  });
});

describe('decodeText', () => {
  const text = '序号,重点工作任务,牵头单位\r\n1,推进“放管服”改革,市发展改革委\r\n';

  it('reads UTF-8 with and without a BOM, UTF-16 with a BOM, and falls back to GB18030 for GBK bytes', () => {
    expect(decodeText(Buffer.from(text, 'utf8'))).toBe(text);
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]))).toBe(text);
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toBe(text);
    expect(decodeText(encodeGbk(text))).toBe(text);
  });
});

describe('fileSignature', () => {
  it('tells zip, OLE and PDF apart from the first bytes, and an encrypted Office package inside OLE', async () => {
    expect(fileSignature(await buildXlsx([{ name: 'S', rows: [['a']] }]))).toBe('zip');
    const doc = readFileSync(join(__dirname, '../../test/fixtures/task-table.doc'));
    expect(fileSignature(doc)).toBe('ole');
    expect(isEncryptedOfficePackage(doc)).toBe(false);
    expect(fileSignature(Buffer.from('%PDF-1.7\n'))).toBe('pdf');
    expect(fileSignature(Buffer.from('序号,任务'))).toBe('other');
  });
});

describe('readImportFile', () => {
  const doc = () => readFileSync(join(__dirname, '../../test/fixtures/task-table.doc'));

  it('reads a Word file by what its bytes are: an old .doc saved under .docx, a .docx under .doc', async () => {
    const fromDoc = await readImportFile(doc(), '分解表.docx');
    expect(fromDoc.kind === 'tables' && fromDoc.tables[0]!.rows[0]!.cells[1]).toBe('工作任务');
    const docx = await buildDocx({ tables: [[['序号', '任务内容'], ['1', '甲']]] });
    const fromDocx = await readImportFile(docx, '分解表.doc');
    expect(fromDocx.kind === 'tables' && fromDocx.tables[0]!.rows[1]!.cells).toEqual(['1', '甲']);
  });

  it('reads CSV and TSV as one table located by line, whatever the encoding', async () => {
    const tsv = '序号\t任务内容\t牵头单位\r\n1\t"甲\r\n乙"\t财政金融局\r\n';
    const source = await readImportFile(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tsv, 'utf16le')]), 'paste.tsv');
    expect(source).toEqual({
      kind: 'tables',
      fileName: 'paste.tsv',
      tables: [
        {
          name: 'paste.tsv',
          rows: [
            { location: { line: 1 }, cells: ['序号', '任务内容', '牵头单位'] },
            { location: { line: 2 }, cells: ['1', '甲\n乙', '财政金融局'] },
          ],
        },
      ],
    });
    const csv = await readImportFile(encodeGbk('序号,任务内容\r\n1,推进“放管服”改革\r\n'), '任务.csv');
    expect(csv.kind === 'tables' && csv.tables[0]!.rows[1]!.cells).toEqual(['1', '推进“放管服”改革']);
  });

  it('refuses what it cannot read with the status and a Chinese message saying what to do', async () => {
    await expect(readImportFile(Buffer.from('x'), '任务.xls')).rejects.toMatchObject({
      statusCode: 400,
      code: 'FILE_TYPE_UNSUPPORTED',
      message: expect.stringContaining('另存为 .xlsx'),
    });
    await expect(readImportFile(Buffer.alloc(0), '空.docx')).rejects.toMatchObject({ statusCode: 422, code: 'FILE_EMPTY' });
    await expect(readImportFile(doc(), '任务.csv')).rejects.toMatchObject({
      statusCode: 400,
      code: 'FILE_TYPE_MISMATCH',
      message: expect.stringContaining('旧版 Office 文件'),
    });
    await expect(readImportFile(Buffer.from('随便一些文字'), '任务.xlsx')).rejects.toMatchObject({ statusCode: 400, code: 'FILE_TYPE_MISMATCH' });
    await expect(readImportFile(Buffer.from(' \r\n'), 'blank.txt')).rejects.toMatchObject({ statusCode: 422, code: 'FILE_EMPTY' });
  });
});
