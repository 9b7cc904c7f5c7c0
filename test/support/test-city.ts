import type { UnitDirectory } from '../../src/notice-import/unit-resolver';

/**
 * A registry in the style of a prefecture-level city (names with 市, common short forms as aliases, county-level
 * governments and their group), for the parser specs; ids are the names so expectations read plainly.
 */
const UNITS: Array<[string, ...string[]]> = [
  ['市发展和改革委员会', '市发展改革委', '市发改委', '发展改革委'],
  ['市财政局', '财政局'],
  ['市统计局', '统计局'],
  ['市教育局'],
  ['市卫生健康委员会', '市卫生健康委', '市卫健委'],
  ['市人力资源和社会保障局', '市人社局', '人社局'],
  ['市住房和城乡建设局', '市住房城乡建设局', '市住建局'],
  ['市市场监督管理局', '市市场监管局'],
  ['市生态环境局'],
  ['市自然资源和规划局', '市自然资源规划局'],
  ['市委宣传部'],
  ['国网某市供电公司', '市供电公司'],
  ['甲县人民政府', '甲县政府'],
  ['乙县人民政府', '乙县政府'],
  ['丙市人民政府', '丙市政府'],
  ['丁区人民政府', '丁区政府'],
];
const COUNTIES = ['甲县人民政府', '乙县人民政府', '丙市人民政府', '丁区人民政府'];

/** The registry's full names, as the specs expect them resolved. */
export const CITY = {
  DRC: '市发展和改革委员会',
  FIN: '市财政局',
  STAT: '市统计局',
  EDU: '市教育局',
  HEALTH: '市卫生健康委员会',
  HR: '市人力资源和社会保障局',
  HOUSING: '市住房和城乡建设局',
  MARKET: '市市场监督管理局',
  ENV: '市生态环境局',
  PROPAGANDA: '市委宣传部',
} as const;

export const COUNTY_GROUP = '各县（市、区）人民政府';

export function testCityDirectory(): UnitDirectory {
  return {
    units: UNITS.map(([name, ...aliases]) => ({ id: name, name, aliases })),
    groups: [
      { id: COUNTY_GROUP, name: COUNTY_GROUP, aliases: ['各县（市、区）政府', '各县市区人民政府', '各县（市、区）'], memberIds: COUNTIES },
    ],
  };
}

export const TEST_CITY_COUNTIES = COUNTIES;
