import { ApiProperty, ApiPropertyOptional, IntersectionType, OmitType } from '@nestjs/swagger';
import { IsDefined, IsIn, IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';
import { TASK_STATUSES, type TaskStatus } from '../../tasks/task-status';
import { ListTasksQueryDto, SectionRefDto, TaskDto } from '../../tasks/dto/task.dto';
import { NamedRefDto } from '../../units/dto/unit.dto';
import { UNIT_KINDS, type UnitKind } from '../../units/unit-kinds';
import type { Light } from '../timeliness';

const LIGHTS = ['red', 'yellow', 'green', 'grey'] as const;

export class SupervisionQueryDto {
  @ApiProperty({ format: 'uuid', description: 'The plan to supervise' })
  @IsDefined()
  @IsUUID()
  planId!: string;

  @ApiPropertyOptional({ example: '2021-10-08', description: 'The day the figures are computed for (Asia/Shanghai); defaults to today' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date in YYYY-MM-DD form' })
  asOf?: string;
}

export class TimelinessFlagsDto {
  @ApiProperty({ description: 'Open and past its due date' }) overdue!: boolean;
  @ApiProperty({ description: 'Open, not overdue, due within the policy’s workdays (default 3)' }) dueSoon!: boolean;
  @ApiProperty({ description: 'Open, latest percent below 序时进度 by more than the tolerance (default 10 points)' })
  behindSchedule!: boolean;
  @ApiProperty({ description: 'Open, and no assigned unit reported for the last closed period' }) unreported!: boolean;
}

export class SupervisedTaskRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 9 }) number!: number;
  @ApiProperty() content!: string;
  @ApiProperty({ type: SectionRefDto, nullable: true }) section!: SectionRefDto | null;
  @ApiProperty({ type: SectionRefDto, nullable: true }) subsection!: SectionRefDto | null;
  @ApiProperty({ type: [NamedRefDto] }) lead!: NamedRefDto[];
  @ApiProperty({ type: [NamedRefDto] }) responsible!: NamedRefDto[];
}

export class OverdueItemDto {
  @ApiProperty({ type: SupervisedTaskRefDto }) task!: SupervisedTaskRefDto;
  @ApiProperty({ example: '2021-09-30', description: 'The current due date (an approved extension counts)' }) dueDate!: string;
  @ApiProperty({ enum: TASK_STATUSES, description: 'The status as of asOf, from the task history' }) status!: TaskStatus;
  @ApiProperty({ example: 8, description: 'Calendar days past the due date; 0 when not overdue' }) daysOverdue!: number;
  @ApiProperty({ type: Number, nullable: true, example: 1, description: 'Null when not overdue or the calendar lacks a year' })
  workdaysOverdue!: number | null;
  @ApiProperty({ example: 77, description: '序时进度: share of [plan start, due date] elapsed by asOf' }) expectedPercent!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Percent of the latest report made on or before asOf' })
  latestPercent!: number | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lastReportAt!: string | null;
  @ApiProperty({ enum: LIGHTS }) light!: Light;
  @ApiProperty({ type: TimelinessFlagsDto }) flags!: TimelinessFlagsDto;
  @ApiProperty({ type: [String], example: ['已超过完成时限 2021-09-30 8 天（1 个工作日）'] }) reasons!: string[];
}

class SupervisionViewDto {
  @ApiProperty({ example: '2021-10-08' }) asOf!: string;
  @ApiProperty({ example: '2021-09', description: 'The last closed reporting period: the one whose report is checked' })
  period!: string;
  @ApiProperty({ example: '2021-09-25', description: 'The day that period’s report was due' }) periodCutoff!: string;
  @ApiProperty({ description: 'False when the cutoff is not after the plan start: no report was owed yet' }) reportsChecked!: boolean;
  @ApiProperty({ type: [String], description: 'E.g. a year without working-day calendar data' }) warnings!: string[];
}

export class OverdueViewDto extends SupervisionViewDto {
  @ApiProperty({ type: [OverdueItemDto], description: 'Overdue or behind-schedule tasks, most days overdue first, then by number' })
  items!: OverdueItemDto[];
}

export class UnitRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: UNIT_KINDS }) kind!: UnitKind;
}

export class UnitStandingDto {
  @ApiProperty({ type: UnitRefDto }) unit!: UnitRefDto;
  @ApiProperty({ description: 'Tasks the unit leads (牵头)' }) asLead!: number;
  @ApiProperty({ description: 'Tasks the unit is responsible for (责任)' }) asResponsible!: number;
  @ApiProperty({ description: 'Tasks the unit cooperates on (配合/协办)' }) asCooperating!: number;
  @ApiProperty({ description: 'Tasks of the unit, whatever its role' }) total!: number;
  @ApiProperty({ description: 'Completed as of asOf' }) completed!: number;
  @ApiProperty({ description: 'Open and past the due date as of asOf' }) overdue!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 66.7,
    description: 'Percent of tasks completed on or before their due date, among the completed and the overdue; null when none',
  })
  onTimeCompletionRate!: number | null;
  @ApiProperty({ description: 'Open tasks the unit leads or is responsible for that it has not reported on for the period' })
  reportsMissing!: number;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lastReportAt!: string | null;
  @ApiProperty({ example: 1 }) rank!: number;
}

export class UnitsViewDto extends SupervisionViewDto {
  @ApiProperty({ type: [UnitStandingDto], description: 'Fewest overdue first, then highest on-time rate, most completed, name' })
  items!: UnitStandingDto[];
}

export class LightCountsDto {
  @ApiProperty() tasks!: number;
  @ApiProperty() red!: number;
  @ApiProperty() yellow!: number;
  @ApiProperty() green!: number;
  @ApiProperty() grey!: number;
  @ApiProperty() overdue!: number;
  @ApiProperty() dueSoon!: number;
  @ApiProperty() behindSchedule!: number;
  @ApiProperty() unreported!: number;
  @ApiProperty() completed!: number;
}

export class SubsectionSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '2.1' }) code!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: LightCountsDto }) counts!: LightCountsDto;
}

export class SectionSummaryDto extends SubsectionSummaryDto {
  @ApiProperty({ type: [SubsectionSummaryDto] }) subsections!: SubsectionSummaryDto[];
}

export class SummaryViewDto extends SupervisionViewDto {
  @ApiProperty({ type: LightCountsDto }) totals!: LightCountsDto;
  @ApiProperty({ type: [SectionSummaryDto], description: 'Each section counts its subsections’ tasks and its own' })
  sections!: SectionSummaryDto[];
}

export class SupervisionTasksQueryDto extends IntersectionType(SupervisionQueryDto, OmitType(ListTasksQueryDto, ['planId'] as const)) {
  @ApiPropertyOptional({ enum: LIGHTS, description: 'Only tasks with this light as of asOf' })
  @IsOptional()
  @IsIn(LIGHTS)
  light?: Light;
}

export class SupervisedTaskDto extends TaskDto {
  @ApiProperty({ enum: TASK_STATUSES, description: 'The status as of asOf, from the task history (`status` is the current one)' })
  statusAsOf!: TaskStatus;
  @ApiProperty({ enum: LIGHTS }) light!: Light;
  @ApiProperty({ type: TimelinessFlagsDto }) flags!: TimelinessFlagsDto;
  @ApiProperty({ type: [String], example: ['已超过完成时限 2021-09-30 8 天（1 个工作日）'] }) reasons!: string[];
  @ApiProperty({ example: 8, description: 'Calendar days past the due date; 0 when not overdue' }) daysOverdue!: number;
  @ApiProperty({ type: Number, nullable: true, example: 1, description: 'Null when not overdue or the calendar lacks a year' })
  workdaysOverdue!: number | null;
  @ApiProperty({ example: 77, description: '序时进度: share of [plan start, due date] elapsed by asOf' }) expectedPercent!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Percent of the latest report made on or before asOf' })
  latestPercent!: number | null;
}

export class SupervisedTaskPageDto {
  @ApiProperty({ example: '2021-10-08' }) asOf!: string;
  @ApiProperty({ type: [SupervisedTaskDto] }) items!: SupervisedTaskDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ type: [String], description: 'E.g. a year without working-day calendar data' }) warnings!: string[];
}

export class UnacknowledgedTaskDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 9 }) number!: number;
  @ApiProperty() content!: string;
  @ApiProperty({ example: '2021-12-31' }) dueDate!: string;
  @ApiProperty({ enum: TASK_STATUSES, description: 'The status as of asOf' }) status!: TaskStatus;
}

export class UnacknowledgedItemDto {
  @ApiProperty({ type: UnacknowledgedTaskDto }) task!: UnacknowledgedTaskDto;
  @ApiProperty({ enum: ['lead', 'responsible', 'cooperating'] }) role!: string;
  @ApiProperty({ format: 'date-time', description: 'When the unit was given the task' }) assignedAt!: string;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 4,
    description: 'Working days in (day assigned, asOf] on China’s calendar; null when a year in between has no calendar data',
  })
  workdaysSinceAssigned!: number | null;
  @ApiProperty({ description: 'Past the plan’s 签收 window (acknowledgeWithinWorkdays; never when that is 0)' }) overdue!: boolean;
}

export class UnitUnacknowledgedDto {
  @ApiProperty({ type: NamedRefDto }) unit!: NamedRefDto;
  @ApiProperty({ description: 'Tasks the unit has not signed' }) count!: number;
  @ApiProperty({ type: [UnacknowledgedItemDto], description: 'Most working days since assignment first' })
  tasks!: UnacknowledgedItemDto[];
}

export class UnacknowledgedViewDto {
  @ApiProperty({ example: '2021-10-08' }) asOf!: string;
  @ApiProperty({ example: 2, description: 'The plan’s 签收 window in working days (0: no 签收 reminders)' }) acknowledgeWithinWorkdays!: number;
  @ApiProperty({ description: 'Unsigned (unit, task) pairs in all' }) total!: number;
  @ApiProperty({ type: [UnitUnacknowledgedDto], description: 'Units with the longest-waiting unsigned task first' })
  units!: UnitUnacknowledgedDto[];
  @ApiProperty({ type: [String], description: 'E.g. a year without working-day calendar data' }) warnings!: string[];
}
