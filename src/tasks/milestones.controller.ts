import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Requires } from '../access/permission.decorator';
import { uuidParam } from '../common/uuid-param';
import { CreateMilestoneDto, MilestoneDto } from './dto/milestone.dto';
import { MilestonesService } from './milestones.service';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('api')
export class MilestonesController {
  constructor(private readonly milestones: MilestonesService) {}

  @Post('tasks/:id/milestones')
  @Requires('tasks:write')
  @ApiOperation({ summary: 'Add a milestone (节点) to a task' })
  @ApiCreatedResponse({ type: MilestoneDto })
  create(@Param('id', uuidParam('id')) taskId: string, @Body() dto: CreateMilestoneDto): Promise<MilestoneDto> {
    return this.milestones.create(taskId, dto);
  }

  @Get('tasks/:id/milestones')
  @Requires('tasks:read')
  @ApiOperation({ summary: 'Milestones of a task by due date' })
  @ApiOkResponse({ type: [MilestoneDto] })
  list(@Param('id', uuidParam('id')) taskId: string): Promise<MilestoneDto[]> {
    return this.milestones.list(taskId);
  }

  @Post('milestones/:id/done')
  @Requires('tasks:write')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark a milestone done (records the time)' })
  @ApiOkResponse({ type: MilestoneDto })
  markDone(@Param('id', uuidParam('id')) id: string): Promise<MilestoneDto> {
    return this.milestones.markDone(id);
  }
}
