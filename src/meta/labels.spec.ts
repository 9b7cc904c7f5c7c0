import { ROLES } from '../access/roles';
import { DELIVERY_CHANNELS, DELIVERY_STATUSES } from '../reminders/delivery/dto/reminder-delivery.dto';
import { ACKNOWLEDGED_VIA, ASSIGNMENT_ROLES, SOURCE_KINDS, TASK_STATUSES } from '../tasks/task-status';
import { UNIT_KINDS } from '../units/unit-kinds';
import * as labels from './labels';

describe('labels', () => {
  it.each([
    ['TASK_STATUS_LABELS', TASK_STATUSES],
    ['ROLE_LABELS', ROLES],
    ['UNIT_KIND_LABELS', UNIT_KINDS],
    ['SOURCE_KIND_LABELS', SOURCE_KINDS],
    ['ASSIGNMENT_ROLE_LABELS', ASSIGNMENT_ROLES],
    ['ACKNOWLEDGED_VIA_LABELS', ACKNOWLEDGED_VIA],
    ['DELIVERY_STATUS_LABELS', DELIVERY_STATUSES],
    ['CHANNEL_LABELS', DELIVERY_CHANNELS],
  ] as const)('%s names every code the API answers, and only those', (name, codes) => {
    expect(Object.keys(labels[name]).sort()).toEqual([...codes].sort());
  });

  it('gives every code its own words', () => {
    for (const table of Object.values(labels)) {
      const words = Object.values(table);
      expect(new Set(words).size).toBe(words.length);
    }
  });
});
