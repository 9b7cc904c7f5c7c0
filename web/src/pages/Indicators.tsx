import { Card, DatePicker, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { client, ok, type Schemas } from '../api';
import { useAsOf, usePlans } from '../hooks';
import { PlanSelect } from './PlanSelect';

type Indicator = Schemas['BulletinIndicatorDto'];
const STANDING_COLORS: Record<Indicator['standing'], string> = { 达标: 'green', 未达标: 'red', 未报送: 'default' };

/** Each indicator's targets against the latest actual as of a day (the 指标预警规则), as the bulletin lists them. */
export function IndicatorsPage() {
  const { plans, planId, setPlanId } = usePlans();
  const [asOf, setAsOf] = useAsOf();
  const [view, setView] = useState<Schemas['BulletinDto']>();
  useEffect(() => {
    if (!planId || !asOf) return;
    setView(undefined);
    void ok(client.GET('/api/supervision/bulletin', { params: { query: { planId, asOf: asOf.format('YYYY-MM-DD') } } })).then(setView).catch(() => undefined);
  }, [planId, asOf]);
  return (
    <Card
      title={`主要指标完成情况（截至 ${view?.asOf ?? '—'}）`}
      extra={
        <Space>
          <PlanSelect plans={plans} value={planId} onChange={setPlanId} />
          <DatePicker aria-label="截至日期" value={asOf} allowClear={false} onChange={(d) => d && setAsOf(d)} />
        </Space>
      }
    >
      <Table<Indicator>
        rowKey={(r) => `${r.number}-${r.metric}-${r.target}`}
        size="small"
        loading={!view}
        pagination={false}
        dataSource={view?.indicators ?? []}
        locale={{ emptyText: '该计划没有量化指标' }}
        columns={[
          { title: '序号', dataIndex: 'number', width: 70 },
          { title: '指标', dataIndex: 'metric' },
          { title: '目标', dataIndex: 'target' },
          { title: '实际', render: (_: unknown, r) => (r.actual === null ? '—' : `${r.actual}${r.unit}`) },
          { title: '报送期次', dataIndex: 'period', render: (v: string | null) => v ?? '—' },
          { title: '情况', dataIndex: 'standing', render: (v: Indicator['standing']) => <Tag color={STANDING_COLORS[v]}>{v}</Tag> },
        ]}
      />
    </Card>
  );
}
