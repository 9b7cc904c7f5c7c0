import type { Light } from '../supervision/timeliness';
import type { TaskStatus } from '../tasks/task-status';

export type { Light };
export const LIGHTS = ['red', 'yellow', 'green', 'grey'] as const satisfies readonly Light[];

/** A child task as the roll-up counts it: by its own status and light, or by its own roll-up when delivered further. */
export interface RolledChild {
  status: TaskStatus;
  light: Light;
  /** Its own roll-up, when it was itself delivered to organizations further down. */
  rollup: Rollup | null;
}

export interface ReceivingOrganization {
  accepted: boolean;
  tasks: readonly RolledChild[];
}

export interface Rollup {
  completed: boolean;
  light: Light;
  organizations: number;
  accepted: number;
  completedTasks: number;
  totalTasks: number;
}

/**
 * The parent task's standing from the organizations it was delivered to (README "下达 and roll-up"):
 * completed when every receiving organization accepted and every child task (a cancelled one aside) is completed;
 * red when a child is red or an organization has not accepted by the parent's due date; yellow when a child is
 * yellow or an acceptance is pending; grey when every child is suspended or cancelled (or nothing was delivered);
 * else green. A child delivered further counts by its own roll-up.
 */
export function rollUp(organizations: readonly ReceivingOrganization[], parentOverdue: boolean): Rollup {
  const children = organizations.flatMap((o) => o.tasks);
  const done = (c: RolledChild) => (c.rollup ? c.rollup.completed : c.status === 'completed');
  const light = (c: RolledChild) => (c.rollup ? c.rollup.light : c.light);
  const counted = children.filter((c) => c.status !== 'cancelled');
  const accepted = organizations.filter((o) => o.accepted).length;
  const pending = accepted < organizations.length;
  const completedTasks = children.filter(done).length;
  const completed = organizations.length > 0 && !pending && counted.length > 0 && counted.every(done);
  const lights = children.map(light);
  return {
    completed,
    light: lights.includes('red') || (pending && parentOverdue)
      ? 'red'
      : lights.includes('yellow') || pending
        ? 'yellow'
        : lights.every((l) => l === 'grey')
          ? 'grey'
          : 'green',
    organizations: organizations.length,
    accepted,
    completedTasks,
    totalTasks: children.length,
  };
}
