import type { UnitKind } from '../units/unit-kinds';

export { UNIT_KINDS, type UnitKind } from '../units/unit-kinds';

export interface UnitSeed {
  name: string;
  kind: UnitKind;
  aliases: string[];
}

export interface UnitGroupSeed {
  name: string;
  aliases: string[];
  members: string[];
}

const STREETS = ['济水', '天坛', '沁园', '北海', '玉泉'].map((name) => `${name}街道办事处`);
const TOWNS = ['轵城', '承留', '思礼', '克井', '五龙口', '梨林', '坡头', '邵原', '王屋', '下冶', '大峪'].map(
  (name) => `${name}镇人民政府`,
);

const unit = (kind: UnitKind, name: string, ...aliases: string[]): UnitSeed => ({ name, kind, aliases });

/**
 * The units of 济源产城融合示范区 named by the 2021 key-work notice, plus the five towns it reaches only
 * through 各镇人民政府. Aliases are the short forms other notices use for the same body.
 */
export const JIYUAN_UNITS: readonly UnitSeed[] = [
  unit('department', '发展改革和统计局'),
  unit('department', '工业和科技创新委员会'),
  unit('department', '财政金融局'),
  unit('department', '农业农村局'),
  unit('department', '人力资源和社会保障局', '人社局'),
  unit('department', '卫生健康委员会', '卫健委'),
  unit('department', '住房和城乡建设局', '住建局'),
  unit('department', '交通运输局'),
  unit('department', '水利局'),
  unit('department', '自然资源和规划局'),
  unit('department', '生态环境局'),
  unit('department', '教育体育局'),
  unit('department', '医疗保障局', '医保局'),
  unit('department', '民政局'),
  unit('department', '市场监督管理局', '市场监管局'),
  unit('department', '文化广电和旅游局'),
  unit('department', '林业局'),
  unit('department', '公安局'),
  unit('department', '司法局'),
  unit('department', '政务服务和大数据管理局'),
  unit('department', '扶贫开发办公室', '扶贫办'),
  unit('department', '文明办'),
  unit('department', '创建办'),
  unit('department', '应急管理局', '应急局'),
  unit('department', '信访联席办公室'),
  unit('department', '退役军人事务局'),
  unit('department', '民族宗教局'),
  unit('department', '史志办'),
  unit('department', '档案局'),
  ...TOWNS.map((name) => unit('town', name)),
  ...STREETS.map((name) => unit('subdistrict', name)),
  unit('park', '虎岭高新片区管理办公室'),
  unit('park', '玉川片区管理办公室'),
  unit('park', '小浪底北岸旅游度假区发展中心'),
  unit('enterprise', '城投建设发展有限公司'),
  unit('enterprise', '投资集团有限公司'),
  unit('enterprise', '交通投资集团有限公司'),
  unit('enterprise', '水利建设投资有限责任公司'),
  unit('institution', '职业技术学院'),
  unit('institution', '行政服务中心'),
  unit('vertical', '税务局'),
  unit('vertical', '供电公司'),
  unit('vertical', '气象局'),
  unit('vertical', '黄河河务局'),
  unit('vertical', '水文水资源勘测局'),
  unit('mass_organization', '工商业联合会', '工商联'),
  unit('mass_organization', '共青团济源产城融合示范区委员会'),
  // A cooperative economic organisation: neither a government department nor a mass organisation.
  unit('other', '供销社', '供销合作社'),
];

export const JIYUAN_GROUPS: readonly UnitGroupSeed[] = [
  { name: '各街道办事处', aliases: ['各街道', '各街道办'], members: STREETS },
  { name: '各镇人民政府', aliases: ['各镇', '各镇政府'], members: TOWNS },
];
