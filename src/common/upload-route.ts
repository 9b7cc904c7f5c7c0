import type { FastifyInstance } from 'fastify';

/** Route config (`@RouteConfig(UPLOAD_ROUTE)`) of a route that takes files: its body limit is the upload limit. */
export const UPLOAD_ROUTE = { upload: true } as const;

/** Gives the routes marked UPLOAD_ROUTE the larger body limit; call before the routes are registered. */
export function allowLargerBodies(fastify: FastifyInstance, limit: number): void {
  fastify.addHook('onRoute', (route) => {
    if ((route.config as { upload?: boolean } | undefined)?.upload) route.bodyLimit = limit;
  });
}
