import { ConflictError } from '../common/domain-errors';
import { TASK_STATUS_LABELS } from '../meta/labels';
import type { TaskStatus } from './task-status';

export const STATUS_LABELS: Record<TaskStatus, string> = TASK_STATUS_LABELS;

/** Which status may follow which; anything else is a 409 that says why. */
const NEXT: Record<TaskStatus, readonly TaskStatus[]> = {
  not_started: ['in_progress', 'suspended', 'cancelled'],
  in_progress: ['completion_requested', 'suspended', 'cancelled'],
  completion_requested: ['completed', 'in_progress', 'suspended', 'cancelled'],
  suspended: ['not_started', 'in_progress', 'cancelled'],
  completed: [],
  cancelled: [],
};

export function assertTransition(from: TaskStatus, to: TaskStatus): void {
  if (NEXT[from].includes(to)) return;
  const reason =
    NEXT[from].length === 0
      ? `任务${STATUS_LABELS[from]}，不能再变更状态`
      : `任务当前为“${STATUS_LABELS[from]}”，不能变为“${STATUS_LABELS[to]}”`;
  throw new ConflictError('ILLEGAL_TRANSITION', reason, { from, to });
}
