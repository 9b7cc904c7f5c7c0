import { Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';

export const ROLE_LABELS: Record<string, string> = {
  admin: '系统管理员',
  supervisor: '督查室',
  leader: '领导',
  unit_user: '单位用户',
};
export const STATUS_LABELS: Record<string, string> = {
  not_started: '未开始',
  in_progress: '推进中',
  completion_requested: '申请销号',
  completed: '已办结',
  suspended: '暂缓',
  cancelled: '已撤销',
};
export const STATUS_COLORS: Record<string, string> = {
  not_started: 'default',
  in_progress: 'processing',
  completion_requested: 'warning',
  completed: 'success',
  suspended: 'default',
  cancelled: 'default',
};
export const ASSIGNMENT_LABELS: Record<string, string> = { lead: '牵头单位', responsible: '责任单位', cooperating: '配合单位' };
export const LIGHT_LABELS: Record<string, string> = { red: '红灯', yellow: '黄灯', green: '绿灯', grey: '灰灯' };
const LIGHT_COLORS: Record<string, string> = { red: 'red', yellow: 'gold', green: 'green', grey: 'default' };
export const COMPARATOR_LABELS: Record<string, string> = { at_least: '不低于', at_most: '不高于', about: '左右' };

/** "不低于 15座", as the targets are written back to a reader. */
export function targetText(t: { comparator: string; value: number; unit: string }): string {
  return `${COMPARATOR_LABELS[t.comparator] ?? t.comparator} ${t.value}${t.unit}`;
}
export const REMINDER_KINDS: Record<string, string> = {
  due_soon: '临期提醒',
  report_missing: '未报送提醒',
  overdue: '逾期催办',
  escalation: '督办',
  urge: '催办',
  unacknowledged: '签收提醒',
};
export const ACKNOWLEDGED_VIA: Record<string, string> = { acknowledge: '签收', progress: '报送进展即签收', completion_request: '申请销号即签收' };
export const DELIVERY_STATUS: Record<string, string> = { pending: '待发送', sent: '已发送', failed: '失败' };
export const CHANNELS: Record<string, string> = { inbox: '站内', email: '邮件', webhook: 'Webhook' };

export function LightTag({ light, title }: { light: string | null | undefined; title?: string }) {
  if (!light) return <Tag>—</Tag>;
  return (
    <Tag color={LIGHT_COLORS[light]} title={title} data-light={light}>
      {LIGHT_LABELS[light] ?? light}
    </Tag>
  );
}

/** The light with the server's reasons on hover, as task tables show it. */
export function LightWithReasons({ light, reasons }: { light: string; reasons: string[] }) {
  return (
    <Tooltip title={reasons.join('；')}>
      <span>
        <LightTag light={light} />
      </span>
    </Tooltip>
  );
}

export function StatusTag({ status }: { status: string }) {
  return <Tag color={STATUS_COLORS[status]}>{STATUS_LABELS[status] ?? status}</Tag>;
}

export function units(refs: { name: string }[]): string {
  return refs.map((r) => r.name).join('、') || '—';
}

export function dateTime(value: string | null | undefined): string {
  return value ? dayjs(value).format('YYYY-MM-DD HH:mm') : '—';
}
