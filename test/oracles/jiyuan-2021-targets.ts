import type { TargetComparator } from '../../src/targets/target-parser';

/** metric, verb, comparator, value, unit */
export type ExpectedTarget = [string, string, TargetComparator, number, string];

/**
 * Every item of the 济源 2021 notice whose text carries a number, with the targets a reader should take from it,
 * written out by hand from the notice. Numbers that are no target (a year, 5G, “5163”工程, 2000余张床位, a
 * project's 蓄水量) give none; those with a known unit that are not read are listed as `unread`, as the import
 * report shows them to the supervisor.
 */
export const JIYUAN_2021_TARGETS: Readonly<Record<number, { targets: ExpectedTarget[]; unread?: string[] }>> = {
  1: { targets: [
    ['生产总值', '增长', 'at_least', 8, '%'],
  ] },
  2: { targets: [
    ['规模以上工业增加值', '增长', 'at_least', 8.5, '%'],
  ] },
  3: { targets: [
    ['全社会固定资产投资', '增长', 'at_least', 7, '%'],
  ] },
  4: { targets: [
    ['社会消费品零售总额', '增长', 'at_least', 10, '%'],
  ] },
  5: { targets: [
    ['一般公共预算收入', '增长', 'at_least', 6, '%'],
  ] },
  7: { targets: [
    ['城镇化率', '提高', 'about', 1.3, '个百分点'],
  ] },
  8: { targets: [
    ['城镇调查失业率', '控制在', 'at_most', 5.5, '%'],
  ] },
  9: { targets: [] },
  10: { targets: [] },
  14: { targets: [
    ['高速公路建设工程', '开工建设', 'at_least', 4, '条'],
  ] },
  16: { targets: [], unread: ['蓄水量78万立方米'] },
  19: { targets: [
    ['项目', '实施', 'at_least', 500, '个'],
    ['重点项目', '抓好', 'at_least', 160, '个'],
    ['投资', '完成', 'at_least', 300, '亿元'],
  ] },
  20: { targets: [] },
  29: { targets: [], unread: ['在5个街道分别打造一条示范街区'] },
  35: { targets: [] },
  39: { targets: [] },
  42: { targets: [] },
  49: { targets: [
    ['道路新建改造及配套设施项目', '实施', 'at_least', 16, '条'],
  ] },
  53: { targets: [
    ['各类管网', '新增', 'at_least', 37, '公里'],
  ] },
  58: { targets: [
    ['试点', '覆盖', 'at_least', 3, '万户'],
  ] },
  65: { targets: [
    ['高标准农田', '建设', 'at_least', 2.9, '万亩'],
    ['粮食总产', '稳定在', 'at_least', 2.3, '亿公斤'],
  ] },
  72: { targets: [
    ['农村公路“通村入组工程”', '完成', 'at_least', 65, '公里'],
  ] },
  75: { targets: [] },
  85: { targets: [] },
  90: { targets: [
    ['黄河湿地生态修复', '完成', 'at_least', 50, '公顷'],
    ['山水林田湖草生态保护修复营造林', '完成', 'at_least', 2.28, '万亩'],
  ] },
  93: { targets: [
    ['森林康养基地', '打造', 'at_least', 2, '个'],
    ['森林特色小镇', '打造', 'at_least', 1, '个'],
    ['森林乡村', '打造', 'at_least', 15, '个'],
    ['国家储备林建设', '完成', 'at_least', 2.6, '万亩'],
    ['造林', '完成', 'at_least', 6.45, '万亩'],
    ['森林抚育', '完成', 'at_least', 2.8, '万亩'],
  ] },
  104: { targets: [
    ['供热面积', '新增', 'at_least', 285, '万平方米'],
    ['供热面积', '改善', 'at_least', 215, '万平方米'],
  ] },
  105: { targets: [
    ['教师周转宿舍', '新建和改建', 'at_least', 500, '套'],
  ] },
  106: { targets: [
    ['老旧小区改造项目', '实施', 'at_least', 47, '个'],
  ], unread: ['惠及群众5000户2万余人'] },
  107: { targets: [
    ['水系治理', '开展', 'at_least', 30, '公里'],
  ] },
  109: { targets: [], unread: ['济源市民凭身份证可享受王屋山、五龙口、济渎庙、黄河三峡等4个景区免门票优惠政策'] },
  110: { targets: [] },
  113: { targets: [
    ['职业技能培训', '开展', 'at_least', 2.5, '万人次'],
    ['高技能人才', '新增', 'at_least', 1600, '人'],
    ['城镇就业', '新增', 'at_least', 1.5, '万人'],
    ['城镇失业人员再就业', '新增', 'at_least', 2500, '人'],
    ['转移农村劳动力就业', '新增', 'at_least', 4500, '人'],
    ['返乡创业', '新增', 'at_least', 2300, '人'],
  ] },
  124: { targets: [
    ['富士花园二期公租房', '建设', 'at_least', 6, '栋'],
    ['富士花园二期公租房', '建设', 'at_least', 638, '套'],
  ] },
  132: { targets: [
    ['城市书房', '新建', 'at_least', 15, '座'],
  ] },
  134: { targets: [
    ['法律咨询服务', '提供', 'at_least', 5, '万人次'],
    ['法治宣传教育', '开展', 'at_least', 2000, '场次'],
  ] },
};
