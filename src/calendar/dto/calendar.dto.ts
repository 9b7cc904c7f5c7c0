import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { NotBlank } from '../../common/not-blank';
import { toInt } from '../../common/pagination';

// IsISO8601 alone also takes a date-time; days are compared as YYYY-MM-DD text.
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_ONLY_MESSAGE = '$property must be a date in YYYY-MM-DD form';

export const DAY_SOURCES = ['statutory', 'override', 'weekend-rule', 'unknown'] as const;

export class ListOverridesQueryDto {
  @ApiPropertyOptional({ example: 2021, minimum: 2000, maximum: 2100, description: 'One year; or give from and to' })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ example: '2021-09-01', description: 'Inclusive; with `to`, instead of `year`' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DATE_ONLY, { message: DATE_ONLY_MESSAGE })
  from?: string;

  @ApiPropertyOptional({ example: '2021-10-31', description: 'Inclusive' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DATE_ONLY, { message: DATE_ONLY_MESSAGE })
  to?: string;
}

export class WorkdaysQueryDto {
  @ApiProperty({ example: '2021-09-15', description: 'Inclusive' })
  @IsISO8601({ strict: true })
  @Matches(DATE_ONLY, { message: DATE_ONLY_MESSAGE })
  from!: string;

  @ApiProperty({ example: '2021-10-15', description: 'Inclusive; at most 731 days after `from`' })
  @IsISO8601({ strict: true })
  @Matches(DATE_ONLY, { message: DATE_ONLY_MESSAGE })
  to!: string;
}

export class OverrideItemDto {
  @ApiProperty({ example: '2021-10-09' })
  @IsISO8601({ strict: true })
  @Matches(DATE_ONLY, { message: DATE_ONLY_MESSAGE })
  day!: string;

  @ApiProperty()
  @IsBoolean()
  isWorkday!: boolean;

  @ApiPropertyOptional({ example: '国庆节调休上班', maxLength: 200, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @NotBlank()
  @MaxLength(200)
  note?: string | null;
}

export class ReplaceOverridesDto {
  @ApiProperty({ example: 2027, minimum: 2000, maximum: 2100 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiProperty({ type: [OverrideItemDto], description: "Replaces all of the year's overrides; [] removes them" })
  @IsArray()
  @ArrayMaxSize(366)
  @ValidateNested({ each: true })
  @Type(() => OverrideItemDto)
  items!: OverrideItemDto[];

  @ApiPropertyOptional({
    description:
      "true: these overrides are the year's complete official schedule (other days follow Monday–Friday), which " +
      'makes a year past the bundled data usable; false: withdraw that; absent: leave it as it is',
  })
  @IsOptional()
  @IsBoolean()
  complete?: boolean;

  @ApiPropertyOptional({
    example: '国务院办公厅关于2027年部分节假日安排的通知',
    maxLength: 500,
    description: 'Where the complete schedule comes from; only with complete: true',
  })
  @IsOptional()
  @IsString()
  @NotBlank()
  @MaxLength(500)
  note?: string;
}

export class OverrideDto {
  @ApiProperty({ example: '2021-10-09' }) day!: string;
  @ApiProperty() isWorkday!: boolean;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
}

export class YearCoverageDto {
  @ApiProperty({ example: 2021 }) year!: number;
  @ApiProperty({ description: 'The bundled State Council schedule (chinese-days) covers the year' }) statutory!: boolean;
  @ApiProperty({ description: "An admin declared the year's overrides its complete official schedule" }) official!: boolean;
}

export class OverridesDto {
  @ApiProperty({ type: [OverrideDto] }) items!: OverrideDto[];
  @ApiProperty({ type: [YearCoverageDto] }) coverage!: YearCoverageDto[];
  @ApiProperty({ type: [String], description: 'One message per year without calendar data' }) warnings!: string[];
}

export class WorkdayDto {
  @ApiProperty({ example: '2021-10-09' }) day!: string;
  @ApiProperty({ nullable: true, type: Boolean, description: 'null: the year has no calendar data (see warnings)' })
  isWorkday!: boolean | null;
  @ApiProperty({ enum: DAY_SOURCES }) source!: (typeof DAY_SOURCES)[number];
  @ApiProperty({ nullable: true, type: String, example: '国庆节调休上班' }) note!: string | null;
}

export class WorkdaysDto {
  @ApiProperty({ type: [WorkdayDto] }) items!: WorkdayDto[];
  @ApiProperty({ type: [YearCoverageDto] }) coverage!: YearCoverageDto[];
  @ApiProperty({ type: [String], description: 'One message per year without calendar data' }) warnings!: string[];
}
