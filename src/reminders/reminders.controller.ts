import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Requires } from '../access/permission.decorator';
import { uuidParam } from '../common/uuid-param';
import {
  ListRemindersQueryDto,
  PolicyQueryDto,
  ReminderDto,
  ReminderPageDto,
  ReminderPolicyDto,
  ScanRequestDto,
  ScanResultDto,
  UrgeDto,
} from './dto/reminder.dto';
import { RemindersService } from './reminders.service';

@ApiTags('reminders')
@ApiBearerAuth()
@Controller('api')
export class RemindersController {
  constructor(private readonly reminders: RemindersService) {}

  @Post('reminders/scan')
  @Requires('tasks:supervise')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run the reminder scan now (as the daily job does); repeating it creates nothing twice' })
  @ApiOkResponse({ type: ScanResultDto })
  scan(@Body() dto: ScanRequestDto): Promise<ScanResultDto> {
    return this.reminders.scanNow(dto.asOf);
  }

  @Get('reminders')
  @Requires('reminders:read')
  @ApiOperation({ summary: 'The reminder inbox: a unit user sees its unit’s, staff see all' })
  @ApiOkResponse({ type: ReminderPageDto })
  list(@Query() query: ListRemindersQueryDto): Promise<ReminderPageDto> {
    return this.reminders.list(query);
  }

  @Post('reminders/:id/read')
  @Requires('reminders:receive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the read receipt (已读回执): who read it and when' })
  @ApiOkResponse({ type: ReminderDto })
  read(@Param('id', uuidParam('id')) id: string): Promise<ReminderDto> {
    return this.reminders.markRead(id);
  }

  @Post('tasks/:id/urge')
  @Requires('tasks:supervise')
  @ApiOperation({ summary: 'Manual 催办 to the task’s lead units, sent with today’s digests' })
  @ApiCreatedResponse({ type: [ReminderDto] })
  urge(@Param('id', uuidParam('id')) taskId: string, @Body() dto: UrgeDto): Promise<ReminderDto[]> {
    return this.reminders.urge(taskId, dto.message);
  }

  @Get('reminder-policy')
  @Requires('plans:read')
  @ApiOperation({ summary: 'A plan’s reminder ladder (defaults when never set)' })
  @ApiOkResponse({ type: ReminderPolicyDto })
  getPolicy(@Query() query: PolicyQueryDto): Promise<ReminderPolicyDto> {
    return this.reminders.getPolicy(query.planId);
  }

  @Put('reminder-policy')
  @Requires('reminders:configure')
  @ApiOperation({ summary: 'Change a plan’s reminder ladder' })
  @ApiOkResponse({ type: ReminderPolicyDto })
  putPolicy(@Body() dto: ReminderPolicyDto): Promise<ReminderPolicyDto> {
    return this.reminders.putPolicy(dto);
  }
}
