import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The headers helmet sets for `options`, worked out once: with no per-request parts (no CSP nonces, no directive
 * functions) they are the same on every response.
 */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number) => (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => delete headers[name.toLowerCase()],
  };
  let done = false;
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, () => (done = true));
  if (!done) throw new Error('helmet did not finish at once: its options need the request');
  return headers;
}

/**
 * What a JSON answer of the API carries instead (OWASP REST Security Cheat Sheet): it is never rendered, framed or
 * run, so it needs no policy for scripts, styles or images — only that browsers and proxies store none of it
 * (answers hold the government's internal work) and never treat it as anything but JSON.
 */
export const API_ANSWER_HEADERS = {
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
} as const;

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b/i;

/**
 * Sets security headers on every response, errors and 404s included, from lists made at start: JSON answers get
 * API_ANSWER_HEADERS (with helmet's HSTS), everything else (the web app, the API docs, files) helmet's headers for
 * `options`. (@fastify/helmet built helmet's middleware again on every request; and helmet's dozen page headers
 * were a third of a JSON answer's bytes.)
 */
export function useSecurityHeaders(fastify: FastifyInstance, options: HelmetOptions): void {
  const page = securityHeaders(options);
  const api = { ...API_ANSWER_HEADERS, 'strict-transport-security': page['strict-transport-security']! };
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    reply.headers(JSON_TYPE.test(String(reply.getHeader('content-type') ?? '')) ? api : page);
    done(null, payload);
  });
}
