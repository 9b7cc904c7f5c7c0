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

/** Where a task comes from: a notice, 领导批示 (instruction), 会议议定事项 (meeting), 人大建议/政协提案 (proposal). */
export const SOURCE_KINDS = ['notice', 'instruction', 'meeting', 'proposal', 'other'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** import: made by a notice import, which updates it on re-import; manual: added by a supervisor, never touched by an import. */
export const TASK_ORIGINS = ['import', 'manual'] as const;
export type TaskOrigin = (typeof TASK_ORIGINS)[number];

export const ASSIGNMENT_ROLES = ['lead', 'responsible', 'cooperating'] as const;
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];

/** How a unit's 签收 came about: the 签收 button, or its first own progress report or 销号 request. */
export const ACKNOWLEDGED_VIA = ['acknowledge', 'progress', 'completion_request', 'accept'] as const;
export type AcknowledgedVia = (typeof ACKNOWLEDGED_VIA)[number];
