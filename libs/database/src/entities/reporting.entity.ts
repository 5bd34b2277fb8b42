import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import {
  CYCLE_STATES,
  CycleState,
  PROGRESS_STATUSES,
  ProgressStatus,
  REPORT_STATES,
  ReportState,
  sqlIn,
} from '@tracker/domain';
import type { PolicyDocument } from './policy-document.entity';
import type { Task } from './task.entity';
import type { Unit } from './unit.entity';

/** One reporting period (e.g. 2020-Q3) of one document. */
@Entity({ name: 'reporting_cycles' })
@Index('uq_reporting_cycles_document_period', ['documentId', 'period'], { unique: true })
@Check('ck_reporting_cycles_state', sqlIn('state', CYCLE_STATES))
@Check('ck_reporting_cycles_period', `"period" ~ '^[0-9]{4}-(Q[1-4]|H[12]|M(0[1-9]|1[0-2])|Y)$'`)
export class ReportingCycle {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'document_id', type: 'uuid' })
  documentId: string;

  @ManyToOne('PolicyDocument', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'document_id' })
  document: PolicyDocument;

  @Column({ type: 'text' })
  period: string;

  @Column({ name: 'opens_at', type: 'timestamptz' })
  opensAt: Date;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  @Column({ type: 'text', default: 'scheduled' })
  state: CycleState;

  @Column({ name: 'opened_at', type: 'timestamptz', nullable: true })
  openedAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;
}

export interface TargetValue {
  /** Position of the target in the task's `targets` (what identifies it). */
  index?: number;
  /** The target's text, for readers of the stored JSON. */
  target: string;
  value: number | null;
  note?: string;
}

/** A lead unit's report on one task in one cycle. Every submitted version is kept as a revision. */
@Entity({ name: 'status_reports' })
@Index('uq_status_reports_cycle_task_unit', ['cycleId', 'taskId', 'unitId'], { unique: true })
@Check('ck_status_reports_state', sqlIn('state', REPORT_STATES))
@Check(
  'ck_status_reports_progress',
  `"progress_status" IS NULL OR ${sqlIn('progress_status', PROGRESS_STATUSES)}`,
)
// The ladder and the digests look for reports still missing at their due time.
@Index('ix_status_reports_missing_due', ['dueAt'], {
  where: `"state" IN ('pending', 'draft', 'returned')`,
})
// Search: a trigram GIN index over the report's texts (an expression index, built by the migration only).
@Index('ix_status_reports_search_trgm', { synchronize: false })
export class StatusReport {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'cycle_id', type: 'uuid' })
  cycleId: string;

  @ManyToOne('ReportingCycle', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cycle_id' })
  cycle: ReportingCycle;

  @Index('ix_status_reports_task')
  @Column({ name: 'task_id', type: 'uuid' })
  taskId: string;

  @ManyToOne('Task', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task: Task;

  @Index('ix_status_reports_unit')
  @Column({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @ManyToOne('Unit', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit: Unit;

  @Column({ type: 'text', default: 'pending' })
  state: ReportState;

  /** Effective due time: the cycle's, or later after a granted extension. */
  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  /** Bumped when the due time moves, so ladder jobs timed for the old one do nothing. */
  @Column({ name: 'ladder_epoch', type: 'int', default: 0 })
  ladderEpoch: number;

  @Column({ name: 'progress_status', type: 'text', nullable: true })
  progressStatus: ProgressStatus | null;

  @Column({ name: 'progress_percent', type: 'int', nullable: true })
  progressPercent: number | null;

  @Column({ type: 'text', nullable: true })
  narrative: string | null;

  @Column({ name: 'target_values', type: 'jsonb', default: () => `'[]'` })
  targetValues: TargetValue[];

  @Column({ type: 'text', nullable: true })
  problems: string | null;

  @Column({ name: 'next_steps', type: 'text', nullable: true })
  nextSteps: string | null;

  @Column({ type: 'int', default: 0 })
  revision: number;

  /** The lead unit filed this report as its request to close the task (办结申请). */
  @Column({ name: 'is_completion_request', type: 'boolean', default: false })
  isCompletionRequest: boolean;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  /** First submission time, for the on-time rate. */
  @Column({ name: 'first_submitted_at', type: 'timestamptz', nullable: true })
  firstSubmittedAt: Date | null;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Column({ name: 'reviewed_by', type: 'uuid', nullable: true })
  reviewedBy: string | null;

  @Column({ name: 'review_comment', type: 'text', nullable: true })
  reviewComment: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

@Entity({ name: 'status_report_revisions' })
@Index('uq_status_report_revisions', ['reportId', 'revision'], { unique: true })
export class StatusReportRevision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'report_id', type: 'uuid' })
  reportId: string;

  @ManyToOne('StatusReport', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report: StatusReport;

  @Column({ type: 'int' })
  revision: number;

  @Column({ type: 'jsonb' })
  snapshot: Record<string, unknown>;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A supporting unit's part in a lead unit's report. */
@Entity({ name: 'report_contributions' })
@Index('uq_report_contributions_report_unit', ['reportId', 'unitId'], { unique: true })
export class ReportContribution {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'report_id', type: 'uuid' })
  reportId: string;

  @ManyToOne('StatusReport', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report: StatusReport;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @ManyToOne('Unit', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit: Unit;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  @Column({ type: 'text' })
  text: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
