import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';
import { ORGANIZATION_SWITCH_DESCRIPTION } from '../../../access/dto/organization-query.dto';
import { NamedRefDto } from '../../../units/dto/unit.dto';
import { pageQuery } from '../../../common/pagination';

export const DELIVERY_STATUSES = ['pending', 'sent', 'failed'] as const;
export const DELIVERY_CHANNELS = ['inbox', 'email', 'webhook'] as const;

export class ListDeliveriesQueryDto extends pageQuery(200) {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES, description: 'failed: gave up after the declared attempts; retry them' })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: (typeof DELIVERY_STATUSES)[number];

  @ApiPropertyOptional({ enum: DELIVERY_CHANNELS })
  @IsOptional()
  @IsIn(DELIVERY_CHANNELS)
  channel?: (typeof DELIVERY_CHANNELS)[number];

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ example: '2021-10-08' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  day?: string;

  @ApiPropertyOptional({ format: 'uuid', description: ORGANIZATION_SWITCH_DESCRIPTION })
  @IsOptional()
  @IsUUID()
  organizationId?: string;
}

export class ReminderDeliveryDto {
  @ApiProperty({ format: 'uuid', description: 'Also the idempotency key receivers see (Message-ID, Idempotency-Key)' })
  id!: string;

  @ApiProperty({ type: NamedRefDto, nullable: true, description: 'null: the supervisors’ office (督查室)' })
  unit!: NamedRefDto | null;

  @ApiProperty({ enum: ['unit', 'supervisors'] }) audience!: string;
  @ApiProperty({ enum: DELIVERY_CHANNELS }) channel!: string;
  @ApiProperty({ example: '2021-10-08' }) day!: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status!: string;
  @ApiProperty({ description: 'Send attempts so far (a retry by a supervisor adds to them)' }) attempts!: number;
  @ApiProperty({ nullable: true, type: String, description: 'Why the last attempt failed' }) lastError!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastAttemptAt!: string | null;
  @ApiProperty({ description: 'Reminders in the digest' }) reminderCount!: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) sentAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class ReminderDeliveryPageDto {
  @ApiProperty({ type: [ReminderDeliveryDto] }) items!: ReminderDeliveryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
