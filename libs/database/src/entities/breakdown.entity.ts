import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Task } from './task.entity';
import type { Unit } from './unit.entity';
import type { User } from './user.entity';

/**
 * One cell of a task's breakdown table (分解表): the share of one of the task's targets that one
 * member unit of a collective assignee (a city of 各市人民政府) is to deliver. The target is named
 * by its position in the task's `targets`, as report values name it.
 */
@Entity({ name: 'task_breakdown_shares' })
@Check('ck_task_breakdown_shares_value', `"value" >= 0`)
@Check('ck_task_breakdown_shares_index', `"target_index" >= 0`)
@Index('ix_task_breakdown_shares_unit', ['unitId'])
export class TaskBreakdownShare {
  @PrimaryColumn({ name: 'task_id', type: 'uuid' })
  taskId: string;

  @ManyToOne('Task', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task: Task;

  @PrimaryColumn({ name: 'target_index', type: 'int' })
  targetIndex: number;

  @PrimaryColumn({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @ManyToOne('Unit', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'unit_id' })
  unit: Unit;

  @Column({ type: 'numeric', precision: 18, scale: 4 })
  value: string;

  /** The unit of measure as the target has it (家, 亿元). */
  @Column({ type: 'text', nullable: true })
  measure: string | null;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'updated_by' })
  updater: User | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
