import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyStatic from '@fastify/static';

/** The browser app's client-side routes: each answers index.html so a reload or a shared link works. */
export const WEB_ROUTES = [
  '/',
  '/login',
  '/dashboard',
  '/my-tasks',
  '/tasks',
  '/tasks/:id',
  '/incoming',
  '/overdue',
  '/stats',
  '/indicators',
  '/scores',
  '/bulletin',
  '/import',
  '/deliveries',
  '/users',
  '/units',
] as const;

function projectRoot(from: string = __dirname): string {
  return existsSync(join(from, 'package.json')) || dirname(from) === from ? from : projectRoot(dirname(from));
}

/** Where `vite build` puts the app (web/dist), whether the server runs from src/ (tests) or dist/. */
export function webDistDir(): string {
  return join(projectRoot(), 'web', 'dist');
}

/**
 * Serves the built web app (web/dist) when it exists: hashed assets under /assets/ and index.html for the app's
 * own routes. Only those routes are registered, so an unknown path (under /api or not) keeps the API's JSON 404,
 * and nothing here is a Nest controller (the access matrix lists controllers only).
 */
export async function mountWebApp(app: NestFastifyApplication, dir: string = webDistDir()): Promise<boolean> {
  const indexFile = join(dir, 'index.html');
  if (!existsSync(indexFile)) return false;
  const html = readFileSync(indexFile, 'utf8');
  await app.register(fastifyStatic, {
    root: join(dir, 'assets'),
    prefix: '/assets/',
    index: false,
    decorateReply: false,
    immutable: true,
    maxAge: '365d',
  });
  const fastify = app.getHttpAdapter().getInstance();
  for (const url of WEB_ROUTES) {
    fastify.get(url, (_request, reply) => {
      reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);
    });
  }
  const favicon = join(dir, 'favicon.svg');
  if (existsSync(favicon)) {
    const svg = readFileSync(favicon);
    fastify.get('/favicon.svg', (_request, reply) => {
      reply.type('image/svg+xml').send(svg);
    });
  }
  return true;
}
