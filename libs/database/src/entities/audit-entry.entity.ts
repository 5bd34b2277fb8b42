import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only: a trigger in the migration refuses UPDATE and DELETE. */
@Entity({ name: 'audit_log' })
@Index('ix_audit_log_target', ['targetType', 'targetId'])
export class AuditEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_unit_id', type: 'uuid', nullable: true })
  actorUnitId: string | null;

  @Index('ix_audit_log_action')
  @Column({ type: 'text' })
  action: string;

  @Column({ name: 'target_type', type: 'text' })
  targetType: string;

  @Column({ name: 'target_id', type: 'text' })
  targetId: string;

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  /** web, api, email, worker, cli */
  @Column({ type: 'text', default: 'api' })
  channel: string;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId: string | null;
}

/** Written by the maintenance heartbeat job: proves a job travelled api → Redis → worker → DB. */
@Entity({ name: 'heartbeats' })
export class Heartbeat {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_heartbeats_token', { unique: true })
  @Column({ type: 'text' })
  token: string;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt: Date;

  @Column({ name: 'processed_at', type: 'timestamptz' })
  processedAt: Date;

  @Column({ type: 'text' })
  worker: string;
}
