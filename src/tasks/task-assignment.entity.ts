import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Unit } from '../units/unit.entity';
import { UnitGroup } from '../units/unit-group.entity';
import { Task } from './task.entity';
import type { AcknowledgedVia, AssignmentRole } from './task-status';

@Entity({ name: 'task_assignment' })
export class TaskAssignment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @ManyToOne(() => Task, (task) => task.assignments, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: Task;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Unit;

  @Column({ type: 'text' })
  role!: AssignmentRole;

  /** Order within the role, as the notice lists the units (0-based). */
  @Column({ type: 'smallint' })
  position!: number;

  /** Set when the unit came from a group reference such as 各街道办事处. */
  @Column({ name: 'via_group_id', type: 'uuid', nullable: true })
  viaGroupId!: string | null;

  @ManyToOne(() => UnitGroup, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'via_group_id' })
  viaGroup?: UnitGroup | null;

  /** When the unit was given the task (import, a re-import that adds it, a group fan-out). */
  @Column({ name: 'assigned_at', type: 'timestamptz', default: () => 'now()' })
  assignedAt!: Date;

  /** The unit's 签收 (see acknowledgements.ts); null until it signs or works on the task. */
  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ name: 'acknowledged_by', type: 'uuid', nullable: true })
  acknowledgedBy!: string | null;

  @Column({ name: 'acknowledged_via', type: 'text', nullable: true })
  acknowledgedVia!: AcknowledgedVia | null;
}
