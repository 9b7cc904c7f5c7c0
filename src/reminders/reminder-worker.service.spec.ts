import type { Redis } from 'ioredis';
import type { Env } from '../config/env';
import type { Queues } from '../queue/queue.module';
import type { QueueHandlers } from '../queue/queues';
import type { DeliveryService } from './delivery/delivery.service';
import type { ReminderScanService } from './reminder-scan.service';
import { ReminderWorkerService } from './reminder-worker.service';

/** The worker as it is, except for what `edit` does to its handlers; no service is called before the check. */
function workerWith(edit: (handlers: QueueHandlers) => void): ReminderWorkerService {
  class Edited extends ReminderWorkerService {
    protected override handlers(): QueueHandlers {
      const handlers = super.handlers();
      edit(handlers);
      return handlers;
    }
  }
  return new Edited({} as Env, {} as Queues, {} as Redis, {} as ReminderScanService, {} as DeliveryService);
}

describe('the reminder worker boots only with a handler for every declared job', () => {
  it('refuses to start, before any consumer, when a declared job name has no handler', () => {
    const worker = workerWith((handlers) => delete (handlers['reminder-delivery'] as Record<string, unknown>).deliver);
    expect(() => worker.onApplicationBootstrap()).toThrow('The worker refuses to start: job deliver on queue reminder-delivery has no handler');
    expect(worker.workers).toEqual({});
  });

  it('refuses to start when a declared queue has no handler at all', () => {
    const worker = workerWith((handlers) => delete (handlers as Partial<QueueHandlers>)['reminder-scan']);
    expect(() => worker.onApplicationBootstrap()).toThrow('The worker refuses to start: queue reminder-scan has no handler');
    expect(worker.workers).toEqual({});
  });
});
