import { Button, Layout, Menu, Result, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { homeOf, useAuth } from './auth';
import { ROLE_LABELS } from './labels';
import { LoginPage } from './pages/Login';
import { MyTasksPage } from './pages/MyTasks';
import { TasksPage } from './pages/Tasks';
import { TaskDetailPage } from './pages/TaskDetail';
import { OverduePage } from './pages/Overdue';
import { StatsPage } from './pages/Stats';
import { ImportPage } from './pages/Import';
import { DeliveriesPage } from './pages/Deliveries';
import { UsersPage } from './pages/Users';
import { UnitsPage } from './pages/Units';
import { IndicatorsPage } from './pages/Indicators';
import { ScoresPage } from './pages/Scores';
import { BulletinPage } from './pages/Bulletin';

type Role = 'admin' | 'supervisor' | 'unit_user' | 'leader';
interface MenuEntry {
  path: string;
  label: string;
  roles: Role[];
  element: ReactNode;
}

/** Menu by role; a page not in the user's menu is not reachable by URL either. */
const PAGES: MenuEntry[] = [
  { path: '/my-tasks', label: '我的任务', roles: ['unit_user'], element: <MyTasksPage /> },
  { path: '/tasks', label: '任务总览', roles: ['supervisor', 'leader', 'admin'], element: <TasksPage /> },
  { path: '/overdue', label: '逾期督办', roles: ['supervisor', 'leader'], element: <OverduePage /> },
  { path: '/stats', label: '单位统计', roles: ['supervisor', 'leader'], element: <StatsPage /> },
  { path: '/indicators', label: '指标', roles: ['supervisor', 'leader'], element: <IndicatorsPage /> },
  { path: '/scores', label: '考核得分', roles: ['supervisor', 'leader'], element: <ScoresPage /> },
  { path: '/bulletin', label: '督查通报', roles: ['supervisor', 'leader'], element: <BulletinPage /> },
  { path: '/import', label: '导入', roles: ['supervisor'], element: <ImportPage /> },
  { path: '/deliveries', label: '提醒投递', roles: ['supervisor', 'leader'], element: <DeliveriesPage /> },
  { path: '/users', label: '用户管理', roles: ['admin'], element: <UsersPage /> },
  { path: '/units', label: '单位管理', roles: ['admin'], element: <UnitsPage /> },
];

function Shell({ children }: { children: ReactNode }) {
  const { user, logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const entries = PAGES.filter((p) => user && p.roles.includes(user.role));
  const selected = entries.find((e) => location.pathname.startsWith(e.path))?.path ?? '';
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24, background: '#8e1515' }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
          督查督办系统
        </Typography.Title>
        <Menu
          theme="dark"
          mode="horizontal"
          style={{ flex: 1, minWidth: 0, background: 'transparent' }}
          selectedKeys={[selected]}
          items={entries.map((e) => ({ key: e.path, label: e.label }))}
          onClick={({ key }) => navigate(key)}
        />
        <Space style={{ color: '#fff' }}>
          <span data-testid="current-user">
            {user?.displayName || user?.username}（{ROLE_LABELS[user?.role ?? ''] ?? ''}）
          </span>
          <Button
            size="small"
            onClick={() => {
              logout();
              navigate('/login');
            }}
          >
            退出
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>{children}</Layout.Content>
    </Layout>
  );
}

export function AppRoutes() {
  const { user } = useAuth();
  if (!user) {
    return (
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="*" element={<Navigate to="/login" replace />} />
      </Routes>
    );
  }
  const allowed = PAGES.filter((p) => p.roles.includes(user.role));
  return (
    <Shell>
      <Routes>
        {allowed.map((p) => (
          <Route key={p.path} path={p.path} element={p.element} />
        ))}
        <Route path="/tasks/:id" element={<TaskDetailPage />} />
        <Route path="/login" element={<Navigate to={homeOf(user.role)} replace />} />
        <Route path="/" element={<Navigate to={homeOf(user.role)} replace />} />
        <Route path="*" element={<Result status="403" title="无权访问" subTitle="您的角色不能查看此页面" />} />
      </Routes>
    </Shell>
  );
}
