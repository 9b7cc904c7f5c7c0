import type { UnitDirectory } from '../../src/notice-import/unit-resolver';
import { JIYUAN_GROUPS, JIYUAN_UNITS } from '../../src/seed/jiyuan-units';

/** The 济源 registry as a resolver directory whose ids are the unit and group names, so tests read plainly. */
export function jiyuanDirectory(): UnitDirectory {
  return {
    units: JIYUAN_UNITS.map(({ name, aliases }) => ({ id: name, name, aliases: [...aliases] })),
    groups: JIYUAN_GROUPS.map(({ name, aliases, members }) => ({
      id: name,
      name,
      aliases: [...aliases],
      memberIds: [...members],
    })),
  };
}
