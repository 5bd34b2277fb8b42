import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { sqlIn, TASK_STATES, TaskState, UNITS_SOURCES, UnitsSource } from '@tracker/domain';
import type { PolicyDocument } from './policy-document.entity';

export interface TaskTarget {
  text: string;
  value: number | null;
  unit: string | null;
  by: string | null;
}

/** A numbered item of a document; `isTask` marks the actionable leaves and 专栏 boxes. */
@Entity({ name: 'tasks' })
@Index('uq_tasks_document_path', ['documentId', 'pathKey'], { unique: true })
@Check('ck_tasks_state', sqlIn('state', TASK_STATES))
@Check('ck_tasks_units_source', sqlIn('units_source', UNITS_SOURCES))
// The daily final-deadline sweep scans only open tasks with a deadline.
// The office's queue of completion requests.
@Index('ix_tasks_completion_requested', ['completionRequestedAt'], {
  where: `"state" = 'open' AND "completion_requested_at" IS NOT NULL`,
})
@Index('ix_tasks_open_deadline', ['deadlineOn'], {
  where: `"state" = 'open' AND "deadline_on" IS NOT NULL`,
})
// The sweep's watermark window: a document's open tasks whose deadline falls in a range of days.
@Index('ix_tasks_document_open_deadline', ['documentId', 'deadlineOn'], {
  where: `"state" = 'open' AND "deadline_on" IS NOT NULL`,
})
// Pages of a large unit's tasks walk them in order: by number within a document, by deadline.
@Index('ix_tasks_document_ordinal', ['documentId', 'ordinal'])
@Index('ix_tasks_deadline', ['deadlineOn'])
// Search: a trigram GIN index over heading and body (an expression index, built by the migration only).
@Index('ix_tasks_search_trgm', { synchronize: false })
export class Task {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'document_id', type: 'uuid' })
  documentId: string;

  @ManyToOne('PolicyDocument', (d: PolicyDocument) => d.tasks, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'document_id' })
  document: PolicyDocument;

  @Index('ix_tasks_parent')
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne('Task', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'parent_id' })
  parent: Task | null;

  @Column({ type: 'text', array: true })
  path: string[];

  /** path joined with "/": the natural key within a document. */
  @Column({ name: 'path_key', type: 'text' })
  pathKey: string;

  @Column({ type: 'int' })
  ordinal: number;

  @Column({ type: 'text' })
  heading: string;

  @Column({ type: 'text', default: '' })
  body: string;

  @Column({ name: 'is_task', type: 'boolean' })
  isTask: boolean;

  @Column({ name: 'units_source', type: 'text' })
  unitsSource: UnitsSource;

  @Column({ name: 'deadline_text', type: 'text', nullable: true })
  deadlineText: string | null;

  @Column({ name: 'deadline_on', type: 'date', nullable: true })
  deadlineOn: string | null;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  targets: TaskTarget[];

  @Column({ type: 'text', default: 'open' })
  state: TaskState;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  /** The lead unit asked for the task to be closed (办结申请), with the report that says it is done. */
  @Column({ name: 'completion_requested_at', type: 'timestamptz', nullable: true })
  completionRequestedAt: Date | null;

  @ManyToOne('StatusReport', { onDelete: 'SET NULL' })
  @JoinColumn({
    name: 'completion_report_id',
    foreignKeyConstraintName: 'FK_tasks_completion_report',
  })
  completionReport: unknown;

  @Column({ name: 'completion_report_id', type: 'uuid', nullable: true })
  completionReportId: string | null;

  /** The office closed it (销号): `state` is then 'completed' and `completedAt` the time. */
  @Column({ name: 'closed_by', type: 'uuid', nullable: true })
  closedBy: string | null;

  /** The office's comment when it closed the task or returned the completion request. */
  @Column({ name: 'completion_comment', type: 'text', nullable: true })
  completionComment: string | null;

  @Column({ name: 'completion_returned_at', type: 'timestamptz', nullable: true })
  completionReturnedAt: Date | null;

  @Column({ name: 'deadline_overdue_at', type: 'timestamptz', nullable: true })
  deadlineOverdueAt: Date | null;

  /**
   * Bumped when an amendment moves the deadline: the final-deadline rungs of the new deadline are
   * new notices and escalations (their keys carry the epoch), the old ones stay as they were.
   */
  @Column({ name: 'deadline_epoch', type: 'int', default: 0 })
  deadlineEpoch: number;

  /** The version in force (task_versions); 1 until the first amendment. */
  @Column({ name: 'version', type: 'int', default: 1 })
  version: number;
}
