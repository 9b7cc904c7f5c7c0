import { guessUnitKind } from './unit-kind-guess';

describe('guessUnitKind', () => {
  it.each([
    ['甲县人民政府', 'county'],
    ['丁区人民政府', 'county'],
    ['丙市人民政府', 'county'],
    ['轵城镇人民政府', 'town'],
    ['玉泉街道办事处', 'subdistrict'],
    ['市委宣传部', 'party'],
    ['中共某市委组织部', 'party'],
    ['市中级人民法院', 'judicial'],
    ['市人民检察院', 'judicial'],
    ['高新区管委会', 'park'],
    ['国网某市供电公司', 'enterprise'],
    ['团市委', 'other'],
    ['数字经济局', 'other'],
    ['市场监督管理局', 'other'],
  ])('%s → %s', (name, kind) => {
    expect(guessUnitKind(name)).toBe(kind);
  });
});
