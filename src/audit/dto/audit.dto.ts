import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { pageQuery } from '../../common/pagination';

// A day or a date-time with an optional zone: ISO week and ordinal dates would pass IsISO8601 but not PostgreSQL.
const DATE_OR_TIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/;

export class ListAuditQueryDto extends pageQuery(500) {
  @ApiPropertyOptional({ example: 'task', description: 'unit, unit_group, plan, task, user, auth …' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  entity?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  entityId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ example: '2021-10-01T00:00:00+08:00', description: 'Inclusive' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DATE_OR_TIME)
  from?: string;

  @ApiPropertyOptional({ example: '2021-11-01T00:00:00+08:00', description: 'Exclusive' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DATE_OR_TIME)
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'One organization (the reader’s or one below it); by default the reader’s and every one below it' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;
}

export class AuditEventDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorId!: string | null;
  @ApiProperty() actorUsername!: string;
  @ApiProperty({ example: 'task.update' }) action!: string;
  @ApiProperty({ example: 'task' }) entity!: string;
  @ApiProperty({ nullable: true, type: String }) entityId!: string | null;
  @ApiProperty({ nullable: true, type: Object }) before!: unknown;
  @ApiProperty({ nullable: true, type: Object }) after!: unknown;
  @ApiProperty({ nullable: true, type: String }) requestId!: string | null;
  @ApiProperty({ nullable: true, type: String }) ip!: string | null;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEventDto] }) items!: AuditEventDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
