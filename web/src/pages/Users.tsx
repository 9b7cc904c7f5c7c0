import { Button, Card, Form, Input, Modal, Select, Space, Switch, Table, Tag, message } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { client, ok, type NamedRef, type Role, type User } from '../api';
import { ROLE_LABELS } from '../labels';
import { useOrganization } from '../organization';

interface UserForm {
  username: string;
  password?: string;
  displayName?: string;
  role: Role;
  unitId?: string;
}

/** User accounts (admin): create, change role or unit, disable, reset a password. */
export function UsersPage() {
  const [users, setUsers] = useState<User[]>([]);
  const [unitList, setUnitList] = useState<NamedRef[]>([]);
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [search, setSearch] = useState('');
  const [form] = Form.useForm<UserForm>();
  // A lower organization's accounts are shown read-only (the header's switcher).
  const { organizationId, readOnly } = useOrganization();
  const load = () => ok(client.GET('/api/users', { params: { query: { organizationId } } })).then(setUsers).catch(() => undefined);
  useEffect(() => {
    void load();
    void ok(client.GET('/api/units', { params: { query: { organizationId } } })).then(setUnitList).catch(() => undefined);
  }, [organizationId]);
  const unitName = useMemo(() => new Map(unitList.map((u) => [u.id, u.name])), [unitList]);
  const role = Form.useWatch('role', form);
  const open = (user: User | 'new') => {
    form.resetFields();
    if (user !== 'new') form.setFieldsValue({ displayName: user.displayName, role: user.role, unitId: user.unitId ?? undefined });
    setEditing(user);
  };
  const save = async () => {
    const v = await form.validateFields();
    try {
      if (editing === 'new') {
        await ok(
          client.POST('/api/users', {
            body: {
              username: v.username,
              password: v.password ?? '',
          role: v.role,
              ...(v.displayName ? { displayName: v.displayName } : {}),
              ...(v.role === 'unit_user' ? { unitId: v.unitId } : {}),
            },
          }),
        );
        message.success('用户已创建');
      } else if (editing) {
        await ok(
          client.PATCH('/api/users/{id}', {
            params: { path: { id: editing.id } },
            body: {
              ...(v.displayName ? { displayName: v.displayName } : {}),
              role: v.role,
              unitId: v.role === 'unit_user' ? v.unitId : null,
              ...(v.password ? { password: v.password } : {}),
            },
          }),
        );
        message.success('已保存');
      }
      setEditing(null);
      await load();
    } catch {
      // shown by ok()
    }
  };
  const toggle = async (user: User, active: boolean) => {
    try {
      await ok(client.PATCH('/api/users/{id}', { params: { path: { id: user.id } }, body: { active } }));
      await load();
    } catch {
      // shown by ok()
    }
  };
  const shown = users.filter((u) => !search || u.username.includes(search) || u.displayName?.includes(search));
  return (
    <Card
      title="用户管理"
      extra={
        <Space>
          <Input.Search aria-label="搜索用户" placeholder="用户名或姓名" allowClear onSearch={setSearch} />
          {!readOnly && (
            <Button type="primary" onClick={() => open('new')}>
              新建用户
            </Button>
          )}
        </Space>
      }
    >
      <Table<User>
        rowKey="id"
        size="middle"
        dataSource={shown}
        pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 人` }}
        columns={[
          { title: '用户名', dataIndex: 'username' },
          { title: '姓名', dataIndex: 'displayName' },
          { title: '角色', dataIndex: 'role', render: (r: Role) => <Tag>{ROLE_LABELS[r]}</Tag> },
          { title: '单位', dataIndex: 'unitId', render: (id: string | null) => (id ? (unitName.get(id) ?? id) : '—') },
          {
            title: '启用',
            dataIndex: 'active',
            render: (a: boolean, u) => <Switch aria-label={`启用 ${u.username}`} checked={a} disabled={readOnly} onChange={(v) => void toggle(u, v)} />,
          },
          ...(readOnly ? [] : [{ title: '操作', render: (_: unknown, u: User) => <Button size="small" onClick={() => open(u)}>编辑</Button> }]),
        ]}
      />
      <Modal open={editing !== null} title={editing === 'new' ? '新建用户' : '编辑用户'} okText="保存" cancelText="取消" onOk={save} onCancel={() => setEditing(null)} destroyOnHidden>
        <Form form={form} layout="vertical">
          {editing === 'new' && (
            <Form.Item name="username" label="用户名" rules={[{ required: true, whitespace: true, message: '请填写用户名' }]}>
              <Input autoFocus />
            </Form.Item>
          )}
          <Form.Item name="displayName" label="姓名">
            <Input />
          </Form.Item>
          <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
            <Select options={Object.entries(ROLE_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          {role === 'unit_user' && (
            <Form.Item name="unitId" label="所属单位" rules={[{ required: true, message: '单位用户须选择所属单位' }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={unitList.map((u) => ({ value: u.id, label: u.name }))} />
            </Form.Item>
          )}
          <Form.Item
            name="password"
            label={editing === 'new' ? '初始密码' : '重置密码（留空不改）'}
            rules={[
              { required: editing === 'new', message: '请填写初始密码' },
              { min: 10, message: '密码至少 10 位' },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
