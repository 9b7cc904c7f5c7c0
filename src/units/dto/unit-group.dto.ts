import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';
import { NotBlank } from '../../common/not-blank';
import { NamedRefDto } from './unit.dto';

export class CreateUnitGroupDto {
  @ApiProperty({ example: '各街道办事处', maxLength: 100 })
  @IsString()
  @NotBlank()
  @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({ type: [String], example: ['各街道'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @NotBlank({ each: true })
  @MaxLength(100, { each: true })
  aliases?: string[];

  @ApiProperty({ type: [String], description: 'Member units, by name or alias', example: ['济水街道办事处'] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @NotBlank({ each: true })
  members!: string[];
}

export class UnitGroupDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: [String] })
  aliases!: string[];

  @ApiProperty({ type: [NamedRefDto] })
  members!: NamedRefDto[];
}
