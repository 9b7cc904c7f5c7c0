import { Alert, Card, Col, DatePicker, Empty, Row, Space, Statistic, Table } from 'antd';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { client, ok, query, type Light, type Schemas } from '../api';
import { useAsOf, usePlans } from '../hooks';
import { LIGHT_LABELS, LightTag, units } from '../labels';
import { PlanSelect } from './PlanSelect';

// Only the parts drawn here; SVG so that each bar and slice is an element (crisp, and clickable in tests).
echarts.use([BarChart, LineChart, PieChart, AriaComponent, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

const LIGHTS: readonly Light[] = ['red', 'yellow', 'green', 'grey'];
/** The lights' colours, as the register's tags show them. */
const LIGHT_FILL: Record<Light, string> = { red: '#f5222d', yellow: '#faad14', green: '#52c41a', grey: '#bfbfbf' };
const TOP_UNITS = 15;

type Dashboard = Schemas['DashboardDto'];

/**
 * 驾驶舱: one screen for leaders (GET /api/supervision/dashboard). Every chart opens 任务总览 filtered on what was
 * clicked, as of the same day.
 */
export function DashboardPage() {
  const { plans, planId, setPlanId } = usePlans();
  const [asOf, setAsOf] = useAsOf();
  const [data, setData] = useState<Dashboard>();
  const navigate = useNavigate();
  const day = asOf?.format('YYYY-MM-DD');

  useEffect(() => {
    if (!planId || !day) return;
    void ok(client.GET('/api/supervision/dashboard', { params: { query: { planId, asOf: day } } }))
      .then(setData)
      .catch(() => undefined);
  }, [planId, day]);

  const register = (filters: Record<string, string | undefined>) => navigate(`/tasks${query({ planId, asOf: day, ...filters })}`);
  // The units with the most overdue tasks, the worst on top (a horizontal bar chart draws its first category lowest).
  const ranked = (data?.units ?? [])
    .filter((u) => u.overdue > 0)
    .sort((a, b) => b.overdue - a.overdue || a.rank - b.rank)
    .slice(0, TOP_UNITS)
    .reverse();

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title="驾驶舱"
        extra={
          <Space>
            <PlanSelect plans={plans} value={planId} onChange={setPlanId} />
            <DatePicker aria-label="统计日期" value={asOf} allowClear={false} onChange={(d) => d && setAsOf(d)} />
          </Space>
        }
      >
        {data?.warnings.length ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={data.warnings.join('；')} /> : null}
        <Row gutter={16}>
          <Col span={4}><Statistic title="任务总数" value={data?.totals.tasks ?? '—'} /></Col>
          <Col span={4}><Statistic title="已办结" value={data?.totals.completed ?? '—'} /></Col>
          <Col span={4}><Statistic title="逾期" value={data?.totals.overdue ?? '—'} valueStyle={{ color: '#cf1322' }} /></Col>
          <Col span={4}><Statistic title="进度滞后" value={data?.totals.behindSchedule ?? '—'} /></Col>
          <Col span={8}>
            <Statistic
              title={`本周应报送（${data?.reportsDue.period ?? ''} 期，${data?.reportsDue.cutoff ?? ''} 截止）`}
              value={data ? (data.reportsDue.dueThisWeek ? `${data.reportsDue.total} 项` : '本周无截止') : '—'}
            />
          </Col>
        </Row>
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={8}>
          <Card title="预警灯分布" size="small">
            <Chart
              testId="chart-lights"
              label="预警灯分布，点击查看该灯色的任务"
              option={{
                tooltip: { trigger: 'item' },
                legend: { bottom: 0 },
                series: [
                  {
                    type: 'pie',
                    radius: ['40%', '70%'],
                    data: LIGHTS.filter((light) => (data?.totals[light] ?? 0) > 0).map((light) => ({
                      name: LIGHT_LABELS[light],
                      value: data?.totals[light] ?? 0,
                      light,
                      itemStyle: { color: LIGHT_FILL[light] },
                    })),
                  },
                ],
              }}
              onClick={(p) => register({ light: p.data?.light })}
            />
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <Card title="完成率（各月末）" size="small">
            <Chart
              testId="chart-trend"
              label="各月末完成率，点击查看当时已办结的任务"
              option={{
                tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
                grid: { left: 48, right: 24, top: 24, bottom: 32 },
                xAxis: { type: 'category', data: data?.completionTrend.map((p) => p.month) ?? [] },
                yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
                series: [
                  {
                    type: 'line',
                    name: '完成率',
                    symbolSize: 10,
                    data: data?.completionTrend.map((p) => ({ value: p.rate ?? 0, day: p.day })) ?? [],
                    label: { show: true, formatter: '{c}%' },
                  },
                ],
              }}
              onClick={(p) => register({ status: 'completed', asOf: p.data?.day })}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card title="各篇章预警灯" size="small">
            <Chart
              testId="chart-sections"
              label="各篇章预警灯，点击查看该篇章该灯色的任务"
              height={360}
              option={{
                tooltip: { trigger: 'axis' },
                legend: { bottom: 0 },
                grid: { left: 8, right: 24, top: 8, bottom: 40, containLabel: true },
                xAxis: { type: 'value' },
                yAxis: { type: 'category', inverse: true, data: data?.sections.map((s) => shorten(s.title, 12)) ?? [] },
                series: LIGHTS.map((light) => ({
                  type: 'bar',
                  stack: 'lights',
                  name: LIGHT_LABELS[light],
                  itemStyle: { color: LIGHT_FILL[light] },
                  data: data?.sections.map((s) => ({ value: s.counts[light], sectionId: s.id, light })) ?? [],
                })),
              }}
              onClick={(p) => register({ sectionId: p.data?.sectionId, light: p.data?.light })}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={`单位逾期排行（前 ${TOP_UNITS}）`} size="small">
            {data && ranked.length === 0 ? (
              <Empty style={{ height: 360, paddingTop: 120, margin: 0 }} description="没有逾期任务的单位" />
            ) : (
              <Chart
                testId="chart-units"
                label="各单位逾期任务数，点击查看该单位的任务"
                height={360}
                option={{
                  tooltip: { trigger: 'axis' },
                  grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
                  xAxis: { type: 'value', minInterval: 1 },
                  yAxis: { type: 'category', data: ranked.map((u) => shorten(u.unit.name, 10)) },
                  series: [
                    {
                      type: 'bar',
                      name: '逾期',
                      itemStyle: { color: LIGHT_FILL.red },
                      data: ranked.map((u) => ({ value: u.overdue, unitId: u.unit.id })),
                    },
                  ],
                }}
                onClick={(p) => register({ unitId: p.data?.unitId })}
              />
            )}
          </Card>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card title="逾期最久的十项" size="small">
            <Table
              rowKey={(item) => item.task.id}
              size="small"
              pagination={false}
              dataSource={data?.mostOverdue}
              columns={[
                { title: '序号', width: 60, render: (_: unknown, i) => i.task.number },
                {
                  title: '任务内容',
                  render: (_: unknown, i) => <Link to={`/tasks/${i.task.id}`}>{shorten(i.task.content, 40)}</Link>,
                },
                { title: '牵头/责任单位', width: 160, render: (_: unknown, i) => units(i.task.lead.length ? i.task.lead : i.task.responsible) },
                { title: '完成时限', dataIndex: 'dueDate', width: 100 },
                { title: '逾期天数', dataIndex: 'daysOverdue', width: 80 },
                { title: '预警', width: 70, render: (_: unknown, i) => <LightTag light={i.light} /> },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title="本周应报送" size="small">
            <Table
              rowKey={(u) => u.unit.id}
              size="small"
              pagination={{ pageSize: 8, hideOnSinglePage: true }}
              dataSource={data?.reportsDue.units}
              locale={{ emptyText: data ? `本周无报送截止（下次截止 ${data.reportsDue.cutoff}）` : '加载中' }}
              columns={[
                { title: '单位', render: (_: unknown, u) => <a onClick={() => register({ unitId: u.unit.id })}>{u.unit.name}</a> },
                { title: '未报送任务', width: 110, render: (_: unknown, u) => `${u.tasks.length} 项` },
                { title: '任务序号', render: (_: unknown, u) => u.tasks.map((t) => t.number).join('、') },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}

interface ClickParams {
  data?: Record<string, string | undefined>;
}

function Chart({ option, onClick, testId, label, height = 300 }: {
  option: object;
  onClick: (params: ClickParams) => void;
  testId: string;
  label: string;
  height?: number;
}) {
  return (
    <div data-testid={testId} role="figure" aria-label={label}>
      <ReactEChartsCore
        echarts={echarts}
        option={{ aria: { enabled: true }, animation: false, ...option }}
        notMerge
        style={{ height, cursor: 'pointer' }}
        onEvents={{ click: onClick }}
      />
    </div>
  );
}

function shorten(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}
