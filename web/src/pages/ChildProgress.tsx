import { Card, List, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { client, ok, type TaskChildren } from '../api';
import { useIsPhone } from '../hooks';
import { LightTag, StatusTag, dateTime } from '../labels';

type ChildOrganization = TaskChildren['organizations'][number];
type ChildTask = ChildOrganization['tasks'][number];

const clip = (text: string, length = 60) => (text.length > length ? `${text.slice(0, length)}…` : text);

function LatestReport({ task }: { task: ChildTask }) {
  const report = task.latestReport;
  if (!report) return <Typography.Text type="secondary">尚未报送</Typography.Text>;
  return (
    <>
      {clip(report.summary, 80)}
      <br />
      <Typography.Text type="secondary">
        {report.unitName}，{dayjs(report.reportedAt).format('YYYY-MM-DD')}
      </Typography.Text>
    </>
  );
}

const percentText = (task: ChildTask) => (task.percent === null ? '—' : `${task.percent}%`);

function OrganizationTitle({ organization }: { organization: ChildOrganization }) {
  return (
    <Space wrap size={4}>
      <Typography.Text strong>{organization.organization.name}</Typography.Text>
      {organization.acceptedAt ? (
        <Tag color="green">{dateTime(organization.acceptedAt)} 已接收</Tag>
      ) : (
        <Tag color="orange">待接收（{dateTime(organization.receivedAt)} 交办）</Tag>
      )}
    </Space>
  );
}

/**
 * 下级落实情况: for a task delivered to lower organizations, each organization's child tasks with their status,
 * light, percent and latest report, under the roll-up the parent's light and completion follow. Nothing here
 * writes: the lower organizations' data is read-only upward.
 */
export function ChildProgressCard({ taskId }: { taskId: string }) {
  const [data, setData] = useState<TaskChildren>();
  const phone = useIsPhone();
  useEffect(() => {
    void ok(client.GET('/api/tasks/{id}/children', { params: { path: { id: taskId } } }))
      .then(setData)
      .catch(() => setData(undefined));
  }, [taskId]);
  if (!data || data.organizations.length === 0) return null;
  const { rollup } = data;
  return (
    <Card title="下级落实情况" data-testid="child-progress">
      <Space wrap size={[16, 8]} style={{ marginBottom: 16 }} data-testid="child-rollup">
        <span>
          汇总预警 <LightTag light={rollup.light} />
        </span>
        <span>
          已接收 {rollup.accepted}/{rollup.organizations} 个组织
        </span>
        <span>
          已办结 {rollup.completedTasks}/{rollup.totalTasks} 项任务
        </span>
        {rollup.completed && <Tag color="green">下级全部办结</Tag>}
      </Space>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {data.organizations.map((o) => (
          <div key={o.organization.id} data-testid="child-organization">
            <div style={{ marginBottom: 8 }}>
              <OrganizationTitle organization={o} />
            </div>
            {phone ? (
              <List<ChildTask>
                size="small"
                bordered
                dataSource={o.tasks}
                locale={{ emptyText: '尚未落实为任务' }}
                renderItem={(t) => (
                  <List.Item style={{ display: 'block' }}>
                    <Space direction="vertical" size={4} style={{ width: '100%' }}>
                      <Space wrap size={4}>
                        <Link to={`/tasks/${t.id}`}>第{t.number}项</Link>
                        <StatusTag status={t.status} />
                        <LightTag light={t.light} />
                        <span>进度 {percentText(t)}</span>
                      </Space>
                      <span>{clip(t.content)}</span>
                      <Typography.Text type="secondary">完成时限 {t.dueDate}</Typography.Text>
                      <div>
                        最新报送：
                        <LatestReport task={t} />
                      </div>
                    </Space>
                  </List.Item>
                )}
              />
            ) : (
              <Table<ChildTask>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={o.tasks}
                locale={{ emptyText: '尚未落实为任务' }}
                columns={[
                  { title: '序号', width: 80, render: (_: unknown, t) => <Link to={`/tasks/${t.id}`}>第{t.number}项</Link> },
                  { title: '任务内容', render: (_: unknown, t) => clip(t.content) },
                  { title: '完成时限', dataIndex: 'dueDate', width: 110 },
                  { title: '状态', width: 100, render: (_: unknown, t) => <StatusTag status={t.status} /> },
                  { title: '预警', width: 80, render: (_: unknown, t) => <LightTag light={t.light} /> },
                  { title: '进度', width: 70, render: (_: unknown, t) => percentText(t) },
                  { title: '最新报送', width: 280, render: (_: unknown, t) => <LatestReport task={t} /> },
                ]}
              />
            )}
          </div>
        ))}
      </Space>
    </Card>
  );
}
