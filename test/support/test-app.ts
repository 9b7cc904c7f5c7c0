import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { runAsSystem } from '../../src/access/request-context';
import type { Role } from '../../src/access/roles';
import { TokenService } from '../../src/auth/token.service';
import { createHttpApp } from '../../src/http-app';
import { UsersService } from '../../src/users/users.service';
import { createTestDatabase, readTestServers } from './test-database';

export interface TestApp {
  app: NestFastifyApplication;
  dataSource: DataSource;
  databaseUrl: string;
  close(): Promise<void>;
}

export const TEST_PASSWORD = 'test-password-1';
const STAFF: Array<Exclude<Role, 'unit_user'>> = ['admin', 'supervisor', 'leader'];
const tokens = new WeakMap<NestFastifyApplication, Map<Role, string>>();

/** The token of the app's test user with that role (a unit user's only after `createUnitUser`). */
export function tokenFor(app: NestFastifyApplication, role: Role): string {
  const token = tokens.get(app)?.get(role);
  if (!token) throw new Error(`no test token for role ${role}`);
  return token;
}

export function hasTokenFor(app: NestFastifyApplication, role: Role): boolean {
  return tokens.get(app)?.has(role) ?? false;
}

/** Makes `token` the one `request(…, { as: role })` sends for this app. */
export function setTokenFor(app: NestFastifyApplication, role: Role, token: string): void {
  tokens.get(app)?.set(role, token);
}

/** The real API on its own database and Redis key prefix, with one user per staff role; requests via inject. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  // Evidence files of this app go to a directory of its own, removed with it.
  const storageDir = mkdtempSync(join(tmpdir(), 'duban-test-storage-'));
  // The overrides are for this app only: the next app in the same file starts from the usual settings.
  const previous = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: database.url,
    REDIS_URL: readTestServers().redisUrl,
    QUEUE_PREFIX: `test-${randomBytes(4).toString('hex')}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    STORAGE_DIR: storageDir,
    ...env,
  });
  const app = await createHttpApp();
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  for (const [key, value] of Object.entries(previous)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  const byRole = new Map<Role, string>();
  await runAsSystem(async () => {
    for (const role of STAFF) {
      const user = await app.get(UsersService).create({ username: `test-${role}`, password: TEST_PASSWORD, role });
      byRole.set(role, app.get(TokenService).sign({ sub: user.id, ver: 1, role }).token);
    }
  });
  tokens.set(app, byRole);
  return {
    app,
    dataSource: app.get(DataSource),
    databaseUrl: database.url,
    close: async () => {
      await app.close();
      await database.drop();
      rmSync(storageDir, { recursive: true, force: true });
    },
  };
}

/** Serves the app over real HTTP on a free loopback port (for a browser); answers its base URL. */
export async function listenOnLoopback(app: NestFastifyApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}
