import type { SourceTable } from './import-source';
import { outcomes } from '../../test/support/parsed-outcome';
import { CITY, COUNTY_GROUP, TEST_CITY_COUNTIES as COUNTIES, testCityDirectory } from '../../test/support/test-city';
import { parseTaskTables, pastedTable, readDelimitedTable } from './table-parser';

const directory = testCityDirectory();
const { DRC, FIN, STAT, EDU, HEALTH, HR, HOUSING, MARKET, ENV } = CITY;

/** A Word table as read: rows located by table and row, as the file reader locates them. */
function wordTable(index: number, rows: string[][]): SourceTable {
  return { name: `表格${index}`, rows: rows.map((cells, i) => ({ location: { table: index, row: i + 1 }, cells })) };
}

function sheet(name: string, rows: string[][]): SourceTable {
  return { name, rows: rows.map((cells, i) => ({ location: { sheet: name, row: i + 1 }, cells })) };
}

const unit = (lead: string[], responsible: string[], cooperating: string[] = [], includesOtherUnits = false) => ({
  lead,
  responsible,
  cooperating,
  includesOtherUnits,
});

describe('parseTaskTables: a Word 分解表 with title, 附件 and 注 rows, merged headings and multi-line cells', () => {
  const notice = parseTaskTables([
    wordTable(1, [
      ['附件1', '', '', '', ''],
      ['某市2023年政府工作报告重点工作任务分解表', '', '', '', ''],
      ['序  号', '重点工作任务', '牵头\n单位', '责任单位', '完成时限'],
      // Word's horizontally merged row comes back as one cell repeated or as one filled cell.
      ['一、稳住经济大盘', '一、稳住经济大盘', '一、稳住经济大盘', '一、稳住经济大盘', '一、稳住经济大盘'],
      ['（一）扩大有效投资', '', '', '', ''],
      ['1', '全年实施重点项目500个以上，\n完成投资1200亿元。', '市发展改革委', '市财政局、市统计局', '2023年12月底前'],
      ['2', '推进城市更新行动。', '', '市住建局', '6月底前'],
      ['3', '提高公共卫生服务能力。', '市卫健委', COUNTY_GROUP, '三季度末'],
      ['二、增进民生福祉', '', '', '', ''],
      ['4', '稳定和扩大就业。', '市人社局', '市教育局等有关单位', '年底前'],
      ['5', '加强食品安全监管。', '', '市市场监管局\n甲县人民政府', '长期坚持'],
      ['注：完成时限未注明年份的均为2023年。', '', '', '', ''],
      ['填表说明：单位名称请写全称', '', '', '', ''],
    ]),
  ]);

  it('reads every item exactly: units by role, aliases, groups, 等有关单位 and due dates', () => {
    expect(notice.errors).toEqual([]);
    expect(outcomes(notice.items, directory)).toEqual([
      { number: 1, ...unit([DRC], [FIN, STAT]), dueDate: '2023-12-31' },
      { number: 2, ...unit([], [HOUSING]), dueDate: '2023-06-30' },
      { number: 3, ...unit([HEALTH], COUNTIES), dueDate: '2023-09-30' },
      { number: 4, ...unit([HR], [EDU], [], true), dueDate: '2023-12-31' },
      { number: 5, ...unit([], [MARKET, '甲县人民政府']), dueDate: '2023-12-31' },
    ]);
  });

  it('keeps every line of a multi-line cell and locates items by table and row', () => {
    expect(notice.items[0]).toMatchObject({
      content: '全年实施重点项目500个以上，\n完成投资1200亿元。',
      location: { table: 1, row: 6 },
      line: 6,
    });
    expect(notice.items.map((i) => i.deadlineText)).toEqual(['2023年12月底前', '6月底前', '三季度末', '年底前', '长期坚持']);
  });

  it('reads merged rows as headings and places items under them', () => {
    expect(notice.sections).toEqual([
      { ordinal: 1, title: '稳住经济大盘', line: 4, subsections: [{ ordinal: 1, title: '扩大有效投资', line: 5 }] },
      { ordinal: 2, title: '增进民生福祉', line: 9, subsections: [] },
    ]);
    expect(notice.items.map((i) => [i.sectionOrdinal, i.subsectionOrdinal])).toEqual([
      [1, 1],
      [1, 1],
      [1, 1],
      [2, null],
      [2, null],
    ]);
  });

  it('reports the 附件, title and 注 rows as warnings with their location', () => {
    expect(notice.warnings.map((w) => [w.location, w.message])).toEqual([
      [{ table: 1, row: 1 }, '已忽略：附件标注'],
      [{ table: 1, row: 2 }, '已忽略：表头之前的标题行'],
      [{ table: 1, row: 12 }, '已忽略：表格中的说明行'],
      [{ table: 1, row: 13 }, '已忽略：表格中的说明行'],
    ]);
  });

  it('says which column became what', () => {
    expect(notice.columns.map((c) => [c.index, c.header, c.field])).toEqual([
      [1, '序号', 'number'],
      [2, '重点工作任务', 'task'],
      [3, '牵头单位', 'lead'],
      [4, '责任单位', 'responsible'],
      [5, '完成时限', 'deadline'],
    ]);
  });
});

describe('parseTaskTables: other header words and layouts', () => {
  it('reads 编号 / 工作任务 / 责任领导 / 牵头部门 / 配合部门 / 时间节点 and keeps unknown columns with the task', () => {
    const notice = parseTaskTables([
      sheet('任务清单', [
        ['编号', '工作任务', '责任领导', '牵头部门', '配合部门', '时间节点', '备注'],
        ['1', '开展义务教育优质均衡创建', '张三、李四', '市教育局', '市财政局，市人社局', '2023年8月31日', '省定任务'],
        ['2', '实施大气污染防治攻坚', '王五', '市生态环境局', '各县（市、区）政府', '2023年第四季度', ''],
      ]),
    ]);
    expect(notice.errors).toEqual([]);
    expect(outcomes(notice.items, directory)).toEqual([
      { number: 1, ...unit([EDU], [], [FIN, HR]), dueDate: '2023-08-31' },
      { number: 2, ...unit([ENV], [], COUNTIES), dueDate: '2023-12-31' },
    ]);
    expect(notice.items.map((i) => [i.leaders, i.extraFields, i.location])).toEqual([
      [['张三', '李四'], { 备注: '省定任务' }, { sheet: '任务清单', row: 2 }],
      [['王五'], {}, { sheet: '任务清单', row: 3 }],
    ]);
    expect(notice.columns.map((c) => c.field)).toEqual(['number', 'task', 'leader', 'lead', 'cooperating', 'deadline', 'extra']);
  });

  it('reads a two-row header (责任分工 over 牵头单位 | 责任单位) and a section column', () => {
    const notice = parseTaskTables([
      sheet('Sheet1', [
        ['类别', '序号', '主要任务', '责任分工', '责任分工', '完成时限'],
        ['', '', '', '牵头单位', '责任单位', ''],
        ['经济发展', '1', '统计数据质量提升', '市统计局', '各县（市、区）人民政府', '上半年'],
        ['经济发展', '2', '预算绩效管理', '市财政局', '', '2023年10月底前完成'],
        ['社会民生', '3', '职业技能培训', '市人社局', '市教育局', '全年'],
      ]),
    ]);
    expect(notice.errors).toEqual([]);
    expect(outcomes(notice.items, directory)).toEqual([
      { number: 1, ...unit([STAT], COUNTIES), dueDate: '2023-06-30' },
      { number: 2, ...unit([FIN], []), dueDate: '2023-10-31' },
      { number: 3, ...unit([HR], [EDU]), dueDate: '2023-12-31' },
    ]);
    expect(notice.sections.map((s) => s.title)).toEqual(['经济发展', '社会民生']);
    expect(notice.items.map((i) => i.sectionOrdinal)).toEqual([1, 1, 2]);
    expect(notice.columns.map((c) => [c.header, c.field])).toEqual([
      ['类别', 'section'],
      ['序号', 'number'],
      ['主要任务', 'task'],
      ['责任分工/牵头单位', 'lead'],
      ['责任分工/责任单位', 'responsible'],
      ['完成时限', 'deadline'],
    ]);
  });

  it('takes 具体任务 over 重点工作, and 重点任务 over 具体目标, as the task column', () => {
    const fields = (header: string[]) =>
      parseTaskTables([sheet('S', [header, ['1', '甲', '乙', '市财政局']])]).columns.map((c) => c.field);
    expect(fields(['序号', '重点工作', '具体任务', '责任单位'])).toEqual(['number', 'extra', 'task', 'responsible']);
    expect(fields(['序号', '重点任务', '具体目标', '责任单位'])).toEqual(['number', 'task', 'extra', 'responsible']);
  });

  it('reads roles written inside a unit cell: phrases, labels and a (牵头) mark', () => {
    const notice = parseTaskTables([
      wordTable(1, [
        ['序号', '具体措施', '责任单位', '时限要求'],
        ['1', '建设统计大数据平台', '市发展改革委牵头，市财政局、市统计局配合', '2023年9月底前'],
        ['2', '推进医养结合', '牵头单位：市卫健委\n责任单位：各县（市、区）人民政府', '年底前'],
        ['3', '落实就业优先政策', '市人社局（牵头）、市教育局', '2023年12月'],
        ['4', '提升教育质量', '市教育局、市人社局按职责分工负责', ''],
      ]),
    ]);
    expect(notice.errors).toEqual([]);
    expect(outcomes(notice.items, directory)).toEqual([
      { number: 1, ...unit([DRC], [], [FIN, STAT]), dueDate: '2023-09-30' },
      { number: 2, ...unit([HEALTH], COUNTIES), dueDate: '2023-12-31' },
      { number: 3, ...unit([HR], [EDU]), dueDate: '2023-12-31' },
      { number: 4, ...unit([], [EDU, HR]), dueDate: '2023-12-31' },
    ]);
  });

  it('numbers rows without 序号 on from the last, and continues a table that restarts at 1', () => {
    const notice = parseTaskTables([
      wordTable(1, [
        ['序号', '任务内容', '责任单位'],
        ['一', '经济发展', ''],
        ['1', '甲', '市财政局'],
        ['', '乙', '市统计局'],
        ['（一）', '民生', ''],
        ['1', '丙', '市教育局'],
        ['2', '丁', '市人社局'],
      ]),
    ]);
    expect(notice.errors).toEqual([]);
    expect(notice.items.map((i) => [i.number, i.content, i.sectionOrdinal, i.subsectionOrdinal])).toEqual([
      [1, '甲', 1, null],
      [2, '乙', 1, null],
      [3, '丙', 1, 1],
      [4, '丁', 1, 1],
    ]);
    expect(notice.warnings.map((w) => [w.line, w.message])).toEqual([
      [6, '序号从1重新开始，为使每条编号唯一，本行起接续编号：本行为第3条'],
    ]);
  });

  it('reads a table split over two Word tables, the second without a header, as one', () => {
    const notice = parseTaskTables([
      wordTable(1, [
        ['序号', '工作任务', '牵头单位', '配合单位'],
        ['1', '甲', '市财政局', '市统计局'],
      ]),
      wordTable(2, [['2', '乙', '市教育局', '市人社局']]),
    ]);
    expect(notice.errors).toEqual([]);
    expect(outcomes(notice.items, directory)).toEqual([
      { number: 1, ...unit([FIN], [], [STAT]), dueDate: '2023-12-31' },
      { number: 2, ...unit([EDU], [], [HR]), dueDate: '2023-12-31' },
    ]);
    expect(notice.items[1]?.location).toEqual({ table: 2, row: 1 });
  });

  it('reads a unit clause kept in the task cell when the table has no unit columns', () => {
    const notice = parseTaskTables([
      wordTable(1, [
        ['序号', '重点任务', '完成时间'],
        ['1', '推进城市更新（市住建局牵头，各县（市、区）人民政府负责）', '2023年11月'],
      ]),
    ]);
    expect(notice.errors).toEqual([]);
    expect(notice.items[0]?.content).toBe('推进城市更新');
    expect(outcomes(notice.items, directory)).toEqual([{ number: 1, ...unit([HOUSING], COUNTIES), dueDate: '2023-11-30' }]);
  });
});

describe('parseTaskTables: conventions of real tables', () => {
  it('takes the first unit of each 责任单位 cell as the lead when the table says so, and 责任人 as a person', () => {
    const notice = parseTaskTables([
      sheet('分解表', [
        ['序号', '重点工作', '责任单位', '责任人', '完成时限'],
        ['1.0', '建设现代化产业体系', '市发展改革委、市财政局、市统计局', '张三', '2023年12月'],
        ['2.0', '发展职业教育', '市教育局', '李四', '10月中旬'],
        ['3.0', '稳就业', '市人社局牵头，市教育局配合', '王五', '6月底前完成初稿，年底前全面完成'],
        ['注：责任单位中排在第一位的为牵头单位。', '', '', '', ''],
      ]),
    ]);
    expect(notice.errors).toEqual([]);
    expect(outcomes(notice.items, directory)).toEqual([
      { number: 1, ...unit([DRC], [FIN, STAT]), dueDate: '2023-12-31' },
      { number: 2, ...unit([EDU], []), dueDate: '2023-10-20' },
      { number: 3, ...unit([HR], [], [EDU]), dueDate: '2023-12-31' },
    ]);
    expect(notice.items.map((i) => i.leaders)).toEqual([['张三'], ['李四'], ['王五']]);
    expect(notice.warnings.map((w) => w.message)).toEqual([
      '按表格中的说明，责任单位中排在第一位的作为牵头单位',
      '已忽略：表格中的说明行',
    ]);
  });
});

describe('parseTaskTables: repeated headers', () => {
  it('skips the header printed again on the next page, and reads a short row that only resembles one', () => {
    const header = ['序号', '工作任务', '责任单位'];
    const notice = parseTaskTables([
      sheet('S', [header, ['1', '重点项目建设', '市发展改革委等有关单位'], header, ['2', '稳就业', '市人社局']]),
    ]);
    expect(notice.errors).toEqual([]);
    expect(notice.warnings).toEqual([]);
    expect(outcomes(notice.items, directory)).toEqual([
      { number: 1, ...unit([], [DRC], [], true), dueDate: '2023-12-31' },
      { number: 2, ...unit([], [HR]), dueDate: '2023-12-31' },
    ]);
  });
});

describe('parseTaskTables on faulty tables', () => {
  it('a table without a recognisable header is an error in Chinese', () => {
    const notice = parseTaskTables([sheet('Sheet1', [['某市重点工作'], ['1', '甲', '乙']])]);
    expect(notice.items).toEqual([]);
    expect(notice.errors).toEqual([
      expect.objectContaining({ location: { sheet: 'Sheet1', row: 1 }, message: expect.stringContaining('表格“Sheet1”中未找到表头') }),
    ]);
  });

  it('names the rows without units or content, a duplicate number and an unknown field', () => {
    const notice = parseTaskTables([
      wordTable(1, [
        ['序号', '工作任务', '牵头单位', '责任单位'],
        ['1', '甲', '', ''],
        ['2', '', '市财政局', ''],
        ['3', '丙', '市财政局', '督办单位：督查室'],
        ['4', '丁', '市财政局', ''],
        ['4', '戊', '市财政局', ''],
        ['0', '己', '市财政局', ''],
        ['99999999999', '庚', '市财政局', ''],
      ]),
    ]);
    expect(notice.errors.map((e) => [e.location, e.message])).toEqual([
      [{ table: 1, row: 2 }, '第1条缺少责任单位'],
      [{ table: 1, row: 3 }, '第2条缺少任务内容'],
      [{ table: 1, row: 4 }, '第3条含有无法识别的字段“督办单位”'],
      [{ table: 1, row: 6 }, '第4条编号重复（第1个表格第5行已有第4条）'],
      [{ table: 1, row: 7 }, '序号0无效：应为 1 到 99999999 之间的数字'],
      [{ table: 1, row: 8 }, '序号99999999999无效：应为 1 到 99999999 之间的数字'],
    ]);
    expect(notice.items.map((i) => i.number)).toEqual([4]);
  });

  it('reads a manual line break as a line break and drops control characters', () => {
    const notice = parseTaskTables([sheet('S', [['序号', '工作任务', '责任单位'], ['1', '第一行\u000b第二行\u0000', '市财政局\u0007']])]);
    expect(notice.errors).toEqual([]);
    expect(notice.items[0]).toMatchObject({ content: '第一行\n第二行', units: { responsible: ['市财政局'] } });
  });

  it('an empty table list, and a header without rows, are errors', () => {
    expect(parseTaskTables([]).errors.map((e) => e.message)).toEqual(['未找到任何表格']);
    expect(parseTaskTables([sheet('S', [['序号', '工作任务', '责任单位']])]).errors.map((e) => e.message)).toEqual([
      '表格中没有任何任务行',
    ]);
  });
});

describe('readDelimitedTable and pasted tables', () => {
  it('reads tab-separated text with a quoted multi-line cell, locating rows by the line they start on', () => {
    const table = readDelimitedTable('序号\t工作任务\t责任单位\r\n1\t"第一行\r\n第二行，含""引号"""\t市财政局\r\n\r\n2\t乙\t市统计局', '粘贴');
    expect(table.rows).toEqual([
      { location: { line: 1 }, cells: ['序号', '工作任务', '责任单位'] },
      { location: { line: 2 }, cells: ['1', '第一行\n第二行，含"引号"', '市财政局'] },
      { location: { line: 4 }, cells: [''] },
      { location: { line: 5 }, cells: ['2', '乙', '市统计局'] },
    ]);
  });

  it('reads comma-separated text, and a cell that opens with a quote it never closes', () => {
    expect(readDelimitedTable('序号,工作任务\n1,"十四五"规划', 'csv').rows.map((r) => r.cells)).toEqual([
      ['序号', '工作任务'],
      ['1', '"十四五"规划'],
    ]);
    expect(readDelimitedTable('序号\t工作任务\n1\t"未闭合', 'tsv').rows.map((r) => r.cells)).toEqual([
      ['序号', '工作任务'],
      ['1', '"未闭合'],
    ]);
  });

  it('joins the rows Word breaks at each line of an unquoted multi-line cell', () => {
    const table = pastedTable(
      ['序号\t工作任务\t牵头单位\t完成时限', '一、稳增长', '1\t第一行', '第二行', '第三行\t市财政局\t年底前', '2\t乙\t市统计局\t6月底前'].join('\n'),
    );
    expect(table?.rows.map((r) => [r.location, r.cells])).toEqual([
      [{ line: 1 }, ['序号', '工作任务', '牵头单位', '完成时限']],
      [{ line: 2 }, ['一、稳增长']],
      [{ line: 3 }, ['1', '第一行\n第二行\n第三行', '市财政局', '年底前']],
      [{ line: 6 }, ['2', '乙', '市统计局', '6月底前']],
    ]);
    const short = pastedTable(['序号\t工作任务\t牵头单位\t完成时限', '5\t甲', '6\t乙\t市财政局'].join('\n'));
    expect(short?.rows.map((r) => r.cells)).toEqual([['序号', '工作任务', '牵头单位', '完成时限'], ['5', '甲'], ['6', '乙', '市财政局']]);
  });

  it('takes pasted text for a table only when it is tab-separated and has a header', () => {
    expect(pastedTable('序号\t重点工作任务\t牵头单位\n1\t甲\t市财政局')?.rows).toHaveLength(2);
    expect(pastedTable('1.抓好春耕。\t(责任单位:农业农村局)')).toBeNull();
    expect(pastedTable('1.抓好春耕。(责任单位:农业农村局)')).toBeNull();
  });
});
