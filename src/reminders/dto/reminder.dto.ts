import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { ORGANIZATION_SWITCH_DESCRIPTION } from '../../access/dto/organization-query.dto';
import { NotBlank } from '../../common/not-blank';
import { NamedRefDto } from '../../units/dto/unit.dto';
import { pageQuery, toBool } from '../../common/pagination';

const KINDS = ['due_soon', 'report_missing', 'overdue', 'escalation', 'urge', 'unacknowledged'] as const;

export class ScanRequestDto {
  @ApiPropertyOptional({ example: '2021-10-08', description: 'Scan as of this day (default: today, Asia/Shanghai)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  asOf?: string;
}

export class ScanResultDto {
  @ApiProperty({ example: '2021-10-08' }) asOf!: string;
  @ApiProperty({ description: 'Reminders inserted by this scan' }) created!: number;
  @ApiProperty({ description: 'Reminders the ladder asked for that an earlier scan had already made' }) alreadyExisting!: number;
  @ApiPropertyOptional({ enum: ['non_working_day', 'no_calendar_data'] }) skipped?: string;
  @ApiProperty({ description: 'Digests (per unit, channel, day) created by this scan' }) deliveries!: number;
  @ApiProperty({ type: [String], description: 'Tasks left out and why (e.g. no calendar data for their year)' }) warnings!: string[];
}

export class UrgeDto {
  @ApiProperty({ example: '请于本周五前报送项目开工情况', maxLength: 1000 })
  @IsString()
  @NotBlank()
  @MaxLength(1000)
  message!: string;
}

export class ListRemindersQueryDto extends pageQuery(200) {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  taskId?: string;

  @ApiPropertyOptional({ enum: KINDS })
  @IsOptional()
  @IsIn(KINDS)
  kind?: (typeof KINDS)[number];

  @ApiPropertyOptional({ description: 'true: only unread; false: only read' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  unread?: boolean;

  @ApiPropertyOptional({ format: 'uuid', description: ORGANIZATION_SWITCH_DESCRIPTION })
  @IsOptional()
  @IsUUID()
  organizationId?: string;
}

export class ReminderTaskDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() number!: number;
  @ApiProperty() content!: string;
  @ApiProperty({ format: 'uuid' }) planId!: string;
}

export class ReminderDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: KINDS }) kind!: string;
  @ApiProperty({ enum: [1, 2], description: '2 = 督办 (escalation)' }) level!: number;
  @ApiProperty({ enum: ['unit', 'supervisors'] }) audience!: string;
  @ApiProperty({ type: NamedRefDto, nullable: true }) unit!: NamedRefDto | null;
  @ApiProperty({ type: ReminderTaskDto }) task!: ReminderTaskDto;
  @ApiProperty({ example: '2021-09-30' }) dueDate!: string;
  @ApiProperty({ nullable: true, type: String }) period!: string | null;
  @ApiProperty({ nullable: true, type: Number }) workdaysOverdue!: number | null;
  @ApiProperty() message!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: '已读回执' }) readAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) readBy!: string | null;
}

export class ReminderPageDto {
  @ApiProperty({ type: [ReminderDto] }) items!: ReminderDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class PolicyQueryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  planId!: string;
}

export class ReminderPolicyDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  planId!: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ default: 3, minimum: 0, maximum: 30, description: 'Due-soon reminder this many workdays ahead (0: none)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(30)
  dueSoonWorkdays?: number;

  @ApiPropertyOptional({ default: 5, minimum: 1, maximum: 60, description: 'Overdue reminders repeat every N workdays' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  overdueRepeatWorkdays?: number;

  @ApiPropertyOptional({ default: 10, minimum: 1, maximum: 250, description: '督办 (level 2) at N workdays overdue' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(250)
  escalateAfterWorkdays?: number;

  @ApiPropertyOptional({ default: true, description: 'Remind units that have not reported for a closed period' })
  @IsOptional()
  @IsBoolean()
  reportMissing?: boolean;

  @ApiPropertyOptional({
    default: 2,
    minimum: 0,
    maximum: 30,
    description: '签收 reminder to a unit that has not signed a task N workdays after it was assigned, repeated every overdueRepeatWorkdays (0: none)',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(30)
  acknowledgeWithinWorkdays?: number;
}
