import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiCreatedResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Requires } from '../access/permission.decorator';
import { uuidParam } from '../common/uuid-param';
import { CreateTaskDto } from './dto/create-task.dto';
import { TaskDetailDto } from './dto/task.dto';
import { TaskCreationService } from './task-creation.service';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('api/plans/:id/tasks')
export class PlanTasksController {
  constructor(private readonly creation: TaskCreationService) {}

  @Post()
  @Requires('plans:write')
  @ApiOperation({
    summary: 'Add a task by hand (领导批示, 会议议定事项, 建议提案…), numbered after the plan’s last task',
    description:
      'A notice re-import never updates it nor reports it missing; an import item with its number is an error. ' +
      'Retire it with POST /api/tasks/:id/cancel (a reason; nothing is deleted).',
  })
  @ApiCreatedResponse({ type: TaskDetailDto, description: 'The task as GET /api/tasks/:id shows it' })
  @ApiBadRequestResponse({ description: 'Validation failed (no lead or responsible unit, an unknown unit…); `details` names the field' })
  @ApiNotFoundResponse({ description: 'No such plan' })
  create(@Param('id', uuidParam('id')) planId: string, @Body() dto: CreateTaskDto): Promise<TaskDetailDto> {
    return this.creation.create(planId, dto);
  }
}
