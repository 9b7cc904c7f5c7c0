import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Requires } from '../access/permission.decorator';
import { DomainError } from '../common/domain-errors';
import { uuidParam } from '../common/uuid-param';
import { CompletionRequestDto, CompletionReviewDto, ReasonDto, TaskEventDto, UpdateTaskDto } from './dto/task-lifecycle.dto';
import { TaskDetailDto } from './dto/task.dto';
import { TaskLifecycleService } from './task-lifecycle.service';

/** `If-Match: "3"`, `W/"3"` or `3` → 3. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match) {
    throw new DomainError(400, 'VALIDATION_FAILED', '请求参数无效：If-Match', [
      { field: 'If-Match', reason: '应为任务的版本号，如 "3" (the task version)' },
    ]);
  }
  return Number(match[1]);
}

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('api/tasks/:id')
export class TaskLifecycleController {
  constructor(private readonly lifecycle: TaskLifecycleService) {}

  @Patch()
  @Requires('tasks:supervise')
  @ApiOperation({ summary: 'Edit a task (supervisor); send the version read (body or If-Match) — a stale one is 409' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The task version, instead of `version` in the body' })
  @ApiOkResponse({ type: TaskDetailDto })
  @ApiConflictResponse({ description: 'Someone changed the task since you read it; nothing was written' })
  update(
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: UpdateTaskDto,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<TaskDetailDto> {
    return this.lifecycle.update(id, dto, parseIfMatch(ifMatch));
  }

  @Post('completion-request')
  @Requires('tasks:write')
  @ApiOperation({ summary: 'The lead unit asks for 销号 (completion) with a summary' })
  @ApiCreatedResponse({ type: TaskDetailDto })
  @ApiConflictResponse({ description: 'The task is not in progress' })
  requestCompletion(@Param('id', uuidParam('id')) id: string, @Body() dto: CompletionRequestDto): Promise<TaskDetailDto> {
    return this.lifecycle.requestCompletion(id, dto);
  }

  @Post('completion-review')
  @Requires('tasks:supervise')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve 销号 (completed) or return it (退回, back to in progress, comment required)' })
  @ApiOkResponse({ type: TaskDetailDto })
  @ApiConflictResponse({ description: 'No completion was requested' })
  reviewCompletion(@Param('id', uuidParam('id')) id: string, @Body() dto: CompletionReviewDto): Promise<TaskDetailDto> {
    return this.lifecycle.reviewCompletion(id, dto);
  }

  @Post('suspend')
  @Requires('tasks:supervise')
  @HttpCode(200)
  @ApiOperation({ summary: 'Suspend (暂缓) a task, with a reason' })
  @ApiOkResponse({ type: TaskDetailDto })
  suspend(@Param('id', uuidParam('id')) id: string, @Body() dto: ReasonDto): Promise<TaskDetailDto> {
    return this.lifecycle.suspend(id, dto.reason);
  }

  @Post('cancel')
  @Requires('tasks:supervise')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel (撤销) a task, with a reason; final' })
  @ApiOkResponse({ type: TaskDetailDto })
  cancel(@Param('id', uuidParam('id')) id: string, @Body() dto: ReasonDto): Promise<TaskDetailDto> {
    return this.lifecycle.cancel(id, dto.reason);
  }

  @Post('resume')
  @Requires('tasks:supervise')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume a suspended task, with a reason' })
  @ApiOkResponse({ type: TaskDetailDto })
  resume(@Param('id', uuidParam('id')) id: string, @Body() dto: ReasonDto): Promise<TaskDetailDto> {
    return this.lifecycle.resume(id, dto.reason);
  }

  @Get('history')
  @Requires('tasks:read')
  @ApiOperation({ summary: 'Every step of the task: reports that moved it, requests, reviews, edits' })
  @ApiOkResponse({ type: [TaskEventDto] })
  history(@Param('id', uuidParam('id')) id: string): Promise<TaskEventDto[]> {
    return this.lifecycle.history(id);
  }
}
