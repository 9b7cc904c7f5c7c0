import type { UnitKind } from '../units/unit-kinds';

const BY_NAME: ReadonlyArray<[RegExp, UnitKind]> = [
  [/(?:县|区|旗)人民政府$|(?:县|区)政府$|^.{1,6}市人民政府$/, 'county'],
  [/镇人民政府$|乡人民政府$|镇政府$|乡政府$/, 'town'],
  [/街道办事处$|街道$/, 'subdistrict'],
  [/^(?:中共.{0,6})?市委|^市纪委|监察委员会$/, 'party'],
  [/法院$|检察院$/, 'judicial'],
  [/管委会$|管理委员会$|园区$|开发区$|示范区$/, 'park'],
  [/公司$|集团$/, 'enterprise'],
];

/**
 * The kind a unit created by an import (createMissingUnits) most likely has, from how its name ends: 甲县人民政府 is a
 * county-level government, 市委宣传部 a party department; anything else is `other`, for an administrator to set.
 */
export function guessUnitKind(name: string): UnitKind {
  return BY_NAME.find(([pattern]) => pattern.test(name))?.[1] ?? 'other';
}
