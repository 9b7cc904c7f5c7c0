import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { runAsSystem } from './access/request-context';
import { ROLES, type Role } from './access/roles';
import { ConfigError, loadEnv } from './config/env';
import { CoreModule } from './core.module';
import { AuditModule } from './audit/audit.module';
import { UnitsModule } from './units/units.module';
import { UnitsService } from './units/units.service';
import { LoginThrottle } from './users/login-throttle';
import { UserCache } from './users/user-cache';
import { UsersService } from './users/users.service';

const USAGE = `Usage:
  npm run cli -- user:create --username NAME --role ${ROLES.join('|')} [--unit UNIT_NAME] [--display-name NAME]
      The password comes from --password or, better (it stays out of the process list), DUBAN_PASSWORD.`;

@Module({ imports: [CoreModule.forRoot('waiting'), AuditModule, UnitsModule], providers: [UsersService, LoginThrottle, UserCache] })
class CliModule {}

async function createUser(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      username: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string' },
      unit: { type: 'string' },
      'display-name': { type: 'string' },
    },
  });
  const password = values.password ?? process.env.DUBAN_PASSWORD;
  if (!values.username || !password || !ROLES.includes(values.role as Role)) throw new Error(USAGE);
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
  try {
    await runAsSystem(async () => {
      const unitId = values.unit ? await findUnitId(app.get(UnitsService), values.unit) : undefined;
      const user = await app.get(UsersService).create({
        username: values.username!,
        password,
        role: values.role as Role,
        displayName: values['display-name'],
        unitId,
      });
      console.log(`Created ${user.role} “${user.username}” (${user.id})`);
    });
  } finally {
    await app.close();
  }
}

async function findUnitId(units: UnitsService, name: string): Promise<string> {
  const unit = (await units.list()).find((u) => u.name === name || u.aliases.includes(name));
  if (!unit) throw new Error(`No unit named “${name}”`);
  return unit.id;
}

async function main(): Promise<void> {
  loadEnv();
  const [command, ...args] = process.argv.slice(2);
  if (command === 'user:create') return createUser(args);
  throw new Error(USAGE);
}

main().catch((error: unknown) => {
  const e = error as Error & { details?: unknown };
  console.error(error instanceof ConfigError ? e.message : `${e.message}${e.details ? ` ${JSON.stringify(e.details)}` : ''}`);
  process.exit(1);
});
