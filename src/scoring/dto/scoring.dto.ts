import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsNumber, Max, Min } from 'class-validator';
import { NamedRefDto } from '../../units/dto/unit.dto';
import type { ScoreEventKind } from '../score-calculator';

const POINTS = { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 } as const;

export class ScoringRulesDto {
  @ApiProperty({ example: 100, description: '基础分 every scored unit starts from' })
  @IsNumber(POINTS)
  @Min(0)
  @Max(1000)
  base!: number;

  @ApiProperty({ example: 2, description: 'Added per task 销号 on or before its due date (its lead units)' })
  @IsNumber(POINTS)
  @Min(0)
  @Max(100)
  onTimeCompletion!: number;

  @ApiProperty({ example: 0.5, description: 'Subtracted per workday a task is, or was until its 销号, past its due date (its lead units)' })
  @IsNumber(POINTS)
  @Min(0)
  @Max(100)
  overduePerWorkday!: number;

  @ApiProperty({ example: 10, description: 'The most one task’s lateness can cost; 0: no cap' })
  @IsNumber(POINTS)
  @Min(0)
  @Max(1000)
  overdueCapPerTask!: number;

  @ApiProperty({ example: 1, description: 'Subtracted per task and closed period a lead or responsible unit did not report for' })
  @IsNumber(POINTS)
  @Min(0)
  @Max(100)
  missingReport!: number;

  @ApiProperty({ example: 1, description: 'Subtracted per 销号 request returned (the requesting unit)' })
  @IsNumber(POINTS)
  @Min(0)
  @Max(100)
  completionReturned!: number;

  @ApiProperty({ example: 1, description: 'Approved 延期 per task that cost nothing' })
  @IsInt()
  @Min(0)
  @Max(100)
  extensionsAllowed!: number;

  @ApiProperty({ example: 2, description: 'Subtracted per approved 延期 beyond those (the requesting unit)' })
  @IsNumber(POINTS)
  @Min(0)
  @Max(100)
  extensionBeyond!: number;
}

export class PlanScoringRulesDto {
  @ApiProperty({ format: 'uuid' }) planId!: string;
  @ApiProperty({ type: ScoringRulesDto }) rules!: ScoringRulesDto;
  @ApiProperty({ description: 'No rules were set for the plan: these are the defaults' }) isDefault!: boolean;
  @ApiProperty({ description: 'Each rule in Chinese, for display', type: 'object', additionalProperties: { type: 'string' } })
  labels!: Record<string, string>;
}

const EVENT_KINDS = ['on_time_completion', 'overdue', 'missing_report', 'completion_returned', 'extension_beyond'];

export class ScoreEventDto {
  @ApiProperty({ enum: EVENT_KINDS }) kind!: ScoreEventKind;
  @ApiProperty({ format: 'uuid' }) taskId!: string;
  @ApiProperty() taskNumber!: number;
  @ApiProperty({ description: 'Points added (positive) or subtracted (negative)' }) points!: number;
  @ApiProperty({ example: '第9项逾期未办结，逾期 14 个工作日' }) detail!: string;
}

export class UnitScoreDto {
  @ApiProperty() rank!: number;
  @ApiProperty({ type: NamedRefDto }) unit!: NamedRefDto;
  @ApiProperty() score!: number;
  @ApiProperty() bonus!: number;
  @ApiProperty() deductions!: number;
  @ApiProperty({ type: [ScoreEventDto], description: 'The events that made the score' }) events!: ScoreEventDto[];
}

export class ScoresViewDto {
  @ApiProperty({ example: '2021-10-26' }) asOf!: string;
  @ApiProperty({ type: ScoringRulesDto }) rules!: ScoringRulesDto;
  @ApiProperty({ type: [UnitScoreDto], description: 'Every lead or responsible unit of the plan, highest score first' })
  items!: UnitScoreDto[];
  @ApiProperty({ type: [String] }) warnings!: string[];
}
