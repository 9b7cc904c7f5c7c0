import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Requires } from '../access/permission.decorator';
import { uuidParam } from '../common/uuid-param';
import { AcknowledgementsService } from './acknowledgements.service';
import { AcknowledgementDto, ListTasksPageQueryDto, TaskDetailDto, TaskPageDto } from './dto/task.dto';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@ApiBearerAuth()
@Requires('tasks:read')
@Controller('api/tasks')
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly acknowledgements: AcknowledgementsService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Search the task register; paginated, ordered by plan and number',
    description:
      'Page numbers (`page`) or keyset pagination (`after` = the previous page\'s `nextCursor`), which stays fast at every ' +
      'depth. `total` is exact up to 1,000 matching tasks; past that it is the planner\'s estimate and `totalExact` is false.',
  })
  @ApiOkResponse({ type: TaskPageDto })
  @ApiBadRequestResponse({ description: 'A filter is malformed; `details` names it' })
  list(@Query() query: ListTasksPageQueryDto): Promise<TaskPageDto> {
    return this.tasks.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One task with its units and the notice line it came from' })
  @ApiOkResponse({ type: TaskDetailDto })
  @ApiNotFoundResponse()
  get(@Param('id', uuidParam('id')) id: string): Promise<TaskDetailDto> {
    return this.tasks.get(id);
  }

  @Post(':id/acknowledge')
  @Requires('tasks:acknowledge')
  @HttpCode(200)
  @ApiOperation({
    summary: '签收: a user of an assigned unit acknowledges the task for the unit; repeating it answers the first 签收',
    description: 'A user of another unit gets 403; leaders, supervisors and admins cannot sign for a unit.',
  })
  @ApiOkResponse({ type: AcknowledgementDto })
  @ApiForbiddenResponse({ description: 'Not a user of a unit assigned to the task' })
  @ApiNotFoundResponse()
  acknowledge(@Param('id', uuidParam('id')) id: string): Promise<AcknowledgementDto> {
    return this.acknowledgements.acknowledge(id);
  }
}
