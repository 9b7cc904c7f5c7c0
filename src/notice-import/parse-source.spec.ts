import { parseSource, sourceText } from './parse-source';

describe('parseSource', () => {
  it('reads pasted text with tabs and a header as a table, other text as a notice', () => {
    const table = parseSource({ kind: 'text', text: '序号\t工作任务\t责任单位\n1\t甲\t市财政局' });
    expect(table.columns.map((c) => c.field)).toEqual(['number', 'task', 'responsible']);
    expect(table.items.map((i) => [i.number, i.location])).toEqual([[1, { line: 2 }]]);

    const notice = parseSource({ kind: 'text', text: '1.\t抓好春耕。(责任单位:农业农村局)' });
    expect(notice.columns).toEqual([]);
    expect(notice.items.map((i) => i.content)).toEqual(['抓好春耕。']);
  });

  it('leaves garbled pasted text to the notice parser, which reports it', () => {
    const notice = parseSource({ kind: 'text', text: '序号\t工作任务\t责任单位\n1\t甲\u0000\t市财政局' });
    expect(notice.errors.map((e) => e.message)).toContain('含有无法识别的字符，请确认文件是 UTF-8 编码的纯文本');
  });
});

describe('sourceText', () => {
  it('keeps pasted text as pasted and tables as tab-separated lines, quoting cells that need it', () => {
    expect(sourceText({ kind: 'text', text: '1.甲(责任单位:乙)' })).toBe('1.甲(责任单位:乙)');
    const text = sourceText({
      kind: 'tables',
      fileName: '分解表.xlsx',
      tables: [
        {
          name: 'Sheet1',
          rows: [
            { location: { sheet: 'Sheet1', row: 1 }, cells: ['序号', '工作任务'] },
            { location: { sheet: 'Sheet1', row: 2 }, cells: ['1', '第一行\n第二行，“十四五”"规划"\u0000'] },
          ],
        },
        { name: 'Sheet2', rows: [{ location: { sheet: 'Sheet2', row: 1 }, cells: ['序号'] }] },
      ],
    });
    expect(text).toBe('# Sheet1\n序号\t工作任务\n1\t"第一行\n第二行，“十四五”""规划"""\n\n# Sheet2\n序号');
  });
});
