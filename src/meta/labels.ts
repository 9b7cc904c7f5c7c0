/**
 * The Chinese words for the API's codes: statuses, roles, lights, unit kinds, reminder kinds…. The one source that
 * the Excel exports, the server's messages and the web app (which imports this file) all show. Plain data with no
 * imports, so the browser bundle can take it as it is; the server's code types (TaskStatus, Light…) are checked
 * against these keys where they are used.
 */

export const TASK_STATUS_LABELS = {
  not_started: '未开始',
  in_progress: '推进中',
  completion_requested: '申请销号',
  completed: '已办结',
  suspended: '已暂缓',
  cancelled: '已撤销',
} as const;

export const ROLE_LABELS = { admin: '系统管理员', supervisor: '督查室', leader: '领导', unit_user: '单位用户' } as const;

/** Suspended and cancelled tasks are 灰灯: shown, but not counted as a warning. */
export const LIGHT_LABELS = { red: '红灯', yellow: '黄灯', green: '绿灯', grey: '灰灯' } as const;

/** A unit's role in a task. */
export const ASSIGNMENT_ROLE_LABELS = { lead: '牵头单位', responsible: '责任单位', cooperating: '配合单位' } as const;

export const UNIT_KIND_LABELS = {
  department: '部门',
  town: '镇',
  subdistrict: '街道',
  park: '园区',
  enterprise: '企业',
  institution: '事业单位',
  vertical: '垂直管理',
  mass_organization: '群团组织',
  county: '县级政府',
  party: '党委部门',
  judicial: '政法机关',
  other: '其他',
} as const;

/** Where a task comes from. */
export const SOURCE_KIND_LABELS = {
  notice: '通知文件',
  instruction: '领导批示',
  meeting: '会议议定事项',
  proposal: '人大建议/政协提案',
  other: '其他',
} as const;

/** The reminder's kind, which also opens its text: 【逾期督办】…. */
export const REMINDER_KIND_LABELS = {
  due_soon: '临期提醒',
  report_missing: '进展未报送提醒',
  overdue: '逾期催办',
  escalation: '逾期督办',
  urge: '催办',
  unacknowledged: '签收提醒',
} as const;

export const DELIVERY_STATUS_LABELS = { pending: '待发送', sent: '已发送', failed: '发送失败' } as const;

export const CHANNEL_LABELS = { inbox: '站内', email: '邮件', webhook: 'Webhook' } as const;

/** How a unit's 签收 came about. */
export const ACKNOWLEDGED_VIA_LABELS = { acknowledge: '签收', progress: '报送进展即签收', completion_request: '申请销号即签收', accept: '下级接收即签收' } as const;

/** Where a 延期 request stands. */
export const EXTENSION_STATUS_LABELS = { pending: '待审核', approve: '已批准', reject: '已驳回' } as const;

/** What a unit's 考核 score was raised or lowered for. */
export const SCORE_EVENT_LABELS = {
  on_time_completion: '按期销号',
  overdue: '逾期',
  missing_report: '未按期报送',
  completion_returned: '销号退回',
  extension_beyond: '超次数延期',
} as const;

/** A target's comparator, as in “不低于 15座”. */
export const COMPARATOR_LABELS = { at_least: '不低于', at_most: '不高于', about: '左右' } as const;
