import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Result,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
  Upload,
  message,
} from 'antd';
import { useState } from 'react';
import { ApiError, client, download, ok, postForm, type Schemas } from '../api';
import { usePlans } from '../hooks';
import { useOrganization } from '../organization';
import { PlanSelect } from './PlanSelect';

/** Where a person finds an item: a line of pasted text, a row of a workbook sheet, a row of a Word table. */
type SourceLocation = Schemas['SourceLocationDto'];
type Issue = Schemas['ImportIssueDto'];
type ItemRow = Schemas['ImportItemDto'];
type ItemResult = ItemRow['result'];
type Report = Schemas['ImportReportDto'];

const FILE_TYPES = '.docx,.doc,.xlsx,.csv,.tsv,.txt';

const RESULTS: Record<ItemResult, { label: string; color: string }> = {
  created: { label: '新增', color: 'green' },
  updated: { label: '更新', color: 'blue' },
  unchanged: { label: '未变', color: 'default' },
  error: { label: '错误', color: 'red' },
};

const FIELDS: Record<Schemas['ColumnMappingDto']['field'], string> = {
  number: '序号',
  task: '任务',
  lead: '牵头单位',
  responsible: '责任单位',
  cooperating: '配合单位',
  leader: '责任领导',
  deadline: '完成时限',
  section: '分类',
  extra: '其他（随任务保留）',
};

function describeLocation(location: SourceLocation | undefined, fallbackLine: number): string {
  if (!location) return fallbackLine > 0 ? `第${fallbackLine}行` : '全文';
  if (location.sheet !== undefined) return `工作表“${location.sheet}”第${location.row}行`;
  if (location.table !== undefined) return `表格${location.table}第${location.row}行`;
  return location.line ? `第${location.line}行` : '全文';
}

/** Imports write into the user's own organization only: while a descendant is viewed the page says so. */
export function ImportPage() {
  const { readOnly, organizations, choose } = useOrganization();
  const own = organizations.find((o) => o.depth === 0);
  if (readOnly) {
    return (
      <Result
        status="info"
        title="查看下级组织时不能导入"
        subTitle="导入的任务写入本级组织的计划"
        extra={
          own && (
            <Button type="primary" onClick={() => choose(own.id)}>
              返回{own.name}
            </Button>
          )
        }
      />
    );
  }
  return <ImportForm />;
}

/** Upload a Word/Excel/CSV file or paste a notice → dry run (nothing written) → each row's result → commit. */
function ImportForm() {
  const { plans, planId, setPlanId, reload } = usePlans();
  const [mode, setMode] = useState<'file' | 'text'>('file');
  const [file, setFile] = useState<File>();
  const [text, setText] = useState('');
  const [createMissing, setCreateMissing] = useState(false);
  const [report, setReport] = useState<Report>();
  const [busy, setBusy] = useState(false);
  const [newPlan, setNewPlan] = useState(false);
  const [form] = Form.useForm<{ title: string; year: number }>();

  // A changed input needs a new dry run before it can be committed.
  const changeInput = (apply: () => void) => {
    apply();
    setReport(undefined);
  };

  // A pasted text goes as JSON, a file as multipart/form-data with the same fields.
  const send = (id: string, dryRun: boolean): Promise<Report> => {
    if (mode === 'text' || !file) {
      const body = { text, dryRun, createMissingUnits: createMissing };
      return ok(client.POST('/api/plans/{id}/import', { params: { path: { id } }, body }), { quiet: true });
    }
    const data = new FormData();
    data.append('dryRun', String(dryRun));
    data.append('createMissingUnits', String(createMissing));
    data.append('file', file);
    return postForm<Report>(`/api/plans/${id}/import`, data, { quiet: true });
  };

  const run = async (dryRun: boolean) => {
    if (!planId) return message.error('请先选择或新建计划');
    if (mode === 'file' && !file) return message.error('请先选择要导入的文件');
    if (mode === 'text' && !text.trim()) return message.error('请粘贴通知全文或任务表');
    setBusy(true);
    try {
      const result = await send(planId, dryRun);
      setReport(result);
      if (!dryRun) {
        message.success(`导入完成：新增 ${result.tasks.created} 项，更新 ${result.tasks.updated} 项`);
        await reload();
      }
    } catch (error) {
      // A 422 answers the report itself (docs/openapi.json): the errors to show row by row.
      if (error instanceof ApiError && error.status === 422 && 'errors' in error.body) {
        setReport(error.raw as Report);
        message.error('内容中有无法识别的地方，请修正后再试');
      } else if (error instanceof ApiError) {
        setReport(undefined);
        message.error(error.message);
      }
    } finally {
      setBusy(false);
    }
  };
  const createPlan = async () => {
    const v = await form.validateFields();
    try {
      const plan = await ok(client.POST('/api/plans', { body: { title: v.title, year: v.year } }));
      await reload();
      setPlanId(plan.id);
      setNewPlan(false);
      message.success('计划已创建');
    } catch {
      // shown by ok()
    }
  };
  const lines = text.split(/\r?\n/);
  const issueColumns = [
    { title: '位置', key: 'location', width: 170, render: (_: unknown, r: Issue) => describeLocation(r.location, r.line) },
    { title: '原文', dataIndex: 'text', render: (t: string) => <Typography.Text code>{t}</Typography.Text> },
    { title: '说明', dataIndex: 'message' },
  ];
  const itemColumns = [
    { title: '位置', key: 'location', width: 170, render: (_: unknown, r: ItemRow) => describeLocation(r.location, 0) },
    { title: '序号', dataIndex: 'number', width: 70, render: (n: number | null) => n ?? '—' },
    {
      title: '任务内容',
      dataIndex: 'content',
      render: (t: string) => <span style={{ whiteSpace: 'pre-line' }}>{t}</span>,
    },
    {
      title: '结果',
      dataIndex: 'result',
      width: 80,
      filters: Object.entries(RESULTS).map(([value, { label }]) => ({ text: label, value })),
      onFilter: (value: unknown, r: ItemRow) => r.result === value,
      render: (result: ItemResult) => <Tag color={RESULTS[result].color}>{RESULTS[result].label}</Tag>,
    },
    { title: '说明', dataIndex: 'message', render: (m?: string) => m ?? '' },
  ];
  const rowKey = (r: { location?: SourceLocation; line?: number; message?: string }) => `${JSON.stringify(r.location ?? r.line)}-${r.message ?? ''}`;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title="导入通知或任务表"
        extra={
          <Space>
            <PlanSelect plans={plans} value={planId} onChange={setPlanId} />
            <Button onClick={() => (form.resetFields(), setNewPlan(true))}>新建计划</Button>
            <Button
              type="link"
              icon={<DownloadOutlined />}
              onClick={() => void download('/api/plans/import-template.xlsx', '重点工作任务导入模板.xlsx')}
            >
              下载任务表模板
            </Button>
          </Space>
        }
      >
        <Tabs
          activeKey={mode}
          onChange={(key) => changeInput(() => setMode(key as 'file' | 'text'))}
          items={[
            {
              key: 'file',
              label: '上传文件',
              children: (
                <Upload.Dragger
                  accept={FILE_TYPES}
                  maxCount={1}
                  // The file goes with the dry run and the commit, not on its own.
                  beforeUpload={(chosen) => (changeInput(() => setFile(chosen)), false)}
                  onRemove={() => changeInput(() => setFile(undefined))}
                  fileList={file ? [{ uid: 'import-file', name: file.name, status: 'done' }] : []}
                >
                  <p className="ant-upload-drag-icon">
                    <InboxOutlined />
                  </p>
                  <p className="ant-upload-text">点击选择或将文件拖到这里</p>
                  <p className="ant-upload-hint">
                    支持 Word（.docx、.doc）、Excel（.xlsx）、CSV/TSV 和纯文本（.txt）：任务分解表或通知全文
                  </p>
                </Upload.Dragger>
              ),
            },
            {
              key: 'text',
              label: '粘贴文本',
              children: (
                <Input.TextArea
                  aria-label="通知全文"
                  placeholder="将通知全文粘贴到这里（含“一、”“（一）”标题和编号事项），或粘贴从 Word、WPS、Excel 复制的任务表"
                  rows={14}
                  value={text}
                  onChange={(e) => changeInput(() => setText(e.target.value))}
                />
              ),
            },
          ]}
        />
        <Space style={{ marginTop: 12 }}>
          <Checkbox checked={createMissing} onChange={(e) => changeInput(() => setCreateMissing(e.target.checked))}>
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
          {report.columns && report.columns.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                列识别
              </Typography.Title>
              <Space wrap data-testid="import-columns">
                {report.columns.map((c) => (
                  <Tag key={`${c.table}-${c.index}`} color={c.field === 'extra' ? 'default' : 'geekblue'}>
                    {c.header} → {FIELDS[c.field] ?? c.field}
                  </Tag>
                ))}
              </Space>
            </>
          )}
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
          {report.items && report.items.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                逐项结果
              </Typography.Title>
              <Table
                data-testid="import-items"
                rowKey={(r) => `${JSON.stringify(r.location)}-${r.number ?? ''}`}
                size="small"
                dataSource={report.items}
                columns={itemColumns}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
              />
            </>
          )}
          {report.errors.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                错误
              </Typography.Title>
              <Table rowKey={rowKey} size="small" dataSource={report.errors} columns={issueColumns} pagination={false} />
            </>
          )}
          {report.warnings.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                提示
              </Typography.Title>
              <Table rowKey={rowKey} size="small" dataSource={report.warnings} columns={issueColumns} pagination={{ pageSize: 10 }} />
            </>
          )}
          {mode === 'text' && report.errors.length > 0 && (
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
