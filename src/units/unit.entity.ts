import { Column, CreateDateColumn, Entity, ManyToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { UnitKind, WebhookFormat } from './unit-kinds';
import type { UnitGroup } from './unit-group.entity';

@Entity({ name: 'unit' })
export class Unit {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The organization (government) this row belongs to. */
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: UnitKind;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  aliases!: string[];

  /** Where the unit's reminder digests go besides the inbox. */
  @Column({ name: 'contact_emails', type: 'text', array: true, default: () => "'{}'" })
  contactEmails!: string[];

  @Column({ name: 'webhook_url', type: 'text', nullable: true })
  webhookUrl!: string | null;

  @Column({ name: 'webhook_format', type: 'text', default: 'generic' })
  webhookFormat!: WebhookFormat;

  @ManyToMany('UnitGroup', (group: UnitGroup) => group.members)
  groups?: UnitGroup[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
