import { useEffect, useState } from 'react';
import { api, type Plan } from './api';

/** Plans the user may see, newest first, and the chosen one (remembered across pages). */
export function usePlans() {
  const [plans, setPlans] = useState<Plan[]>([]);
  const [planId, setPlanIdState] = useState<string | undefined>(() => localStorage.getItem('duban.planId') ?? undefined);
  const reload = async () => {
    const list = await api<Plan[]>('GET', '/api/plans');
    setPlans(list);
    setPlanIdState((current) => (current && list.some((p) => p.id === current) ? current : list[0]?.id));
    return list;
  };
  useEffect(() => {
    void reload().catch(() => undefined);
  }, []);
  const setPlanId = (id: string | undefined) => {
    if (id) localStorage.setItem('duban.planId', id);
    setPlanIdState(id);
  };
  return { plans, planId, setPlanId, reload };
}
