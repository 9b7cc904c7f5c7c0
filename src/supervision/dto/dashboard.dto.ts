import { ApiProperty } from '@nestjs/swagger';
import { NamedRefDto } from '../../units/dto/unit.dto';
import { LightCountsDto, OverdueItemDto, UnitStandingDto } from './supervision.dto';

export class CompletionPointDto {
  @ApiProperty({ example: '2021-09', description: 'A month of the plan' }) month!: string;
  @ApiProperty({ example: '2021-09-30', description: 'The day counted: the month’s last day, or asOf in its own month' })
  day!: string;
  @ApiProperty({ description: 'Tasks completed (已办结) as of the end of that day' }) completed!: number;
  @ApiProperty({ description: 'Tasks of the plan' }) total!: number;
  @ApiProperty({ type: Number, nullable: true, example: 29.4, description: 'completed ÷ total in percent, one decimal; null with no tasks' })
  rate!: number | null;
}

export class SectionLightsDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '2' }) code!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: LightCountsDto }) counts!: LightCountsDto;
}

export class TaskBriefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 9 }) number!: number;
  @ApiProperty() content!: string;
}

export class UnitReportsDueDto {
  @ApiProperty({ type: NamedRefDto }) unit!: NamedRefDto;
  @ApiProperty({ type: [TaskBriefDto], description: 'Open tasks it leads or is responsible for with no report of its own for the period yet' })
  tasks!: TaskBriefDto[];
}

export class ReportsDueDto {
  @ApiProperty({ example: '2021-10', description: 'The reporting period open on asOf' }) period!: string;
  @ApiProperty({ example: '2021-10-25', description: 'Its cutoff: the day its reports are due' }) cutoff!: string;
  @ApiProperty({ description: 'The cutoff falls in the seven days from asOf; otherwise `units` is empty' }) dueThisWeek!: boolean;
  @ApiProperty({ description: 'Reports still owed for the period (unit × task), when due this week' }) total!: number;
  @ApiProperty({ type: [UnitReportsDueDto], description: 'Units owing reports, most owed first' }) units!: UnitReportsDueDto[];
}

export class DashboardDto {
  @ApiProperty({ example: '2021-10-20' }) asOf!: string;
  @ApiProperty({ type: [String], description: 'E.g. a year without working-day calendar data' }) warnings!: string[];
  @ApiProperty({ type: LightCountsDto, description: 'The whole plan by light and flag' }) totals!: LightCountsDto;
  @ApiProperty({ type: [CompletionPointDto], description: 'Completion rate at the end of each month of the plan up to asOf' })
  completionTrend!: CompletionPointDto[];
  @ApiProperty({ type: [SectionLightsDto], description: 'Lights by top-level section (一、二、…), its subsections included' })
  sections!: SectionLightsDto[];
  @ApiProperty({ type: [OverdueItemDto], description: 'The ten overdue tasks with the most days overdue' })
  mostOverdue!: OverdueItemDto[];
  @ApiProperty({ type: [UnitStandingDto], description: 'Units ranked as GET /api/supervision/units ranks them' })
  units!: UnitStandingDto[];
  @ApiProperty({ type: ReportsDueDto }) reportsDue!: ReportsDueDto;
}
