import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ReporterDto } from '../../progress/dto/progress.dto';
import { NamedRefDto } from '../../units/dto/unit.dto';
import {
  ACKNOWLEDGED_VIA,
  ASSIGNMENT_ROLES,
  SOURCE_KINDS,
  TASK_KINDS,
  TASK_ORIGINS,
  TASK_STATUSES,
  type AcknowledgedVia,
  type AssignmentRole,
  type SourceKind,
  type TaskKind,
  type TaskOrigin,
  type TaskStatus,
} from '../task-status';
import { pageQuery, toBool } from '../../common/pagination';

export class ListTasksQueryDto extends pageQuery(200) {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  planId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Tasks assigned to this unit' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ enum: ASSIGNMENT_ROLES, description: 'With unitId: the unit holds this role; alone: some unit holds it' })
  @IsOptional()
  @IsIn(ASSIGNMENT_ROLES)
  role?: AssignmentRole;

  @ApiPropertyOptional({ format: 'uuid', description: 'A section (its subsections included) or a subsection' })
  @IsOptional()
  @IsUUID()
  sectionId?: string;

  @ApiPropertyOptional({ enum: TASK_STATUSES })
  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  @ApiPropertyOptional({ enum: SOURCE_KINDS, description: 'Where tasks come from: notice, 领导批示, 会议议定事项, 建议提案, other' })
  @IsOptional()
  @IsIn(SOURCE_KINDS)
  sourceKind?: SourceKind;

  @ApiPropertyOptional({ description: 'Text in the task content, or a task number' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({
    description:
      '签收 filter. false (未签收): the unit (unitId; for a unit user, its own unit) has not signed the task — without a unit, ' +
      'some assigned unit has not. true: the unit has signed — without a unit, every assigned unit has.',
  })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  acknowledged?: boolean;
}

/** GET /api/tasks: the register's filters and either page numbers or a cursor. */
export class ListTasksPageQueryDto extends ListTasksQueryDto {
  @ApiPropertyOptional({
    maxLength: 200,
    description:
      'Keyset pagination: the `nextCursor` of the page before; the page starts after that page\'s last task, ' +
      'however deep (cannot be combined with `page`). Page numbers suit the first few pages; follow cursors past them.',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  after?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The organization whose tasks to list: the caller’s own by default (with planId: the plan’s, if the caller reads it), ' +
      'or one below it (staff of a parent organization); another organization’s answers 404',
  })
  @IsOptional()
  @IsUUID()
  organizationId?: string;
}

export class SectionRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '2.1' }) code!: string;
  @ApiProperty() title!: string;
}

export class TaskSourceDto {
  @ApiProperty({ enum: SOURCE_KINDS, description: 'notice 通知, instruction 领导批示, meeting 会议议定事项, proposal 人大建议/政协提案, other' })
  kind!: SourceKind;
  @ApiProperty({ nullable: true, type: String, example: '济政办〔2021〕12号', description: '文号' }) documentNumber!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2021-03-15' }) date!: string | null;
}

export class PendingAcknowledgementDto extends NamedRefDto {
  @ApiProperty({ format: 'date-time', description: 'When the unit was given the task' }) assignedAt!: string;
}

export class AcknowledgementDto {
  @ApiProperty({ type: NamedRefDto }) unit!: NamedRefDto;
  @ApiProperty({ format: 'date-time' }) acknowledgedAt!: string;
  @ApiProperty({ type: ReporterDto, nullable: true, description: 'The unit’s user who signed (null once that account is deleted)' })
  by!: ReporterDto | null;
  @ApiProperty({ enum: ACKNOWLEDGED_VIA, description: 'The 签收 button, or the unit’s first own progress report or 销号 request' })
  via!: AcknowledgedVia;
}

export class TaskDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) planId!: string;
  @ApiProperty({ example: 9 }) number!: number;
  @ApiProperty() content!: string;
  @ApiProperty({ enum: TASK_KINDS }) kind!: TaskKind;
  @ApiProperty({ type: SectionRefDto, nullable: true }) section!: SectionRefDto | null;
  @ApiProperty({ type: SectionRefDto, nullable: true }) subsection!: SectionRefDto | null;
  @ApiProperty({ example: '2021-12-31' }) dueDate!: string;
  @ApiProperty({ enum: TASK_STATUSES }) status!: TaskStatus;
  @ApiProperty({ description: 'Send it back with an edit; a stale one is refused with 409' }) version!: number;
  @ApiProperty({ type: [NamedRefDto] }) lead!: NamedRefDto[];
  @ApiProperty({ type: [NamedRefDto] }) responsible!: NamedRefDto[];
  @ApiProperty({ type: [NamedRefDto] }) cooperating!: NamedRefDto[];
  @ApiProperty({ description: 'The notice ends the unit list with 等有关单位' }) includesOtherUnits!: boolean;
  @ApiProperty({ type: [String], description: '责任领导' }) leaders!: string[];
  @ApiProperty({ nullable: true, type: String, description: '完成时限 as written' }) deadlineText!: string | null;
  @ApiProperty({ type: TaskSourceDto }) source!: TaskSourceDto;
  @ApiProperty({ enum: TASK_ORIGINS, description: 'import: made by a notice import; manual: added by hand (an import never touches it)' })
  origin!: TaskOrigin;
  @ApiProperty({ type: [PendingAcknowledgementDto], description: 'Assigned units that have not signed (签收) the task yet' })
  unacknowledged!: PendingAcknowledgementDto[];
}

export class TaskDetailDto extends TaskDto {
  @ApiProperty({ nullable: true, type: String, description: 'The notice line the task was imported from' })
  sourceLine!: string | null;
  @ApiProperty({ type: [AcknowledgementDto], description: 'Each assigned unit’s 签收, in the notice’s order' })
  acknowledgements!: AcknowledgementDto[];

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { 备注: '省定任务' },
    description: "The imported table's columns the importer does not map, by header; empty for text notices",
  })
  extraFields!: Record<string, string>;
}

export class TaskPageDto {
  @ApiProperty({ type: [TaskDto] }) items!: TaskDto[];
  @ApiProperty({ description: 'Tasks matching the filters: exact up to 1,000; past that the planner\'s estimate (see totalExact)' })
  total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ description: 'false when more than 1,000 tasks match and `total` is an estimate' }) totalExact!: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `after` for the next page; null on the last page' })
  nextCursor!: string | null;
}
