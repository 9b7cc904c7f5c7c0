import { AsyncLocalStorage } from 'node:async_hooks';
import type { ServerResponse } from 'node:http';

/** A connection whose running statement can be cancelled (BoundedClient). */
export interface CancellableConnection {
  cancelRunningStatement(): void;
}

/**
 * The statements one HTTP request runs. When its client goes away before the answer, the statements running
 * for it are cancelled on the server, and any it would start next fail at once: nothing runs for nobody.
 */
export class StatementScope {
  private gone = false;
  private readonly running = new Set<CancellableConnection>();

  get abandoned(): boolean {
    return this.gone;
  }

  /** Tracks a connection while it runs a statement for this scope; the returned function ends the tracking. */
  enter(connection: CancellableConnection): () => void {
    this.running.add(connection);
    return () => this.running.delete(connection);
  }

  abandon(): void {
    if (this.gone) return;
    this.gone = true;
    for (const connection of this.running) connection.cancelRunningStatement();
  }
}

/** The client went away: the request's remaining statements are not run. */
export class ClientGoneError extends Error {
  constructor() {
    super('The client closed the connection; statement not run');
  }
}

const storage = new AsyncLocalStorage<StatementScope>();

export function currentStatementScope(): StatementScope | undefined {
  return storage.getStore();
}

/** Runs `fn` (and everything it starts) inside `scope`. */
export function runInStatementScope<T>(scope: StatementScope, fn: () => T): T {
  return storage.run(scope, fn);
}

interface HookHost {
  addHook(
    name: 'onRequest',
    hook: (request: unknown, reply: { raw: ServerResponse }, done: () => void) => void,
  ): unknown;
}

/**
 * Gives every request a StatementScope that is abandoned when the response's connection closes before the answer
 * was written (the client disconnected or gave up).
 */
export function cancelStatementsOnDisconnect(fastify: HookHost): void {
  fastify.addHook('onRequest', (_request, reply, done) => {
    const scope = new StatementScope();
    reply.raw.once('close', () => {
      if (!reply.raw.writableEnded && !reply.raw.writableFinished) scope.abandon();
    });
    runInStatementScope(scope, done);
  });
}
