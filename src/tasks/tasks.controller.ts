import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyRole } from '../auth/access.decorator';
import { uuidParam } from '../common/uuid-param';
import { ListTasksQueryDto, TaskDetailDto, TaskPageDto } from './dto/task.dto';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@ApiBearerAuth()
@AnyRole()
@Controller('api/tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @ApiOperation({ summary: 'Search the task register; paginated, ordered by plan and number' })
  @ApiOkResponse({ type: TaskPageDto })
  @ApiBadRequestResponse({ description: 'A filter is malformed; `details` names it' })
  list(@Query() query: ListTasksQueryDto): Promise<TaskPageDto> {
    return this.tasks.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One task with its units and the notice line it came from' })
  @ApiOkResponse({ type: TaskDetailDto })
  @ApiNotFoundResponse()
  get(@Param('id', uuidParam('id')) id: string): Promise<TaskDetailDto> {
    return this.tasks.get(id);
  }
}
