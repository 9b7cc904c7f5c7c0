import { Button, DatePicker, Form, Input, InputNumber, Modal, Space, message } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { client, ok, type EvidenceFile, type Target, type Task } from '../api';
import { useIsPhone } from '../hooks';
import { targetText } from '../labels';
import { AcknowledgeButton } from './AcknowledgeButton';
import { EvidenceUpload } from './Evidence';

type Kind = 'progress' | 'completion' | 'extension';
const TITLES: Record<Kind, string> = { progress: '报送进度', completion: '申请销号', extension: '申请延期' };
/** The fields of the three forms; each form shows its own. */
interface ActionForm {
  summary: string;
  percent?: number;
  actuals?: Record<string, number | null | undefined>;
  problems?: string;
  nextSteps?: string;
  dueDate: Dayjs;
  reason: string;
  evidence?: EvidenceFile[];
}

/** A unit user's writes on one task: 签收 (one click), a progress report, a 销号 request, a 延期 request — each a small form. */
export function TaskActions({ task, onDone }: { task: Task; onDone: () => void }) {
  const [open, setOpen] = useState<Kind | null>(null);
  const [busy, setBusy] = useState(false);
  const [targets, setTargets] = useState<Target[]>([]);
  const [form] = Form.useForm<ActionForm>();
  // Touch-sized buttons and full-width fields on a phone.
  const phone = useIsPhone();
  const size = phone ? 'large' : 'small';
  const fieldWidth = (desktop: number) => ({ width: phone ? '100%' : desktop });
  const open_ = (kind: Kind) => {
    form.resetFields();
    setOpen(kind);
    if (kind === 'progress') void ok(client.GET('/api/tasks/{id}/targets', { params: { path: { id: task.id } } })).then((t) => setTargets(t.targets)).catch(() => setTargets([]));
  };
  const actualValues: Record<string, number | null | undefined> = Form.useWatch('actuals', form) ?? {};
  // A quantity target's actual sets the percent on the server (actual ÷ target); the field is then not needed.
  const percentFollows = targets.some((t) => !t.rate && t.comparator !== 'at_most' && typeof actualValues[t.id] === 'number');
  const submit = async () => {
    const values = await form.validateFields();
    const evidenceIds = (values.evidence ?? []).map((f) => f.id);
    const evidence = evidenceIds.length > 0 ? { evidenceIds } : {};
    setBusy(true);
    try {
      if (open === 'progress') {
        const actuals = targets.flatMap((t) => {
          const value = values.actuals?.[t.id];
          return typeof value === 'number' ? [{ targetId: t.id, value }] : [];
        });
        const body = {
          summary: values.summary,
          ...(typeof values.percent === 'number' ? { percent: values.percent } : {}),
          ...(actuals.length > 0 ? { actuals } : {}),
          ...(values.problems ? { problems: values.problems } : {}),
          ...(values.nextSteps ? { nextSteps: values.nextSteps } : {}),
          ...evidence,
        };
        await ok(client.POST('/api/tasks/{id}/progress', { params: { path: { id: task.id } }, body }));
        message.success('进度已报送');
      } else if (open === 'completion') {
        await ok(client.POST('/api/tasks/{id}/completion-request', { params: { path: { id: task.id } }, body: { summary: values.summary, ...evidence } }));
        message.success('销号申请已提交，等待督查室审核');
      } else if (open === 'extension') {
        const body = { dueDate: values.dueDate.format('YYYY-MM-DD'), reason: values.reason, ...evidence };
        await ok(client.POST('/api/tasks/{id}/extension-requests', { params: { path: { id: task.id } }, body }));
        message.success('延期申请已提交');
      }
      setOpen(null);
      onDone();
    } catch {
      // shown by ok()
    } finally {
      setBusy(false);
    }
  };
  const closed = ['completed', 'suspended', 'cancelled'].includes(task.status);
  return (
    <>
      <Space size="small" wrap>
        <AcknowledgeButton task={task} onDone={onDone} size={size} />
        <Button size={size} type="primary" disabled={closed} onClick={() => open_('progress')}>
          报送进度
        </Button>
        <Button size={size} disabled={closed || task.status === 'completion_requested'} onClick={() => open_('completion')}>
          申请销号
        </Button>
        <Button size={size} disabled={closed} onClick={() => open_('extension')}>
          申请延期
        </Button>
      </Space>
      <Modal
        title={open ? `${TITLES[open]} — 第${task.number}项` : ''}
        open={open !== null}
        onOk={submit}
        okText="提交"
        cancelText="取消"
        confirmLoading={busy}
        okButtonProps={{ size: phone ? 'large' : 'middle' }}
        cancelButtonProps={{ size: phone ? 'large' : 'middle' }}
        width={phone ? '100%' : undefined}
        style={phone ? { top: 8 } : undefined}
        onCancel={() => setOpen(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={submit}>
          {open === 'progress' && (
            <>
              <Form.Item name="summary" label="工作进展" rules={[{ required: true, whitespace: true, message: '请填写工作进展' }]}>
                <Input.TextArea rows={4} maxLength={4000} showCount autoFocus />
              </Form.Item>
              {targets.map((t) => (
                <Form.Item
                  key={t.id}
                  name={['actuals', t.id]}
                  label={`${t.metric}：目标 ${targetText(t)}，${t.rate ? '本期实际' : '累计完成'}（${t.unit}）`}
                  extra={t.latestActual ? `上次报送 ${t.latestActual.value}${t.unit}（${t.latestActual.period}）` : undefined}
                >
                  <InputNumber aria-label={`${t.metric}实际值`} style={fieldWidth(200)} />
                </Form.Item>
              ))}
              <Form.Item
                name="percent"
                label="完成进度（%）"
                extra={percentFollows ? '已按数量指标的实际值自动计算（实际 ÷ 目标）' : undefined}
                rules={[
                  { required: !percentFollows, message: '请填写完成进度' },
                  { type: 'number', min: 0, max: 100, message: '完成进度须在 0 到 100 之间' },
                ]}
              >
                <InputNumber min={0} max={100} precision={0} style={fieldWidth(160)} disabled={percentFollows} />
              </Form.Item>
              <Form.Item name="problems" label="存在问题">
                <Input.TextArea rows={2} />
              </Form.Item>
              <Form.Item name="nextSteps" label="下步计划">
                <Input.TextArea rows={2} />
              </Form.Item>
            </>
          )}
          {open === 'completion' && (
            <Form.Item name="summary" label="完成情况" rules={[{ required: true, whitespace: true, message: '请填写完成情况' }]}>
              <Input.TextArea rows={4} autoFocus />
            </Form.Item>
          )}
          {open === 'extension' && (
            <>
              <Form.Item
                name="dueDate"
                label="申请延期至"
                rules={[
                  { required: true, message: '请选择新的完成时限' },
                  {
                    validator: (_r, value: Dayjs | undefined) =>
                      !value || value.isAfter(dayjs(task.dueDate), 'day')
                        ? Promise.resolve()
                        : Promise.reject(new Error(`新的完成时限须晚于原时限 ${task.dueDate}`)),
                  },
                ]}
              >
                <DatePicker style={phone ? { width: '100%' } : undefined} />
              </Form.Item>
              <Form.Item name="reason" label="延期理由" rules={[{ required: true, whitespace: true, message: '请填写延期理由' }]}>
                <Input.TextArea rows={3} />
              </Form.Item>
            </>
          )}
          {open && (
            <Form.Item name="evidence" label="佐证材料" extra="可上传现场照片、PDF、Word、Excel；提交后不可删除，如需更正请重新报送">
              <EvidenceUpload taskId={task.id} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
