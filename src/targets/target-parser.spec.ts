import { parseNotice } from '../notice-import/notice-parser';
import { readJiyuanNotice } from '../seed/jiyuan-notice';
import { JIYUAN_2021_TARGETS } from '../../test/oracles/jiyuan-2021-targets';
import { isRateUnit, parseTargets } from './target-parser';

const items = parseNotice(readJiyuanNotice()).items;
const brief = (content: string) => {
  const reading = parseTargets(content);
  return {
    targets: reading.targets.map((t) => [t.metric, t.verb, t.comparator, t.value, t.unit]),
    unread: reading.unread,
  };
};

describe('targets of the 济源 2021 notice', () => {
  it('the fixture lists exactly the items that carry a number', () => {
    const withNumbers = items.filter((item) => /\d/.test(item.content)).map((item) => item.number);
    expect(Object.keys(JIYUAN_2021_TARGETS).map(Number)).toEqual(withNumbers);
  });

  it.each(Object.entries(JIYUAN_2021_TARGETS))('item %s', (number, expected) => {
    const item = items.find((i) => i.number === Number(number))!;
    expect(brief(item.content)).toEqual({ targets: expected.targets, unread: expected.unread ?? [] });
  });

  it('items without any number have no target', () => {
    for (const item of items.filter((i) => !/\d/.test(i.content))) expect(parseTargets(item.content).targets).toEqual([]);
  });

  it('keeps the words each target was read from', () => {
    const item = items.find((i) => i.number === 93)!;
    expect(parseTargets(item.content).targets.map((t) => t.sourceText)).toEqual([
      '打造森林康养基地2个',
      '森林特色小镇1个',
      '森林乡村15个',
      '完成国家储备林建设2.6万亩',
      '造林6.45万亩',
      '森林抚育2.8万亩',
    ]);
  });
});

describe('targets in other cities’ documents', () => {
  it('reads 平顶山 2020’s expected targets (seeds/000)', () => {
    // seeds/000_410716b7a1f74678.txt, the paragraph of 主要预期目标 (shortened).
    const text =
      '2020年经济社会发展主要预期目标是:生产总值增长7%左右,规模以上工业增加值增长7.5%以上,进出口总值平稳增长,' +
      '居民消费价格指数涨幅控制在3.5%,城镇新增就业7万人,城镇登记失业率控制在4.5%以内,常住人口城镇化率提高1.5个百分点,' +
      '万元生产总值能耗降低2.2%以上';
    expect(brief(text)).toEqual({
      targets: [
        ['生产总值', '增长', 'about', 7, '%'],
        ['规模以上工业增加值', '增长', 'at_least', 7.5, '%'],
        ['居民消费价格指数涨幅', '控制在', 'at_most', 3.5, '%'],
        ['就业', '新增', 'at_least', 7, '万人'],
        ['城镇登记失业率', '控制在', 'at_most', 4.5, '%'],
        ['常住人口城镇化率', '提高', 'at_least', 1.5, '个百分点'],
        ['万元生产总值能耗', '降低', 'at_least', 2.2, '%'],
      ],
      unread: [],
    });
  });

  it('reads 平顶山 2020’s farmland and schools (seeds/000)', () => {
    expect(brief('开展耕地保护提质行动,完成33万亩高标准农田建设任务,启动38万亩高标准农田建设').targets).toEqual([
      ['高标准农田建设任务', '完成', 'at_least', 33, '万亩'],
      ['高标准农田建设', '启动', 'at_least', 38, '万亩'],
    ]);
    expect(brief('深入实施第三期学前教育行动计划和城镇小区配套幼儿园专项治理,新建改扩建幼儿园11所').targets).toEqual([
      ['幼儿园', '新建改扩建', 'at_least', 11, '所'],
    ]);
  });

  it('reads 漯河’s city renewal figures (seeds/001)', () => {
    const text =
      '科学施划道路停车泊位3000个,新建公共充电桩580个,改造老旧小区68个,新增拆墙透绿119处,建设口袋公园、街头游园12个,' +
      '新增公园绿地2万平方米';
    expect(brief(text).targets).toEqual([
      ['道路停车泊位', '施划', 'at_least', 3000, '个'],
      ['公共充电桩', '新建', 'at_least', 580, '个'],
      ['老旧小区', '改造', 'at_least', 68, '个'],
      ['拆墙透绿', '新增', 'at_least', 119, '处'],
      ['口袋公园、街头游园', '建设', 'at_least', 12, '个'],
      ['公园绿地', '新增', 'at_least', 2, '万平方米'],
    ]);
    expect(brief('新建供热管网20公里、热交换站38座,新增供热面积700万平方米以上,主城区供热覆盖率达75%以上').targets).toEqual([
      ['供热管网', '新建', 'at_least', 20, '公里'],
      ['热交换站', '新建', 'at_least', 38, '座'],
      ['供热面积', '新增', 'at_least', 700, '万平方米'],
      ['主城区供热覆盖率', '达', 'at_least', 75, '%'],
    ]);
    expect(brief('新建雨污管网25公里,雨污分流覆盖率达到85%以上').targets).toEqual([
      ['雨污管网', '新建', 'at_least', 25, '公里'],
      ['雨污分流覆盖率', '达到', 'at_least', 85, '%'],
    ]);
  });

  it('tells rates from quantities', () => {
    expect(['%', '个百分点'].every(isRateUnit)).toBe(true);
    expect(['万亩', '座', '亿元'].some(isRateUnit)).toBe(false);
  });
});
