import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Form, Input, Modal, Select, Space, Typography, message } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { client, ok, type IncomingTask, type NamedRef, type Plan } from '../api';
import { useIsPhone } from '../hooks';
import { ASSIGNMENT_LABELS } from '../labels';

type AssignmentRole = keyof typeof ASSIGNMENT_LABELS;
const ROLES: AssignmentRole[] = ['lead', 'responsible', 'cooperating'];

interface ChildRow {
  content: string;
  dueDate: Dayjs;
  lead?: string[];
  responsible?: string[];
  cooperating?: string[];
}

interface AcceptForm {
  planId: string;
  tasks: ChildRow[];
}

/**
 * 接收落实: the incoming task becomes one task of an own plan, or several (拆分: one row each), each with its own
 * content and due date (the parent's to start with) and the own organization's units in their roles.
 */
export function AcceptIncomingDialog({ incoming, onClose, onAccepted }: { incoming: IncomingTask; onClose: () => void; onAccepted: () => void }) {
  const [form] = Form.useForm<AcceptForm>();
  const [plans, setPlans] = useState<Plan[]>([]);
  const [units, setUnits] = useState<NamedRef[]>([]);
  const [busy, setBusy] = useState(false);
  const phone = useIsPhone();
  const parent = incoming.parentTask;
  const newRow = (): ChildRow => ({ content: parent.content, dueDate: dayjs(parent.dueDate) });

  // The own organization's plans and units: an accepted task is written there, never into another organization.
  useEffect(() => {
    void ok(client.GET('/api/plans'))
      .then((list) => {
        setPlans(list);
        if (list.length === 1) form.setFieldValue('planId', list[0]!.id);
      })
      .catch(() => undefined);
    void ok(client.GET('/api/units')).then(setUnits).catch(() => undefined);
  }, []);

  const unitOptions = units.map((u) => ({ value: u.id, label: u.name }));
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const body = {
        planId: v.planId,
        tasks: v.tasks.map((row) => ({
          content: row.content.trim(),
          dueDate: row.dueDate.format('YYYY-MM-DD'),
          units: ROLES.flatMap((role) => (row[role] ?? []).map((unitId) => ({ unitId, role }))),
        })),
      };
      const accepted = await ok(client.POST('/api/incoming-tasks/{id}/accept', { params: { path: { id: incoming.id } }, body }));
      message.success(`已接收，落实为本级任务 ${accepted.childTasks.map((c) => `第${c.number}项`).join('、')}`);
      onAccepted();
    } catch {
      // shown by ok()
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={`接收落实 — ${incoming.fromOrganization.name}交办`}
      okText="确认接收"
      cancelText="取消"
      confirmLoading={busy}
      onOk={submit}
      onCancel={onClose}
      width={phone ? '100%' : 760}
      style={phone ? { top: 8 } : undefined}
      okButtonProps={{ size: phone ? 'large' : 'middle' }}
      cancelButtonProps={{ size: phone ? 'large' : 'middle' }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        上级任务：{parent.planTitle} 第{parent.number}项（完成时限 {parent.dueDate}）
        <br />
        {parent.content}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ tasks: [newRow()] }}>
        <Form.Item name="planId" label="落实到本级计划" rules={[{ required: true, message: '请选择本级计划' }]}>
          <Select placeholder="选择计划" options={plans.map((p) => ({ value: p.id, label: p.title }))} />
        </Form.Item>
        <Form.List name="tasks">
          {(rows, { add, remove }) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              {rows.map((row, index) => (
                <Card
                  key={row.key}
                  size="small"
                  data-testid="child-task-row"
                  title={rows.length > 1 ? `本级任务 ${index + 1}` : '本级任务'}
                  extra={
                    rows.length > 1 && (
                      <Button type="text" danger icon={<DeleteOutlined />} aria-label={`删除本级任务 ${index + 1}`} onClick={() => remove(row.name)} />
                    )
                  }
                >
                  <Form.Item name={[row.name, 'content']} label="任务内容" rules={[{ required: true, whitespace: true, message: '请填写任务内容' }]}>
                    <Input.TextArea rows={3} maxLength={5000} />
                  </Form.Item>
                  <Form.Item name={[row.name, 'dueDate']} label="完成时限" rules={[{ required: true, message: '请选择完成时限' }]}>
                    <DatePicker style={phone ? { width: '100%' } : undefined} />
                  </Form.Item>
                  {ROLES.map((role) => (
                    <Form.Item
                      key={role}
                      name={[row.name, role]}
                      label={ASSIGNMENT_LABELS[role]}
                      dependencies={role === 'cooperating' ? [] : [['tasks', row.name, role === 'lead' ? 'responsible' : 'lead']]}
                      rules={
                        role === 'cooperating'
                          ? []
                          : [
                              ({ getFieldValue }) => ({
                                validator: () =>
                                  (getFieldValue(['tasks', row.name, 'lead'])?.length ?? 0) + (getFieldValue(['tasks', row.name, 'responsible'])?.length ?? 0) > 0
                                    ? Promise.resolve()
                                    : Promise.reject(new Error('请至少选择一个牵头单位或责任单位')),
                              }),
                            ]
                      }
                    >
                      <Select mode="multiple" allowClear showSearch={{ optionFilterProp: 'label' }} options={unitOptions} placeholder={`选择${ASSIGNMENT_LABELS[role]}`} />
                    </Form.Item>
                  ))}
                </Card>
              ))}
              <Button icon={<PlusOutlined />} block onClick={() => add(newRow())}>
                拆分：再增加一项本级任务
              </Button>
            </Space>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
