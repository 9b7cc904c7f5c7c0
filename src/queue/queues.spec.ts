import { assertEveryJobHandled, handlerProblems, QUEUE_DECLARATIONS, QUEUE_NAMES } from './queues';

const handle = async () => undefined;
/** A handler for every declared job of every declared queue. */
const complete = () =>
  Object.fromEntries(QUEUE_NAMES.map((name) => [name, Object.fromEntries(QUEUE_DECLARATIONS[name].jobNames.map((job) => [job, handle]))])) as Record<
    string,
    Record<string, typeof handle>
  >;

describe('queues declared once: the worker refuses to start unless every job has its handler', () => {
  it('declares the scan and delivery queues, keyed by their names', () => {
    expect(QUEUE_NAMES).toEqual(['reminder-scan', 'reminder-delivery']);
    expect(QUEUE_DECLARATIONS['reminder-delivery'].jobNames).toEqual(['deliver']);
  });

  it('a handler for every declared job: nothing to refuse', () => {
    expect(handlerProblems(complete())).toEqual([]);
    expect(() => assertEveryJobHandled(complete())).not.toThrow();
  });

  it('a queue without handlers is refused', () => {
    const handlers = complete();
    delete handlers['reminder-delivery'];
    expect(() => assertEveryJobHandled(handlers)).toThrow('The worker refuses to start: queue reminder-delivery has no handler');
  });

  it('a job name without a handler is refused, and so is a handler for a job or queue nobody declared', () => {
    const handlers = complete();
    delete handlers['reminder-scan']!['daily-scan'];
    handlers['reminder-scan']!['daily_scan'] = handle;
    handlers['reminder-archive'] = { archive: handle };
    expect(handlerProblems(handlers)).toEqual([
      'job daily-scan on queue reminder-scan has no handler',
      'handler for undeclared job daily_scan on queue reminder-scan',
      'handler for undeclared queue reminder-archive',
    ]);
  });
});
