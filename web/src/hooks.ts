import dayjs, { type Dayjs } from 'dayjs';
import { Grid } from 'antd';
import { useEffect, useState } from 'react';
import { client, ok, type Plan } from './api';
import { useOrganization } from './organization';

let serverToday: Promise<string> | undefined;

/** The server's today (GET /api/meta: Asia/Shanghai, or its CLOCK_TODAY), asked once; undefined until known. */
export function useServerToday(): Dayjs | undefined {
  const [today, setToday] = useState<Dayjs>();
  useEffect(() => {
    serverToday ??= ok(client.GET('/api/meta'))
      .then((meta) => meta.today)
      .catch(() => {
        serverToday = undefined;
        return dayjs().format('YYYY-MM-DD');
      });
    let live = true;
    void serverToday.then((day) => live && setToday(dayjs(day)));
    return () => {
      live = false;
    };
  }, []);
  return today;
}

/** A date picker's day: the server's today until the user picks another one (or a link brings one). */
export function useAsOf(initial?: string | null): [Dayjs | undefined, (day: Dayjs) => void] {
  const today = useServerToday();
  const [picked, setPicked] = useState<Dayjs | undefined>(() => (initial && dayjs(initial).isValid() ? dayjs(initial) : undefined));
  return [picked ?? today, setPicked];
}

/**
 * Plans the user may see in the organization being viewed (the header's switcher), newest first, and the chosen
 * one (a link's, else remembered across pages, per organization).
 */
export function usePlans(initial?: string | null) {
  const { organizationId } = useOrganization();
  const storageKey = organizationId ? `duban.planId.${organizationId}` : 'duban.planId';
  const [plans, setPlans] = useState<Plan[]>([]);
  const [planId, setPlanIdState] = useState<string | undefined>(() => initial ?? localStorage.getItem(storageKey) ?? undefined);
  const reload = async () => {
    const list = await ok(client.GET('/api/plans', { params: { query: { organizationId } } }));
    setPlans(list);
    const remembered = localStorage.getItem(storageKey);
    setPlanIdState((current) =>
      current && list.some((p) => p.id === current) ? current : (list.find((p) => p.id === remembered) ?? list[0])?.id,
    );
    return list;
  };
  useEffect(() => {
    void reload().catch(() => undefined);
  }, [organizationId]);
  const setPlanId = (id: string | undefined) => {
    if (id) localStorage.setItem(storageKey, id);
    setPlanIdState(id);
  };
  return { plans, planId, setPlanId, reload };
}

/** Below antd's md breakpoint (768 px): the phone layout. Undefined screens (first render) count as desktop. */
export function useIsPhone(): boolean {
  return Grid.useBreakpoint().md === false;
}
