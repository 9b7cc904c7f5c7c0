import { SYSTEM_ACTOR, type Actor } from '../access/actor';
import { runInContext } from '../access/request-context';
import type { Env } from '../config/env';
import { MAX_AGE_MS, ViewCache } from './view-cache';
import type { ViewChangeRepository, ViewProbe } from './view-change.repository';

/** A change log that reports a change whenever `changed` is set, and counts probes. */
class FakeChanges {
  changed = false;
  probes = 0;
  pruned = 0;
  async probe(_planId: string, since: string | null): Promise<ViewProbe> {
    this.probes += 1;
    return { snapshot: `s${this.probes}`, changed: since !== null && this.changed };
  }
  async prune(): Promise<number> {
    this.pruned += 1;
    return 0;
  }
}

const STAFF: Actor = { ...SYSTEM_ACTOR, userId: 'u1', username: 'sup', role: 'supervisor', organizationId: 'o1', organizationTree: ['o1'] };
const as = <T>(actor: Actor, fn: () => Promise<T>) => runInContext({ requestId: null, ip: null, actor }, fn);

describe('ViewCache', () => {
  let changes: FakeChanges;
  const cache = (bytes: number) => new ViewCache(changes as unknown as ViewChangeRepository, { VIEW_CACHE_BYTES: bytes } as Env);
  /** An answer of `size` bytes of JSON (with the quotes), counting its computations. */
  const computed = (size: number) => {
    const calls = { n: 0 };
    return { calls, compute: async () => `${'x'.repeat(size - 2 - String(++calls.n).length)}${calls.n}` };
  };

  beforeEach(() => {
    changes = new FakeChanges();
  });
  afterEach(() => jest.useRealTimers());

  it('answers again from the cache until the plan changes', async () => {
    const c = cache(1000);
    const { calls, compute } = computed(10);
    const first = await as(STAFF, () => c.answer('tasks', 'p1', { page: 1 }, compute));
    expect(await as(STAFF, () => c.answer('tasks', 'p1', { page: 1 }, compute))).toBe(first);
    expect(calls.n).toBe(1);
    changes.changed = true;
    expect(await as(STAFF, () => c.answer('tasks', 'p1', { page: 1 }, compute))).not.toBe(first);
    expect(calls.n).toBe(2);
  });

  it('keeps answers apart by view, plan, query (whatever its key order) and the caller’s access', async () => {
    const c = cache(1000);
    const { calls, compute } = computed(10);
    await as(STAFF, () => c.answer('tasks', 'p1', { page: 1, pageSize: 20 }, compute));
    await as(STAFF, () => c.answer('tasks', 'p1', { pageSize: 20, page: 1, light: undefined }, compute));
    expect(calls.n).toBe(1);
    await as(STAFF, () => c.answer('overdue', 'p1', { page: 1, pageSize: 20 }, compute));
    await as(STAFF, () => c.answer('tasks', 'p2', { page: 1, pageSize: 20 }, compute));
    await as(STAFF, () => c.answer('tasks', 'p1', { page: 2, pageSize: 20 }, compute));
    await as({ ...STAFF, role: 'unit_user', unitId: 'unit-a' }, () => c.answer('tasks', 'p1', { page: 1, pageSize: 20 }, compute));
    await as({ ...STAFF, role: 'unit_user', unitId: 'unit-b' }, () => c.answer('tasks', 'p1', { page: 1, pageSize: 20 }, compute));
    await as({ ...STAFF, organizationTree: ['o1', 'o2'] }, () => c.answer('tasks', 'p1', { page: 1, pageSize: 20 }, compute));
    expect(calls.n).toBe(7);
  });

  it('computes every time when turned off (VIEW_CACHE_BYTES=0), without asking the log', async () => {
    const c = cache(0);
    const { calls, compute } = computed(10);
    await as(STAFF, () => c.answer('tasks', 'p1', {}, compute));
    await as(STAFF, () => c.answer('tasks', 'p1', {}, compute));
    expect(calls.n).toBe(2);
    expect(changes.probes).toBe(0);
  });

  it('forgets the least recently used answers past its budget, and keeps none larger than a quarter of it', async () => {
    const c = cache(100);
    const { calls, compute } = computed(25);
    for (const plan of ['p1', 'p2', 'p3', 'p4']) await as(STAFF, () => c.answer('tasks', plan, {}, compute));
    await as(STAFF, () => c.answer('tasks', 'p1', {}, compute)); // p1 used again: p2 is now the oldest
    await as(STAFF, () => c.answer('tasks', 'p5', {}, compute));
    expect(c.size).toBe(4);
    expect(calls.n).toBe(5);
    await as(STAFF, () => c.answer('tasks', 'p2', {}, compute));
    expect(calls.n).toBe(6);
    await as(STAFF, () => c.answer('tasks', 'p1', {}, compute));
    expect(calls.n).toBe(6);

    const big = computed(26);
    await as(STAFF, () => c.answer('tasks', 'big', {}, big.compute));
    await as(STAFF, () => c.answer('tasks', 'big', {}, big.compute));
    expect(big.calls.n).toBe(2);
  });

  it('keeps an answer an hour at most, and prunes the log at most hourly', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-30T08:00:00Z') });
    const c = cache(1000);
    const { calls, compute } = computed(10);
    await as(STAFF, () => c.answer('tasks', 'p1', {}, compute));
    jest.setSystemTime(Date.now() + MAX_AGE_MS - 1);
    await as(STAFF, () => c.answer('tasks', 'p1', {}, compute));
    expect(calls.n).toBe(1);
    expect(changes.pruned).toBe(1);
    jest.setSystemTime(Date.now() + 2);
    await as(STAFF, () => c.answer('tasks', 'p1', {}, compute));
    expect(calls.n).toBe(2);
    expect(changes.pruned).toBe(2);
  });

  it('keeps no failure: the next request computes again', async () => {
    const c = cache(1000);
    let fail = true;
    const compute = async () => {
      if (fail) throw new Error('计划不存在');
      return 'ok';
    };
    await expect(as(STAFF, () => c.answer('tasks', 'p1', {}, compute))).rejects.toThrow('计划不存在');
    fail = false;
    expect(await as(STAFF, () => c.answer('tasks', 'p1', {}, compute))).toBe('ok');
  });
});
