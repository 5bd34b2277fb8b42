import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Task } from './task.entity';
import type { Unit } from './unit.entity';
import type { User } from './user.entity';
import type { Notice } from './supervision.entity';

/**
 * One urging (催办) of a unit on a task by the office. At most one per task, unit and business day
 * (Asia/Shanghai): the unique key is the limit, so two clicks at once cannot both mail.
 */
@Entity({ name: 'urgings' })
@Index('uq_urgings_task_unit_day', ['taskId', 'unitId', 'urgedOn'], { unique: true })
@Index('ix_urgings_unit', ['unitId', 'urgedAt'])
export class Urging {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId: string;

  @ManyToOne('Task', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task: Task;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @ManyToOne('Unit', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'unit_id' })
  unit: Unit;

  @Column({ name: 'urged_by', type: 'uuid' })
  urgedBy: string;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'urged_by' })
  urger: User;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  /** The business day (Asia/Shanghai) the limit counts in. */
  @Column({ name: 'urged_on', type: 'date' })
  urgedOn: string;

  @Column({ name: 'urged_at', type: 'timestamptz' })
  urgedAt: Date;

  @Column({ name: 'notice_id', type: 'uuid', nullable: true })
  noticeId: string | null;

  @ManyToOne('Notice', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'notice_id' })
  notice: Notice | null;
}
