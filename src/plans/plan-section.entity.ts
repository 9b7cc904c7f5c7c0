import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Plan } from './plan.entity';

/** A heading of the notice: level 1 is 一、…, level 2 is (一)… under it. */
@Entity({ name: 'plan_section' })
export class PlanSection {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId!: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Plan;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => PlanSection, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'parent_id' })
  parent?: PlanSection | null;

  @Column({ type: 'smallint' })
  level!: 1 | 2;

  /** Position among its siblings, 1-based (一 = 1). */
  @Column({ type: 'int' })
  ordinal!: number;

  /** "3" for 三、, "3.2" for its (二): stable across re-imports. */
  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  title!: string;
}
