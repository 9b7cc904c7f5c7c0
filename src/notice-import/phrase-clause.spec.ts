import { parseNotice } from './notice-parser';
import { outcomes } from '../../test/support/parsed-outcome';
import { CITY, TEST_CITY_COUNTIES as COUNTIES, testCityDirectory } from '../../test/support/test-city';
import { readClause, splitNames } from './unit-clause';

const directory = testCityDirectory();
const { DRC, FIN, STAT, EDU, HEALTH, HR, HOUSING, MARKET, ENV, PROPAGANDA } = CITY;
const POWER = '国网某市供电公司';

const unit = (lead: string[], responsible: string[], cooperating: string[] = [], includesOtherUnits = false) => ({
  lead,
  responsible,
  cooperating,
  includesOtherUnits,
});

/** A city's 分工方案 in the phrase style: units and deadlines written as `X牵头，Y配合，……前完成`. */
const PHRASE_NOTICE = [
  '某市人民政府关于印发2023年政府工作报告重点工作任务分工方案的通知',
  '各县（市、区）人民政府，市人民政府各部门：',
  '　　现将《2023年政府工作报告重点工作任务分工方案》印发给你们，请认真贯彻落实。',
  '一、全力以赴稳增长',
  '（一）扩大有效投资',
  '1．全年实施省市重点项目500个以上，完成投资1200亿元以上。（市发展改革委牵头，市财政局、市统计局配合）',
  '2. 推进城市更新行动，改造老旧小区120个。(市住房城乡建设局负责)',
  '3、提升基层医疗卫生服务能力（市卫生健康委牵头，各县（市、区）人民政府负责）。',
  '（二）促进就业和消费',
  '4.稳定和扩大就业，城镇新增就业3万人。（市人社局、市教育局按职责分工负责）',
  '5.开展“放心消费”创建活动（含农村市场）。（市市场监管局牵头，市发展改革委等有关单位配合，2023年10月底前完成）',
  '二、持续增进民生福祉',
  '6.推进义务教育优质均衡发展，新建、改扩建中小学',
  '校20所。（市教育局负责；完成时限：2023年9月底前）',
  '7.加强生态环境保护（市生态环境局牵头；各县（市、区）人民政府负责；2023年年底前完成）',
  '8.做好重大主题宣传。（市委宣传部牵头，市 财政局配合，长期坚持）',
  '9.加强迎峰度夏电力保障。(国网某市供电公司负责,6月底前)',
  '10.深化“放管服”改革。（发展改革委牵头, 财政局、统计局配合。）',
  '11.实施职业技能提升行动。（由市人社局牵头，市教育局、市财政局参与，三季度末前完成）',
  '',
  '某市人民政府办公室　　2023年2月10日印发',
].join('\r\n');

describe('phrase clauses in a text notice', () => {
  const notice = parseNotice(PHRASE_NOTICE);

  it('reads every item exactly: lead, responsible, cooperating, 等有关单位 and due date', () => {
    expect(notice.errors).toEqual([]);
    expect(outcomes(notice.items, directory)).toEqual([
      { number: 1, ...unit([DRC], [], [FIN, STAT]), dueDate: '2023-12-31' },
      { number: 2, ...unit([], [HOUSING]), dueDate: '2023-12-31' },
      { number: 3, ...unit([HEALTH], COUNTIES), dueDate: '2023-12-31' },
      { number: 4, ...unit([], [HR, EDU]), dueDate: '2023-12-31' },
      { number: 5, ...unit([MARKET], [], [DRC], true), dueDate: '2023-10-31' },
      { number: 6, ...unit([], [EDU]), dueDate: '2023-09-30' },
      { number: 7, ...unit([ENV], COUNTIES), dueDate: '2023-12-31' },
      { number: 8, ...unit([PROPAGANDA], [], [FIN]), dueDate: '2023-12-31' },
      { number: 9, ...unit([], [POWER]), dueDate: '2023-06-30' },
      { number: 10, ...unit([DRC], [], [FIN, STAT]), dueDate: '2023-12-31' },
      { number: 11, ...unit([HR], [], [EDU, FIN]), dueDate: '2023-09-30' },
    ]);
  });

  it('keeps the task text, brackets inside it included, and the deadline as written', () => {
    const item = (n: number) => notice.items.find((i) => i.number === n)!;
    expect(item(1).content).toBe('全年实施省市重点项目500个以上，完成投资1200亿元以上。');
    expect(item(3).content).toBe('提升基层医疗卫生服务能力');
    expect(item(5).content).toBe('开展“放心消费”创建活动（含农村市场）。');
    expect(item(6).content).toBe('推进义务教育优质均衡发展，新建、改扩建中小学校20所。');
    expect(notice.items.map((i) => i.deadlineText)).toEqual([
      null,
      null,
      null,
      null,
      '2023年10月底前完成',
      '2023年9月底前',
      '2023年年底前完成',
      '长期坚持',
      '6月底前',
      null,
      '三季度末前完成',
    ]);
    expect(notice.items.map((i) => [i.sectionOrdinal, i.subsectionOrdinal])).toEqual([
      [1, 1], [1, 1], [1, 1], [1, 2], [1, 2], [2, null], [2, null], [2, null], [2, null], [2, null], [2, null],
    ]);
  });

  it('reports the title, salutation, preamble and imprint as warnings', () => {
    expect(notice.warnings.map((w) => [w.line, w.message])).toEqual([
      [1, '已忽略：不是任务条目或标题'],
      [2, '已忽略：不是任务条目或标题'],
      [3, '已忽略：不是任务条目或标题'],
      [13, '第6条跨2行，已合并为一条'],
      [21, '已忽略：不是任务条目或标题'],
    ]);
  });
});

describe('labels written under or after the item, without brackets', () => {
  it('reads label lines under an item and labels after the text on the same line', () => {
    const notice = parseNotice(
      [
        '1.加快数字政府建设。',
        '牵头单位：市发展改革委',
        '责任单位：市财政局、市统计局',
        '完成时限：2023年6月底前',
        '2.推进教育强市建设。牵头单位：市教育局；责任单位：各县（市、区）人民政府',
        '3.加强医疗保障',
        '责任单位：市卫健委',
      ].join('\n'),
    );
    expect(notice.errors).toEqual([]);
    expect(notice.warnings).toEqual([]);
    expect(outcomes(notice.items, directory)).toEqual([
      { number: 1, ...unit([DRC], [FIN, STAT]), dueDate: '2023-06-30' },
      { number: 2, ...unit([EDU], COUNTIES), dueDate: '2023-12-31' },
      { number: 3, ...unit([], [HEALTH]), dueDate: '2023-12-31' },
    ]);
    expect(notice.items.map((i) => i.content)).toEqual(['加快数字政府建设。', '推进教育强市建设。', '加强医疗保障']);
  });

  it('continues numbering when each heading numbers its items from 1 again', () => {
    const notice = parseNotice(
      ['一、稳增长', '1.甲。（市财政局负责）', '2.乙。（市统计局负责）', '二、惠民生', '1.丙。（市教育局负责）', '2.丁。（市人社局负责）'].join('\n'),
    );
    expect(notice.errors).toEqual([]);
    expect(notice.items.map((i) => [i.number, i.content, i.sectionOrdinal])).toEqual([
      [1, '甲。', 1],
      [2, '乙。', 1],
      [3, '丙。', 2],
      [4, '丁。', 2],
    ]);
    expect(notice.warnings.map((w) => [w.line, w.message])).toEqual([
      [5, '序号在标题下从1重新开始，为使每条编号唯一，本条起接续编号：本条为第3条'],
    ]);
  });

  it('keeps written numbers when 1 is still free (an indicator numbered 5 listed before items 1–4)', () => {
    const notice = parseNotice(['一、主要目标', '5.生产总值增长8%。（市统计局负责）', '二、重点工作', '1.甲。（市财政局负责）', '2.乙。（市教育局负责）'].join('\n'));
    expect(notice.errors).toEqual([]);
    expect(notice.items.map((i) => i.number)).toEqual([5, 1, 2]);
    expect(notice.warnings.map((w) => w.message)).toEqual(['条目编号不连续：第一条是第5条', '条目编号不连续：第5条之后是第1条']);
  });
});

describe('clauses in other brackets and in pieces', () => {
  it('reads a 【】 clause, clauses split over two brackets, and X落实 after unit names', () => {
    const notice = parseNotice(
      [
        '1.加快数字政府建设。【市发展改革委牵头，市财政局配合】',
        '2.推进教育强市建设。（责任单位：市教育局）（完成时限：2023年9月底前）',
        '3.完善社会保障体系。（市人社局、各县（市、区）人民政府落实）',
        '4.推动政策见效（各地抓好落实）',
      ].join('\n'),
    );
    expect(notice.errors.map((e) => [e.line, e.message])).toEqual([[4, '第4条缺少责任单位']]);
    expect(outcomes(notice.items, directory)).toEqual([
      { number: 1, ...unit([DRC], [], [FIN]), dueDate: '2023-12-31' },
      { number: 2, ...unit([], [EDU]), dueDate: '2023-09-30' },
      { number: 3, ...unit([], [HR, ...COUNTIES]), dueDate: '2023-12-31' },
    ]);
    expect(notice.items.map((i) => i.content)).toEqual(['加快数字政府建设。', '推进教育强市建设。', '完善社会保障体系。']);
  });
});

describe('readClause', () => {
  const read = (body: string) => {
    const failures: string[] = [];
    const fields = readClause(body, 1, (m) => failures.push(m));
    return { fields, failures };
  };

  it.each([
    ['X牵头', { lead: ['X'], responsible: [], cooperating: [] }],
    ['由X牵头，Y、Z积极配合', { lead: ['X'], responsible: [], cooperating: ['Y', 'Z'] }],
    ['X牵头负责，Y协办', { lead: ['X'], responsible: [], cooperating: ['Y'] }],
    ['X为牵头单位，Y为责任单位', { lead: ['X'], responsible: ['Y'], cooperating: [] }],
    ['由X牵头，会同Y负责', { lead: ['X'], responsible: ['Y'], cooperating: [] }],
    ['X为责任主体，Y为协办单位', { lead: [], responsible: ['X'], cooperating: ['Y'] }],
    ['X、Y分别负责', { lead: [], responsible: ['X', 'Y'], cooperating: [] }],
    ['X按照职责分工负责', { lead: [], responsible: ['X'], cooperating: [] }],
    ['X牵头;Y负责;Z参与', { lead: ['X'], responsible: ['Y'], cooperating: ['Z'] }],
    ['牵头单位：X，责任单位：Y，Z', { lead: ['X'], responsible: ['Y', 'Z'], cooperating: [] }],
    ['X，Y负责', { lead: [], responsible: ['X', 'Y'], cooperating: [] }],
    ['牵头单位：X 责任单位：Y', { lead: ['X'], responsible: ['Y'], cooperating: [] }],
    ['主办单位：X；协办部门：Y、Z；承办单位：W', { lead: ['X'], responsible: ['W'], cooperating: ['Y', 'Z'] }],
    ['牵头责任单位：X；责任主体：Y', { lead: ['X'], responsible: ['Y'], cooperating: [] }],
    ['各县（市、区）人民政府及各开发区管委会负责', { lead: [], responsible: ['各县（市、区）人民政府', '各开发区管委会'], cooperating: [] }],
  ])('reads %s', (body, units) => {
    const { fields, failures } = read(body);
    expect(failures).toEqual([]);
    expect(fields?.units).toEqual(units);
  });

  it('reads 等相关部门 as an open list and keeps a deadline phrase', () => {
    const { fields } = read('X牵头，Y等相关部门配合，年底前完成');
    expect(fields).toEqual({
      units: { lead: ['X'], responsible: [], cooperating: ['Y'] },
      includesOtherUnits: true,
      leaders: [],
      deadlineText: '年底前完成',
    });
  });

  it('gives names before a phrase its role, and reads a time written in words as the deadline', () => {
    expect(read('甲局牵头，乙局、丙局，各县（市、区）人民政府配合').fields?.units).toEqual({
      lead: ['甲局'],
      responsible: [],
      cooperating: ['乙局', '丙局', '各县（市、区）人民政府'],
    });
    expect(read('甲局负责，2023年秋季学期前完成').fields?.deadlineText).toBe('2023年秋季学期前完成');
    expect(read('甲局牵头，完成时限2023年底').fields?.deadlineText).toBe('完成时限2023年底');
  });

  it('reads 有关单位 named alone as others, none named', () => {
    expect(read('X牵头，市直各有关部门配合').fields).toMatchObject({
      units: { lead: ['X'], responsible: [], cooperating: [] },
      includesOtherUnits: true,
    });
  });

  it('names a part it cannot read', () => {
    expect(read('X牵头，请认真落实').failures).toEqual([
      '第1条的“请认真落实”无法识别：应为“某单位牵头”“某单位负责”“某单位配合”或“责任单位：某单位”这样的写法',
    ]);
  });

  it('splits names outside brackets only', () => {
    expect(splitNames('各县（市、区）人民政府、市财政局,市统计局')).toEqual(['各县（市、区）人民政府', '市财政局', '市统计局']);
  });
});

describe('phrases that are not unit clauses', () => {
  it('leaves a task whose last brackets hold no clause as a missing-units error', () => {
    expect(parseNotice('1.建设文化小镇（一期）').errors.map((e) => e.message)).toEqual(['第1条缺少责任单位']);
    expect(parseNotice('1.编制规划（2021—2025年）。').errors.map((e) => e.message)).toEqual(['第1条缺少责任单位']);
  });
});
