import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

export interface Route {
  method: string;
  path: string;
}

/** Every handler the application's controllers declare, read from Nest's own metadata (not a hand-written list). */
export function controllerRoutes(app: NestFastifyApplication): Route[] {
  const scanner = new MetadataScanner();
  const join = (...parts: string[]) => `/${parts.flatMap((p) => p.split('/')).filter(Boolean).join('/')}`;
  return new DiscoveryService(app.get(ModulesContainer)).getControllers().flatMap(({ instance, metatype }) => {
    if (!instance || !metatype) return [];
    const bases: string[] = [Reflect.getMetadata(PATH_METADATA, metatype)].flat();
    return scanner.getAllMethodNames(Object.getPrototypeOf(instance)).flatMap((name) => {
      const handler = (instance as Record<string, unknown>)[name] as object;
      const paths: string[] | undefined = Reflect.getMetadata(PATH_METADATA, handler);
      if (paths === undefined) return [];
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      return bases.flatMap((base) => [paths].flat().map((path) => ({ method, path: join(base, path) })));
    });
  });
}
