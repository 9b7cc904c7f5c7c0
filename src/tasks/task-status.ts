export const TASK_STATUSES = [
  'not_started',
  'in_progress',
  'completion_requested',
  'completed',
  'suspended',
  'cancelled',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_KINDS = ['task', 'indicator'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const ASSIGNMENT_ROLES = ['lead', 'responsible', 'cooperating'] as const;
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];

/** How a unit's 签收 came about: the 签收 button, or its first own progress report or 销号 request. */
export const ACKNOWLEDGED_VIA = ['acknowledge', 'progress', 'completion_request'] as const;
export type AcknowledgedVia = (typeof ACKNOWLEDGED_VIA)[number];
