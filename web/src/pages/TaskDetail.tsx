import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, List, Modal, Radio, Space, Tag, Timeline, Typography, message } from 'antd';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import type { Dayjs } from 'dayjs';
import { client, ok, type EvidenceFile, type Schemas, type TaskDetail } from '../api';
import { useAuth } from '../auth';
import { useIsPhone } from '../hooks';
import { ACKNOWLEDGED_VIA, ASSIGNMENT_LABELS, EXTENSION_STATUS_LABELS, REMINDER_KINDS, SOURCE_LABELS, STATUS_LABELS, StatusTag, dateTime, units } from '../labels';
import { ChildProgressCard } from './ChildProgress';
import { EvidenceList } from './Evidence';
import { TaskActions } from './TaskActions';
import { TaskTargetsCard } from './TaskTargets';

/** The fields of the page's dialogs (审核销号, 催办, 撤销, 添加节点); each shows its own. */
interface DialogForm {
  decision: 'approve' | 'return';
  comment?: string;
  message: string;
  reason: string;
  title: string;
  dueDate: Dayjs;
}

interface Event {
  at: string;
  color: string;
  text: React.ReactNode;
}

/** Audit actions on a task, as the office calls them. */
const AUDIT_ACTIONS: Record<string, string> = {
  'progress.create': '报送进展',
  'task.update': '修改任务',
  'task.create': '新增任务',
  'task.completion_request': '申请销号',
  'task.completion_approve': '批准销号',
  'task.completion_return': '退回销号申请',
  'task.suspended': '暂缓任务',
  'task.cancelled': '撤销任务',
  'task.resumed': '恢复任务',
  'task.urge': '催办',
  'task.acknowledge': '签收',
  'extension.request': '申请延期',
  'extension.approve': '批准延期',
  'extension.reject': '驳回延期',
  'milestone.create': '添加节点',
  'milestone.done': '完成节点',
  'evidence.upload': '上传佐证材料',
  'evidence.delete': '删除未提交的佐证材料',
};

/** History steps that change no status, as the office calls them. */
const HISTORY_ACTIONS: Record<string, string> = {
  created: '新增任务',
  edited: '修改任务',
  extension_requested: '申请延期',
  extension_approved: '批准延期',
  extension_rejected: '驳回延期',
};

export function TaskDetailPage() {
  const { id } = useParams();
  const { user } = useAuth();
  const [task, setTask] = useState<TaskDetail>();
  const [progress, setProgress] = useState<Schemas['ProgressReportDto'][]>([]);
  const [history, setHistory] = useState<Schemas['TaskEventDto'][]>([]);
  const [milestones, setMilestones] = useState<Schemas['MilestoneDto'][]>([]);
  const [extensions, setExtensions] = useState<Schemas['ExtensionRequestDto'][]>([]);
  const [reminders, setReminders] = useState<Schemas['ReminderDto'][]>([]);
  const [audit, setAudit] = useState<Schemas['AuditEventDto'][]>([]);
  const [evidence, setEvidence] = useState<EvidenceFile[]>([]);
  const [dialog, setDialog] = useState<'review' | 'urge' | 'milestone' | 'cancel' | null>(null);
  const [form] = Form.useForm<DialogForm>();
  // A task of a lower organization is read-only here: its plan is not among the user's own organization's plans.
  const [ownTask, setOwnTask] = useState(true);
  const supervisor = user?.role === 'supervisor' && ownTask;
  const phone = useIsPhone();

  const load = async () => {
    if (!id) return;
    const path = { params: { path: { id } } };
    // The audit trail is for the office's staff; others simply do not get that part of the timeline.
    const staff = user?.role === 'admin' || user?.role === 'supervisor';
    const [t, p, h, m, e, r, a, f, ownPlans] = await Promise.all([
      ok(client.GET('/api/tasks/{id}', path)),
      ok(client.GET('/api/tasks/{id}/progress', path)),
      ok(client.GET('/api/tasks/{id}/history', path)),
      ok(client.GET('/api/tasks/{id}/milestones', path)),
      ok(client.GET('/api/tasks/{id}/extension-requests', path)),
      ok(client.GET('/api/reminders', { params: { query: { taskId: id, pageSize: 50 } } }))
        .then((page) => page.items)
        .catch(() => []),
      staff ? ok(client.GET('/api/audit', { params: { query: { entity: 'task', entityId: id, pageSize: 100 } } })).then((page) => page.items) : Promise.resolve([]),
      ok(client.GET('/api/tasks/{id}/evidence', path)),
      user?.role === 'unit_user' ? Promise.resolve(undefined) : ok(client.GET('/api/plans')),
    ]);
    setOwnTask(ownPlans === undefined || ownPlans.some((plan) => plan.id === t.planId));
    setTask(t);
    setProgress(p);
    setHistory(h);
    setMilestones(m);
    setExtensions(e);
    setReminders(r);
    setAudit(a);
    setEvidence(f);
  };
  useEffect(() => {
    void load().catch(() => undefined);
  }, [id]);

  if (!task) return <Card loading />;

  const filesOf = (kind: NonNullable<EvidenceFile['attachedTo']>['kind'], targetId: string) => evidence.filter((f) => f.attachedTo?.kind === kind && f.attachedTo.id === targetId);
  const completionFiles = evidence.filter((f) => f.attachedTo?.kind === 'completion_request');

  const events: Event[] = [
    ...progress.map((p) => ({
      at: p.createdAt,
      color: 'blue',
      text: (
        <>
          <b>进度报送</b>（{p.unit.name}，{p.period}，{p.percent}%）{p.summary}
          {p.actuals.length > 0 && `（实际：${p.actuals.map((a) => `${a.metric} ${a.value}${a.unit}`).join('，')}）`}
          {p.problems ? `；存在问题：${p.problems}` : ''}
          <EvidenceList files={filesOf('progress_report', p.id)} />
        </>
      ),
    })),
    ...(task.acknowledgements ?? []).map((a) => ({
      at: a.acknowledgedAt,
      color: 'green',
      text: (
        <>
          <b>签收</b>（{a.unit.name}
          {a.by ? `，${a.by.displayName}` : ''}）{a.via === 'acknowledge' ? '' : ACKNOWLEDGED_VIA[a.via]}
        </>
      ),
    })),
    ...history.map((h) => ({
      at: h.at,
      color: h.toStatus === 'completed' ? 'green' : 'gray',
      text: (
        <>
          <b>{h.toStatus ? `${h.fromStatus ? STATUS_LABELS[h.fromStatus] : ''} → ${STATUS_LABELS[h.toStatus]}` : (HISTORY_ACTIONS[h.action] ?? h.action)}</b>
          （{h.actor}）{h.comment ?? ''}
          {h.action === 'completion_requested' && (
            // A 销号 request's files are submitted in the same transaction as this step: the same instant.
            <EvidenceList files={completionFiles.filter((f) => f.attachedTo!.at === h.at)} />
          )}
        </>
      ),
    })),
    ...extensions.map((x) => ({
      at: x.requestedAt,
      color: 'orange',
      text: (
        <>
          <b>延期申请</b>（{x.unit.name}）{x.previousDueDate} → {x.requestedDueDate}：{x.reason}{' '}
          <Tag>{EXTENSION_STATUS_LABELS[x.status]}</Tag>
          <EvidenceList files={filesOf('extension_request', x.id)} />
        </>
      ),
    })),
    ...reminders.map((r) => ({
      at: r.createdAt,
      color: 'red',
      text: (
        <>
          <b>{REMINDER_KINDS[r.kind]}</b>（{r.unit?.name ?? '督查室'}）{r.message}
          {r.readAt ? <Tag color="green">已读</Tag> : <Tag>未读</Tag>}
        </>
      ),
    })),
    ...audit.map((e) => ({
      at: e.at,
      color: 'purple',
      text: (
        <>
          <b>审计记录</b>（{e.actorUsername}）{AUDIT_ACTIONS[e.action] ?? e.action}
        </>
      ),
    })),
  ].sort((a, b) => b.at.localeCompare(a.at));

  const taskPath = { params: { path: { id: task.id } } };
  const submitDialog = async () => {
    // A field the form refuses is marked on the form itself; nothing is sent.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      if (dialog === 'review') {
        await ok(client.POST('/api/tasks/{id}/completion-review', { ...taskPath, body: { decision: v.decision, ...(v.comment ? { comment: v.comment } : {}) } }));
        message.success(v.decision === 'approve' ? '已批准销号' : '已退回');
      } else if (dialog === 'urge') {
        await ok(client.POST('/api/tasks/{id}/urge', { ...taskPath, body: { message: v.message } }));
        message.success('催办已发送');
      } else if (dialog === 'cancel') {
        await ok(client.POST('/api/tasks/{id}/cancel', { ...taskPath, body: { reason: v.reason } }));
        message.success('任务已撤销');
      } else if (dialog === 'milestone') {
        await ok(client.POST('/api/tasks/{id}/milestones', { ...taskPath, body: { title: v.title, dueDate: v.dueDate.format('YYYY-MM-DD') } }));
        message.success('节点已添加');
      }
      setDialog(null);
      await load();
    } catch {
      // shown by ok()
    }
  };
  const reviewExtension = async (extensionId: string, decision: 'approve' | 'reject') => {
    await ok(
      client.POST('/api/extension-requests/{id}/review', { params: { path: { id: extensionId } }, body: { decision, comment: decision === 'approve' ? '同意' : '不同意' } }),
    );
    message.success('已审核');
    await load();
  };
  const openDialog = (kind: 'review' | 'urge' | 'milestone' | 'cancel') => {
    form.resetFields();
    setDialog(kind);
  };

  const actions = (
    <Space wrap>
      {user?.role === 'unit_user' && <TaskActions task={task} onDone={load} />}
      {supervisor && task.status === 'completion_requested' && (
        <Button type="primary" onClick={() => openDialog('review')}>
          审核销号
        </Button>
      )}
      {supervisor && (
        <Button onClick={() => openDialog('urge')} disabled={['completed', 'cancelled'].includes(task.status)}>
          催办
        </Button>
      )}
      {supervisor && <Button onClick={() => openDialog('milestone')}>添加节点</Button>}
      {supervisor && !['completed', 'cancelled'].includes(task.status) && (
        <Button danger onClick={() => openDialog('cancel')}>
          撤销任务
        </Button>
      )}
    </Space>
  );

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {!ownTask && <Alert type="info" showIcon data-testid="descendant-task" message="下级组织的任务：只能查看，不能修改" />}
      <Card title={`任务详情 — 第${task.number}项`} extra={phone ? undefined : actions}>
        {phone && <div style={{ marginBottom: 12 }}>{actions}</div>}
        {/* On a phone each label sits above its value: a label column would leave the text a sliver. */}
        <Descriptions column={phone ? 1 : 2} layout={phone ? 'vertical' : 'horizontal'} bordered size="small">
          <Descriptions.Item label="任务内容" span="filled">
            {task.content}
          </Descriptions.Item>
          <Descriptions.Item label="篇章">
            {[task.section, task.subsection].filter(Boolean).map((s) => `${s!.code}${s!.title}`).join(' / ') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label="状态">
            <StatusTag status={task.status} />
          </Descriptions.Item>
          <Descriptions.Item label={ASSIGNMENT_LABELS.lead}>{units(task.lead)}</Descriptions.Item>
          <Descriptions.Item label={ASSIGNMENT_LABELS.responsible}>
            {units(task.responsible)}
            {task.includesOtherUnits ? '等有关单位' : ''}
          </Descriptions.Item>
          <Descriptions.Item label={ASSIGNMENT_LABELS.cooperating}>{units(task.cooperating)}</Descriptions.Item>
          <Descriptions.Item label="责任领导">{task.leaders.join('、') || '—'}</Descriptions.Item>
          <Descriptions.Item label="完成时限">
            {task.dueDate}
            {task.deadlineText ? `（${task.deadlineText}）` : ''}
          </Descriptions.Item>
          <Descriptions.Item label="任务来源">
            {SOURCE_LABELS[task.source.kind]}
            {task.source.documentNumber ? `（${task.source.documentNumber}）` : ''}
            {task.source.date ? ` ${task.source.date}` : ''}
            {task.origin === 'manual' ? <Tag style={{ marginLeft: 8 }}>手工添加</Tag> : null}
          </Descriptions.Item>
          <Descriptions.Item label="版本">{task.version}</Descriptions.Item>
          <Descriptions.Item label="签收情况" span="filled">
            <Space size={[4, 4]} wrap data-testid="acknowledgements">
              {(task.acknowledgements ?? []).map((a) => (
                <Tag key={a.unit.id} color="green" title={ACKNOWLEDGED_VIA[a.via]}>
                  {a.unit.name} 已签收 {dateTime(a.acknowledgedAt)}
                  {a.by ? `（${a.by.displayName}）` : ''}
                </Tag>
              ))}
              {task.unacknowledged.map((u) => (
                <Tag key={u.id} color="orange">
                  {u.name} 待签收（{dateTime(u.assignedAt)} 交办）
                </Tag>
              ))}
            </Space>
          </Descriptions.Item>
          {task.sourceLine && (
            <Descriptions.Item label="通知原文" span="filled">
              <Typography.Text type="secondary">{task.sourceLine}</Typography.Text>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <TaskTargetsCard taskId={task.id} supervisor={supervisor} refreshKey={progress.length} />
      <ChildProgressCard taskId={task.id} />
      <Card title="工作节点">
        <List
          dataSource={milestones}
          locale={{ emptyText: '暂无节点' }}
          renderItem={(m) => (
            <List.Item
              actions={
                !m.doneAt && user?.role !== 'leader' && ownTask
                  ? [
                      <Button
                        key="done"
                        size="small"
                        onClick={() => void ok(client.POST('/api/milestones/{id}/done', { params: { path: { id: m.id } } })).then(load).catch(() => undefined)}
                      >
                        标记完成
                      </Button>,
                    ]
                  : []
              }
            >
              {m.title}（{m.dueDate}）{m.doneAt ? <Tag color="green">已完成 {dateTime(m.doneAt)}</Tag> : <Tag>未完成</Tag>}
            </List.Item>
          )}
        />
      </Card>
      {supervisor && extensions.some((x) => x.status === 'pending') && (
        <Card title="待审核的延期申请">
          {extensions
            .filter((x) => x.status === 'pending')
            .map((x) => (
              <Space key={x.id} wrap>
                {x.unit?.name} 申请延期至 {x.requestedDueDate}：{x.reason}
                <Button size="small" type="primary" onClick={() => void reviewExtension(x.id, 'approve').catch(() => undefined)}>
                  批准
                </Button>
                <Button size="small" danger onClick={() => void reviewExtension(x.id, 'reject').catch(() => undefined)}>
                  驳回
                </Button>
              </Space>
            ))}
        </Card>
      )}
      <Card title="办理过程">
        {events.length === 0 ? (
          <Typography.Text type="secondary">暂无记录</Typography.Text>
        ) : (
          <Timeline
            items={events.map((e, i) => ({
              key: i,
              color: e.color,
              content: (
                <>
                  <Typography.Text type="secondary">{dateTime(e.at)}</Typography.Text> {e.text}
                </>
              ),
            }))}
          />
        )}
      </Card>
      <Modal
        open={dialog !== null}
        title={{ review: '审核销号', urge: '催办', milestone: '添加节点', cancel: '撤销任务' }[dialog ?? 'review']}
        okText="确定"
        cancelText="取消"
        onOk={submitDialog}
        onCancel={() => setDialog(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ decision: 'approve' }}>
          {dialog === 'review' && (
            <>
              <Form.Item name="decision" label="审核结果">
                <Radio.Group
                  options={[
                    { value: 'approve', label: '同意销号' },
                    { value: 'return', label: '退回' },
                  ]}
                />
              </Form.Item>
              <Form.Item
                name="comment"
                label="审核意见"
                dependencies={['decision']}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: (_r, value: string | undefined) =>
                      getFieldValue('decision') === 'return' && !value?.trim()
                        ? Promise.reject(new Error('退回时请填写理由'))
                        : Promise.resolve(),
                  }),
                ]}
              >
                <Input.TextArea rows={3} />
              </Form.Item>
            </>
          )}
          {dialog === 'cancel' && (
            <Form.Item
              name="reason"
              label="撤销理由"
              extra="撤销后任务保留在台账中（灰灯），其报送和记录都不删除"
              rules={[{ required: true, whitespace: true, message: '请填写撤销理由' }]}
            >
              <Input.TextArea rows={3} />
            </Form.Item>
          )}
          {dialog === 'urge' && (
            <Form.Item name="message" label="催办内容" rules={[{ required: true, whitespace: true, message: '请填写催办内容' }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          )}
          {dialog === 'milestone' && (
            <>
              <Form.Item name="title" label="节点名称" rules={[{ required: true, whitespace: true, message: '请填写节点名称' }]}>
                <Input />
              </Form.Item>
              <Form.Item name="dueDate" label="完成日期" rules={[{ required: true, message: '请选择完成日期' }]}>
                <DatePicker />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </Space>
  );
}
