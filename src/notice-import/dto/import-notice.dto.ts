import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { SourceLocation } from '../import-source';
import { MAX_LISTED } from '../import-report';
import type { ColumnMapping } from '../notice-parser';
import { ImportTargetsDto } from '../../targets/dto/target.dto';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/** Characters take at least a byte each: at the default IMPORT_BODY_LIMIT_BYTES the body limit answers first (413). */
const MAX_TEXT_LENGTH = 20_971_520;

export class ImportNoticeDto {
  @ApiProperty({ description: 'The notice text as pasted (full- or half-width punctuation, CRLF or LF)', maxLength: MAX_TEXT_LENGTH })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TEXT_LENGTH)
  text!: string;

  @ApiPropertyOptional({ default: false, description: 'Report what would change and write nothing' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;

  @ApiPropertyOptional({
    default: false,
    description:
      'Create units the registry does not know instead of failing, with the kind their name suggests ' +
      '(甲县人民政府 county, 市委宣传部 party, 某镇人民政府 town, …; otherwise "other")',
  })
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
  @ApiPropertyOptional({ description: 'The item it concerns, when the line or row is a numbered item' }) number?: number;
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

export class ImportItemDto {
  @ApiProperty({ type: Number, nullable: true, description: 'The item number (null for a row whose number could not be read)' })
  number!: number | null;
  @ApiProperty({ type: SourceLocationDto, description: 'Where the item is in the source' }) location!: SourceLocation;
  @ApiProperty({ description: 'The task text (first 200 characters), or the row as written when it failed' }) content!: string;
  @ApiProperty({
    enum: ['created', 'updated', 'unchanged', 'error'],
    description: 'What the import did (or, in a dry run or a rejected import, would do) with this item',
  })
  result!: 'created' | 'updated' | 'unchanged' | 'error';
  @ApiPropertyOptional({ description: 'Why it is an error, or what to check (warnings about this item), in Chinese' })
  message?: string;
}

export class ColumnMappingDto {
  @ApiProperty({ example: 'Sheet1', description: 'The table: a sheet name, 表格1 for a Word table, 粘贴的表格' }) table!: string;
  @ApiProperty({ description: '1-based column' }) index!: number;
  @ApiProperty({ example: '牵头单位', description: 'The header as written (two header rows joined by /)' }) header!: string;
  @ApiProperty({
    enum: ['number', 'section', 'task', 'lead', 'responsible', 'cooperating', 'leader', 'deadline', 'extra'],
    description: 'What the column was read as; extra columns are kept per task (extraFields)',
  })
  field!: ColumnMapping['field'];
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
  @ApiProperty({ type: [ImportItemDto], description: 'Each item in source order with its result, and each row that failed' })
  items!: ImportItemDto[];
  @ApiProperty({ type: [ColumnMappingDto], description: 'Tables only: which column became what (empty for text notices)' })
  columns!: ColumnMappingDto[];
  @ApiProperty({ description: `Warnings past the first ${MAX_LISTED} are counted here, not listed` }) warningsOmitted!: number;
  @ApiProperty({ description: `Errors past the first ${MAX_LISTED} are counted here, not listed` }) errorsOmitted!: number;
  @ApiProperty({ description: `Error rows past the first ${MAX_LISTED} are counted here, not listed in items` }) itemsOmitted!: number;
  @ApiProperty({ description: `Unknown units past the first ${MAX_LISTED} are counted here, not listed` })
  unknownUnitsOmitted!: number;
  @ApiPropertyOptional({ type: ImportTargetsDto, description: 'Quantitative targets read from the items (absent when there are errors)' })
  targets?: ImportTargetsDto;
}
