import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Requires } from '../access/permission.decorator';
import { CalendarService } from './calendar.service';
import { ListOverridesQueryDto, OverridesDto, ReplaceOverridesDto, WorkdaysDto, WorkdaysQueryDto } from './dto/calendar.dto';

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('api/calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('overrides')
  @Requires('registry:read')
  @ApiOperation({ summary: 'Admin overrides of the working-day calendar, with coverage and warnings for years without data' })
  @ApiOkResponse({ type: OverridesDto })
  @ApiBadRequestResponse({ description: 'Validation failed; `details` names each field' })
  list(@Query() query: ListOverridesQueryDto): Promise<OverridesDto> {
    return this.calendar.listOverrides(query);
  }

  @Put('overrides')
  @Requires('calendar:write')
  @ApiOperation({
    summary: "Replace a year's overrides; `complete: true` declares them the year's whole official schedule",
  })
  @ApiOkResponse({ type: OverridesDto })
  @ApiBadRequestResponse({ description: 'Validation failed (e.g. a day outside the year); `details` names each field' })
  replace(@Body() dto: ReplaceOverridesDto): Promise<OverridesDto> {
    return this.calendar.replaceYear(dto);
  }

  @Get('workdays')
  @Requires('registry:read')
  @ApiOperation({ summary: 'Each day of [from, to]: workday or not, and why; days of years without data are reported, not guessed' })
  @ApiOkResponse({ type: WorkdaysDto })
  @ApiBadRequestResponse({ description: 'Validation failed; `details` names each field' })
  workdays(@Query() query: WorkdaysQueryDto): Promise<WorkdaysDto> {
    return this.calendar.workdays(query.from, query.to);
  }
}
