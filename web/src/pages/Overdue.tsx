import { Alert, Button, Card, DatePicker, Form, Input, Modal, Space, Table, Tabs, Tag, Tooltip, message } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { client, ok, type Schemas } from '../api';
import { useAuth } from '../auth';
import { useOrganization } from '../organization';
import { useAsOf, usePlans } from '../hooks';
import { LightTag, StatusTag, units } from '../labels';
import { PlanSelect } from './PlanSelect';
import { UnacknowledgedTab } from './Unacknowledged';

type OverdueItem = Schemas['OverdueItemDto'];

/** Overdue and behind-schedule tasks as of a day (the flagged subset only), with one-click 催办; and the 未签收 tab. */
export function OverduePage() {
  const { user } = useAuth();
  // A descendant organization's data is read-only here.
  const supervisor = user?.role === 'supervisor' && !useOrganization().readOnly;
  const { plans, planId, setPlanId } = usePlans();
  const [asOf, setAsOf] = useAsOf();
  const [view, setView] = useState<Schemas['OverdueViewDto']>();
  const [escalateAfter, setEscalateAfter] = useState(10);
  const [urging, setUrging] = useState<OverdueItem | null>(null);
  const [form] = Form.useForm<{ message: string }>();
  useEffect(() => {
    if (!planId || !asOf) return;
    void ok(client.GET('/api/supervision/overdue', { params: { query: { planId, asOf: asOf.format('YYYY-MM-DD') } } })).then(setView).catch(() => undefined);
    void ok(client.GET('/api/reminder-policy', { params: { query: { planId } } }))
      .then((p) => setEscalateAfter(p.escalateAfterWorkdays ?? 10))
      .catch(() => undefined);
  }, [planId, asOf]);
  const level = (item: OverdueItem) => {
    if (!item.flags.overdue) return <Tag color="gold">进度滞后</Tag>;
    const days = item.workdaysOverdue ?? item.daysOverdue;
    return days >= escalateAfter ? <Tag color="red">二级（督办）</Tag> : <Tag color="orange">一级（催办）</Tag>;
  };
  const urge = async () => {
    const v = await form.validateFields();
    if (!urging) return;
    try {
      await ok(client.POST('/api/tasks/{id}/urge', { params: { path: { id: urging.task.id } }, body: { message: v.message } }));
      message.success('催办已发送');
      setUrging(null);
    } catch {
      // shown by ok()
    }
  };
  return (
    <Card
      title="逾期督办"
      extra={
        <Space>
          <PlanSelect plans={plans} value={planId} onChange={setPlanId} />
          <DatePicker aria-label="截至日期" value={asOf} allowClear={false} onChange={(d) => d && setAsOf(d)} />
        </Space>
      }
    >
      <Tabs
        items={[
          {
            key: 'overdue',
            label: '逾期/滞后',
            children: (
              <>
                {view?.warnings.map((w) => <Alert key={w} type="warning" showIcon title={w} style={{ marginBottom: 8 }} />)}
                <Table<OverdueItem>
                  rowKey={(r) => r.task.id}
                  size="middle"
                  dataSource={view?.items}
                  loading={!view}
                  pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 项` }}
                  columns={[
                    { title: '序号', width: 70, render: (_: unknown, r: OverdueItem) => r.task.number },
                    {
                      title: '任务内容',
                      render: (_: unknown, r: OverdueItem) => (
                        <Link to={`/tasks/${r.task.id}`}>{r.task.content.length > 60 ? `${r.task.content.slice(0, 60)}…` : r.task.content}</Link>
                      ),
                    },
                    { title: '牵头单位', width: 160, render: (_: unknown, r: OverdueItem) => units(r.task.lead.length ? r.task.lead : r.task.responsible) },
                    { title: '完成时限', dataIndex: 'dueDate', width: 110 },
                    { title: '状态', dataIndex: 'status', width: 100, render: (s: OverdueItem['status']) => <StatusTag status={s} /> },
                    {
                      title: '逾期',
                      width: 120,
                      render: (_: unknown, r: OverdueItem) => (r.flags.overdue ? `${r.daysOverdue}天（${r.workdaysOverdue ?? '?'}个工作日）` : '—'),
                    },
                    { title: '进度', width: 110, render: (_: unknown, r: OverdueItem) => `${r.latestPercent ?? 0}% / 序时${r.expectedPercent}%` },
                    {
                      title: '预警',
                      width: 80,
                      render: (_: unknown, r: OverdueItem) => (
                        <Tooltip title={r.reasons.join('；')}>
                          <span>
                            <LightTag light={r.light} />
                          </span>
                        </Tooltip>
                      ),
                    },
                    { title: '督办级别', width: 120, render: (_: unknown, r: OverdueItem) => level(r) },
                    ...(supervisor
                      ? [
                          {
                            title: '操作',
                            width: 80,
                            render: (_: unknown, r: OverdueItem) => (
                              <Button
                                size="small"
                                danger
                                onClick={() => {
                                  form.setFieldsValue({ message: `请抓紧办理第${r.task.number}项任务，${r.reasons.join('，')}。` });
                                  setUrging(r);
                                }}
                              >
                                催办
                              </Button>
                            ),
                          },
                        ]
                      : []),
                  ]}
                />
              </>
            ),
          },
          {
            key: 'unacknowledged',
            label: '未签收',
            children: <UnacknowledgedTab planId={planId} asOf={asOf?.format('YYYY-MM-DD')} />,
          },
        ]}
      />
      <Modal open={!!urging} title={`催办 — 第${urging?.task.number ?? ''}项`} okText="发送" cancelText="取消" onOk={urge} onCancel={() => setUrging(null)}>
        <Form form={form} layout="vertical">
          <Form.Item name="message" label="催办内容" rules={[{ required: true, whitespace: true, message: '请填写催办内容' }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
