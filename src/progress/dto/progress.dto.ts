import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { NotBlank } from '../../common/not-blank';
import { ActualInputDto, ReportActualDto } from '../../targets/dto/target.dto';
import { NamedRefDto } from '../../units/dto/unit.dto';
import { EvidenceIdsProperty } from '../../evidence/dto/evidence-ids.decorator';

export class CreateProgressReportDto {
  @ApiProperty({ example: '已完成项目立项和初步设计，正在办理施工许可。', maxLength: 5000 })
  @IsString()
  @NotBlank()
  @MaxLength(5000)
  summary!: string;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 100,
    example: 40,
    description: 'Share of the task done, in percent. Required unless `actuals` cover a quantity target: then it follows from them (actual ÷ target) and a value sent here is not used',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  percent?: number;

  @ApiPropertyOptional({ type: [ActualInputDto], description: 'The actual value of the task’s targets for the period (累计 for quantities)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ActualInputDto)
  actuals?: ActualInputDto[];

  @ApiPropertyOptional({ maxLength: 5000, description: '存在问题' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  problems?: string;

  @ApiPropertyOptional({ maxLength: 5000, description: '下步打算' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  nextSteps?: string;

  @ApiPropertyOptional({
    example: '2021-10',
    description: 'Reporting period, "YYYY-MM" (monthly plans) or "YYYY-Qn" (quarterly); defaults to the current one',
  })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/)
  period?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Supervisors only: the assigned unit reported for (marked on behalf)' })
  @IsOptional()
  @IsUUID()
  unitId?: string;
  @EvidenceIdsProperty()
  evidenceIds?: string[];
}

export class ReporterDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
}

export class ProgressReportDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) taskId!: string;
  @ApiProperty({ type: NamedRefDto }) unit!: NamedRefDto;
  @ApiProperty({ example: '2021-10' }) period!: string;
  @ApiProperty() summary!: string;
  @ApiProperty() percent!: number;
  @ApiProperty({ type: [ReportActualDto] }) actuals!: ReportActualDto[];
  @ApiProperty({ nullable: true, type: String }) problems!: string | null;
  @ApiProperty({ nullable: true, type: String }) nextSteps!: string | null;
  @ApiProperty({ type: ReporterDto }) reportedBy!: ReporterDto;
  @ApiProperty({ description: 'A supervisor entered it for the unit' }) onBehalf!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}
