import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { NotBlank } from '../../common/not-blank';
import { NamedRefDto } from '../../units/dto/unit.dto';
import { EvidenceIdsProperty } from '../../evidence/dto/evidence-ids.decorator';

export class CreateExtensionRequestDto {
  @ApiProperty({ example: '2022-03-31', description: 'The due date asked for; later than the current one' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  dueDate!: string;

  @ApiProperty({ maxLength: 2000, example: '受汛期影响，施工推迟两个月' })
  @IsString()
  @NotBlank()
  @MaxLength(2000)
  reason!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Supervisors only: the assigned unit asked for' })
  @IsOptional()
  @IsUUID()
  unitId?: string;
  @EvidenceIdsProperty()
  evidenceIds?: string[];
}

export class ExtensionReviewDto {
  @ApiProperty({ enum: ['approve', 'reject'] })
  @IsIn(['approve', 'reject'])
  decision!: 'approve' | 'reject';

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class ExtensionRequestDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) taskId!: string;
  @ApiProperty({ type: NamedRefDto }) unit!: NamedRefDto;
  @ApiProperty({ example: '2021-12-31' }) previousDueDate!: string;
  @ApiProperty({ example: '2022-03-31' }) requestedDueDate!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() requestedBy!: string;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty({ enum: ['pending', 'approve', 'reject'] }) status!: 'pending' | 'approve' | 'reject';
  @ApiProperty({ nullable: true, type: String }) comment!: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedBy!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) decidedAt!: string | null;
}
