import { Select } from 'antd';
import type { Plan } from '../api';
import { useIsPhone } from '../hooks';

export function PlanSelect({ plans, value, onChange }: { plans: Plan[]; value?: string; onChange: (id: string) => void }) {
  const phone = useIsPhone();
  return (
    <Select
      aria-label="计划"
      style={phone ? { width: '100%' } : { minWidth: 320 }}
      placeholder="选择计划"
      value={value}
      onChange={onChange}
      options={plans.map((p) => ({ value: p.id, label: `${p.title}（${p.taskCount}项）` }))}
    />
  );
}
