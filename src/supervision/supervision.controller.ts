import { Controller, Get, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Requires } from '../access/permission.decorator';
import {
  OverdueViewDto,
  SummaryViewDto,
  SupervisedTaskPageDto,
  SupervisionQueryDto,
  SupervisionTasksQueryDto,
  UnacknowledgedViewDto,
  UnitsViewDto,
} from './dto/supervision.dto';
import { DashboardDto } from './dto/dashboard.dto';
import { DashboardService } from './dashboard.service';
import { SupervisionExportService, XLSX_TYPE, type ExcelFile } from './supervision-export.service';
import { SupervisionService } from './supervision.service';
import { UnacknowledgedService } from './unacknowledged.service';

const FILE_RESPONSE = { description: 'An Excel workbook (.xlsx)', schema: { type: 'string', format: 'binary' } } as const;

/** `attachment` with an ASCII fallback name and the real (Chinese) one per RFC 5987 / RFC 6266. */
export function sendFile(reply: FastifyReply, file: ExcelFile, contentType: string = XLSX_TYPE): Buffer {
  reply.header('content-type', contentType);
  reply.header(
    'content-disposition',
    `attachment; filename="${file.asciiFilename}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
  );
  return file.content;
}

@ApiTags('supervision')
@ApiBearerAuth()
@ApiBadRequestResponse({ description: 'planId missing or not a UUID, or asOf not a YYYY-MM-DD date; `details` names the field' })
@ApiForbiddenResponse({ description: 'Unit users do not see the supervisors’ views' })
@ApiNotFoundResponse({ description: 'No such plan' })
@Controller('api/supervision')
export class SupervisionController {
  constructor(
    private readonly supervision: SupervisionService,
    private readonly exports: SupervisionExportService,
    private readonly unacknowledgedView: UnacknowledgedService,
    private readonly dashboards: DashboardService,
  ) {}

  @Get('tasks')
  @Requires('tasks:read')
  @ApiOperation({
    summary: 'The task register of a plan with each task’s light as of a day; the filters of GET /api/tasks plus light, paginated',
    description: 'A unit user sees only its own unit’s tasks, in a plan its unit has tasks in (403 otherwise, or for another unitId).',
  })
  @ApiOkResponse({ type: SupervisedTaskPageDto })
  tasks(@Query() query: SupervisionTasksQueryDto): Promise<SupervisedTaskPageDto> {
    return this.supervision.tasks(query);
  }

  @Get('overdue')
  @Requires('read:all')
  @ApiOperation({ summary: 'Overdue and behind-schedule tasks of a plan as of a day, most days overdue first' })
  @ApiOkResponse({ type: OverdueViewDto })
  overdue(@Query() query: SupervisionQueryDto): Promise<OverdueViewDto> {
    return this.supervision.overdue(query);
  }

  @Get('units')
  @Requires('read:all')
  @ApiOperation({ summary: 'Per unit: tasks as lead / responsible, completed, overdue, on-time rate, reports missing; ranked' })
  @ApiOkResponse({ type: UnitsViewDto })
  units(@Query() query: SupervisionQueryDto): Promise<UnitsViewDto> {
    return this.supervision.units(query);
  }

  @Get('summary')
  @Requires('read:all')
  @ApiOperation({ summary: 'Counts by light and flag for the plan, each section and subsection' })
  @ApiOkResponse({ type: SummaryViewDto })
  summary(@Query() query: SupervisionQueryDto): Promise<SummaryViewDto> {
    return this.supervision.summary(query);
  }

  @Get('dashboard')
  @Requires('read:all')
  @ApiOperation({
    summary: '驾驶舱: completion rate at each month’s end, lights by section, the ten most overdue, units ranked, reports due within a week',
    description: 'Everything as of asOf (default today), from the same task rules and snapshot as the other supervision views.',
  })
  @ApiOkResponse({ type: DashboardDto })
  dashboard(@Query() query: SupervisionQueryDto): Promise<DashboardDto> {
    return this.dashboards.dashboard(query);
  }

  @Get('unacknowledged')
  @Requires('read:all')
  @ApiOperation({
    summary: '未签收: per unit, the open tasks it has not signed as of a day, with working days since assignment; most overdue first',
  })
  @ApiOkResponse({ type: UnacknowledgedViewDto })
  unacknowledged(@Query() query: SupervisionQueryDto): Promise<UnacknowledgedViewDto> {
    return this.unacknowledgedView.view(query);
  }

  @Get('ledger.xlsx')
  @Requires('read:all')
  @ApiOperation({ summary: 'The task ledger (任务台账) as Excel: every task with latest progress and light' })
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse(FILE_RESPONSE)
  async ledger(@Query() query: SupervisionQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    return sendFile(reply, await this.exports.ledger(query));
  }

  @Get('units.xlsx')
  @Requires('read:all')
  @ApiOperation({ summary: 'The unit ranking (单位排名) as Excel' })
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse(FILE_RESPONSE)
  async unitsExcel(@Query() query: SupervisionQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    return sendFile(reply, await this.exports.units(query));
  }
}
