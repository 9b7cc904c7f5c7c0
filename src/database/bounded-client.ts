import { Client } from 'pg';
import { preparedName } from './prepared-statements';
import { ClientGoneError, currentStatementScope, type CancellableConnection } from './statement-scope';

const READ_TIMEOUT = 'Query read timeout';
/** What a transaction's end must still run after the client has gone, so the connection returns to the pool clean. */
const ENDS_TRANSACTION = /^\s*ROLLBACK\b/i;
/** How long a connection waits for its CancelRequest to be taken before it sends its next statement anyway. */
const CANCEL_WAIT_MS = 1000;

/**
 * pg's client-side query_timeout answers the caller but keeps the connection waiting for the lost reply, so the
 * next statement on it (a transaction's ROLLBACK, the next request) would wait out a frozen server again. This
 * client drops such a connection at once: the pool discards it and every later wait starts on a fresh one.
 *
 * Statements marked by `prepared()` go as named prepared statements.
 *
 * It also runs each statement in the StatementScope of the request that asked for it: when that request's client
 * disconnects, the running statement is cancelled on the server and later ones (but a ROLLBACK) are not sent.
 */
export class BoundedClient extends Client implements CancellableConnection {
  /** A CancelRequest on its way: the next statement waits for it, or the cancel could hit that statement instead. */
  private cancelling: Promise<void> | null = null;

  override query(...args: unknown[]): never {
    if (typeof args[args.length - 1] === 'function') return (super.query as (...a: unknown[]) => never)(...args);
    const scope = currentStatementScope();
    if (scope?.abandoned && !ENDS_TRANSACTION.test(statementText(args[0]))) return Promise.reject(new ClientGoneError()) as never;
    if (this.cancelling) return this.cancelling.then(() => this.query(...args)) as never;
    const leave = scope?.enter(this);
    const name = typeof args[0] === 'string' ? preparedName(args[0]) : undefined;
    const sent = name === undefined ? args : [{ name, text: args[0], values: args[1] }];
    const result = (super.query as (...a: unknown[]) => unknown)(...sent);
    if (result instanceof Promise) {
      result.then(leave, (error: unknown) => {
        leave?.();
        if (error instanceof Error && error.message === READ_TIMEOUT) this.dropConnection();
      });
    } else {
      leave?.();
    }
    return result as never;
  }

  /**
   * Asks the server to cancel this connection's running statement (the protocol's CancelRequest, on a connection
   * of its own, so it works when the pool is exhausted). The statement then fails with 57014; the connection stays.
   * The server closes the cancel connection once it has signalled the backend; until then this connection sends
   * nothing more, so the signal cannot land on a later statement (a backend that is idle when it arrives ignores it).
   */
  cancelRunningStatement(): void {
    const self = this as unknown as { activeQuery: unknown; processID: number | null; host: string; port: number };
    if (!self.activeQuery || !self.processID || this.cancelling) return;
    const canceller = new Client({ host: self.host, port: self.port });
    const connection = (canceller as unknown as { connection: NodeJS.EventEmitter }).connection;
    this.cancelling = new Promise<void>((resolve) => {
      connection.once('end', resolve);
      connection.once('error', resolve);
      // A server that never answers must not hold the connection forever.
      setTimeout(resolve, CANCEL_WAIT_MS).unref();
    }).then(() => {
      this.cancelling = null;
    });
    connection.on('error', () => {});
    (canceller as unknown as { cancel(client: Client, query: unknown): void }).cancel(this, self.activeQuery);
  }

  private dropConnection(): void {
    (this as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
  }
}

function statementText(config: unknown): string {
  if (typeof config === 'string') return config;
  const text = (config as { text?: unknown } | null)?.text;
  return typeof text === 'string' ? text : '';
}
