import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import openapiTS, { astToString } from 'openapi-typescript';
import { AppModule } from '../../src/app.module';
import { createOpenApiDocument } from '../../src/meta/openapi';

/** The committed contract: the OpenAPI document and the web client's types generated from it. */
export const OPENAPI_FILES = { document: 'docs/openapi.json', schema: 'web/src/api/schema.d.ts' } as const;

/**
 * What the files should hold for the code as it is now. The application is built in Nest's preview mode:
 * modules and routes are registered from their metadata but no provider is created, so nothing connects to
 * PostgreSQL or Redis and no configuration is needed.
 */
export async function generateOpenApiFiles(): Promise<Record<keyof typeof OPENAPI_FILES, string>> {
  const app = await NestFactory.create(AppModule, new FastifyAdapter(), { preview: true, logger: false });
  try {
    const document = `${JSON.stringify(createOpenApiDocument(app), null, 2)}\n`;
    // A property with a default stays optional to send: the server fills it in.
    const schema = astToString(await openapiTS(document, { defaultNonNullable: false }));
    return { document, schema: `${SCHEMA_HEADER}${schema}` };
  } finally {
    await app.close();
  }
}

const SCHEMA_HEADER = '// Generated from docs/openapi.json by `npm run openapi`: edit the controllers and DTOs, not this file.\n';
