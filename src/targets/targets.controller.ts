import { Body, Controller, Get, Headers, Param, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Requires } from '../access/permission.decorator';
import { uuidParam } from '../common/uuid-param';
import { parseIfMatch } from '../tasks/task-lifecycle.controller';
import { TaskTargetsDto, UpdateTargetsDto } from './dto/target.dto';
import { TargetsService } from './targets.service';

@ApiTags('targets')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'No such task' })
@Controller('api/tasks/:id/targets')
export class TargetsController {
  constructor(private readonly targets: TargetsService) {}

  @Get()
  @Requires('tasks:read')
  @ApiOperation({ summary: 'A task’s quantitative targets (read from its text or set by a supervisor), each with its latest actual' })
  @ApiOkResponse({ type: TaskTargetsDto })
  get(@Param('id', uuidParam('id')) id: string): Promise<TaskTargetsDto> {
    return this.targets.get(id);
  }

  @Put()
  @Requires('tasks:supervise')
  @ApiOperation({ summary: 'Set a task’s targets (supervisor); send the task version read (body or If-Match) — a stale one is 409' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The task version, instead of `version` in the body' })
  @ApiOkResponse({ type: TaskTargetsDto })
  @ApiBadRequestResponse({ description: 'A target is malformed, or an id is not one of this task’s targets; `details` names it' })
  @ApiConflictResponse({ description: 'Someone changed the task since you read it; nothing was written' })
  update(
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: UpdateTargetsDto,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<TaskTargetsDto> {
    return this.targets.update(id, dto, parseIfMatch(ifMatch));
  }
}
