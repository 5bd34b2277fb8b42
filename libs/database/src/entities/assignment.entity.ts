import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import {
  ASSIGNMENT_ROLES,
  ASSIGNMENT_STATES,
  AssignmentRole,
  AssignmentState,
  sqlIn,
} from '@tracker/domain';
import type { Task } from './task.entity';
import type { Unit, UnitGroup } from './unit.entity';

/** Task × unit × role. A declined assignment waits for the office to reassign the task. */
@Entity({ name: 'assignments' })
@Index('uq_assignments_task_unit', ['taskId', 'unitId'], { unique: true })
@Check('ck_assignments_role', sqlIn('role', ASSIGNMENT_ROLES))
@Check('ck_assignments_state', sqlIn('state', ASSIGNMENT_STATES))
@Check('ck_assignments_decline_reason', `"state" <> 'declined' OR "decline_reason" IS NOT NULL`)
// Hot query: a unit's open assignments.
@Index('ix_assignments_unit_open', ['unitId', 'role'], {
  where: `"state" IN ('pending', 'acknowledged')`,
})
// A unit's held assignments in any state (my tasks lists declined ones too): the count is
// index-only, and a page reaches its tasks without the heap.
@Index('ix_assignments_unit_held', ['unitId', 'state', 'role', 'taskId'])
// The acknowledgement ladder scans pending supporting assignments.
@Index('ix_assignments_pending_support', ['createdAt'], {
  where: `"state" = 'pending' AND "role" = 'support'`,
})
export class Assignment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_assignments_task')
  @Column({ name: 'task_id', type: 'uuid' })
  taskId: string;

  @ManyToOne('Task', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task: Task;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @ManyToOne('Unit', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit: Unit;

  /** Set when the unit came from expanding a collective assignee. */
  @Column({ name: 'group_id', type: 'uuid', nullable: true })
  groupId: string | null;

  @ManyToOne('UnitGroup', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'group_id' })
  group: UnitGroup | null;

  @Column({ type: 'text' })
  role: AssignmentRole;

  @Column({ type: 'text', default: 'pending' })
  state: AssignmentState;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  @Column({ name: 'acknowledged_by', type: 'uuid', nullable: true })
  acknowledgedBy: string | null;

  @Column({ name: 'declined_at', type: 'timestamptz', nullable: true })
  declinedAt: Date | null;

  @Column({ name: 'decline_reason', type: 'text', nullable: true })
  declineReason: string | null;

  @Column({ type: 'int', default: 0 })
  ordinal: number;

  /** The highest final-deadline rung (1..3) raised for this lead assignment: the daily sweep reads only rungs above it. */
  @Column({ name: 'deadline_rung', type: 'smallint', default: 0 })
  deadlineRung: number;

  /** Made before the document came into the tracker (a seeded plan of years ago): no acknowledgement request. */
  @Column({ name: 'is_preexisting', type: 'boolean', default: false })
  isPreexisting: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
