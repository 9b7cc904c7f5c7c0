import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { SourceLocation } from '../import-source';
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

/** One of three shapes: {line} for text, {sheet, row} for a workbook, {table, row} for a Word table. */
export class SourceLocationDto {
  @ApiPropertyOptional({ description: 'Text: 1-based line (0 for the whole text)' }) line?: number;
  @ApiPropertyOptional({ description: 'Workbook: the sheet name' }) sheet?: string;
  @ApiPropertyOptional({ description: 'Word file: 1-based table number' }) table?: number;
  @ApiPropertyOptional({ description: 'Workbook or Word table: 1-based row' }) row?: number;
}

export class ImportIssueDto {
  @ApiProperty({ description: '1-based line in the submitted text, or the row of a table (0 for the source as a whole)' })
  line!: number;
  @ApiProperty({ type: SourceLocationDto, description: 'Where a person finds it: {line}, {sheet, row} or {table, row}' })
  location!: SourceLocation;
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
}
