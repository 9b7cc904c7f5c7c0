import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { NotBlank } from '../../common/not-blank';
import type { TargetComparator } from '../target-parser';

export const COMPARATORS: readonly TargetComparator[] = ['at_least', 'at_most', 'about'];
/** Targets and actuals stay within what a city's figures can be; a typo of ten extra digits is refused. */
export const MAX_TARGET_VALUE = 1e12;

export class ImportTargetDto {
  @ApiProperty({ description: 'Item number' }) number!: number;
  @ApiProperty({ example: '城市书房' }) metric!: string;
  @ApiProperty({ enum: COMPARATORS }) comparator!: TargetComparator;
  @ApiProperty({ example: 15 }) value!: number;
  @ApiProperty({ example: '座' }) unit!: string;
  @ApiProperty({ example: '新建城市书房15座' }) sourceText!: string;
}

export class UnreadableTargetDto {
  @ApiProperty({ description: 'Item number' }) number!: number;
  @ApiProperty({ description: 'The words that carry a number but were not read as a target (or the whole indicator item)' })
  text!: string;
}

export class ImportTargetsDto {
  @ApiProperty({ type: [ImportTargetDto], description: 'Targets read from the items' }) read!: ImportTargetDto[];
  @ApiProperty({ type: [UnreadableTargetDto], description: 'What could not be read: a supervisor sets it on the task' })
  unreadable!: UnreadableTargetDto[];
  @ApiProperty({ type: [Number], description: 'Items whose targets a supervisor edited: left as they are' })
  keptEdits!: number[];
}

export class TargetInputDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'An existing target to keep (its actuals stay attached); omit for a new one' })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiProperty({ example: '城市书房', maxLength: 200 })
  @IsString()
  @NotBlank()
  @MaxLength(200)
  metric!: string;

  @ApiPropertyOptional({ example: '新建', maxLength: 20 })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  verb?: string;

  @ApiProperty({ enum: COMPARATORS, description: 'at_least 不低于 (以上, 增长, 新建), at_most 不高于 (控制在…以内), about 左右' })
  @IsIn(COMPARATORS)
  comparator!: TargetComparator;

  @ApiProperty({ example: 15 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-MAX_TARGET_VALUE)
  @Max(MAX_TARGET_VALUE)
  value!: number;

  @ApiProperty({ example: '座', maxLength: 20 })
  @IsString()
  @NotBlank()
  @MaxLength(20)
  unit!: string;
}

export class UpdateTargetsDto {
  @ApiPropertyOptional({ description: 'The task version read (or send If-Match)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;

  @ApiProperty({ type: [TargetInputDto], description: 'The task’s targets, in order; replaces the list' })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => TargetInputDto)
  targets!: TargetInputDto[];
}

export class LatestActualDto {
  @ApiProperty() value!: number;
  @ApiProperty({ example: '2021-10' }) period!: string;
  @ApiProperty() unitName!: string;
  @ApiProperty({ format: 'date-time' }) reportedAt!: string;
}

export class TargetDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() position!: number;
  @ApiProperty() metric!: string;
  @ApiProperty({ nullable: true, type: String }) verb!: string | null;
  @ApiProperty({ enum: COMPARATORS }) comparator!: TargetComparator;
  @ApiProperty() value!: number;
  @ApiProperty() unit!: string;
  @ApiProperty({ description: 'A rate (%, 个百分点) is judged as reported; a quantity is counted up over the year' }) rate!: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'The words it was read from' }) sourceText!: string | null;
  @ApiProperty() editedBySupervisor!: boolean;
  @ApiProperty({ type: LatestActualDto, nullable: true, description: 'The latest actual reported' })
  latestActual!: LatestActualDto | null;
}

export class TaskTargetsDto {
  @ApiProperty({ format: 'uuid' }) taskId!: string;
  @ApiProperty({ description: 'The task version (send it back to edit)' }) version!: number;
  @ApiProperty({ type: [TargetDto] }) targets!: TargetDto[];
}

export class ActualInputDto {
  @ApiProperty({ format: 'uuid', description: 'A target of this task' })
  @IsUUID()
  targetId!: string;

  @ApiProperty({ example: 2.1, description: 'The actual for the period, in the target’s unit (累计 for quantities)' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-MAX_TARGET_VALUE)
  @Max(MAX_TARGET_VALUE)
  value!: number;
}

export class ReportActualDto {
  @ApiProperty({ format: 'uuid' }) targetId!: string;
  @ApiProperty() metric!: string;
  @ApiProperty() unit!: string;
  @ApiProperty() value!: number;
}
