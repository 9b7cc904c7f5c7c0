import { Button, Card, DatePicker, Descriptions, Form, InputNumber, Modal, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { api, download, query } from '../api';
import { useAuth } from '../auth';
import { useAsOf, usePlans } from '../hooks';
import { PlanSelect } from './PlanSelect';

const EVENT_LABELS: Record<string, string> = {
  on_time_completion: '按期销号',
  overdue: '逾期',
  missing_report: '未按期报送',
  completion_returned: '销号退回',
  extension_beyond: '超次数延期',
};

/** The 考核 scores as of a day, each with the events behind it; supervisors edit the plan's rules here. */
export function ScoresPage() {
  const { user } = useAuth();
  const { plans, planId, setPlanId } = usePlans();
  const [asOf, setAsOf] = useAsOf();
  const [view, setView] = useState<any>();
  const [rules, setRules] = useState<any>();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm();
  const day = asOf?.format('YYYY-MM-DD');
  const load = () => {
    if (!planId || !day) return;
    void api('GET', `/api/supervision/scores${query({ planId, asOf: day })}`).then(setView).catch(() => undefined);
    void api('GET', `/api/plans/${planId}/scoring-rules`).then(setRules).catch(() => undefined);
  };
  useEffect(load, [planId, day]);
  const save = async () => {
    const values = await form.validateFields();
    try {
      await api('PUT', `/api/plans/${planId}/scoring-rules`, values);
      setEditing(false);
      load();
    } catch {
      // shown by api()
    }
  };
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={`考核得分（截至 ${view?.asOf ?? '—'}）`}
        extra={
          <Space>
            <PlanSelect plans={plans} value={planId} onChange={setPlanId} />
            <DatePicker aria-label="截至日期" value={asOf} allowClear={false} onChange={(d) => d && setAsOf(d)} />
            <Button disabled={!planId} onClick={() => void download(`/api/supervision/scores.xlsx${query({ planId, asOf: day })}`, '考核得分.xlsx')}>
              导出得分（Excel）
            </Button>
          </Space>
        }
      >
        <Table
          rowKey={(r: any) => r.unit.id}
          size="small"
          loading={!view}
          dataSource={view?.items ?? []}
          pagination={{ pageSize: 20 }}
          expandable={{
            rowExpandable: (r: any) => r.events.length > 0,
            expandedRowRender: (r: any) => (
              <Table
                rowKey={(e: any) => `${e.kind}-${e.taskNumber}-${e.detail}`}
                size="small"
                pagination={false}
                dataSource={r.events}
                columns={[
                  { title: '事项', dataIndex: 'kind', width: 110, render: (k: string) => EVENT_LABELS[k] ?? k },
                  { title: '说明', dataIndex: 'detail' },
                  { title: '分值', dataIndex: 'points', width: 80, render: (p: number) => <Tag color={p > 0 ? 'green' : 'red'}>{p > 0 ? `+${p}` : p}</Tag> },
                ]}
              />
            ),
          }}
          columns={[
            { title: '排名', dataIndex: 'rank', width: 60 },
            { title: '单位', render: (_: unknown, r: any) => r.unit.name },
            { title: '得分', dataIndex: 'score', width: 80 },
            { title: '加分', dataIndex: 'bonus', width: 80 },
            { title: '扣分', dataIndex: 'deductions', width: 80 },
            { title: '计分事项', width: 90, render: (_: unknown, r: any) => r.events.length },
          ]}
        />
      </Card>
      <Card
        title={`计分规则${rules?.isDefault ? '（默认）' : ''}`}
        extra={
          user?.role === 'supervisor' && (
            <Button
              onClick={() => {
                form.setFieldsValue(rules?.rules);
                setEditing(true);
              }}
            >
              修改规则
            </Button>
          )
        }
      >
        <Descriptions column={2} size="small" bordered>
          {rules &&
            Object.entries(rules.labels as Record<string, string>).map(([key, label]) => (
              <Descriptions.Item key={key} label={label}>
                {rules.rules[key]}
              </Descriptions.Item>
            ))}
        </Descriptions>
      </Card>
      <Modal title="修改计分规则" open={editing} onOk={save} okText="保存" cancelText="取消" onCancel={() => setEditing(false)} destroyOnHidden>
        <Form form={form} layout="vertical">
          {rules &&
            Object.entries(rules.labels as Record<string, string>).map(([key, label]) => (
              <Form.Item key={key} name={key} label={label} rules={[{ required: true, message: `请填写${label}` }]}>
                <InputNumber min={0} step={key === 'extensionsAllowed' ? 1 : 0.5} precision={key === 'extensionsAllowed' ? 0 : 2} style={{ width: 160 }} />
              </Form.Item>
            ))}
        </Form>
      </Modal>
    </Space>
  );
}
