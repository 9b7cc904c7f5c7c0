import { Button, Card, Col, DatePicker, Progress, Row, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { client, download, ok, query, type Schemas } from '../api';
import { useAsOf, usePlans } from '../hooks';
import { dateTime } from '../labels';
import { PlanSelect } from './PlanSelect';

type Standing = Schemas['UnitStandingDto'];

function Bars({ title, items, value, max, color, suffix = '' }: { title: string; items: Standing[]; value: (i: Standing) => number; max: number; color: string; suffix?: string }) {
  const top = [...items].sort((a, b) => value(b) - value(a)).filter((i) => value(i) > 0).slice(0, 10);
  return (
    <Card size="small" title={title}>
      {top.length === 0 && <Typography.Text type="secondary">无</Typography.Text>}
      {top.map((i) => (
        <div key={i.unit.id} style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
          <span style={{ width: 140, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{i.unit.name}</span>
          <Progress
            aria-label={`${i.unit.name} ${title}`}
            status="normal"
            style={{ flex: 1, margin: 0 }}
            percent={max ? Math.round((value(i) / max) * 100) : 0}
            strokeColor={color}
            format={() => `${value(i)}${suffix}`}
          />
        </div>
      ))}
    </Card>
  );
}

/** The per-unit ranking as of a day, with bar charts and the Excel download. */
export function StatsPage() {
  const { plans, planId, setPlanId } = usePlans();
  const [asOf, setAsOf] = useAsOf();
  const [view, setView] = useState<Schemas['UnitsViewDto']>();
  useEffect(() => {
    if (!planId || !asOf) return;
    void ok(client.GET('/api/supervision/units', { params: { query: { planId, asOf: asOf.format('YYYY-MM-DD') } } })).then(setView).catch(() => undefined);
  }, [planId, asOf]);
  const items = view?.items ?? [];
  const maxOf = (f: (i: Standing) => number) => Math.max(1, ...items.map(f));
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title="单位统计"
        extra={
          <Space>
            <PlanSelect plans={plans} value={planId} onChange={setPlanId} />
            <DatePicker aria-label="截至日期" value={asOf} allowClear={false} onChange={(d) => d && setAsOf(d)} />
            <Button
              disabled={!planId}
              onClick={() => void download(`/api/supervision/units.xlsx${query({ planId, asOf: asOf?.format('YYYY-MM-DD') })}`, '单位排名.xlsx')}
            >
              导出排名（Excel）
            </Button>
          </Space>
        }
      >
        <Row gutter={16}>
          <Col span={6}>
            <Bars title="已办结任务" items={items} value={(i) => i.completed} max={maxOf((i) => i.completed)} color="#52c41a" />
          </Col>
          <Col span={6}>
            <Bars title="逾期任务" items={items} value={(i) => i.overdue} max={maxOf((i) => i.overdue)} color="#f5222d" />
          </Col>
          <Col span={6}>
            <Bars title="按期办结率" items={items} value={(i) => i.onTimeCompletionRate ?? 0} max={100} color="#1677ff" suffix="%" />
          </Col>
          <Col span={6}>
            <Bars title="未报送" items={items} value={(i) => i.reportsMissing} max={maxOf((i) => i.reportsMissing)} color="#faad14" />
          </Col>
        </Row>
      </Card>
      <Card title={`单位排名（截至 ${view?.asOf ?? '—'}，报送周期 ${view?.period ?? '—'}）`}>
        <Table<Standing>
          rowKey={(r) => r.unit.id}
          size="small"
          dataSource={items}
          loading={!view}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: '排名', dataIndex: 'rank', width: 60 },
            { title: '单位', render: (_: unknown, r) => r.unit.name },
            { title: '牵头', dataIndex: 'asLead', width: 60 },
            { title: '责任', dataIndex: 'asResponsible', width: 60 },
            { title: '配合', dataIndex: 'asCooperating', width: 60 },
            { title: '已办结', dataIndex: 'completed', width: 70 },
            { title: '逾期', dataIndex: 'overdue', width: 60 },
            { title: '按期办结率', dataIndex: 'onTimeCompletionRate', width: 100, render: (v: number | null) => (v === null ? '—' : `${v}%`) },
            { title: '未报送', dataIndex: 'reportsMissing', width: 70 },
            { title: '最近报送', dataIndex: 'lastReportAt', width: 150, render: dateTime },
          ]}
        />
      </Card>
    </Space>
  );
}
