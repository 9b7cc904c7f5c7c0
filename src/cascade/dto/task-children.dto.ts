import { ApiProperty } from '@nestjs/swagger';
import { NamedRefDto } from '../../units/dto/unit.dto';
import { TASK_STATUSES, type TaskStatus } from '../../tasks/task-status';
import { LIGHTS, type Light } from '../rollup';

export class ChildReportDto {
  @ApiProperty()
  summary!: string;

  @ApiProperty({ type: Number, nullable: true })
  percent!: number | null;

  @ApiProperty({ format: 'date-time' })
  reportedAt!: string;

  @ApiProperty()
  unitName!: string;
}

export class ChildTaskDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  number!: number;

  @ApiProperty()
  content!: string;

  @ApiProperty({ enum: TASK_STATUSES })
  status!: TaskStatus;

  @ApiProperty({ example: '2021-12-31' })
  dueDate!: string;

  @ApiProperty({ enum: LIGHTS, description: "The task's own light, or its roll-up when it was delivered further down" })
  light!: Light;

  @ApiProperty({ type: Number, nullable: true, description: 'Percent of the latest report' })
  percent!: number | null;

  @ApiProperty({ type: ChildReportDto, nullable: true })
  latestReport!: ChildReportDto | null;
}

export class ChildOrganizationDto {
  @ApiProperty({ type: NamedRefDto })
  organization!: NamedRefDto;

  @ApiProperty({ format: 'date-time' })
  receivedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  acceptedAt!: string | null;

  @ApiProperty({ type: [ChildTaskDto] })
  tasks!: ChildTaskDto[];
}

export class RollupDto {
  @ApiProperty({ description: 'Every receiving organization accepted and every child task is completed' })
  completed!: boolean;

  @ApiProperty({ enum: LIGHTS })
  light!: Light;

  @ApiProperty({ description: 'Organizations the task was delivered to' })
  organizations!: number;

  @ApiProperty({ description: 'Of those, how many accepted it' })
  accepted!: number;

  @ApiProperty()
  completedTasks!: number;

  @ApiProperty()
  totalTasks!: number;
}

/** How a delivered task (下达) stands in the organizations below: per organization, and rolled up. */
export class TaskChildrenDto {
  @ApiProperty({ type: RollupDto })
  rollup!: RollupDto;

  @ApiProperty({
    type: [ChildOrganizationDto],
    description: 'Every organization the task reached, depth-first: a receiving organization, then those its child tasks went on to',
  })
  organizations!: ChildOrganizationDto[];
}
