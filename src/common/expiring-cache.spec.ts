import { ExpiringCache } from './expiring-cache';

describe('ExpiringCache (the guard’s user lookup)', () => {
  let now = 0;
  const clock = () => now;
  let loads = 0;
  const load = (value: string) => async () => {
    loads++;
    return value;
  };

  beforeEach(() => {
    now = 0;
    loads = 0;
  });

  it('answers from memory within the TTL and reads again once it has passed', async () => {
    const cache = new ExpiringCache<string>(5000, 10, clock);
    expect(await cache.get('u', load('v1'))).toBe('v1');
    now = 4999;
    expect(await cache.get('u', load('v2'))).toBe('v1');
    now = 5000;
    expect(await cache.get('u', load('v2'))).toBe('v2');
    expect(loads).toBe(2);
  });

  it('forget makes the next lookup read again', async () => {
    const cache = new ExpiringCache<string>(5000, 10, clock);
    await cache.get('u', load('v1'));
    cache.forget('u');
    expect(await cache.get('u', load('v2'))).toBe('v2');
  });

  it('keeps at most maxEntries, forgetting the oldest load', async () => {
    const cache = new ExpiringCache<string>(5000, 2, clock);
    await cache.get('a', load('a'));
    await cache.get('b', load('b'));
    await cache.get('c', load('c'));
    expect(cache.size).toBe(2);
    expect(await cache.get('b', load('b2'))).toBe('b');
    expect(await cache.get('a', load('a2'))).toBe('a2');
  });

  it('with a TTL of 0 keeps nothing', async () => {
    const cache = new ExpiringCache<string>(0, 10, clock);
    await cache.get('u', load('v1'));
    expect(await cache.get('u', load('v2'))).toBe('v2');
    expect(cache.size).toBe(0);
  });
});
