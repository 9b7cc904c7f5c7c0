import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../access/actor';
import { can } from '../access/permissions';
import { Env } from '../config/env';
import { QUEUES, type Queues } from './queue.module';

export const QUEUE_BOARD_PATH = '/admin/queues';
export const BOARD_COOKIE = 'duban_token';

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return null;
}

function deny(request: FastifyRequest, reply: FastifyReply, statusCode: 401 | 403, message: string): FastifyReply {
  const code = statusCode === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN';
  return reply.code(statusCode).send({ statusCode, code, message, correlationId: String(request.id) });
}

/**
 * bull-board (queues, jobs, retries) for admins only, at /admin/queues. The API's bearer token is accepted; a
 * browser cannot send that header, so `?token=…` is accepted once and traded for an HttpOnly, SameSite=Strict
 * cookie scoped to the board (Strict: another site cannot make the browser use it against the board's actions).
 */
export async function mountQueueBoard(app: NestFastifyApplication, authenticate: (token: string) => Promise<Actor | null>): Promise<void> {
  const queues = app.get<symbol, Queues>(QUEUES);
  const env = app.get(Env);
  const board = new FastifyAdapter();
  board.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: Object.values(queues).map((queue) => new BullMQAdapter(queue)),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: '督查督办 · 队列', hideDocsLink: true } },
  });

  const adminOnly = async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers.authorization;
    const fromQuery = (request.query as Record<string, unknown> | undefined)?.token;
    const token =
      (header?.startsWith('Bearer ') ? header.slice(7).trim() : null) ??
      (typeof fromQuery === 'string' ? fromQuery : null) ??
      cookieValue(request.headers.cookie, BOARD_COOKIE);
    const actor = token ? await authenticate(token) : null;
    if (!actor) return deny(request, reply, 401, '未登录或登录已失效：请以管理员身份登录后再打开队列面板');
    if (!can(actor, 'queues:inspect')) return deny(request, reply, 403, '只有管理员可以查看队列面板');
    if (typeof fromQuery === 'string') {
      // Move the token out of the address (history, logs, Referer) into the cookie, and reload without it.
      const url = new URL(request.url, 'http://board');
      url.searchParams.delete('token');
      const secure = request.protocol === 'https' ? '; Secure' : '';
      const maxAge = env.TOKEN_TTL_MINUTES * 60;
      return reply
        .header('set-cookie', `${BOARD_COOKIE}=${encodeURIComponent(fromQuery)}; Path=${QUEUE_BOARD_PATH}; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${secure}`)
        .redirect(`${url.pathname}${url.search}`, 303);
    }
  };

  await app.register(async (scope: FastifyInstance) => {
    scope.addHook('onRequest', adminOnly);
    await scope.register(board.registerPlugin(), { prefix: QUEUE_BOARD_PATH });
  });
}
