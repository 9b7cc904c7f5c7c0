import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

export const REPORTING_CYCLES = ['monthly', 'quarterly'] as const;
export type ReportingCycle = (typeof REPORTING_CYCLES)[number];

@Entity({ name: 'plan' })
export class Plan {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The organization (government) this row belongs to. */
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'int' })
  year!: number;

  @Column({ name: 'start_date', type: 'date' })
  startDate!: string;

  @Column({ name: 'end_date', type: 'date' })
  endDate!: string;

  @Column({ name: 'reporting_cycle', type: 'text', default: 'monthly' })
  reportingCycle!: ReportingCycle;

  /** Day of the month by which a period's progress report is due. */
  @Column({ name: 'report_cutoff_day', type: 'smallint', default: 25 })
  reportCutoffDay!: number;

  /** The notice text of the last committed import, as pasted. */
  @Column({ name: 'source_text', type: 'text', nullable: true })
  sourceText!: string | null;

  @Column({ name: 'imported_at', type: 'timestamptz', nullable: true })
  importedAt!: Date | null;

  /** 销号 requests must come with at least one evidence file. */
  @Column({ name: 'completion_evidence_required', type: 'boolean', default: false })
  completionEvidenceRequired!: boolean;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
