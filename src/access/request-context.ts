import { AsyncLocalStorage } from 'node:async_hooks';
import { SYSTEM_ACTOR, type Actor } from './actor';

export interface RequestContext {
  requestId: string | null;
  ip: string | null;
  actor: Actor | null;
}

const storage = new AsyncLocalStorage<RequestContext>();

/**
 * Services read the actor from here rather than from a controller argument, so a controller that forgets to
 * pass it cannot skip an authorization check.
 */
export function requestContext(): RequestContext {
  return storage.getStore() ?? { requestId: null, ip: null, actor: null };
}

export function runInContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function enterContext(context: RequestContext): void {
  storage.enterWith(context);
}

/** For work no user asked for: the demo seed, the CLI, scheduled jobs. */
export function runAsSystem<T>(fn: () => T): T {
  return storage.run({ requestId: null, ip: null, actor: SYSTEM_ACTOR }, fn);
}
