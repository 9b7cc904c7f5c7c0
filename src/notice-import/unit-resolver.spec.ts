import { createUnitResolver, type UnitDirectory } from './unit-resolver';

const directory: UnitDirectory = {
  units: [
    { id: 'u-market', name: '市场监督管理局', aliases: ['市场监管局'] },
    { id: 'u-water', name: '水利局', aliases: [] },
    { id: 'u-forest', name: '林业局', aliases: [] },
    { id: 'u-power', name: 'XX供电公司', aliases: [] },
    { id: 'u-town-a', name: '甲镇人民政府', aliases: [] },
    { id: 'u-town-b', name: '乙镇人民政府', aliases: [] },
    { id: 'u-street-a', name: '东街道办事处', aliases: [] },
    { id: 'u-street-b', name: '西街道办事处', aliases: [] },
  ],
  groups: [
    { id: 'g-towns', name: '各镇人民政府', aliases: ['各镇'], memberIds: ['u-town-a', 'u-town-b'] },
    { id: 'g-streets', name: '各街道办事处', aliases: ['各街道'], memberIds: ['u-street-a', 'u-street-b'] },
  ],
};
const resolve = createUnitResolver(directory);
const units = (parts: { lead?: string[]; responsible?: string[]; cooperating?: string[] }) => ({
  lead: parts.lead ?? [],
  responsible: parts.responsible ?? [],
  cooperating: parts.cooperating ?? [],
});

describe('createUnitResolver', () => {
  it('resolves names and aliases, ignoring spaces and full-width forms', () => {
    const result = resolve(units({ responsible: ['市场监管局', ' 水 利局', 'ＸＸ供电公司'] }));
    expect(result).toEqual({
      assignments: [
        { unitId: 'u-market', role: 'responsible', position: 0, viaGroupId: null },
        { unitId: 'u-water', role: 'responsible', position: 1, viaGroupId: null },
        { unitId: 'u-power', role: 'responsible', position: 2, viaGroupId: null },
      ],
      unknown: [],
    });
  });

  it('fans a group, by name or alias, out to its members', () => {
    const result = resolve(units({ lead: ['水利局'], responsible: ['各街道'] }));
    expect(result.assignments).toEqual([
      { unitId: 'u-water', role: 'lead', position: 0, viaGroupId: null },
      { unitId: 'u-street-a', role: 'responsible', position: 0, viaGroupId: 'g-streets' },
      { unitId: 'u-street-b', role: 'responsible', position: 1, viaGroupId: 'g-streets' },
    ]);
  });

  it('reads a bare name after a 各… name as another 各… group', () => {
    const result = resolve(units({ responsible: ['各镇人民政府', '街道办事处'] }));
    expect(result.unknown).toEqual([]);
    expect(result.assignments.map((a) => [a.unitId, a.position, a.viaGroupId])).toEqual([
      ['u-town-a', 0, 'g-towns'],
      ['u-town-b', 1, 'g-towns'],
      ['u-street-a', 2, 'g-streets'],
      ['u-street-b', 3, 'g-streets'],
    ]);
  });

  it('does not read a bare group name as a group outside a 各… list', () => {
    expect(resolve(units({ responsible: ['水利局', '街道办事处'] })).unknown).toEqual(['街道办事处']);
  });

  it('assigns a unit once per task, keeping the first role', () => {
    const result = resolve(
      units({ lead: ['水利局'], responsible: ['水利局', '林业局', '林业局'], cooperating: ['林业局', '市场监管局'] }),
    );
    expect(result.assignments).toEqual([
      { unitId: 'u-water', role: 'lead', position: 0, viaGroupId: null },
      { unitId: 'u-forest', role: 'responsible', position: 0, viaGroupId: null },
      { unitId: 'u-market', role: 'cooperating', position: 0, viaGroupId: null },
    ]);
  });

  it('keeps a direct assignment when the unit comes again through a group', () => {
    const result = resolve(units({ responsible: ['东街道办事处', '各街道办事处'] }));
    expect(result.assignments.map((a) => [a.unitId, a.position, a.viaGroupId])).toEqual([
      ['u-street-a', 0, null],
      ['u-street-b', 1, 'g-streets'],
    ]);
  });

  it('returns unknown names once, as written, without an assignment', () => {
    const result = resolve(units({ lead: ['督查室'], responsible: ['水利局', '督查室', '外事办'] }));
    expect(result.unknown).toEqual(['督查室', '外事办']);
    expect(result.assignments.map((a) => a.unitId)).toEqual(['u-water']);
  });
});

describe('createUnitResolver on names separated by spaces', () => {
  it('reads a space inside a name as part of it, and spaces between known names as separators', () => {
    expect(resolve(units({ responsible: ['水 利局'] })).assignments.map((a) => a.unitId)).toEqual(['u-water']);
    expect(resolve(units({ responsible: ['水利局 林业局　各镇'] })).assignments.map((a) => a.unitId)).toEqual([
      'u-water',
      'u-forest',
      'u-town-a',
      'u-town-b',
    ]);
    expect(resolve(units({ responsible: ['水利局 外事办'] })).unknown).toEqual(['水利局 外事办']);
  });
});
