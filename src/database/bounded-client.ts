import { Client } from 'pg';

const READ_TIMEOUT = 'Query read timeout';

/**
 * pg's client-side query_timeout answers the caller but keeps the connection waiting for the lost reply, so the
 * next statement on it (a transaction's ROLLBACK, the next request) would wait out a frozen server again. This
 * client drops such a connection at once: the pool discards it and every later wait starts on a fresh one.
 */
export class BoundedClient extends Client {
  override query(...args: unknown[]): never {
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    if (result instanceof Promise) {
      result.catch((error: unknown) => {
        if (error instanceof Error && error.message === READ_TIMEOUT) this.dropConnection();
      });
    }
    return result as never;
  }

  private dropConnection(): void {
    (this as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
  }
}
