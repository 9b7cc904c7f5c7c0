import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { Public } from '../access/permission.decorator';
import { rows } from '../database/sql';
import { REDIS } from '../queue/redis.module';
import { countLiveWorkers } from './worker-heartbeat';

type Check = { status: 'up' } | { status: 'down'; error: string };

const TIMEOUT_MS = 3_000;

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS)),
  ]);
}

async function check(probe: () => Promise<unknown>): Promise<Check> {
  try {
    await withTimeout(probe());
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  }
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: PostgreSQL and Redis answer; says which is down (503)' })
  @ApiOkResponse({ schema: { example: { status: 'ok', checks: { postgres: { status: 'up' }, redis: { status: 'up' } }, workers: 1 } } })
  @ApiServiceUnavailableResponse({ description: 'PostgreSQL or Redis is down; `checks` says which' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const [postgres, redis] = await Promise.all([
      check(() => rows(this.dataSource, 'SELECT 1')),
      check(() => this.redis.ping()),
    ]);
    const ok = postgres.status === 'up' && redis.status === 'up';
    const workers = redis.status === 'up' ? await countLiveWorkers(this.redis).catch(() => null) : null;
    reply.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'error', checks: { postgres, redis }, workers };
  }
}
