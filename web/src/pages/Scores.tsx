import { Button, Card, DatePicker, Descriptions, Form, InputNumber, Modal, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { client, download, ok, query, type Schemas } from '../api';
import { useAuth } from '../auth';
import { useOrganization } from '../organization';
import { useAsOf, usePlans } from '../hooks';
import { SCORE_EVENT_LABELS } from '../labels';
import { PlanSelect } from './PlanSelect';

type UnitScore = Schemas['UnitScoreDto'];
type ScoreEvent = Schemas['ScoreEventDto'];
type Rules = Schemas['ScoringRulesDto'];

/** Each rule with the words the server gives it, in the server's order. */
const ruleLabels = (rules: Schemas['PlanScoringRulesDto']) =>
  Object.entries(rules.labels).filter((entry): entry is [keyof Rules, string] => entry[0] in rules.rules);

/** The 考核 scores as of a day, each with the events behind it; supervisors edit the plan's rules here. */
export function ScoresPage() {
  const { user } = useAuth();
  // A descendant organization's data is read-only here.
  const supervisor = user?.role === 'supervisor' && !useOrganization().readOnly;
  const { plans, planId, setPlanId } = usePlans();
  const [asOf, setAsOf] = useAsOf();
  const [view, setView] = useState<Schemas['ScoresViewDto']>();
  const [rules, setRules] = useState<Schemas['PlanScoringRulesDto']>();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<Rules>();
  const day = asOf?.format('YYYY-MM-DD');
  const load = () => {
    if (!planId || !day) return;
    void ok(client.GET('/api/supervision/scores', { params: { query: { planId, asOf: day } } })).then(setView).catch(() => undefined);
    void ok(client.GET('/api/plans/{id}/scoring-rules', { params: { path: { id: planId } } })).then(setRules).catch(() => undefined);
  };
  useEffect(load, [planId, day]);
  const save = async () => {
    const values = await form.validateFields();
    if (!planId) return;
    try {
      await ok(client.PUT('/api/plans/{id}/scoring-rules', { params: { path: { id: planId } }, body: values }));
      setEditing(false);
      load();
    } catch {
      // shown by ok()
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
        <Table<UnitScore>
          rowKey={(r) => r.unit.id}
          size="small"
          loading={!view}
          dataSource={view?.items ?? []}
          pagination={{ pageSize: 20 }}
          expandable={{
            rowExpandable: (r) => r.events.length > 0,
            expandedRowRender: (r) => (
              <Table<ScoreEvent>
                rowKey={(e) => `${e.kind}-${e.taskNumber}-${e.detail}`}
                size="small"
                pagination={false}
                dataSource={r.events}
                columns={[
                  { title: '事项', dataIndex: 'kind', width: 110, render: (k: ScoreEvent['kind']) => SCORE_EVENT_LABELS[k] },
                  { title: '说明', dataIndex: 'detail' },
                  { title: '分值', dataIndex: 'points', width: 80, render: (p: number) => <Tag color={p > 0 ? 'green' : 'red'}>{p > 0 ? `+${p}` : p}</Tag> },
                ]}
              />
            ),
          }}
          columns={[
            { title: '排名', dataIndex: 'rank', width: 60 },
            { title: '单位', render: (_: unknown, r) => r.unit.name },
            { title: '得分', dataIndex: 'score', width: 80 },
            { title: '加分', dataIndex: 'bonus', width: 80 },
            { title: '扣分', dataIndex: 'deductions', width: 80 },
            { title: '计分事项', width: 90, render: (_: unknown, r) => r.events.length },
          ]}
        />
      </Card>
      <Card
        title={`计分规则${rules?.isDefault ? '（默认）' : ''}`}
        extra={
          supervisor && (
            <Button
              onClick={() => {
                if (rules) form.setFieldsValue(rules.rules);
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
            ruleLabels(rules).map(([key, label]) => (
              <Descriptions.Item key={key} label={label}>
                {rules.rules[key]}
              </Descriptions.Item>
            ))}
        </Descriptions>
      </Card>
      <Modal title="修改计分规则" open={editing} onOk={save} okText="保存" cancelText="取消" onCancel={() => setEditing(false)} destroyOnHidden>
        <Form form={form} layout="vertical">
          {rules &&
            ruleLabels(rules).map(([key, label]) => (
              <Form.Item key={key} name={key} label={label} rules={[{ required: true, message: `请填写${label}` }]}>
                <InputNumber min={0} step={key === 'extensionsAllowed' ? 1 : 0.5} precision={key === 'extensionsAllowed' ? 0 : 2} style={{ width: 160 }} />
              </Form.Item>
            ))}
        </Form>
      </Modal>
    </Space>
  );
}
