import { Button, Card, Form, Input, Modal, Select, Space, Table, Tag, message } from 'antd';
import { useEffect, useState } from 'react';
import { client, ok, type Schemas } from '../api';
import { UNIT_KIND_LABELS } from '../labels';
import { useOrganization } from '../organization';

type Unit = Schemas['UnitDto'];
interface UnitForm {
  name: string;
  aliases?: string[];
  contactEmails?: string[];
  webhookUrl?: string;
}

/** The unit registry (admin): names, aliases, contacts for reminder digests. */
export function UnitsPage() {
  const [list, setList] = useState<Unit[]>([]);
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);
  const [form] = Form.useForm<UnitForm>();
  // A lower organization's registry is shown read-only (the header's switcher).
  const { organizationId, readOnly } = useOrganization();
  const load = () => ok(client.GET('/api/units', { params: { query: { organizationId } } })).then(setList).catch(() => undefined);
  useEffect(() => {
    void load();
  }, [organizationId]);
  const open = (unit: Unit | 'new') => {
    form.resetFields();
    if (unit !== 'new')
      form.setFieldsValue({ name: unit.name, aliases: unit.aliases, contactEmails: unit.contactEmails, webhookUrl: unit.webhookUrl ?? '' });
    setEditing(unit);
  };
  const save = async () => {
    const v = await form.validateFields();
    const body = {
      name: v.name.trim(),
      aliases: v.aliases ?? [],
      contactEmails: v.contactEmails ?? [],
      ...(v.webhookUrl ? { webhookUrl: v.webhookUrl } : editing !== 'new' ? { webhookUrl: null } : {}),
    };
    try {
      if (editing === 'new') await ok(client.POST('/api/units', { body }));
      else if (editing) await ok(client.PATCH('/api/units/{id}', { params: { path: { id: editing.id } }, body }));
      message.success('已保存');
      setEditing(null);
      await load();
    } catch {
      // shown by ok()
    }
  };
  const shown = list.filter((u) => !search || u.name.includes(search) || u.aliases.some((a) => a.includes(search)));
  return (
    <Card
      title="单位管理"
      extra={
        <Space>
          <Input.Search aria-label="搜索单位" placeholder="名称或别名" allowClear onSearch={setSearch} />
          {!readOnly && (
            <Button type="primary" onClick={() => open('new')}>
              新建单位
            </Button>
          )}
        </Space>
      }
    >
      <Table<Unit>
        rowKey="id"
        size="small"
        dataSource={shown}
        pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 个单位` }}
        columns={[
          { title: '名称', dataIndex: 'name' },
          { title: '类别', dataIndex: 'kind', width: 110, render: (k: Unit['kind']) => UNIT_KIND_LABELS[k] },
          { title: '别名', dataIndex: 'aliases', render: (a: string[]) => a.map((x) => <Tag key={x}>{x}</Tag>) },
          { title: '所属组', dataIndex: 'groups', render: (g: Unit['groups']) => g.map((x) => x.name).join('、') || '—' },
          { title: '联系邮箱', dataIndex: 'contactEmails', render: (e: string[]) => e.join('、') || '—' },
          ...(readOnly ? [] : [{ title: '操作', width: 80, render: (_: unknown, u: Unit) => <Button size="small" onClick={() => open(u)}>编辑</Button> }]),
        ]}
      />
      <Modal open={editing !== null} title={editing === 'new' ? '新建单位' : '编辑单位'} okText="保存" cancelText="取消" onOk={save} onCancel={() => setEditing(null)} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="name" label="单位名称" rules={[{ required: true, whitespace: true, message: '请填写单位名称' }]}>
            <Input autoFocus />
          </Form.Item>
          <Form.Item name="aliases" label="别名（回车添加）">
            <Select mode="tags" open={false} />
          </Form.Item>
          <Form.Item
            name="contactEmails"
            label="联系邮箱（回车添加）"
            rules={[
              {
                validator: (_r, v: string[] | undefined) =>
                  (v ?? []).every((e) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(e)) ? Promise.resolve() : Promise.reject(new Error('邮箱格式不正确')),
              },
            ]}
          >
            <Select mode="tags" open={false} />
          </Form.Item>
          <Form.Item name="webhookUrl" label="Webhook 地址" rules={[{ type: 'url', message: '请填写完整的网址（http:// 或 https://）' }]}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
