import { readJiyuanNotice } from '../seed/jiyuan-notice';
import { jiyuanDirectory } from '../../test/support/jiyuan-directory';
import { JIYUAN_UNITS } from '../seed/jiyuan-units';
import { JIYUAN_2021_EXPECTED } from '../../test/oracles/jiyuan-2021-units';
import { parseNotice } from './notice-parser';
import { createUnitResolver } from './unit-resolver';

const notice = parseNotice(readJiyuanNotice());
const resolve = createUnitResolver(jiyuanDirectory());
const resolved = notice.items.map((item) => ({ item, ...resolve(item.units) }));

describe('the 济源 2021 notice against the 济源 registry', () => {
  it('parses without errors', () => {
    expect(notice.errors).toEqual([]);
    expect(resolved).toHaveLength(143);
  });

  it.each(Object.entries(JIYUAN_2021_EXPECTED))('assigns item %s to the expected units', (number, expected) => {
    const entry = resolved.find((r) => r.item.number === Number(number));
    const namesOf = (role: string) => entry?.assignments.filter((a) => a.role === role).map((a) => a.unitId);
    expect({
      lead: namesOf('lead'),
      responsible: namesOf('responsible'),
      cooperating: namesOf('cooperating'),
      includesOtherUnits: entry?.item.includesOtherUnits,
    }).toEqual({
      lead: expected.lead ?? [],
      responsible: expected.responsible ?? [],
      cooperating: expected.cooperating ?? [],
      includesOtherUnits: expected.includesOtherUnits ?? false,
    });
  });

  it('knows every unit the notice names', () => {
    expect(resolved.flatMap((r) => r.unknown)).toEqual([]);
  });

  it('names 57 distinct units directly and reaches all 62 registry units', () => {
    const direct = new Set(resolved.flatMap((r) => r.assignments.filter((a) => !a.viaGroupId).map((a) => a.unitId)));
    const all = new Set(resolved.flatMap((r) => r.assignments.map((a) => a.unitId)));
    expect(direct.size).toBe(57);
    expect(JIYUAN_UNITS).toHaveLength(62);
    expect(all.size).toBe(62);
  });

  it('has 100 items with only 责任单位 and item 34 with only 牵头单位', () => {
    const roles = (r: (typeof resolved)[number]) => [...new Set(r.assignments.map((a) => a.role))].join();
    expect(resolved.filter((r) => roles(r) === 'responsible')).toHaveLength(100);
    expect(resolved.filter((r) => roles(r) === 'lead').map((r) => r.item.number)).toEqual([34]);
  });

  it('flags the open lists of items 61, 85 and 142', () => {
    expect(resolved.filter((r) => r.item.includesOtherUnits).map((r) => r.item.number)).toEqual([61, 85, 142]);
  });
});
