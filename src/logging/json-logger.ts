import type { LoggerService } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { pino, type Level, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { requestContext } from '../access/request-context';
import type { Env } from '../config/env';

const PINO_LEVELS: Record<Env['LOG_LEVEL'], Level> = { error: 'error', warn: 'warn', log: 'info', debug: 'debug', verbose: 'trace' };

/** Secrets never reach a log line: credentials in headers, and any password or token a logged object carries. */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-metrics-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.accessToken',
  '*.token',
];

/** The level of the per-request lines. */
const REQUEST_LINE_LEVEL: Level = 'info';

/** One JSON object a line on stdout, for a log collector (production). */
export function createJsonLogger(env: Env): Logger {
  return pino({ level: PINO_LEVELS[env.LOG_LEVEL], redact: { paths: REDACTED_PATHS, censor: '[redacted]' } });
}

/**
 * Nest's logger interface over pino: a line logged while a request runs (a service's, the error filter's) carries
 * the request's correlationId, taken from the request context every request runs in.
 */
export class JsonLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    // Nest passes (message, stack?, context?).
    const [stack, context] = params.length >= 2 ? params : [undefined, params[0]];
    this.write('error', message, [context], typeof stack === 'string' ? { stack } : {});
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[], extra: object = {}): void {
    const context = params.at(-1);
    const { requestId } = requestContext();
    const fields = { ...(typeof context === 'string' ? { context } : {}), ...(requestId ? { correlationId: requestId } : {}), ...extra };
    if (message instanceof Error) this.logger[level]({ ...fields, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.logger[level]({ ...fields, ...message });
    else this.logger[level](fields, String(message));
  }
}

/**
 * A `request completed` line per request (method, URL, status, time), with the request's correlationId. pino-http
 * writes every line, failed requests' too, at `info`: at a higher LOG_LEVEL it would build a child logger and
 * watch each response for nothing, so it is not mounted.
 */
export function logRequests(fastify: FastifyInstance, logger: Logger): void {
  if (!logger.isLevelEnabled(REQUEST_LINE_LEVEL)) return;
  const http = pinoHttp({ logger, quietReqLogger: true, useLevel: REQUEST_LINE_LEVEL, customAttributeKeys: { reqId: 'correlationId' } });
  fastify.addHook('onRequest', (request, reply, done) => {
    // pino-http takes the id a request already has: the one Fastify gave it (x-request-id or generated).
    Object.assign(request.raw, { id: request.id });
    http(request.raw, reply.raw);
    done();
  });
}
