import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ImportTargetsDto } from '../../targets/dto/target.dto';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class ImportNoticeDto {
  @ApiProperty({ description: 'The notice text as pasted (full- or half-width punctuation, CRLF or LF)', maxLength: 1_000_000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1_000_000)
  text!: string;

  @ApiPropertyOptional({ default: false, description: 'Report what would change and write nothing' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Create units the registry does not know (kind "other") instead of failing' })
  @IsOptional()
  @IsBoolean()
  createMissingUnits?: boolean;
}

export class ImportIssueDto {
  @ApiProperty({ description: '1-based line in the submitted text (0 for the text as a whole)' }) line!: number;
  @ApiProperty({ description: 'The line as written' }) text!: string;
  @ApiProperty({ description: 'What is wrong, in Chinese' }) message!: string;
}

export class UnknownUnitDto {
  @ApiProperty({ example: '数字经济局' }) name!: string;
  @ApiProperty({ type: [Number], description: 'Item numbers that name it' }) items!: number[];
}

export class TaskCountsDto {
  @ApiProperty() created!: number;
  @ApiProperty() updated!: number;
  @ApiProperty() unchanged!: number;
}

export class ImportReportDto {
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ description: 'Top-level headings (一、…)' }) sections!: number;
  @ApiProperty({ description: 'Second-level headings ((一)…)' }) subsections!: number;
  @ApiProperty({ type: TaskCountsDto }) tasks!: TaskCountsDto;
  @ApiProperty({ type: [UnknownUnitDto] }) unknownUnits!: UnknownUnitDto[];
  @ApiProperty({ type: [String], description: 'Units created because createMissingUnits was set (or would be, in a dry run)' })
  createdUnits!: string[];
  @ApiProperty({ type: [ImportIssueDto] }) warnings!: ImportIssueDto[];
  @ApiProperty({ type: [ImportIssueDto], description: 'When not empty the answer is 422 and nothing was written' })
  errors!: ImportIssueDto[];
  @ApiPropertyOptional({ type: ImportTargetsDto, description: 'Quantitative targets read from the items (absent when there are errors)' })
  targets?: ImportTargetsDto;
}
