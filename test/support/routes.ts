import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ACCESS_KEY, type RouteAccess } from '../../src/access/permission.decorator';
import { GRANTS } from '../../src/access/permissions';
import { ROLES, type Role } from '../../src/access/roles';

export interface Route {
  method: string;
  path: string;
  /** Who the route lets in: anyone, or the roles holding its declared permission (any role for signed-in). */
  allowed: 'public' | readonly Role[];
}

/** Every handler the application's controllers declare, read from Nest's own metadata (not a hand-written list). */
export function controllerRoutes(app: NestFastifyApplication): Route[] {
  const scanner = new MetadataScanner();
  const reflector = app.get(Reflector);
  const letIn = (access: RouteAccess | undefined): Route['allowed'] =>
    access === 'public' ? 'public' : ROLES.filter((role) => access === 'signed-in' || (access !== undefined && GRANTS[role].includes(access)));
  const join = (...parts: string[]) => `/${parts.flatMap((p) => p.split('/')).filter(Boolean).join('/')}`;
  return new DiscoveryService(app.get(ModulesContainer)).getControllers().flatMap(({ instance, metatype }) => {
    if (!instance || !metatype) return [];
    const bases: string[] = [Reflect.getMetadata(PATH_METADATA, metatype)].flat();
    return scanner.getAllMethodNames(Object.getPrototypeOf(instance)).flatMap((name) => {
      const handler = (instance as Record<string, unknown>)[name] as object;
      const paths: string[] | undefined = Reflect.getMetadata(PATH_METADATA, handler);
      if (paths === undefined) return [];
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      const allowed = letIn(reflector.getAllAndOverride<RouteAccess | undefined>(ACCESS_KEY, [handler as () => unknown, metatype]));
      return bases.flatMap((base) => [paths].flat().map((path) => ({ method, path: join(base, path), allowed })));
    });
  });
}
