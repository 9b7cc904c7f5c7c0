import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Plan } from '../plans/plan.entity';
import { PlanSection } from '../plans/plan-section.entity';
import type { TaskAssignment } from './task-assignment.entity';
import type { TaskKind, TaskStatus } from './task-status';

@Entity({ name: 'task' })
export class Task {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId!: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Plan;

  /** The deepest heading the item sits under (a subsection when there is one). */
  @Column({ name: 'section_id', type: 'uuid', nullable: true })
  sectionId!: string | null;

  @ManyToOne(() => PlanSection, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'section_id' })
  section?: PlanSection | null;

  @Column({ type: 'int' })
  number!: number;

  @Column({ type: 'text' })
  content!: string;

  @Column({ type: 'text', default: 'task' })
  kind!: TaskKind;

  @Column({ name: 'due_date', type: 'date' })
  dueDate!: string;

  @Column({ type: 'text', default: 'not_started' })
  status!: TaskStatus;

  /** The notice ended the unit list with 等有关单位: more units than those named are involved. */
  @Column({ name: 'includes_other_units', type: 'boolean', default: false })
  includesOtherUnits!: boolean;

  /** 责任领导, as written in the notice. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  leaders!: string[];

  /** 完成时限, as written, kept even when it could not be read as a date. */
  @Column({ name: 'deadline_text', type: 'text', nullable: true })
  deadlineText!: string | null;

  @Column({ name: 'source_line', type: 'text', nullable: true })
  sourceLine!: string | null;

  /** Columns of the imported task table that the importer does not map, by header (备注, 工作目标, …). */
  @Column({ name: 'extra_fields', type: 'jsonb', default: () => "'{}'" })
  extraFields!: Record<string, string>;

  /** Bumped by every write; writers compare it (UPDATE … WHERE version = $n) to refuse stale edits. */
  @Column({ type: 'int', default: 1 })
  version!: number;

  @OneToMany('TaskAssignment', (assignment: TaskAssignment) => assignment.task)
  assignments?: TaskAssignment[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
