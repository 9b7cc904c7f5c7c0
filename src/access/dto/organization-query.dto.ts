import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

/** The organization switcher of a list: a parent organization's staff pick one below their own. */
export const ORGANIZATION_SWITCH_DESCRIPTION =
  'The organization whose records to list: the caller’s own by default, or one below it (staff of a parent organization); another organization’s answers 404';

export class OrganizationQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: ORGANIZATION_SWITCH_DESCRIPTION })
  @IsOptional()
  @IsUUID()
  organizationId?: string;
}
