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
  DELIVERY_CHANNELS,
  DeliveryChannel,
  ESCALATION_STATES,
  EscalationState,
  EXTENSION_STATES,
  ExtensionState,
  NOTICE_KINDS,
  NoticeKind,
  RUNG_COLOURS,
  RungColour,
  sqlIn,
} from '@tracker/domain';
import type { Task } from './task.entity';
import type { Unit } from './unit.entity';
import type { User } from './user.entity';

/** The supervision clause that authorises a notice, so the recipient sees why it came. */
export interface ClauseCitation {
  documentTitle: string | null;
  path: string[];
  text: string;
}

/** A notice raised once per kind, target and rung: `dedupKey` holds that in the database. */
@Entity({ name: 'notices' })
@Check('ck_notices_kind', sqlIn('kind', NOTICE_KINDS))
@Check('ck_notices_colour', sqlIn('colour', RUNG_COLOURS))
@Check('ck_notices_level', `"level" BETWEEN 0 AND 3`)
@Check(
  'ck_notices_link_path',
  `"link_path" IS NULL OR ("link_path" LIKE '/%' AND "link_path" NOT LIKE '//%')`,
)
export class Notice {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_notices_dedup_key', { unique: true })
  @Column({ name: 'dedup_key', type: 'text' })
  dedupKey: string;

  @Column({ type: 'text' })
  kind: NoticeKind;

  @Column({ type: 'int', default: 0 })
  level: number;

  @Column({ type: 'text' })
  colour: RungColour;

  @Index('ix_notices_task')
  @Column({ name: 'task_id', type: 'uuid', nullable: true })
  taskId: string | null;

  @ManyToOne('Task', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task: Task | null;

  @Index('ix_notices_unit')
  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId: string | null;

  @ManyToOne('Unit', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'unit_id' })
  unit: Unit | null;

  @Column({ name: 'assignment_id', type: 'uuid', nullable: true })
  assignmentId: string | null;

  @Column({ name: 'cycle_id', type: 'uuid', nullable: true })
  cycleId: string | null;

  @Column({ name: 'report_id', type: 'uuid', nullable: true })
  reportId: string | null;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'title_en', type: 'text', nullable: true })
  titleEn: string | null;

  @Column({ name: 'body_en', type: 'text', nullable: true })
  bodyEn: string | null;

  @Column({ type: 'jsonb', nullable: true })
  clause: ClauseCitation | null;

  /** The page the notice's mail and inbox entry open when it is not about a task (a page path). */
  @Column({ name: 'link_path', type: 'text', nullable: true })
  linkPath: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** One notice to one recipient on one channel; sent exactly once. */
@Entity({ name: 'notice_deliveries' })
@Index('uq_notice_deliveries', ['noticeId', 'userId', 'channel'], { unique: true })
@Check('ck_notice_deliveries_channel', sqlIn('channel', DELIVERY_CHANNELS))
@Index('ix_notice_deliveries_inbox', ['userId', 'createdAt'], { where: `"channel" = 'inapp'` })
// The mail relay scans unsent email deliveries: a partial index keeps that cheap (literal predicate, NOTES §15).
@Index('ix_notice_deliveries_unsent_email', ['createdAt'], {
  where: `"channel" = 'email' AND "sent_at" IS NULL AND "failed_at" IS NULL`,
})
export class NoticeDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'notice_id', type: 'uuid' })
  noticeId: string;

  @ManyToOne('Notice', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'notice_id' })
  notice: Notice;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user: User;

  @Column({ type: 'text' })
  channel: DeliveryChannel;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ name: 'failed_at', type: 'timestamptz', nullable: true })
  failedAt: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** Raised at ladder level 2 (supervision) and 3 (leading group); reviewed by the office. */
@Entity({ name: 'escalations' })
@Check('ck_escalations_state', sqlIn('state', ESCALATION_STATES))
@Check('ck_escalations_level', `"level" BETWEEN 1 AND 3`)
@Check('ck_escalations_colour', sqlIn('colour', RUNG_COLOURS))
@Index('ix_escalations_cycle', ['cycleId'])
@Index('ix_escalations_report', ['reportId'])
@Index('ix_escalations_open', ['level', 'raisedAt'], { where: `"state" <> 'resolved'` })
@Index('ix_escalations_board', ['level', 'raisedAt', 'id'])
export class Escalation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_escalations_dedup_key', { unique: true })
  @Column({ name: 'dedup_key', type: 'text' })
  dedupKey: string;

  @Index('ix_escalations_task')
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

  @Column({ name: 'cycle_id', type: 'uuid', nullable: true })
  cycleId: string | null;

  @Column({ name: 'report_id', type: 'uuid', nullable: true })
  reportId: string | null;

  @Column({ name: 'notice_id', type: 'uuid', nullable: true })
  noticeId: string | null;

  @Column({ type: 'int' })
  level: number;

  /** The rung it stands on: orange for supervision (level 2), red for the leading group (level 3). */
  @Column({ type: 'text', default: 'orange' })
  colour: RungColour;

  /** The supervision clause that authorises it. */
  @Column({ type: 'jsonb', nullable: true })
  clause: ClauseCitation | null;

  @Column({ type: 'text', default: 'open' })
  state: EscalationState;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'raised_at', type: 'timestamptz' })
  raisedAt: Date;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Column({ name: 'reviewed_by', type: 'uuid', nullable: true })
  reviewedBy: string | null;

  @Column({ name: 'review_comment', type: 'text', nullable: true })
  reviewComment: string | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;
}

@Entity({ name: 'extension_requests' })
@Check('ck_extension_requests_state', sqlIn('state', EXTENSION_STATES))
@Index('ix_extension_requests_pending', ['createdAt'], { where: `"state" = 'pending'` })
export class ExtensionRequest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId: string;

  @ManyToOne('Task', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task: Task;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @Column({ name: 'report_id', type: 'uuid', nullable: true })
  reportId: string | null;

  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  requestedBy: string | null;

  @Column({ name: 'requested_due_on', type: 'date' })
  requestedDueOn: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'text', default: 'pending' })
  state: ExtensionState;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decision_comment', type: 'text', nullable: true })
  decisionComment: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** The quarterly bulletin (通报) of a cycle. */
@Entity({ name: 'bulletins' })
export class Bulletin {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_bulletins_cycle', { unique: true })
  @Column({ name: 'cycle_id', type: 'uuid' })
  cycleId: string;

  @ManyToOne('ReportingCycle', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cycle_id' })
  cycle: unknown;

  @Column({ name: 'compiled_at', type: 'timestamptz' })
  compiledAt: Date;

  @Column({ type: 'jsonb' })
  content: Record<string, unknown>;
}
