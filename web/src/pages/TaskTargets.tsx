import { Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { client, ok, type Schemas, type Target, type TaskTargets } from '../api';
import { COMPARATOR_LABELS, targetText } from '../labels';

type TargetInput = Schemas['TargetInputDto'];

/** A task's quantitative targets with the latest actual of each; a supervisor corrects them here. */
export function TaskTargetsCard({ taskId, supervisor, refreshKey }: { taskId: string; supervisor: boolean; refreshKey?: unknown }) {
  const [data, setData] = useState<TaskTargets>();
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ targets?: TargetInput[] }>();
  const load = () => ok(client.GET('/api/tasks/{id}/targets', { params: { path: { id: taskId } } })).then(setData);
  useEffect(() => {
    void load().catch(() => undefined);
  }, [taskId, refreshKey]);

  const save = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      const body = {
        version: data?.version,
        targets: (values.targets ?? []).map((t) => ({ ...(t.id ? { id: t.id } : {}), metric: t.metric, comparator: t.comparator, value: t.value, unit: t.unit })),
      };
      const next = await ok(client.PUT('/api/tasks/{id}/targets', { params: { path: { id: taskId } }, body }));
      setData(next);
      setEditing(false);
    } catch {
      // shown by ok()
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title="指标目标"
      extra={
        supervisor && (
          <Button
            size="small"
            onClick={() => {
              form.setFieldsValue({ targets: data?.targets.map(({ id, metric, comparator, value, unit }) => ({ id, metric, comparator, value, unit })) });
              setEditing(true);
            }}
          >
            修改指标
          </Button>
        )
      }
    >
      <Table<Target>
        rowKey="id"
        size="small"
        pagination={false}
        loading={!data}
        dataSource={data?.targets ?? []}
        locale={{ emptyText: '未从任务内容中识别出量化指标' }}
        columns={[
          { title: '指标', dataIndex: 'metric' },
          { title: '目标', render: (_: unknown, t) => targetText(t) },
          {
            title: '最新实际',
            render: (_: unknown, t) => (t.latestActual ? `${t.latestActual.value}${t.unit}（${t.latestActual.period}，${t.latestActual.unitName}）` : '—'),
          },
          { title: '原文', dataIndex: 'sourceText', render: (v: string | null) => <Typography.Text type="secondary">{v ?? '—'}</Typography.Text> },
          { title: '', width: 90, render: (_: unknown, t) => (t.editedBySupervisor ? <Tag>督查室设定</Tag> : null) },
        ]}
      />
      <Modal title="修改指标目标" open={editing} onOk={save} okText="保存" cancelText="取消" confirmLoading={busy} onCancel={() => setEditing(false)} width={760} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.List name="targets">
            {(fields, { add, remove }) => (
              <Space direction="vertical" style={{ width: '100%' }}>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline">
                    <Form.Item name={[field.name, 'id']} hidden>
                      <Input />
                    </Form.Item>
                    <Form.Item name={[field.name, 'metric']} rules={[{ required: true, whitespace: true, message: '请填写指标名称' }]}>
                      <Input placeholder="指标，如 城市书房" style={{ width: 220 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'comparator']} initialValue="at_least">
                      <Select style={{ width: 100 }} options={Object.entries(COMPARATOR_LABELS).map(([value, label]) => ({ value, label }))} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'value']} rules={[{ required: true, message: '请填写目标值' }]}>
                      <InputNumber placeholder="目标值" style={{ width: 120 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'unit']} rules={[{ required: true, whitespace: true, message: '请填写单位' }]}>
                      <Input placeholder="单位，如 座、%" style={{ width: 110 }} />
                    </Form.Item>
                    <Button size="small" danger onClick={() => remove(field.name)}>
                      删除
                    </Button>
                  </Space>
                ))}
                <Button onClick={() => add({ comparator: 'at_least' })}>添加指标</Button>
              </Space>
            )}
          </Form.List>
        </Form>
      </Modal>
    </Card>
  );
}
