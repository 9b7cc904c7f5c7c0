import { timingSafeEqual } from 'node:crypto';
import { BlockList, isIPv6 } from 'node:net';
import type { Env } from '../config/env';

export type MetricsAccess = 'allowed' | 'forbidden' | 'disabled';

/** Who may read /metrics: a bearer METRICS_TOKEN or an address in METRICS_ALLOW; nobody when neither is set. */
export function metricsAccessRule(env: Env): (authorization: string | undefined, ip: string) => MetricsAccess {
  const token = env.METRICS_TOKEN ? Buffer.from(`Bearer ${env.METRICS_TOKEN}`) : null;
  const allowed = new BlockList();
  const entries = (env.METRICS_ALLOW ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  for (const entry of entries) {
    const [address, prefix] = entry.split('/') as [string, string | undefined];
    const type = isIPv6(address) ? 'ipv6' : 'ipv4';
    if (prefix === undefined) allowed.addAddress(address, type);
    else allowed.addSubnet(address, Number(prefix), type);
  }
  if (!token && entries.length === 0) return () => 'disabled';
  return (authorization, ip) => {
    const given = Buffer.from(authorization ?? '');
    if (token && given.length === token.length && timingSafeEqual(given, token)) return 'allowed';
    const address = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
    return entries.length > 0 && allowed.check(address, isIPv6(address) ? 'ipv6' : 'ipv4') ? 'allowed' : 'forbidden';
  };
}
