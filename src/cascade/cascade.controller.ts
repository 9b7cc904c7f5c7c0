import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Requires } from '../access/permission.decorator';
import { uuidParam } from '../common/uuid-param';
import { AcceptIncomingTaskDto, IncomingTaskDto, ListIncomingTasksQueryDto } from './dto/incoming-task.dto';
import { TaskChildrenDto } from './dto/task-children.dto';
import { IncomingTasksService } from './incoming-tasks.service';
import { TaskChildrenService } from './task-children.service';

@ApiTags('cascade')
@ApiBearerAuth()
@Controller('api')
export class CascadeController {
  constructor(
    private readonly incoming: IncomingTasksService,
    private readonly children: TaskChildrenService,
  ) {}

  @Get('incoming-tasks')
  @Requires('incoming:read')
  @ApiOperation({ summary: "上级交办: tasks a higher organization assigned to the unit standing for the actor's organization" })
  @ApiOkResponse({ type: [IncomingTaskDto] })
  list(@Query() query: ListIncomingTasksQueryDto): Promise<IncomingTaskDto[]> {
    return this.incoming.list(query.status ?? 'pending');
  }

  @Post('incoming-tasks/:id/accept')
  @Requires('tasks:supervise')
  @ApiOperation({ summary: "Accept an incoming task into one of the organization's plans, as one child task or split into several" })
  @ApiCreatedResponse({ type: IncomingTaskDto })
  @ApiBadRequestResponse({ description: 'Validation failed; `details` names each field (planId, tasks.N.units.M.unitId …)' })
  @ApiNotFoundResponse({ description: "No such incoming task in the actor's organization" })
  @ApiConflictResponse({ description: 'ALREADY_ACCEPTED: the task was accepted before' })
  accept(@Param('id', uuidParam('id')) id: string, @Body() dto: AcceptIncomingTaskDto): Promise<IncomingTaskDto> {
    return this.incoming.accept(id, dto);
  }

  @Get('tasks/:id/children')
  @Requires('tasks:read')
  @ApiOperation({ summary: 'A delivered task (下达) in the organizations below: their child tasks, lights and latest reports, and the roll-up' })
  @ApiOkResponse({ type: TaskChildrenDto })
  @ApiForbiddenResponse({ description: 'The actor may not read the task' })
  @ApiNotFoundResponse()
  get(@Param('id', uuidParam('id')) id: string): Promise<TaskChildrenDto> {
    return this.children.get(id);
  }
}
