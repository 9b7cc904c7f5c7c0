import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';
import { NotBlank } from '../../common/not-blank';
import { TASK_KINDS, TASK_STATUSES, type TaskKind } from '../task-status';
import { EvidenceIdsProperty } from '../../evidence/dto/evidence-ids.decorator';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class CompletionRequestDto {
  @ApiProperty({ example: '项目已竣工验收，相关资料已归档。', maxLength: 5000, description: '完成情况' })
  @IsString()
  @NotBlank()
  @MaxLength(5000)
  summary!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Supervisors only: the lead unit asked for' })
  @IsOptional()
  @IsUUID()
  unitId?: string;
  @EvidenceIdsProperty()
  evidenceIds?: string[];
}

export class CompletionReviewDto {
  @ApiProperty({ enum: ['approve', 'return'], description: 'approve: 销号; return: 退回 (comment required)' })
  @IsIn(['approve', 'return'])
  decision!: 'approve' | 'return';

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class ReasonDto {
  @ApiProperty({ maxLength: 2000, example: '因上级政策调整暂缓实施' })
  @IsString()
  @NotBlank()
  @MaxLength(2000)
  reason!: string;
}

export class UpdateTaskDto {
  @ApiPropertyOptional({ example: '2021-12-31' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DAY)
  dueDate?: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @NotBlank()
  @MaxLength(5000)
  content?: string;

  @ApiPropertyOptional({ enum: TASK_KINDS })
  @IsOptional()
  @IsIn(TASK_KINDS)
  kind?: TaskKind;

  @ApiPropertyOptional({ description: 'The version you read; or send it as If-Match. A stale one is 409.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class TaskEventDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() actor!: string;
  @ApiProperty({ example: 'completion_requested' }) action!: string;
  @ApiProperty({ nullable: true, enum: TASK_STATUSES }) fromStatus!: string | null;
  @ApiProperty({ nullable: true, enum: TASK_STATUSES }) toStatus!: string | null;
  @ApiProperty({ nullable: true, type: String }) comment!: string | null;
  @ApiProperty({ nullable: true, type: Object }) data!: object | null;
}
