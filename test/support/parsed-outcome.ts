import { parseDeadline } from '../../src/notice-import/deadline-parser';
import type { ParsedItem } from '../../src/notice-import/notice-parser';
import { createUnitResolver, type UnitDirectory } from '../../src/notice-import/unit-resolver';

export interface ItemOutcome {
  number: number;
  lead: string[];
  responsible: string[];
  cooperating: string[];
  includesOtherUnits: boolean;
  dueDate: string;
}

/**
 * What an import makes of each parsed item against a registry whose unit ids are the names: the units per role,
 * the 等有关单位 flag and the due date, the way the parser specs check every item exactly.
 */
export function outcomes(items: ParsedItem[], directory: UnitDirectory, plan = { year: 2023, endDate: '2023-12-31' }): ItemOutcome[] {
  const resolve = createUnitResolver(directory);
  return items.map((item) => {
    const { assignments, unknown } = resolve(item.units);
    if (unknown.length > 0) throw new Error(`item ${item.number}: unknown units ${unknown.join(', ')}`);
    const of = (role: string) => assignments.filter((a) => a.role === role).map((a) => a.unitId);
    return {
      number: item.number,
      lead: of('lead'),
      responsible: of('responsible'),
      cooperating: of('cooperating'),
      includesOtherUnits: item.includesOtherUnits,
      dueDate: (item.deadlineText && parseDeadline(item.deadlineText, plan)) || plan.endDate,
    };
  });
}
