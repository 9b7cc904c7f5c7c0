import { pino } from 'pino';
import { logRequests } from './json-logger';

describe('logRequests', () => {
  const hooks = (level: string) => {
    const added: string[] = [];
    const fastify = { addHook: (name: string) => added.push(name) };
    logRequests(fastify as never, pino({ level }, { write: () => undefined }));
    return added;
  };

  it('mounts the request-completed line where its level (info) is written', () => {
    expect(hooks('info')).toEqual(['onRequest']);
    expect(hooks('debug')).toEqual(['onRequest']);
  });

  it('mounts nothing at warn or error, where pino-http would write no line', () => {
    expect(hooks('warn')).toEqual([]);
    expect(hooks('error')).toEqual([]);
  });
});
