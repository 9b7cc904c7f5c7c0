import { Button, message } from 'antd';
import { useState } from 'react';
import { client, ok, type Task } from '../api';
import { useAuth } from '../auth';

/** One click 签收 for a unit user whose unit has not signed the task yet; nothing for anyone else. */
export function AcknowledgeButton({ task, onDone, size }: { task: Pick<Task, 'id' | 'unacknowledged'>; onDone: () => void; size?: 'small' | 'large' }) {
  const { user } = useAuth();
  const [busy, setBusy] = useState(false);
  if (user?.role !== 'unit_user' || !task.unacknowledged.some((u) => u.id === user.unitId)) return null;
  const sign = async () => {
    setBusy(true);
    try {
      await ok(client.POST('/api/tasks/{id}/acknowledge', { params: { path: { id: task.id } } }));
      message.success('已签收');
      onDone();
    } catch {
      // shown by ok()
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size={size} type="primary" danger loading={busy} onClick={() => void sign()}>
      签收
    </Button>
  );
}
