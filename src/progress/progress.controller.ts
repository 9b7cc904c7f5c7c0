import { Body, Controller, Get, Headers, Param, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Requires } from '../access/permission.decorator';
import { DomainError } from '../common/domain-errors';
import { uuidParam } from '../common/uuid-param';
import { CreateProgressReportDto, ProgressReportDto } from './dto/progress.dto';
import { ProgressService } from './progress.service';

const KEY = /^[\x21-\x7e]{1,100}$/;

@ApiTags('progress')
@ApiBearerAuth()
@Controller('api/tasks/:id/progress')
export class ProgressController {
  constructor(private readonly progress: ProgressService) {}

  @Post()
  @Requires('tasks:write')
  @ApiOperation({
    summary: 'Report progress on a task (append-only; a correction is a new report)',
    description:
      'A user of an assigned unit reports for that unit; a supervisor may report for an assigned unit (unitId), ' +
      'marked on behalf. The first report moves the task to in_progress.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retries with the same key return the same report' })
  @ApiCreatedResponse({ type: ProgressReportDto, description: 'Stored, or (header Idempotent-Replayed: true) the earlier one' })
  @ApiForbiddenResponse({ description: 'The task is not assigned to your unit' })
  @ApiConflictResponse({ description: 'The task is completed, suspended or cancelled' })
  async create(
    @Param('id', uuidParam('id')) taskId: string,
    @Body() dto: CreateProgressReportDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProgressReportDto> {
    if (key !== undefined && !KEY.test(key)) {
      throw new DomainError(400, 'VALIDATION_FAILED', '请求参数无效：Idempotency-Key', [
        { field: 'Idempotency-Key', reason: '须为 1–100 个可见 ASCII 字符 (1–100 visible ASCII characters)' },
      ]);
    }
    const { report, replayed } = await this.progress.create(taskId, dto, key);
    if (replayed) reply.header('idempotent-replayed', 'true');
    return report;
  }

  @Get()
  @Requires('tasks:read')
  @ApiOperation({ summary: 'All progress reports of a task, oldest first' })
  @ApiOkResponse({ type: [ProgressReportDto] })
  list(@Param('id', uuidParam('id')) taskId: string): Promise<ProgressReportDto[]> {
    return this.progress.list(taskId);
  }
}
