import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '../../access/roles';
import { USERNAME } from '../../config/env';

export const PASSWORD_MIN = 10;

export class CreateUserDto {
  @ApiProperty({ example: 'zhangsan', description: 'Lowercase letters, digits, Chinese, . _ - (2–64)' })
  @IsString()
  @Matches(USERNAME)
  username!: string;

  @ApiProperty({ minLength: PASSWORD_MIN, maxLength: 200 })
  @IsString()
  @MinLength(PASSWORD_MIN)
  @MaxLength(200)
  password!: string;

  @ApiPropertyOptional({ example: '张三', maxLength: 100 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  displayName?: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for unit_user, forbidden otherwise; a unit of the account’s organization' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The account’s organization: the admin’s own (default) or one below it (a province’s admin opens a city’s first admin); another answers 404',
  })
  @IsOptional()
  @IsUUID()
  organizationId?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @IsUUID()
  unitId?: string | null;

  @ApiPropertyOptional({ description: 'false disables the account; its tokens stop working at once' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ minLength: PASSWORD_MIN, description: 'Sets a new password (admin reset)' })
  @IsOptional()
  @IsString()
  @MinLength(PASSWORD_MIN)
  @MaxLength(200)
  password?: string;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) unitId!: string | null;
  @ApiProperty() active!: boolean;
}
