/** A plan's 考核 rules: points per event. Every figure is ≥ 0; deductions are subtracted. */
export interface ScoringRules {
  /** 基础分 every scored unit starts from. */
  base: number;
  /** Added per task 销号 (completed) on or before its due date. */
  onTimeCompletion: number;
  /** Subtracted per workday a task is (or was, until its 销号) past its due date. */
  overduePerWorkday: number;
  /** The most one task's lateness can cost; 0: no cap. */
  overdueCapPerTask: number;
  /** Subtracted per task and closed period a unit did not report for. */
  missingReport: number;
  /** Subtracted per 销号 request returned (退回). */
  completionReturned: number;
  /** Approved 延期 per task that cost nothing. */
  extensionsAllowed: number;
  /** Subtracted per approved 延期 beyond those. */
  extensionBeyond: number;
}

export const DEFAULT_SCORING_RULES: ScoringRules = {
  base: 100,
  onTimeCompletion: 2,
  overduePerWorkday: 0.5,
  overdueCapPerTask: 10,
  missingReport: 1,
  completionReturned: 1,
  extensionsAllowed: 1,
  extensionBeyond: 2,
};

export const SCORING_RULE_LABELS: Record<keyof ScoringRules, string> = {
  base: '基础分',
  onTimeCompletion: '按期销号（每项加分）',
  overduePerWorkday: '逾期（每个工作日扣分）',
  overdueCapPerTask: '单项任务逾期扣分上限（0 为不设上限）',
  missingReport: '未按期报送（每项每期扣分）',
  completionReturned: '销号申请被退回（每次扣分）',
  extensionsAllowed: '每项任务不扣分的延期次数',
  extensionBeyond: '超出次数的延期（每次扣分）',
};
