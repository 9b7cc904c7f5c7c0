import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { NotBlank } from '../../common/not-blank';
import { REPORTING_CYCLES, type ReportingCycle } from '../plan.entity';

// IsISO8601 alone also takes a date-time; the columns are dates and the dates are compared as text.
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_ONLY_MESSAGE = '$property must be a date in YYYY-MM-DD form';

export class CreatePlanDto {
  @ApiProperty({ example: '济源市2021年政府工作报告重点工作', maxLength: 200 })
  @IsString()
  @NotBlank()
  @MaxLength(200)
  title!: string;

  @ApiProperty({ example: 2021, minimum: 2000, maximum: 2100 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiPropertyOptional({ example: '2021-01-01', description: 'Defaults to 1 January of `year`' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DATE_ONLY, { message: DATE_ONLY_MESSAGE })
  startDate?: string;

  @ApiPropertyOptional({ example: '2021-12-31', description: 'Defaults to 31 December of `year`; the default due date of tasks' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DATE_ONLY, { message: DATE_ONLY_MESSAGE })
  endDate?: string;

  @ApiPropertyOptional({ enum: REPORTING_CYCLES, default: 'monthly' })
  @IsOptional()
  @IsIn(REPORTING_CYCLES)
  reportingCycle?: ReportingCycle;

  @ApiPropertyOptional({ default: 25, minimum: 1, maximum: 28, description: 'Day of the month progress reports are due' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(28)
  reportCutoffDay?: number;

  @ApiPropertyOptional({ default: false, description: '销号 requests must come with at least one 佐证材料 (evidence file)' })
  @IsOptional()
  @IsBoolean()
  completionEvidenceRequired?: boolean;
}

export class UpdatePlanDto {
  @ApiProperty({ description: '销号 requests must come with at least one 佐证材料 (evidence file)' })
  @IsBoolean()
  completionEvidenceRequired!: boolean;
}

export class PlanDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() year!: number;
  @ApiProperty({ example: '2021-01-01' }) startDate!: string;
  @ApiProperty({ example: '2021-12-31' }) endDate!: string;
  @ApiProperty({ enum: REPORTING_CYCLES }) reportingCycle!: ReportingCycle;
  @ApiProperty() reportCutoffDay!: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) importedAt!: string | null;
  @ApiProperty({ description: '销号 requests need 佐证材料' }) completionEvidenceRequired!: boolean;
  @ApiProperty({ description: 'Number of tasks in the plan' }) taskCount!: number;
}

export class SectionNodeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '3.2', description: '"3" for 三、, "3.2" for its (二)' }) code!: string;
  @ApiProperty() ordinal!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'Tasks in this section, subsections included' }) taskCount!: number;
  @ApiProperty({ type: () => [SectionNodeDto] }) children!: SectionNodeDto[];
}

export class PlanDetailDto extends PlanDto {
  @ApiProperty({ type: [SectionNodeDto] }) sections!: SectionNodeDto[];
}
