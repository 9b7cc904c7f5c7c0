import { Alert, Button, Card, DatePicker, Input, Select, Space, Table, Tag, Tooltip } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { client, download, ok, query, type NamedRef, type QueryOf, type SectionNode, type SupervisedTask, type SupervisedTaskPage, type TaskStatus } from '../api';
import { useAsOf, usePlans } from '../hooks';
import { useAuth } from '../auth';
import { useOrganization } from '../organization';
import { ASSIGNMENT_LABELS, LIGHT_LABELS, LightWithReasons, SOURCE_LABELS, STATUS_LABELS, StatusTag, units } from '../labels';
import { NewTaskButton } from './NewTask';
import { PlanSelect } from './PlanSelect';
import { serverPagination } from '../pagination';

/** The register's filters a link may carry, e.g. from the 驾驶舱: /tasks?planId&asOf&sectionId&light&unitId… */
const LINK_FILTERS = ['sectionId', 'unitId', 'role', 'status', 'light', 'acknowledged'] as const;
type Filters = Pick<QueryOf<'/api/supervision/tasks'>, (typeof LINK_FILTERS)[number] | 'sourceKind'>;

/**
 * The register for supervisors, leaders and admins: every filter (the light too) goes to the server, one page at a
 * time; lights, reasons and statuses are those as of the chosen day (GET /api/supervision/tasks).
 */
export function TasksPage() {
  const [params] = useSearchParams();
  const { plans, planId, setPlanId } = usePlans(params.get('planId'));
  const [sections, setSections] = useState<SectionNode[]>([]);
  const [unitList, setUnitList] = useState<NamedRef[]>([]);
  // A link's values go to the server as they are: it answers an unknown one with a 400 that names it.
  const [filters, setFilters] = useState<Filters>(() => Object.fromEntries(LINK_FILTERS.map((key) => [key, params.get(key) ?? undefined])) as Filters);
  const [q, setQ] = useState(() => params.get('q') ?? '');
  const [asOf, setAsOf] = useAsOf(params.get('asOf'));
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [data, setData] = useState<SupervisedTaskPage>();
  const [loading, setLoading] = useState(false);
  const [reload, setReload] = useState(0);
  const { user } = useAuth();
  const { organizationId, readOnly } = useOrganization();

  useEffect(() => {
    void ok(client.GET('/api/units', { params: { query: { organizationId } } })).then(setUnitList).catch(() => undefined);
  }, [organizationId]);
  useEffect(() => {
    if (!planId) return;
    void ok(client.GET('/api/plans/{id}', { params: { path: { id: planId } } }))
      .then((p) => setSections(p.sections))
      .catch(() => undefined);
  }, [planId]);
  useEffect(() => {
    if (!planId || !asOf) return;
    setLoading(true);
    ok(client.GET('/api/supervision/tasks', { params: { query: { planId, asOf: asOf.format('YYYY-MM-DD'), ...filters, q, ...page } } }))
      .then(setData)
      .catch(() => undefined)
      .finally(() => setLoading(false));
  }, [planId, asOf, filters, q, page.page, page.pageSize, reload]);

  const sectionOptions = useMemo(
    () =>
      sections.flatMap((s) => [
        { value: s.id, label: `${s.code}${s.title}` },
        ...s.children.map((c) => ({ value: c.id, label: `　${c.code}${c.title}` })),
      ]),
    [sections],
  );
  const setFilter = <K extends keyof Filters>(key: K, value: Filters[K]) => {
    setFilters((f) => ({ ...f, [key]: value }));
    setPage((p) => ({ ...p, page: 1 }));
  };

  return (
    <Card
      title="任务总览"
      extra={
        <Space>
          <PlanSelect plans={plans} value={planId} onChange={(id) => (setPlanId(id), setFilters({}), setPage({ ...page, page: 1 }))} />
          {user?.role === 'supervisor' && !readOnly && planId && <NewTaskButton planId={planId} units={unitList} onCreated={() => setReload((n) => n + 1)} />}
          <Button
            disabled={!planId}
            onClick={() =>
              void download(`/api/supervision/ledger.xlsx${query({ planId, asOf: asOf?.format('YYYY-MM-DD') })}`, '任务台账.xlsx')
            }
          >
            导出台账（Excel）
          </Button>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label="篇章"
          allowClear
          placeholder="篇章"
          style={{ width: 240 }}
          options={sectionOptions}
          value={filters.sectionId}
          onChange={(v) => setFilter('sectionId', v)}
        />
        <Select
          aria-label="单位"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="单位"
          style={{ width: 200 }}
          options={unitList.map((u) => ({ value: u.id, label: u.name }))}
          value={filters.unitId}
          onChange={(v) => setFilter('unitId', v)}
        />
        <Select
          aria-label="承办角色"
          allowClear
          placeholder="承办角色"
          style={{ width: 120 }}
          options={Object.entries(ASSIGNMENT_LABELS).map(([value, label]) => ({ value, label }))}
          value={filters.role}
          onChange={(v) => setFilter('role', v)}
        />
        <Select
          aria-label="状态"
          allowClear
          placeholder="状态"
          style={{ width: 120 }}
          options={Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label }))}
          value={filters.status}
          onChange={(v) => setFilter('status', v)}
        />
        <Select
          aria-label="来源"
          allowClear
          placeholder="来源"
          style={{ width: 150 }}
          options={Object.entries(SOURCE_LABELS).map(([value, label]) => ({ value, label }))}
          value={filters.sourceKind}
          onChange={(v) => setFilter('sourceKind', v)}
        />
        <Select
          aria-label="预警"
          allowClear
          placeholder="预警灯"
          style={{ width: 110 }}
          options={Object.entries(LIGHT_LABELS).map(([value, label]) => ({ value, label }))}
          value={filters.light}
          onChange={(v) => setFilter('light', v)}
        />
        <Select
          aria-label="签收"
          allowClear
          placeholder="签收"
          style={{ width: 110 }}
          options={[
            { value: 'false', label: '未签收' },
            { value: 'true', label: '已签收' },
          ]}
          value={filters.acknowledged}
          onChange={(v) => setFilter('acknowledged', v)}
        />
        <DatePicker
          aria-label="统计日期"
          value={asOf}
          allowClear={false}
          onChange={(d) => d && (setAsOf(d), setPage((p) => ({ ...p, page: 1 })))}
        />
        <Input.Search
          aria-label="搜索"
          placeholder="搜索任务内容或序号"
          allowClear
          defaultValue={q}
          style={{ width: 240 }}
          onSearch={(v) => (setQ(v.trim()), setPage((p) => ({ ...p, page: 1 })))}
        />
      </Space>
      {data?.warnings.length ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={data.warnings.join('；')} /> : null}
      <Table<SupervisedTask>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items}
        pagination={{ ...serverPagination(page, data?.total, setPage), showSizeChanger: true }}
        columns={[
          { title: '序号', dataIndex: 'number', width: 70 },
          {
            title: '任务内容',
            dataIndex: 'content',
            render: (text: string, t) => <Link to={`/tasks/${t.id}`}>{text.length > 70 ? `${text.slice(0, 70)}…` : text}</Link>,
          },
          { title: '篇章', width: 150, render: (_: unknown, t) => (t.subsection ?? t.section)?.title ?? '—' },
          { title: '牵头单位', width: 160, render: (_: unknown, t) => units(t.lead) },
          { title: '责任单位', width: 200, render: (_: unknown, t) => units(t.responsible) },
          { title: '完成时限', dataIndex: 'dueDate', width: 110 },
          { title: '状态', dataIndex: 'statusAsOf', width: 100, render: (s: TaskStatus) => <StatusTag status={s} /> },
          {
            title: '预警',
            width: 80,
            render: (_: unknown, t) => <LightWithReasons light={t.light} reasons={t.reasons} />,
          },
          {
            title: '签收',
            width: 100,
            render: (_: unknown, t) =>
              t.unacknowledged.length === 0 ? (
                <Tag color="green">已签收</Tag>
              ) : (
                <Tooltip title={`未签收：${units(t.unacknowledged)}`}>
                  <Tag color="orange">{t.unacknowledged.length}个单位未签收</Tag>
                </Tooltip>
              ),
          },
        ]}
      />
    </Card>
  );
}
