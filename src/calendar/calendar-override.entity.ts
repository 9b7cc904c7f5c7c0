import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One day an admin declared a workday or not; wins over the statutory schedule. */
@Entity({ name: 'calendar_override' })
export class CalendarOverride {
  /** YYYY-MM-DD; a date column comes back as text, so no time zone can shift it. */
  @PrimaryColumn({ type: 'date' })
  day!: string;

  @Column({ name: 'is_workday', type: 'boolean' })
  isWorkday!: boolean;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** The top-level organization whose tree the override applies to. */
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy!: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}

/**
 * The marker that a year's overrides are its complete official schedule. Kept next to CalendarOverride because
 * it means nothing without them.
 */
@Entity({ name: 'calendar_year' })
export class CalendarYear {
  @PrimaryColumn({ type: 'int' })
  year!: number;

  @Column({ name: 'loaded_by', type: 'uuid', nullable: true })
  loadedBy!: string | null;

  @Column({ name: 'loaded_at', type: 'timestamptz', default: () => 'now()' })
  loadedAt!: Date;

  @Column({ type: 'text', nullable: true })
  note!: string | null;
}
