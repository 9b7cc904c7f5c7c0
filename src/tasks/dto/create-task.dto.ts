import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { NotBlank } from '../../common/not-blank';
import { SOURCE_KINDS, type SourceKind } from '../task-status';

/** A calendar day as the API writes it; the task forms (new task, acceptance of a handed-down task) share it. */
export const DAY = /^\d{4}-\d{2}-\d{2}$/;
export const DAY_MESSAGE = '$property must be a date in YYYY-MM-DD form';

export class TaskUnitsDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: '牵头单位' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  lead?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: '责任单位' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  responsible?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: '配合单位' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  cooperating?: string[];
}

export class TaskSourceInputDto {
  @ApiProperty({ enum: SOURCE_KINDS, description: 'notice 通知, instruction 领导批示, meeting 会议议定事项, proposal 人大建议/政协提案, other' })
  @IsIn(SOURCE_KINDS)
  kind!: SourceKind;

  @ApiPropertyOptional({ maxLength: 100, example: '济政阅〔2021〕8号', description: '文号' })
  @IsOptional()
  @IsString()
  @NotBlank()
  @MaxLength(100)
  documentNumber?: string;

  @ApiPropertyOptional({ example: '2021-03-15', description: 'Date of the instruction, meeting or document' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DAY, { message: DAY_MESSAGE })
  date?: string;
}

/** A task a supervisor adds by hand (a leader's instruction, a meeting's decision…), numbered after the plan's. */
export class CreateTaskDto {
  @ApiProperty({ maxLength: 5000, example: '加快推进城区老旧小区改造，年底前完成30个小区改造任务。' })
  @IsString()
  @NotBlank()
  @MaxLength(5000)
  content!: string;

  @ApiProperty({ example: '2021-12-31' })
  @IsISO8601({ strict: true })
  @Matches(DAY, { message: DAY_MESSAGE })
  dueDate!: string;

  @ApiProperty({ type: TaskUnitsDto, description: 'At least one lead or responsible unit; a unit in one role only' })
  @IsObject()
  @ValidateNested()
  @Type(() => TaskUnitsDto)
  units!: TaskUnitsDto;

  @ApiProperty({ type: TaskSourceInputDto })
  @IsObject()
  @ValidateNested()
  @Type(() => TaskSourceInputDto)
  source!: TaskSourceInputDto;
}
