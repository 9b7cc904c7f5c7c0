import { Button, DatePicker, Form, Input, Modal, Select, message } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { client, ok, type NamedRef, type Schemas } from '../api';
import { ASSIGNMENT_LABELS, SOURCE_LABELS } from '../labels';

interface NewTaskForm {
  content: string;
  dueDate: Dayjs;
  lead?: string[];
  responsible?: string[];
  cooperating?: string[];
  sourceKind: Schemas['TaskSourceInputDto']['kind'];
  documentNumber?: string;
  sourceDate?: Dayjs;
}

/** 新增任务: a supervisor adds a task by hand (领导批示, 会议议定事项, 建议提案…) to the plan; it is numbered after the last. */
export function NewTaskButton({ planId, units, onCreated }: { planId: string; units: NamedRef[]; onCreated: () => void }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<NewTaskForm>();
  const navigate = useNavigate();
  const unitOptions = units.map((u) => ({ value: u.id, label: u.name }));
  const unitPicker = (role: 'lead' | 'responsible' | 'cooperating') => (
    <Select mode="multiple" allowClear showSearch={{ optionFilterProp: 'label' }} options={unitOptions} placeholder={`选择${ASSIGNMENT_LABELS[role]}`} />
  );
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const body = {
        content: v.content,
        dueDate: v.dueDate.format('YYYY-MM-DD'),
        units: { lead: v.lead ?? [], responsible: v.responsible ?? [], cooperating: v.cooperating ?? [] },
        source: {
          kind: v.sourceKind,
          ...(v.documentNumber?.trim() ? { documentNumber: v.documentNumber.trim() } : {}),
          ...(v.sourceDate ? { date: v.sourceDate.format('YYYY-MM-DD') } : {}),
        },
      };
      const task = await ok(client.POST('/api/plans/{id}/tasks', { params: { path: { id: planId } }, body }));
      message.success(`已新增第${task.number}项任务`);
      setOpen(false);
      onCreated();
      navigate(`/tasks/${task.id}`);
    } catch {
      // shown by ok()
    } finally {
      setBusy(false);
    }
  };
  const needsUnit = ({ getFieldValue }: { getFieldValue: (name: string) => string[] | undefined }) => ({
    validator: () =>
      (getFieldValue('lead')?.length ?? 0) + (getFieldValue('responsible')?.length ?? 0) > 0
        ? Promise.resolve()
        : Promise.reject(new Error('请至少选择一个牵头单位或责任单位')),
  });
  return (
    <>
      <Button type="primary" onClick={() => (form.resetFields(), setOpen(true))}>
        新增任务
      </Button>
      <Modal
        title="新增任务"
        open={open}
        okText="保存"
        cancelText="取消"
        confirmLoading={busy}
        onOk={submit}
        onCancel={() => setOpen(false)}
        destroyOnHidden
        width={640}
      >
        <Form form={form} layout="vertical" initialValues={{ sourceKind: 'instruction' }}>
          <Form.Item name="content" label="任务内容" rules={[{ required: true, whitespace: true, message: '请填写任务内容' }]}>
            <Input.TextArea rows={4} maxLength={5000} showCount />
          </Form.Item>
          <Form.Item name="dueDate" label="完成时限" rules={[{ required: true, message: '请选择完成时限' }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="lead" label="牵头单位" dependencies={['responsible']} rules={[needsUnit]}>
            {unitPicker('lead')}
          </Form.Item>
          <Form.Item name="responsible" label="责任单位" dependencies={['lead']} rules={[needsUnit]}>
            {unitPicker('responsible')}
          </Form.Item>
          <Form.Item name="cooperating" label="配合单位">
            {unitPicker('cooperating')}
          </Form.Item>
          <Form.Item name="sourceKind" label="任务来源" rules={[{ required: true, message: '请选择任务来源' }]}>
            <Select options={Object.entries(SOURCE_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="documentNumber" label="文号" rules={[{ max: 100, message: '文号不超过 100 个字' }]}>
            <Input placeholder="如：济政阅〔2021〕8号" />
          </Form.Item>
          <Form.Item name="sourceDate" label="批示或会议日期">
            <DatePicker />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
