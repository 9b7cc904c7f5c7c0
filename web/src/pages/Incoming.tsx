import { Alert, Button, Card, List, Space, Table, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { client, ok, type IncomingTask } from '../api';
import { useAuth } from '../auth';
import { useIsPhone } from '../hooks';
import { StatusTag, dateTime } from '../labels';
import { useOrganization } from '../organization';
import { AcceptIncomingDialog } from './AcceptIncoming';

type Tab = 'pending' | 'accepted';

const clip = (text: string) => (text.length > 80 ? `${text.slice(0, 80)}…` : text);

function ChildTasks({ item }: { item: IncomingTask }) {
  if (item.childTasks.length === 0) return <>—</>;
  return (
    <Space size={[8, 4]} wrap>
      {item.childTasks.map((c) => (
        <Space key={c.id} size={4}>
          <Link to={`/tasks/${c.id}`}>第{c.number}项</Link>
          <StatusTag status={c.status} />
        </Space>
      ))}
    </Space>
  );
}

/**
 * 上级交办: tasks a higher organization assigned to the unit that stands for this one. The supervisor accepts each
 * into one of its own plans, as one task or split into several, with its own units; a leader reads the list.
 */
export function IncomingPage() {
  const { user } = useAuth();
  const { readOnly, organizations } = useOrganization();
  const phone = useIsPhone();
  const [tab, setTab] = useState<Tab>('pending');
  const [items, setItems] = useState<IncomingTask[]>();
  const [loading, setLoading] = useState(false);
  const [accepting, setAccepting] = useState<IncomingTask | null>(null);
  const mayAccept = user?.role === 'supervisor' && !readOnly;
  const own = organizations.find((o) => o.depth === 0);

  const load = async (status: Tab) => {
    setLoading(true);
    try {
      setItems(await ok(client.GET('/api/incoming-tasks', { params: { query: { status } } })));
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    void load(tab).catch(() => undefined);
  }, [tab]);

  const acceptButton = (item: IncomingTask) =>
    mayAccept && !item.acceptedAt ? (
      <Button type="primary" size={phone ? 'large' : 'small'} onClick={() => setAccepting(item)}>
        接收落实
      </Button>
    ) : null;

  const list = phone ? (
    <List<IncomingTask>
      data-testid="incoming-cards"
      loading={loading}
      dataSource={items}
      locale={{ emptyText: tab === 'pending' ? '暂无待接收的上级交办任务' : '暂无已接收的上级交办任务' }}
      renderItem={(item) => (
        <List.Item data-testid="incoming-task" style={{ display: 'block' }}>
          <Space direction="vertical" size={6} style={{ width: '100%' }}>
            <Space wrap size={4}>
              <Typography.Text strong>{item.fromOrganization.name}</Typography.Text>
              <Typography.Text type="secondary">
                {item.parentTask.planTitle} 第{item.parentTask.number}项
              </Typography.Text>
            </Space>
            <Typography.Text>{clip(item.parentTask.content)}</Typography.Text>
            <Typography.Text type="secondary">
              完成时限 {item.parentTask.dueDate}；{dateTime(item.receivedAt)} 交办至{item.viaUnit.name}
            </Typography.Text>
            {item.acceptedAt && (
              <>
                <Typography.Text type="secondary">{dateTime(item.acceptedAt)} 接收，本级任务：</Typography.Text>
                <ChildTasks item={item} />
              </>
            )}
            {acceptButton(item)}
          </Space>
        </List.Item>
      )}
    />
  ) : (
    <Table<IncomingTask>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={items}
      pagination={false}
      locale={{ emptyText: tab === 'pending' ? '暂无待接收的上级交办任务' : '暂无已接收的上级交办任务' }}
      onRow={() => ({ 'data-testid': 'incoming-task' }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: '交办时间', width: 150, render: (_: unknown, r) => dateTime(r.receivedAt) },
        {
          title: '交办方',
          width: 180,
          render: (_: unknown, r) => (
            <>
              {r.fromOrganization.name}
              <br />
              <Typography.Text type="secondary">交办至{r.viaUnit.name}</Typography.Text>
            </>
          ),
        },
        {
          title: '上级任务',
          render: (_: unknown, r) => (
            <>
              <Typography.Text type="secondary">
                {r.parentTask.planTitle} 第{r.parentTask.number}项
              </Typography.Text>
              <br />
              {clip(r.parentTask.content)}
            </>
          ),
        },
        { title: '完成时限', width: 110, render: (_: unknown, r) => r.parentTask.dueDate },
        ...(tab === 'accepted'
          ? [
              { title: '接收时间', width: 150, render: (_: unknown, r: IncomingTask) => dateTime(r.acceptedAt) },
              { title: '本级任务', width: 220, render: (_: unknown, r: IncomingTask) => <ChildTasks item={r} /> },
            ]
          : mayAccept
            ? [{ title: '操作', width: 110, render: (_: unknown, r: IncomingTask) => acceptButton(r) }]
            : []),
      ]}
    />
  );

  return (
    <Card title="上级交办">
      {readOnly && own && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={`这里是${own.name}收到的上级交办任务；查看下级组织时只能查看，不能接收`} />
      )}
      <Tabs
        activeKey={tab}
        onChange={(key) => setTab(key as Tab)}
        items={[
          { key: 'pending', label: '待接收' },
          { key: 'accepted', label: '已接收' },
        ]}
      />
      {list}
      {accepting && (
        <AcceptIncomingDialog
          incoming={accepting}
          onClose={() => setAccepting(null)}
          onAccepted={() => {
            setAccepting(null);
            setTab('accepted');
          }}
        />
      )}
    </Card>
  );
}
