import { readJiyuanNotice } from '../seed/jiyuan-notice';
import { parseNotice, type ParsedItem } from './notice-parser';

const fixture = readJiyuanNotice();

function onlyItem(text: string): ParsedItem {
  const notice = parseNotice(text);
  expect(notice.errors).toEqual([]);
  expect(notice.items).toHaveLength(1);
  return notice.items[0] as ParsedItem;
}

describe('parseNotice on the 济源 2021 notice', () => {
  const notice = parseNotice(fixture);
  const item = (number: number) => notice.items.find((i) => i.number === number);

  it('finds the 8 sections and their 31 subsections', () => {
    expect(notice.sections.map((s) => s.ordinal)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(notice.sections.map((s) => s.subsections.length)).toEqual([0, 5, 4, 4, 4, 3, 3, 8]);
    expect(notice.sections[0]).toMatchObject({ title: '今年经济社会发展主要预期目标', line: 3 });
    expect(notice.sections[7]?.title).toBe('切实加强民生保障,提升高质量发展实效');
    expect(notice.sections[1]?.subsections[0]).toEqual({ ordinal: 1, title: '强力推进十大工程', line: 13 });
    expect(notice.sections[7]?.subsections[7]).toEqual({ ordinal: 8, title: '提高社会治理能力', line: 174 });
  });

  it('reads the 143 items in order with their place in the outline', () => {
    expect(notice.items.map((i) => i.number)).toEqual(Array.from({ length: 143 }, (_, n) => n + 1));
    expect(item(1)).toMatchObject({ line: 4, sectionOrdinal: 1, subsectionOrdinal: null, content: '生产总值增长8%。' });
    expect(item(9)).toMatchObject({ line: 14, sectionOrdinal: 2, subsectionOrdinal: 1 });
    expect(item(143)).toMatchObject({ line: 184, sectionOrdinal: 8, subsectionOrdinal: 8 });
    expect(item(143)?.sourceLine).toBe(fixture.split('\n')[183]);
  });

  it('marks the items of the 预期目标 section as indicators', () => {
    expect(notice.items.filter((i) => i.kind === 'indicator').map((i) => i.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('takes the last parenthetical as the unit clause', () => {
    expect(item(10)?.content).toBe(
      '开工建设济源产教融合园区(职业技术学院新校区)项目,满足2万名本科生办学要求。',
    );
    expect(item(10)?.units).toEqual({
      lead: ['投资集团有限公司'],
      responsible: ['职业技术学院', '轵城镇人民政府'],
      cooperating: [],
    });
    expect(item(47)?.content).toContain('产业集聚(开发)区“二次创业”');
  });

  it('keeps group names and the open 等有关单位 as written', () => {
    expect(item(34)?.units).toEqual({ lead: ['发展改革和统计局'], responsible: [], cooperating: [] });
    expect(item(71)?.units.responsible).toEqual(['各镇人民政府', '街道办事处']);
    expect(item(142)?.units.responsible).toEqual(['财政金融局', '发展改革和统计局']);
    expect(notice.items.filter((i) => i.includesOtherUnits).map((i) => i.number)).toEqual([61, 85, 142]);
  });

  it('reports the header, footer and stray comma as warnings and nothing as an error', () => {
    expect(notice.errors).toEqual([]);
    expect(notice.warnings.map((w) => [w.line, w.text])).toEqual([
      [1, '【大河财立方消息】日前,济源市人民政府发布通知,明确政府工作报告提出的2021年重点工作责任单位。'],
      [2, '详情如下:'],
      [185, '责编:陶纪燕 | 审核:李震 | 总监:万军伟'],
      [186, ','],
    ]);
    expect(notice.warnings[0]?.message).toBe('已忽略：不是任务条目或标题');
  });
});

describe('parseNotice on other layouts', () => {
  it('reads full-width punctuation', () => {
    const notice = parseNotice('一、目标任务\n（一）稳增长\n1．生产总值增长8%。（牵头单位：财政金融局；责任单位：税务局，民政局）');
    expect(notice.errors).toEqual([]);
    expect(notice.sections).toEqual([
      { ordinal: 1, title: '目标任务', line: 1, subsections: [{ ordinal: 1, title: '稳增长', line: 2 }] },
    ]);
    expect(notice.items[0]).toMatchObject({
      number: 1,
      content: '生产总值增长8%。',
      kind: 'indicator',
      subsectionOrdinal: 1,
      units: { lead: ['财政金融局'], responsible: ['税务局', '民政局'], cooperating: [] },
    });
  });

  it.each(['1、', '1.', '1．', '１．'])('reads the numbering %s', (prefix) => {
    expect(onlyItem(`${prefix}抓好春耕。(责任单位:农业农村局)`)).toMatchObject({ number: 1, content: '抓好春耕。' });
  });

  it('puts 配合单位 and 协办单位 in cooperating', () => {
    const item = onlyItem('1.抓好春耕。(牵头单位:农业农村局;配合单位:水利局、林业局;协办单位:气象局)');
    expect(item.units).toEqual({ lead: ['农业农村局'], responsible: [], cooperating: ['水利局', '林业局', '气象局'] });
  });

  it('reads 责任领导 and 完成时限 in the same clause as the units', () => {
    const item = onlyItem('1.抓好春耕。(责任领导:张三、李四;责任单位:农业农村局;完成时限:6月底前)');
    expect(item).toMatchObject({ leaders: ['张三', '李四'], deadlineText: '6月底前' });
    expect(item.units.responsible).toEqual(['农业农村局']);
  });

  it('accepts commas between units and a full stop after the clause', () => {
    const item = onlyItem('1.抓好春耕(责任单位:农业农村局,水利局,林业局)。');
    expect(item.units.responsible).toEqual(['农业农村局', '水利局', '林业局']);
    expect(item.content).toBe('抓好春耕');
  });

  it('handles CRLF, a BOM and full-width spaces', () => {
    const notice = parseNotice('\uFEFF一、重点任务\r\n\u30001. 抓好春耕。(责任单位:\u3000农业农村局)\u3000\r\n2.抓好夏收。(责任单位:水利局)\r\n');
    expect(notice.errors).toEqual([]);
    expect(notice.warnings).toEqual([]);
    expect(notice.sections[0]?.title).toBe('重点任务');
    expect(notice.items.map((i) => [i.line, i.sourceLine, i.units.responsible])).toEqual([
      [2, '1. 抓好春耕。(责任单位:\u3000农业农村局)', ['农业农村局']],
      [3, '2.抓好夏收。(责任单位:水利局)', ['水利局']],
    ]);
  });

  it('joins an item wrapped over two lines and says so', () => {
    const notice = parseNotice('1.抓好春耕,\n确保粮食安全。(责任单位:农业农村局)\n2.抓好夏收。(责任单位:水利局)');
    expect(notice.errors).toEqual([]);
    expect(notice.items.map((i) => i.number)).toEqual([1, 2]);
    expect(notice.items[0]).toMatchObject({ line: 1, content: '抓好春耕,确保粮食安全。' });
    expect(notice.warnings).toEqual([
      { line: 1, location: { line: 1 }, text: '1.抓好春耕,确保粮食安全。(责任单位:农业农村局)', message: '第1条跨2行，已合并为一条', number: 1 },
    ]);
  });
});

describe('parseNotice on faulty input', () => {
  it('reports a numbered line without a unit clause with its line and text', () => {
    const notice = parseNotice('1.抓好春耕。(责任单位:农业农村局)\n2.抓好夏收。\n\n3.抓好秋种。(责任单位:水利局)');
    expect(notice.errors).toEqual([{ line: 2, location: { line: 2 }, text: '2.抓好夏收。', message: '第2条缺少责任单位', number: 2 }]);
    expect(notice.items.map((i) => i.number)).toEqual([1, 3]);
  });

  it('does not take a trailing parenthetical without a field for a unit clause', () => {
    const notice = parseNotice('1.建设文化小镇(一期)');
    expect(notice.errors.map((e) => e.message)).toEqual(['第1条缺少责任单位']);
  });

  it('keeps the line after an unfinished item when it does not complete it', () => {
    const notice = parseNotice('1.抓好春耕。\n责编:某某\n2.抓好夏收。(责任单位:水利局)');
    expect(notice.errors.map((e) => e.line)).toEqual([1]);
    expect(notice.warnings.map((w) => w.line)).toEqual([2]);
  });

  it('reports a duplicate number and keeps the first item', () => {
    const notice = parseNotice('1.抓好春耕。(责任单位:农业农村局)\n1.抓好夏收。(责任单位:水利局)');
    expect(notice.errors).toEqual([
      { line: 2, location: { line: 2 }, text: '1.抓好夏收。(责任单位:水利局)', message: '第1条编号重复（第1行已有第1条）', number: 1 },
    ]);
    expect(notice.items.map((i) => i.content)).toEqual(['抓好春耕。']);
  });

  it('warns about numbers out of sequence', () => {
    const notice = parseNotice('1.甲。(责任单位:水利局)\n3.乙。(责任单位:水利局)\n2.丙。(责任单位:水利局)');
    expect(notice.errors).toEqual([]);
    expect(notice.warnings.map((w) => [w.line, w.message])).toEqual([
      [2, '条目编号不连续：第1条之后是第3条'],
      [3, '条目编号不连续：第3条之后是第2条'],
    ]);
  });

  it('names an unknown field', () => {
    const notice = parseNotice('1.抓好春耕。(牵头单位:农业农村局;督办单位:督查室)');
    expect(notice.errors.map((e) => e.message)).toEqual(['第1条含有无法识别的字段“督办单位”']);
    expect(notice.items).toEqual([]);
  });

  it('reports a unit clause on a line without a number', () => {
    const notice = parseNotice('1.抓好春耕。(责任单位:农业农村局)\n\n抓好夏收。(责任单位:水利局)');
    expect(notice.errors).toEqual([
      { line: 3, location: { line: 3 }, text: '抓好夏收。(责任单位:水利局)', message: '该行含有单位信息，但没有条目编号' },
    ]);
  });

  it.each([
    ['an empty string', '', '内容为空'],
    ['blank lines', ' \r\n\u3000\n', '内容为空'],
    ['only header lines', '【大河财立方消息】日前,济源市人民政府发布通知。\n详情如下:\n一、目标', '未找到任何任务条目'],
  ])('reports %s as an error', (_, text, message) => {
    const notice = parseNotice(text);
    expect(notice.items).toEqual([]);
    expect(notice.errors).toEqual([expect.objectContaining({ line: 0, message: expect.stringContaining(message) })]);
  });

  it('reports text in another encoding', () => {
    const gbk = Buffer.from([0xd4, 0xf0, 0xc8, 0xce, 0xb5, 0xa5, 0xce, 0xbb]).toString('utf8');
    const notice = parseNotice(`1.${gbk}(${gbk}:${gbk})`);
    expect(notice.errors.map((e) => e.message)).toContain('含有无法识别的字符，请确认文件是 UTF-8 编码的纯文本');
  });

  it('never throws on random bytes and reports them', () => {
    let seed = 42;
    const nextByte = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256;
    for (let round = 0; round < 50; round++) {
      const text = Buffer.from(Array.from({ length: 2000 }, nextByte)).toString('utf8');
      const notice = parseNotice(text);
      expect(notice.errors.length).toBeGreaterThan(0);
      expect(notice.items).toEqual([]);
    }
  });
});
