import { Badge, Button, Card, List, Space, Switch, Table, Tag, Typography, message } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { client, ok, type Schemas, type SupervisedTask, type SupervisedTaskPage, type TaskStatus } from '../api';
import { useAuth } from '../auth';
import { useIsPhone, usePlans, useServerToday } from '../hooks';
import { LightWithReasons, REMINDER_KINDS, StatusTag, dateTime, units } from '../labels';
import { AcknowledgeButton } from './AcknowledgeButton';
import { PlanSelect } from './PlanSelect';
import { TaskActions } from './TaskActions';
import { serverPagination } from '../pagination';

type Reminder = Schemas['ReminderDto'];

const clip = (text: string) => (text.length > 80 ? `${text.slice(0, 80)}…` : text);

export function MyTasksPage() {
  const { user } = useAuth();
  const phone = useIsPhone();
  const { plans, planId, setPlanId } = usePlans();
  const [page, setPage] = useState({ page: 1, pageSize: 10 });
  const [data, setData] = useState<SupervisedTaskPage>();
  const [loading, setLoading] = useState(false);
  const today = useServerToday();
  // The unit's tasks with their lights as of the server's today; the server keeps a unit user to its own unit.
  const load = async () => {
    if (!planId || !user?.unitId || !today) return;
    setLoading(true);
    try {
      const filter = { planId, unitId: user.unitId, asOf: today.format('YYYY-MM-DD'), ...page };
      setData(await ok(client.GET('/api/supervision/tasks', { params: { query: filter } })));
    } finally {
      setLoading(false);
    }
  };
  // 待签收 is the unit's to-do as it stands now (not as of a day): the tasks its unit has not signed yet.
  const [pending, setPending] = useState<Schemas['TaskPageDto']>();
  const loadPending = async () => {
    if (!planId || !user?.unitId) return;
    setPending(await ok(client.GET('/api/tasks', { params: { query: { planId, unitId: user.unitId, acknowledged: false, pageSize: 200 } } })));
  };
  const reload = async () => {
    await Promise.all([load(), loadPending()]);
  };
  useEffect(() => {
    void load().catch(() => undefined);
  }, [planId, today, page.page, page.pageSize]);
  useEffect(() => {
    void loadPending().catch(() => undefined);
  }, [planId]);

  const planSelect = <PlanSelect plans={plans} value={planId} onChange={(id) => (setPlanId(id), setPage({ ...page, page: 1 }))} />;
  const roleOf = (t: SupervisedTask) =>
    t.lead.some((u) => u.id === user?.unitId) ? '牵头' : t.responsible.some((u) => u.id === user?.unitId) ? '责任' : '配合';

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {pending && pending.total > 0 && (
        <Card
          title={
            <Space>
              <span>待签收</span>
              <Typography.Text type="danger" data-testid="pending-acknowledgements">
                {pending.total} 项
              </Typography.Text>
            </Space>
          }
        >
          <List
            size="small"
            dataSource={pending.items}
            pagination={pending.items.length > 10 ? { pageSize: 10, size: 'small' } : false}
            renderItem={(t) => (
              <List.Item
                data-testid="pending-acknowledgement"
                actions={[<AcknowledgeButton key="sign" task={t} size={phone ? 'large' : undefined} onDone={() => void reload()} />]}
              >
                <Space wrap>
                  <span>第{t.number}项</span>
                  <Link to={`/tasks/${t.id}`}>{clip(t.content)}</Link>
                  <Typography.Text type="secondary">
                    完成时限 {t.dueDate}；{dateTime(t.unacknowledged.find((u) => u.id === user?.unitId)?.assignedAt)} 交办
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
      <Card title="我的任务" extra={phone ? undefined : planSelect}>
        {phone ? (
          <>
            {planSelect}
            <List<SupervisedTask>
              data-testid="my-task-cards"
              loading={loading}
              dataSource={data?.items}
              pagination={{
                current: page.page,
                pageSize: page.pageSize,
                total: data?.total,
                size: 'small',
                align: 'center',
                showTotal: (count) => `共 ${count} 项`,
                onChange: (p, size) => setPage({ page: p, pageSize: size }),
              }}
              renderItem={(t) => (
                <List.Item style={{ display: 'block' }}>
                  <Space direction="vertical" size={6} style={{ width: '100%' }}>
                    <Space wrap size={4}>
                      <Typography.Text strong>第{t.number}项</Typography.Text>
                      <Tag>{roleOf(t)}</Tag>
                      <StatusTag status={t.status} />
                      <LightWithReasons light={t.light} reasons={t.reasons} />
                    </Space>
                    <Link to={`/tasks/${t.id}`}>{clip(t.content)}</Link>
                    <Typography.Text type="secondary">
                      完成时限 {t.dueDate}；牵头 {units(t.lead)}
                    </Typography.Text>
                    <TaskActions task={t} onDone={() => void reload()} />
                  </Space>
                </List.Item>
              )}
            />
          </>
        ) : (
          <Table<SupervisedTask>
            rowKey="id"
            size="middle"
            loading={loading}
            dataSource={data?.items}
            pagination={serverPagination(page, data?.total, setPage)}
            columns={[
              { title: '序号', dataIndex: 'number', width: 70 },
              {
                title: '任务内容',
                dataIndex: 'content',
                render: (text: string, t) => <Link to={`/tasks/${t.id}`}>{clip(text)}</Link>,
              },
              { title: '本单位', width: 80, render: (_: unknown, t) => <Tag>{roleOf(t)}</Tag> },
              { title: '牵头单位', width: 160, render: (_: unknown, t) => units(t.lead) },
              { title: '完成时限', dataIndex: 'dueDate', width: 110 },
              { title: '状态', dataIndex: 'status', width: 100, render: (s: TaskStatus) => <StatusTag status={s} /> },
              {
                title: '预警',
                width: 80,
                render: (_: unknown, t) => <LightWithReasons light={t.light} reasons={t.reasons} />,
              },
              { title: '操作', width: 300, render: (_: unknown, t) => <TaskActions task={t} onDone={() => void reload()} /> },
            ]}
          />
        )}
      </Card>
      <ReminderInbox />
    </Space>
  );
}

/** The unit's reminders, newest first, paginated on the server; reading one records the read receipt. */
export function ReminderInbox() {
  const phone = useIsPhone();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState({ page: 1, pageSize: 10 });
  const [data, setData] = useState<Schemas['ReminderPageDto']>();
  const [unread, setUnread] = useState(0);
  const load = async () => {
    const [list, unreadPage] = await Promise.all([
      ok(client.GET('/api/reminders', { params: { query: { ...page, ...(unreadOnly ? { unread: true } : {}) } } })),
      ok(client.GET('/api/reminders', { params: { query: { unread: true, page: 1, pageSize: 1 } } })),
    ]);
    setData(list);
    setUnread(unreadPage.total);
  };
  useEffect(() => {
    void load().catch(() => undefined);
  }, [unreadOnly, page.page, page.pageSize]);
  const markRead = async (id: string) => {
    await ok(client.POST('/api/reminders/{id}/read', { params: { path: { id } } }));
    message.success('已标记为已读');
    await load();
  };
  const pagination = {
    current: page.page,
    pageSize: page.pageSize,
    total: data?.total,
    onChange: (p: number, s: number) => setPage({ page: p, pageSize: s }),
  };
  const kindTag = (r: Reminder) => <Tag color={r.level > 1 ? 'red' : 'orange'}>{REMINDER_KINDS[r.kind]}</Tag>;
  const messageOf = (r: Reminder) => (
    <Typography.Text strong={!r.readAt}>
      <Link to={`/tasks/${r.task.id}`}>第{r.task.number}项</Link> {r.message}
    </Typography.Text>
  );
  const receipt = (r: Reminder, size: 'small' | 'large') =>
    r.readAt ? (
      <Typography.Text type="secondary">已读 {dateTime(r.readAt)}</Typography.Text>
    ) : (
      <Button size={size} onClick={() => void markRead(r.id)}>
        标记已读
      </Button>
    );
  return (
    <Card
      title={
        <Space>
          <span>提醒收件箱</span>
          <Badge count={unread} data-testid="unread-count" />
        </Space>
      }
      extra={
        <Space>
          <span id="unread-only-label">只看未读</span>
          <Switch
            aria-labelledby="unread-only-label"
            checked={unreadOnly}
            onChange={(v) => (setUnreadOnly(v), setPage({ ...page, page: 1 }))}
          />
        </Space>
      }
    >
      {phone ? (
        <List<Reminder>
          dataSource={data?.items}
          locale={{ emptyText: '暂无提醒' }}
          pagination={{ ...pagination, size: 'small', align: 'center' }}
          renderItem={(r) => (
            <List.Item data-testid="reminder" style={{ display: 'block' }}>
              <Space direction="vertical" size={6} style={{ width: '100%' }}>
                <Space wrap size={4}>
                  {kindTag(r)}
                  <Typography.Text type="secondary">{dateTime(r.createdAt)}</Typography.Text>
                </Space>
                {messageOf(r)}
                {receipt(r, 'large')}
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <Table<Reminder>
          rowKey="id"
          size="small"
          dataSource={data?.items}
          pagination={pagination}
          locale={{ emptyText: '暂无提醒' }}
          columns={[
            { title: '类型', dataIndex: 'kind', width: 110, render: (_: string, r) => kindTag(r) },
            { title: '内容', dataIndex: 'message', render: (_: string, r) => messageOf(r) },
            { title: '时间', dataIndex: 'createdAt', width: 150, render: dateTime },
            { title: '回执', width: 170, render: (_: unknown, r) => receipt(r, 'small') },
          ]}
        />
      )}
    </Card>
  );
}
