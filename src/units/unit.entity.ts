import { Column, CreateDateColumn, Entity, ManyToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { UnitKind } from './unit-kinds';
import type { UnitGroup } from './unit-group.entity';

@Entity({ name: 'unit' })
export class Unit {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: UnitKind;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  aliases!: string[];

  @ManyToMany('UnitGroup', (group: UnitGroup) => group.members)
  groups?: UnitGroup[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
