import { Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import {
  ACKNOWLEDGED_VIA_LABELS,
  ASSIGNMENT_ROLE_LABELS,
  CHANNEL_LABELS,
  COMPARATOR_LABELS,
  DELIVERY_STATUS_LABELS,
  EXTENSION_STATUS_LABELS,
  LIGHT_LABELS,
  REMINDER_KIND_LABELS,
  ROLE_LABELS,
  SCORE_EVENT_LABELS,
  SOURCE_KIND_LABELS,
  TASK_STATUS_LABELS,
  UNIT_KIND_LABELS,
} from '../../src/meta/labels';

// The words for the API's codes are the server's own (src/meta/labels.ts), so the pages say what the exports say.

export {
  ACKNOWLEDGED_VIA_LABELS as ACKNOWLEDGED_VIA,
  ASSIGNMENT_ROLE_LABELS as ASSIGNMENT_LABELS,
  CHANNEL_LABELS as CHANNELS,
  COMPARATOR_LABELS,
  DELIVERY_STATUS_LABELS as DELIVERY_STATUS,
  EXTENSION_STATUS_LABELS,
  LIGHT_LABELS,
  REMINDER_KIND_LABELS as REMINDER_KINDS,
  ROLE_LABELS,
  SCORE_EVENT_LABELS,
  SOURCE_KIND_LABELS as SOURCE_LABELS,
  TASK_STATUS_LABELS as STATUS_LABELS,
  UNIT_KIND_LABELS,
};

type Status = keyof typeof TASK_STATUS_LABELS;
type Light = keyof typeof LIGHT_LABELS;
const STATUS_COLORS: Record<Status, string> = {
  not_started: 'default',
  in_progress: 'processing',
  completion_requested: 'warning',
  completed: 'success',
  suspended: 'default',
  cancelled: 'default',
};
const LIGHT_COLORS: Record<Light, string> = { red: 'red', yellow: 'gold', green: 'green', grey: 'default' };

/** "不低于 15座", as the targets are written back to a reader. */
export function targetText(t: { comparator: keyof typeof COMPARATOR_LABELS; value: number; unit: string }): string {
  return `${COMPARATOR_LABELS[t.comparator]} ${t.value}${t.unit}`;
}

export function LightTag({ light, title }: { light: Light | null | undefined; title?: string }) {
  if (!light) return <Tag>—</Tag>;
  return (
    <Tag color={LIGHT_COLORS[light]} title={title} data-light={light}>
      {LIGHT_LABELS[light]}
    </Tag>
  );
}

/** The light with the server's reasons on hover, as task tables show it. */
export function LightWithReasons({ light, reasons }: { light: Light; reasons: string[] }) {
  return (
    <Tooltip title={reasons.join('；')}>
      <span>
        <LightTag light={light} />
      </span>
    </Tooltip>
  );
}

export function StatusTag({ status }: { status: Status }) {
  return <Tag color={STATUS_COLORS[status]}>{TASK_STATUS_LABELS[status]}</Tag>;
}

export function units(refs: { name: string }[]): string {
  return refs.map((r) => r.name).join('、') || '—';
}

export function dateTime(value: string | null | undefined): string {
  return value ? dayjs(value).format('YYYY-MM-DD HH:mm') : '—';
}
