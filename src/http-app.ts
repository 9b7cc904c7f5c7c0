import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import cors from '@fastify/cors';
import multipart from '@fastify/multipart';
import { AppModule } from './app.module';
import { runInContext } from './access/request-context';
import { AuthService } from './auth/auth.service';
import { ErrorFilter } from './common/error.filter';
import { useSecurityHeaders } from './common/security-headers';
import { limitJsonDepth } from './common/json-body';
import { allowLargerBodies } from './common/upload-route';
import { createValidationPipe } from './common/validation';
import { cancelStatementsOnDisconnect } from './database/statement-scope';
import { createJsonLogger, JsonLogger, logRequests } from './logging/json-logger';
import { loadEnv, logLevels, trustProxy } from './config/env';
import { createOpenApiDocument } from './meta/openapi';
import { mountMetrics } from './metrics/metrics';
import { mountQueueBoard } from './queue/queue-board';
import { mountWebApp } from './web/web-static';

const REQUEST_ID = /^[\w.:-]{1,64}$/;

/** Builds the API exactly as production runs it; tests call this too, so what they check is what ships. */
export async function createHttpApp(): Promise<NestFastifyApplication> {
  const env = loadEnv();
  const adapter = new FastifyAdapter({
    bodyLimit: env.BODY_LIMIT_BYTES,
    trustProxy: trustProxy(env),
    requestIdHeader: false,
    // Keep a caller's id (a balancer's, a client's) so one request can be followed across logs.
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  // Production: JSON lines for a collector; elsewhere Nest's readable console log.
  const json = env.NODE_ENV === 'production' ? createJsonLogger(env) : null;
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, { logger: json ? new JsonLogger(json) : logLevels(env) });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorFilter());
  app.enableShutdownHooks();
  limitJsonDepth(app);
  const fastify = app.getHttpAdapter().getInstance();
  // Everything a request runs, services included, sees its id, client address and (after the guard) actor.
  fastify.addHook('onRequest', (request, _reply, done) => {
    runInContext({ requestId: String(request.id), ip: request.ip, actor: null }, done);
  });
  // A client that disconnects cancels the statements still running for it.
  cancelStatementsOnDisconnect(fastify);
  if (json) logRequests(fastify, json);
  fastify.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    done(null, payload);
  });
  useSecurityHeaders(fastify, {
    // Scripts only from files served here (the web app and the OpenAPI UI load theirs from files); inline styles
    // stay allowed for the OpenAPI UI and antd's CSS-in-JS.
    contentSecurityPolicy: {
      directives: {
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        // Evidence photos are fetched with the token and shown from blob: URLs.
        'img-src': ["'self'", 'data:', 'blob:'],
        // Many government intranets serve plain HTTP: upgrading would break every page there.
        'upgrade-insecure-requests': null,
      },
    },
  });
  const origins = (env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  await app.register(cors, { origin: origins.length > 0 ? origins : false, credentials: false });
  // File uploads: each route reads the parts itself with its own limits (the import: IMPORT_BODY_LIMIT_BYTES,
  // 佐证材料: EVIDENCE_MAX_BYTES per file); one that passes none gets BODY_LIMIT_BYTES. The import route also
  // takes long pasted notices as JSON, hence its larger body limit.
  await app.register(multipart);
  allowLargerBodies(fastify, env.IMPORT_BODY_LIMIT_BYTES);
  const auth = app.get(AuthService);
  await mountQueueBoard(app, (token) => auth.authenticate(token));
  mountMetrics(app);
  // The browser app (web/dist, built by `npm run build`) at /, when it has been built.
  await mountWebApp(app);
  setUpOpenApi(app);
  return app;
}

function setUpOpenApi(app: NestFastifyApplication): void {
  const document = createOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', customSiteTitle: '督查督办 API' });
}
