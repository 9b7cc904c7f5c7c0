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
