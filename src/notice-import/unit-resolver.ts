import { normalizeUnitName } from '../units/unit-name';
import type { AssignmentRole, ParsedItem } from './notice-parser';

export interface DirectoryUnit {
  id: string;
  name: string;
  aliases: string[];
}

export interface DirectoryGroup {
  id: string;
  name: string;
  aliases: string[];
  memberIds: string[];
}

export interface UnitDirectory {
  units: DirectoryUnit[];
  groups: DirectoryGroup[];
}

export interface ResolvedAssignment {
  unitId: string;
  role: AssignmentRole;
  position: number;
  viaGroupId: string | null;
}

export interface ResolvedUnits {
  assignments: ResolvedAssignment[];
  unknown: string[];
}

// Earlier roles win when a unit is named twice: a lead that is also listed as responsible stays lead.
const ROLES: readonly AssignmentRole[] = ['lead', 'responsible', 'cooperating'];

/** Maps the unit names of a parsed item to directory units, fanning groups out to their members. */
export function createUnitResolver(directory: UnitDirectory): (units: ParsedItem['units']) => ResolvedUnits {
  const unitIds = new Map<string, string>();
  for (const unit of directory.units) {
    for (const name of [unit.name, ...unit.aliases]) unitIds.set(normalizeUnitName(name), unit.id);
  }
  const groups = new Map<string, DirectoryGroup>();
  for (const group of directory.groups) {
    for (const name of [group.name, ...group.aliases]) groups.set(normalizeUnitName(name), group);
  }

  const known = (written: string) => unitIds.has(normalizeUnitName(written)) || groups.has(normalizeUnitName(written));
  // “市 财政局” is one name written with a space; “市财政局 市统计局” in a table cell is two.
  const separate = (written: string): string[] => {
    const parts = written.trim().split(/\s+/);
    return parts.length > 1 && !known(written) && parts.every(known) ? parts : [written];
  };

  return (units) => {
    const assignments: ResolvedAssignment[] = [];
    const unknown: string[] = [];
    const assigned = new Set<string>();

    for (const role of ROLES) {
      let position = 0;
      const add = (unitId: string, viaGroupId: string | null) => {
        if (assigned.has(unitId)) return;
        assigned.add(unitId);
        assignments.push({ unitId, role, position: position++, viaGroupId });
      };
      // In “各镇人民政府、街道办事处” the 各 carries over: the bare 街道办事处 means 各街道办事处.
      let inEachList = false;
      for (const written of units[role].flatMap(separate)) {
        const key = normalizeUnitName(written);
        const unitId = unitIds.get(key);
        const group: DirectoryGroup | undefined = unitId
          ? undefined
          : (groups.get(key) ?? (inEachList ? groups.get(normalizeUnitName(`各${written}`)) : undefined));
        inEachList = key.startsWith('各') || (inEachList && group !== undefined);

        if (unitId) add(unitId, null);
        else if (group) for (const memberId of group.memberIds) add(memberId, group.id);
        else if (!unknown.includes(written)) unknown.push(written);
      }
    }
    return { assignments, unknown };
  };
}
