import { MenuOutlined } from '@ant-design/icons';
import { Alert, Button, Drawer, Layout, Menu, Result, Select, Space, Spin, Typography } from 'antd';
import { Suspense, lazy, useState, type ComponentType, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { homeOf, useAuth } from './auth';
import { useIsPhone } from './hooks';
import { ROLE_LABELS } from './labels';
import { OrganizationProvider, useOrganization } from './organization';

/** One chunk per page, loaded when its route is first opened. */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  const Page = lazy(() => load().then((m) => ({ default: m[name] as ComponentType })));
  return <Page />;
}

const LoginPage = lazy(() => import('./pages/Login').then((m) => ({ default: m.LoginPage })));

type Role = 'admin' | 'supervisor' | 'unit_user' | 'leader';
interface MenuEntry {
  path: string;
  label: string;
  roles: Role[];
  element: ReactNode;
}

/** Menu by role; a page not in the user's menu is not reachable by URL either. */
const PAGES: MenuEntry[] = [
  { path: '/dashboard', label: '驾驶舱', roles: ['leader', 'supervisor'], element: page(() => import('./pages/Dashboard'), 'DashboardPage') },
  { path: '/my-tasks', label: '我的任务', roles: ['unit_user'], element: page(() => import('./pages/MyTasks'), 'MyTasksPage') },
  { path: '/tasks', label: '任务总览', roles: ['supervisor', 'leader', 'admin'], element: page(() => import('./pages/Tasks'), 'TasksPage') },
  { path: '/incoming', label: '上级交办', roles: ['supervisor', 'leader'], element: page(() => import('./pages/Incoming'), 'IncomingPage') },
  { path: '/overdue', label: '逾期督办', roles: ['supervisor', 'leader'], element: page(() => import('./pages/Overdue'), 'OverduePage') },
  { path: '/stats', label: '单位统计', roles: ['supervisor', 'leader'], element: page(() => import('./pages/Stats'), 'StatsPage') },
  { path: '/indicators', label: '指标', roles: ['supervisor', 'leader'], element: page(() => import('./pages/Indicators'), 'IndicatorsPage') },
  { path: '/scores', label: '考核得分', roles: ['supervisor', 'leader'], element: page(() => import('./pages/Scores'), 'ScoresPage') },
  { path: '/bulletin', label: '督查通报', roles: ['supervisor', 'leader'], element: page(() => import('./pages/Bulletin'), 'BulletinPage') },
  { path: '/import', label: '导入', roles: ['supervisor'], element: page(() => import('./pages/Import'), 'ImportPage') },
  { path: '/deliveries', label: '提醒投递', roles: ['supervisor', 'leader'], element: page(() => import('./pages/Deliveries'), 'DeliveriesPage') },
  { path: '/users', label: '用户管理', roles: ['admin'], element: page(() => import('./pages/Users'), 'UsersPage') },
  { path: '/units', label: '单位管理', roles: ['admin'], element: page(() => import('./pages/Units'), 'UnitsPage') },
];
const TASK_DETAIL = page(() => import('./pages/TaskDetail'), 'TaskDetailPage');

const loading = (
  <div style={{ padding: 48, textAlign: 'center' }}>
    <Spin aria-label="加载中" />
  </div>
);

/** The organization switcher: shown to a user whose organization has organizations below it. */
function OrganizationSwitcher({ block }: { block?: boolean }) {
  const { organizations, current, choose } = useOrganization();
  if (organizations.length < 2) return null;
  return (
    <Select
      aria-label="查看组织"
      data-testid="organization-switcher"
      style={block ? { width: '100%' } : { width: 160 }}
      value={current?.id}
      onChange={choose}
      popupMatchSelectWidth={false}
      // The list indents by level; the chosen one is shown by its name alone.
      labelRender={({ value }) => organizations.find((o) => o.id === value)?.name}
      options={organizations.map((o) => ({
        value: o.id,
        label: o.depth === 0 ? `${o.name}（本级）` : `${'　'.repeat(o.depth)}${o.name}`,
      }))}
    />
  );
}

/** While a descendant is viewed: says so, and leads back to the user's own organization. */
function ReadOnlyBanner() {
  const { organizations, current, readOnly, choose } = useOrganization();
  const own = organizations.find((o) => o.depth === 0);
  if (!readOnly || !current || !own) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="organization-banner"
      style={{ marginBottom: 16 }}
      message={`正在查看下级组织：${current.name}（只读）`}
      action={
        <Button size="small" onClick={() => choose(own.id)}>
          返回{own.name}
        </Button>
      }
    />
  );
}

function Shell({ children }: { children: ReactNode }) {
  const { user, logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const phone = useIsPhone();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const { organizationId } = useOrganization();
  const entries = PAGES.filter((p) => user && p.roles.includes(user.role));
  const selected = entries.find((e) => location.pathname.startsWith(e.path))?.path ?? '';
  const items = entries.map((e) => ({ key: e.path, label: e.label }));
  const userName = (
    <span data-testid="current-user">
      {user?.displayName || user?.username}（{user ? ROLE_LABELS[user.role] : ''}）
    </span>
  );
  const logoutButton = (
    <Button
      size={phone ? 'middle' : 'small'}
      onClick={() => {
        logout();
        navigate('/login');
      }}
    >
      退出
    </Button>
  );
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{ display: 'flex', alignItems: 'center', gap: phone ? 12 : 24, background: '#8e1515', padding: phone ? '0 12px' : undefined }}
      >
        {phone && (
          <Button
            type="text"
            aria-label="打开菜单"
            icon={<MenuOutlined style={{ color: '#fff', fontSize: 20 }} />}
            style={{ width: 44, height: 44 }}
            onClick={() => setDrawerOpen(true)}
          />
        )}
        <Typography.Title level={1} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap', fontSize: phone ? 18 : 20 }}>
          督查督办系统
        </Typography.Title>
        {phone ? (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            title={userName}
            size={280}
            styles={{ body: { padding: 0 } }}
            footer={logoutButton}
          >
            <div style={{ padding: 12 }}>
              <OrganizationSwitcher block />
            </div>
            <nav aria-label="主菜单">
              <Menu
                mode="inline"
                selectedKeys={[selected]}
                items={items}
                onClick={({ key }) => {
                  setDrawerOpen(false);
                  navigate(key);
                }}
              />
            </nav>
          </Drawer>
        ) : (
          <>
            <nav aria-label="主菜单" style={{ flex: 1, minWidth: 0 }}>
              <Menu
                theme="dark"
                mode="horizontal"
                style={{ background: 'transparent' }}
                selectedKeys={[selected]}
                items={items}
                onClick={({ key }) => navigate(key)}
              />
            </nav>
            <Space style={{ color: '#fff' }}>
              <OrganizationSwitcher />
              {userName}
              {logoutButton}
            </Space>
          </>
        )}
      </Layout.Header>
      <Layout.Content style={{ padding: phone ? 8 : 24 }}>
        {/* antd's Layout.Content is the page's <main> landmark. */}
        <ReadOnlyBanner />
        {/* Another organization is a fresh start for the page: its filters and picks were the other one's. */}
        <Suspense fallback={loading} key={organizationId ?? 'own'}>
          {children}
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}

export function AppRoutes() {
  const { user } = useAuth();
  if (!user) {
    return (
      <Suspense fallback={loading}>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route path="*" element={<Navigate to="/login" replace />} />
        </Routes>
      </Suspense>
    );
  }
  const allowed = PAGES.filter((p) => p.roles.includes(user.role));
  return (
    <OrganizationProvider key={user.id}>
      <Shell>
        <Routes>
          {allowed.map((p) => (
            <Route key={p.path} path={p.path} element={p.element} />
          ))}
          <Route path="/tasks/:id" element={TASK_DETAIL} />
          <Route path="/login" element={<Navigate to={homeOf(user.role)} replace />} />
          <Route path="/" element={<Navigate to={homeOf(user.role)} replace />} />
          <Route path="*" element={<Result status="403" title="无权访问" subTitle="您的角色不能查看此页面" />} />
        </Routes>
      </Shell>
    </OrganizationProvider>
  );
}
