import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { sqlIn, TASK_VERSION_SOURCES, TaskVersionSource } from '@tracker/domain';
import type { TaskTarget } from './task.entity';
import type { Task } from './task.entity';
import type { User } from './user.entity';

/**
 * One version of a task's units, deadline, targets and text (动态调整). Version 1 is the task as
 * imported; each amendment adds the next, in force from `effectiveFrom` (the business clock). The
 * task row holds the version in force; reads of a past period take the version in force then.
 */
@Entity({ name: 'task_versions' })
@Index('uq_task_versions_task_version', ['taskId', 'version'], { unique: true })
@Check('ck_task_versions_source', sqlIn('source', TASK_VERSION_SOURCES))
@Check('ck_task_versions_reason', `"version" = 1 OR "reason" IS NOT NULL`)
export class TaskVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId: string;

  @ManyToOne('Task', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task: Task;

  @Column({ type: 'int' })
  version: number;

  @Column({ name: 'effective_from', type: 'timestamptz' })
  effectiveFrom: Date;

  @Column({ type: 'text' })
  source: TaskVersionSource;

  @Column({ type: 'text' })
  heading: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'deadline_text', type: 'text', nullable: true })
  deadlineText: string | null;

  @Column({ name: 'deadline_on', type: 'date', nullable: true })
  deadlineOn: string | null;

  @Column({ type: 'jsonb' })
  targets: TaskTarget[];

  @Column({ name: 'lead_unit_ids', type: 'uuid', array: true })
  leadUnitIds: string[];

  @Column({ name: 'support_unit_ids', type: 'uuid', array: true })
  supportUnitIds: string[];

  /** The fields this version changed against the one before (empty for version 1). */
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  changed: string[];

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'amended_by', type: 'uuid', nullable: true })
  amendedBy: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'amended_by' })
  amender: User | null;
}
