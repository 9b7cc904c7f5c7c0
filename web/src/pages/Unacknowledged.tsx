import { Alert, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { client, ok, type Schemas } from '../api';
import { ASSIGNMENT_LABELS, StatusTag, dateTime } from '../labels';

type Row = Schemas['UnacknowledgedItemDto'] & {
  key: string;
  unit: string;
  count: number;
  first: boolean;
};

/** 未签收: per unit (the longest-waiting first), the open tasks it has not signed as of the day. */
export function UnacknowledgedTab({ planId, asOf }: { planId: string | undefined; asOf: string | undefined }) {
  const [view, setView] = useState<Schemas['UnacknowledgedViewDto']>();
  useEffect(() => {
    if (!planId || !asOf) return;
    setView(undefined);
    void ok(client.GET('/api/supervision/unacknowledged', { params: { query: { planId, asOf } } })).then(setView).catch(() => undefined);
  }, [planId, asOf]);
  const rows: Row[] = (view?.units ?? []).flatMap((u) =>
    u.tasks.map((x, i) => ({ ...x, key: `${u.unit.id}:${x.task.id}`, unit: u.unit.name, count: u.count, first: i === 0 })),
  );
  return (
    <>
      {view?.warnings.map((w) => <Alert key={w} type="warning" showIcon title={w} style={{ marginBottom: 8 }} />)}
      <Table<Row>
        rowKey="key"
        size="middle"
        dataSource={rows}
        loading={!view}
        locale={{ emptyText: '各单位均已签收' }}
        pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 项未签收` }}
        columns={[
          { title: '单位', width: 180, render: (_: unknown, r) => (r.first ? `${r.unit}（${r.count}项）` : r.unit) },
          { title: '序号', width: 70, render: (_: unknown, r) => r.task.number },
          {
            title: '任务内容',
            render: (_: unknown, r) => (
              <Link to={`/tasks/${r.task.id}`}>{r.task.content.length > 60 ? `${r.task.content.slice(0, 60)}…` : r.task.content}</Link>
            ),
          },
          { title: '承办角色', width: 100, render: (_: unknown, r) => ASSIGNMENT_LABELS[r.role] },
          { title: '交办时间', width: 150, render: (_: unknown, r) => dateTime(r.assignedAt) },
          {
            title: '未签收',
            width: 150,
            render: (_: unknown, r) => (
              <>
                {r.workdaysSinceAssigned ?? '?'}个工作日 {r.overdue ? <Tag color="red">超期</Tag> : null}
              </>
            ),
          },
          { title: '状态', width: 100, render: (_: unknown, r) => <StatusTag status={r.task.status} /> },
        ]}
      />
      {view && <div style={{ marginTop: 8, color: '#888' }}>签收时限：交办后 {view.acknowledgeWithinWorkdays} 个工作日{view.acknowledgeWithinWorkdays === 0 ? '（未启用签收提醒）' : ''}</div>}
    </>
  );
}
