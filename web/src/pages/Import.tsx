import { Alert, Button, Card, Checkbox, Descriptions, Form, Input, InputNumber, Modal, Space, Table, Tag, Typography, message } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../api';
import { usePlans } from '../hooks';
import { PlanSelect } from './PlanSelect';

interface Issue {
  line: number;
  text: string;
  message: string;
}
interface Report {
  dryRun: boolean;
  sections: number;
  subsections: number;
  tasks: { created: number; updated: number; unchanged: number };
  unknownUnits: { name: string; items: number[] }[];
  createdUnits: string[];
  warnings: Issue[];
  errors: Issue[];
}

/** Paste a notice → dry run (nothing written) → look at the report → commit. */
export function ImportPage() {
  const { plans, planId, setPlanId, reload } = usePlans();
  const [text, setText] = useState('');
  const [createMissing, setCreateMissing] = useState(false);
  const [report, setReport] = useState<Report>();
  const [busy, setBusy] = useState(false);
  const [newPlan, setNewPlan] = useState(false);
  const [form] = Form.useForm();

  const run = async (dryRun: boolean) => {
    if (!planId) return message.error('请先选择或新建计划');
    if (!text.trim()) return message.error('请粘贴通知全文');
    setBusy(true);
    try {
      const result = await api<Report>('POST', `/api/plans/${planId}/import`, { text, dryRun, createMissingUnits: createMissing }, { quiet: true });
      setReport(result);
      if (!dryRun) {
        message.success(`导入完成：新增 ${result.tasks.created} 项，更新 ${result.tasks.updated} 项`);
        await reload();
      }
    } catch (error) {
      if (error instanceof ApiError && error.status === 422 && error.body?.errors) {
        setReport(error.body as Report);
        message.error('通知中有无法识别的内容，请修正后再试');
      } else if (error instanceof ApiError) {
        message.error(error.message);
      }
    } finally {
      setBusy(false);
    }
  };
  const createPlan = async () => {
    const v = await form.validateFields();
    try {
      const plan = await api<{ id: string }>('POST', '/api/plans', { title: v.title, year: v.year });
      await reload();
      setPlanId(plan.id);
      setNewPlan(false);
      message.success('计划已创建');
    } catch {
      // shown by api()
    }
  };
  const lines = text.split(/\r?\n/);
  const issueColumns = [
    { title: '行号', dataIndex: 'line', width: 70 },
    { title: '原文', dataIndex: 'text', render: (t: string) => <Typography.Text code>{t}</Typography.Text> },
    { title: '说明', dataIndex: 'message' },
  ];
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title="导入通知"
        extra={
          <Space>
            <PlanSelect plans={plans} value={planId} onChange={setPlanId} />
            <Button onClick={() => (form.resetFields(), setNewPlan(true))}>新建计划</Button>
          </Space>
        }
      >
        <Input.TextArea
          aria-label="通知全文"
          placeholder="将通知全文粘贴到这里（含“一、”“（一）”标题和编号事项）"
          rows={14}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <Space style={{ marginTop: 12 }}>
          <Checkbox checked={createMissing} onChange={(e) => setCreateMissing(e.target.checked)}>
            自动新建未登记的单位
          </Checkbox>
          <Button onClick={() => void run(true)} loading={busy}>
            预检（不写入）
          </Button>
          <Button type="primary" onClick={() => void run(false)} loading={busy} disabled={!report?.dryRun || report.errors.length > 0}>
            确认导入
          </Button>
        </Space>
      </Card>
      {report && (
        <Card title={report.dryRun ? '预检结果（尚未写入）' : '导入结果'} data-testid="import-report">
          {report.errors.length > 0 && (
            <Alert type="error" showIcon title={`有 ${report.errors.length} 处错误，修正后才能导入`} style={{ marginBottom: 12 }} />
          )}
          <Descriptions bordered size="small" column={4}>
            <Descriptions.Item label="篇">{report.sections}</Descriptions.Item>
            <Descriptions.Item label="章">{report.subsections}</Descriptions.Item>
            <Descriptions.Item label="新增任务">
              <span data-testid="created-count">{report.tasks.created}</span>
            </Descriptions.Item>
            <Descriptions.Item label="更新 / 未变">
              {report.tasks.updated} / {report.tasks.unchanged}
            </Descriptions.Item>
            <Descriptions.Item label="提示">{report.warnings.length}</Descriptions.Item>
            <Descriptions.Item label="错误">{report.errors.length}</Descriptions.Item>
            <Descriptions.Item label="未登记单位">{report.unknownUnits.length}</Descriptions.Item>
            <Descriptions.Item label="新建单位">{report.createdUnits.join('、') || '—'}</Descriptions.Item>
          </Descriptions>
          {report.unknownUnits.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                未登记单位
              </Typography.Title>
              <Space wrap>
                {report.unknownUnits.map((u) => (
                  <Tag color="red" key={u.name}>
                    {u.name}（第{u.items.join('、')}项）
                  </Tag>
                ))}
              </Space>
            </>
          )}
          {report.errors.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                错误
              </Typography.Title>
              <Table rowKey={(r) => `${r.line}-${r.message}`} size="small" dataSource={report.errors} columns={issueColumns} pagination={false} />
            </>
          )}
          {report.warnings.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                提示
              </Typography.Title>
              <Table
                rowKey={(r) => `${r.line}-${r.message}`}
                size="small"
                dataSource={report.warnings}
                columns={issueColumns}
                pagination={{ pageSize: 10 }}
              />
            </>
          )}
          {report.errors.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                原文（出错行已标红）
              </Typography.Title>
              <pre style={{ maxHeight: 300, overflow: 'auto', background: '#fafafa', padding: 8 }}>
                {lines.map((l, i) => (
                  <div key={i} style={report.errors.some((e) => e.line === i + 1) ? { background: '#ffccc7' } : undefined}>
                    {String(i + 1).padStart(4)} {l}
                  </div>
                ))}
              </pre>
            </>
          )}
        </Card>
      )}
      <Modal open={newPlan} title="新建计划" okText="创建" cancelText="取消" onOk={createPlan} onCancel={() => setNewPlan(false)}>
        <Form form={form} layout="vertical" initialValues={{ year: new Date().getFullYear() }}>
          <Form.Item name="title" label="计划名称" rules={[{ required: true, whitespace: true, message: '请填写计划名称' }]}>
            <Input placeholder="如：济源市2021年政府工作报告重点工作" />
          </Form.Item>
          <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
