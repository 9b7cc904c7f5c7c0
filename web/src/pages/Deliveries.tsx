import { Button, Card, DatePicker, Select, Space, Table, Tag, message } from 'antd';
import { useEffect, useState } from 'react';
import { client, ok, type QueryOf, type Schemas } from '../api';
import { useAuth } from '../auth';
import { useOrganization } from '../organization';
import { CHANNELS, DELIVERY_STATUS, dateTime } from '../labels';
import { serverPagination } from '../pagination';

type Delivery = Schemas['ReminderDeliveryDto'];
type Filters = Pick<QueryOf<'/api/reminder-deliveries'>, 'status' | 'channel' | 'day'>;

/** Reminder digests per unit, channel and day: what was sent, what failed and why, and a retry. */
export function DeliveriesPage() {
  const { user } = useAuth();
  // The organization chosen in the header; a descendant's deliveries are read-only here.
  const { organizationId, readOnly } = useOrganization();
  const supervisor = user?.role === 'supervisor' && !readOnly;
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [data, setData] = useState<Schemas['ReminderDeliveryPageDto']>();
  const load = () =>
    ok(client.GET('/api/reminder-deliveries', { params: { query: { ...filters, ...page, organizationId } } }))
      .then(setData)
      .catch(() => undefined);
  useEffect(() => {
    void load();
  }, [filters, page.page, page.pageSize, organizationId]);
  const retry = async (id: string) => {
    try {
      await ok(client.POST('/api/reminder-deliveries/{id}/retry', { params: { path: { id } } }));
      message.success('已重新排队发送');
      await load();
    } catch {
      // shown by ok()
    }
  };
  const scan = async () => {
    try {
      const r = await ok(client.POST('/api/reminders/scan', { body: {} }));
      message.success(`扫描完成：新提醒 ${r.created ?? 0} 条`);
      await load();
    } catch {
      // shown by ok()
    }
  };
  const set = <K extends keyof Filters>(k: K, v: Filters[K]) => (setFilters((f) => ({ ...f, [k]: v })), setPage((p) => ({ ...p, page: 1 })));
  return (
    <Card title="提醒投递" extra={supervisor && <Button onClick={() => void scan()}>立即扫描提醒</Button>}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label="投递状态"
          allowClear
          placeholder="状态"
          style={{ width: 120 }}
          options={Object.entries(DELIVERY_STATUS).map(([value, label]) => ({ value, label }))}
          onChange={(v) => set('status', v)}
        />
        <Select
          aria-label="渠道"
          allowClear
          placeholder="渠道"
          style={{ width: 120 }}
          options={Object.entries(CHANNELS).map(([value, label]) => ({ value, label }))}
          onChange={(v) => set('channel', v)}
        />
        <DatePicker aria-label="日期" placeholder="日期" onChange={(d) => set('day', d ? d.format('YYYY-MM-DD') : undefined)} />
      </Space>
      <Table<Delivery>
        rowKey="id"
        size="middle"
        dataSource={data?.items}
        pagination={serverPagination(page, data?.total, setPage, '条')}
        locale={{ emptyText: '暂无投递记录' }}
        columns={[
          { title: '日期', dataIndex: 'day', width: 110 },
          { title: '接收方', render: (_: unknown, r) => r.unit?.name ?? (r.audience === 'supervisors' ? '督查室' : r.audience) },
          { title: '渠道', dataIndex: 'channel', width: 90, render: (c: Delivery['channel']) => CHANNELS[c] },
          {
            title: '状态',
            dataIndex: 'status',
            width: 90,
            render: (s: Delivery['status']) => <Tag color={s === 'failed' ? 'red' : s === 'sent' ? 'green' : 'default'}>{DELIVERY_STATUS[s]}</Tag>,
          },
          { title: '提醒数', dataIndex: 'reminderCount', width: 80 },
          { title: '尝试次数', dataIndex: 'attempts', width: 90 },
          { title: '最近错误', dataIndex: 'lastError', render: (e: string | null) => e ?? '—' },
          { title: '发送时间', dataIndex: 'sentAt', width: 150, render: dateTime },
          ...(supervisor
            ? [
                {
                  title: '操作',
                  width: 80,
                  render: (_: unknown, r: Delivery) =>
                    r.status === 'failed' ? (
                      <Button size="small" onClick={() => void retry(r.id)}>
                        重试
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
