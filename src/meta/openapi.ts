import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/**
 * The API's OpenAPI document, as served at /api/docs-json and committed as docs/openapi.json (from which the web
 * app's types are generated). Paths and schemas are sorted by name so that routes added on parallel branches land
 * in predictable places of the committed file; everything inside keeps the order its decorators declare.
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('督查督办 API')
    .setDescription('Key-work supervision: plans imported from notices, tasks, units, progress and reminders.')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.paths = sortedByKey(document.paths);
  if (document.components?.schemas) document.components.schemas = sortedByKey(document.components.schemas);
  return document;
}

function sortedByKey<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
