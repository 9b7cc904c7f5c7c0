import { Button, Card, Col, DatePicker, Form, Input, Row, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { client, download, ok, type Schemas } from '../api';
import { useAsOf, usePlans } from '../hooks';
import { LightTag } from '../labels';
import { PlanSelect } from './PlanSelect';

type BulletinTask = Schemas['BulletinTaskDto'];
interface BulletinForm {
  title?: string;
  docNumber?: string;
  issuer?: string;
  preface?: string;
  praise?: string;
  criticism?: string;
}

/** 一、总体情况 as the Word file writes it. */
function figuresText({ dateText, period, figures: f }: Schemas['BulletinDto']): string {
  return (
    `截至${dateText}，共有重点任务${f.tasks}项，已办结${f.completed}项（办结率${f.completionRate ?? '—'}%），正在推进${f.inProgress}项，尚未启动${f.notStarted}项；` +
    `红灯${f.red}项、黄灯${f.yellow}项、绿灯${f.green}项，逾期${f.overdue}项，${period}期未报送进展${f.unreported}项。`
  );
}

const lines = (text: string | undefined) => (text ?? '').split('\n').map((l) => l.trim()).filter(Boolean);

/** The 督查通报 as of a day: the office adds its preface and 表扬 / 通报 lines, previews, and downloads the Word file. */
export function BulletinPage() {
  const { plans, planId, setPlanId } = usePlans();
  const [asOf, setAsOf] = useAsOf();
  const [form] = Form.useForm<BulletinForm>();
  const [view, setView] = useState<Schemas['BulletinDto']>();
  const day = asOf?.format('YYYY-MM-DD');
  const texts = () => {
    const v = form.getFieldsValue();
    return {
      ...(v.title ? { title: v.title } : {}),
      ...(v.docNumber ? { docNumber: v.docNumber } : {}),
      ...(v.issuer ? { issuer: v.issuer } : {}),
      ...(v.preface ? { preface: v.preface } : {}),
      praise: lines(v.praise),
      criticism: lines(v.criticism),
    };
  };
  const preview = () => {
    if (!planId || !day) return;
    void ok(client.GET('/api/supervision/bulletin', { params: { query: { planId, asOf: day, ...texts() } } }))
      .then(setView)
      .catch(() => undefined);
  };
  useEffect(preview, [planId, day]);
  const taskColumns: TableColumnsType<BulletinTask> = [
    { title: '序号', dataIndex: 'number', width: 60 },
    { title: '任务', dataIndex: 'content' },
    { title: '责任单位', dataIndex: 'units', width: 220 },
  ];
  return (
    <Row gutter={16}>
      <Col span={8}>
        <Card title="督查通报">
          <Space style={{ marginBottom: 16 }} wrap>
            <PlanSelect plans={plans} value={planId} onChange={setPlanId} />
            <DatePicker aria-label="截至日期" value={asOf} allowClear={false} onChange={(d) => d && setAsOf(d)} />
          </Space>
          <Form form={form} layout="vertical" initialValues={{ title: '督查通报', issuer: '督查室' }}>
            <Form.Item name="title" label="标题">
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="docNumber" label="文号 / 期数">
              <Input maxLength={60} placeholder="如 第10期" />
            </Form.Item>
            <Form.Item name="issuer" label="发文单位">
              <Input maxLength={60} />
            </Form.Item>
            <Form.Item name="preface" label="导语">
              <Input.TextArea rows={3} maxLength={5000} />
            </Form.Item>
            <Form.Item name="praise" label="表扬（每行一条）">
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item name="criticism" label="通报批评（每行一条）">
              <Input.TextArea rows={3} />
            </Form.Item>
            <Space>
              <Button onClick={preview}>刷新预览</Button>
              <Button
                type="primary"
                disabled={!planId}
                onClick={() => void download('/api/supervision/bulletin.docx', `督查通报_${day}.docx`, { planId, asOf: day, ...texts() })}
              >
                下载通报（Word）
              </Button>
            </Space>
          </Form>
        </Card>
      </Col>
      <Col span={16}>
        <Card title="预览" loading={!view}>
          {view && (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Title level={3} style={{ textAlign: 'center' }}>
                {view.title}
              </Typography.Title>
              {view.docNumber && <Typography.Paragraph style={{ textAlign: 'center' }}>{view.docNumber}</Typography.Paragraph>}
              <Typography.Paragraph style={{ textAlign: 'center' }}>
                {view.issuer}　{view.dateText}
              </Typography.Paragraph>
              {view.preface && <Typography.Paragraph>{view.preface}</Typography.Paragraph>}
              <Typography.Title level={5}>一、总体情况</Typography.Title>
              <Typography.Paragraph data-testid="bulletin-figures">
                {figuresText(view)}
              </Typography.Paragraph>
              <Typography.Title level={5}>二、已办结事项</Typography.Title>
              <Table rowKey="number" size="small" pagination={false} dataSource={view.completed} columns={[...taskColumns, { title: '办结日期', dataIndex: 'completedOn', width: 110 }]} />
              <Typography.Title level={5}>三、红灯、黄灯事项</Typography.Title>
              <Table<BulletinTask>
                rowKey="number"
                size="small"
                pagination={false}
                dataSource={[...view.red, ...view.yellow]}
                columns={[
                  { title: '预警', dataIndex: 'light', width: 70, render: (l: BulletinTask['light']) => <LightTag light={l} /> },
                  ...taskColumns,
                  { title: '原因', dataIndex: 'reasons', render: (r: string[]) => r.join('；') },
                ]}
              />
              <Typography.Title level={5}>四、单位考核得分排名</Typography.Title>
              <Table<Schemas['BulletinScoreDto']>
                rowKey={(r) => r.unit.id}
                size="small"
                pagination={false}
                dataSource={view.ranking}
                columns={[
                  { title: '排名', dataIndex: 'rank', width: 60 },
                  { title: '单位', render: (_: unknown, r) => r.unit.name },
                  { title: '得分', dataIndex: 'score' },
                  { title: '加分', dataIndex: 'bonus' },
                  { title: '扣分', dataIndex: 'deductions' },
                ]}
              />
              <Typography.Title level={5}>五、{view.period}期未按时报送进展的单位</Typography.Title>
              <Table<Schemas['BulletinMissingDto']>
                rowKey={(r) => r.unit.id}
                size="small"
                pagination={false}
                dataSource={view.notReported}
                columns={[
                  { title: '单位', render: (_: unknown, r) => r.unit.name },
                  { title: '未报送任务序号', render: (_: unknown, r) => r.tasks.join('、') },
                ]}
              />
              <Typography.Title level={5}>六、主要指标完成情况</Typography.Title>
              <Table<Schemas['BulletinIndicatorDto']>
                rowKey={(r) => `${r.number}-${r.metric}`}
                size="small"
                pagination={false}
                dataSource={view.indicators}
                columns={[
                  { title: '序号', dataIndex: 'number', width: 60 },
                  { title: '指标', dataIndex: 'metric' },
                  { title: '目标', dataIndex: 'target' },
                  { title: '实际', render: (_: unknown, r) => (r.actual === null ? '—' : `${r.actual}${r.unit}`) },
                  { title: '情况', dataIndex: 'standing' },
                ]}
              />
              {view.praise.length > 0 && <Typography.Title level={5}>表扬</Typography.Title>}
              {view.praise.map((line) => (
                <Typography.Paragraph key={line}>{line}</Typography.Paragraph>
              ))}
              {view.criticism.length > 0 && <Typography.Title level={5}>通报批评</Typography.Title>}
              {view.criticism.map((line) => (
                <Typography.Paragraph key={line}>{line}</Typography.Paragraph>
              ))}
            </Space>
          )}
        </Card>
      </Col>
    </Row>
  );
}
