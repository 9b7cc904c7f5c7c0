import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { NotBlank } from '../../common/not-blank';
import { NamedRefDto } from '../../units/dto/unit.dto';
import { DAY, DAY_MESSAGE } from '../../tasks/dto/create-task.dto';
import { ASSIGNMENT_ROLES, TASK_STATUSES, type AssignmentRole, type TaskStatus } from '../../tasks/task-status';


export const INCOMING_FILTERS = ['pending', 'accepted', 'all'] as const;
export type IncomingFilter = (typeof INCOMING_FILTERS)[number];

export class ListIncomingTasksQueryDto {
  @ApiPropertyOptional({ enum: INCOMING_FILTERS, default: 'pending', description: 'pending 待接收, accepted 已接收, all' })
  @IsOptional()
  @IsIn(INCOMING_FILTERS)
  status?: IncomingFilter;
}

export class IncomingParentTaskDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  number!: number;

  @ApiProperty()
  content!: string;

  @ApiProperty({ example: '2021-12-31' })
  dueDate!: string;

  @ApiProperty({ enum: TASK_STATUSES })
  status!: TaskStatus;

  @ApiProperty({ format: 'uuid' })
  planId!: string;

  @ApiProperty()
  planTitle!: string;
}

export class IncomingChildTaskDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  planId!: string;

  @ApiProperty()
  number!: number;

  @ApiProperty({ enum: TASK_STATUSES })
  status!: TaskStatus;
}

/** A task a higher organization assigned to the unit standing for this one (上级交办). */
export class IncomingTaskDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'date-time' })
  receivedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  acceptedAt!: string | null;

  @ApiProperty({ type: NamedRefDto, description: 'The organization that assigned it' })
  fromOrganization!: NamedRefDto;

  @ApiProperty({ type: NamedRefDto, description: "The unit of the assigning organization that stands for this one (e.g. 洛阳市人民政府)" })
  viaUnit!: NamedRefDto;

  @ApiProperty({ type: IncomingParentTaskDto })
  parentTask!: IncomingParentTaskDto;

  @ApiProperty({ type: [IncomingChildTaskDto], description: 'The tasks it was accepted into (empty while pending)' })
  childTasks!: IncomingChildTaskDto[];
}

export class AcceptUnitDto {
  @ApiProperty({ format: 'uuid', description: 'A unit of the receiving organization (it may stand for a lower organization)' })
  @IsUUID('all')
  unitId!: string;

  @ApiProperty({ enum: ASSIGNMENT_ROLES })
  @IsIn(ASSIGNMENT_ROLES)
  role!: AssignmentRole;
}

export class AcceptTaskDto {
  @ApiPropertyOptional({ maxLength: 5000, description: "Defaults to the parent task's content" })
  @IsOptional()
  @IsString()
  @NotBlank()
  @MaxLength(5000)
  content?: string;

  @ApiPropertyOptional({ example: '2021-11-30', description: "Defaults to the parent task's due date" })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DAY, { message: DAY_MESSAGE })
  dueDate?: string;

  @ApiProperty({ type: [AcceptUnitDto], description: 'At least one lead or responsible unit; a unit in one role only' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => AcceptUnitDto)
  units!: AcceptUnitDto[];
}

export class AcceptIncomingTaskDto {
  @ApiProperty({ format: 'uuid', description: 'A plan of the receiving organization' })
  @IsUUID('all')
  planId!: string;

  @ApiProperty({ type: [AcceptTaskDto], description: 'One child task, or several to split it (1–50)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AcceptTaskDto)
  tasks!: AcceptTaskDto[];
}
