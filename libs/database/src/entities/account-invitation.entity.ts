import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { PolicyDocument } from './policy-document.entity';
import type { Unit } from './unit.entity';
import type { User } from './user.entity';

/**
 * An invitation by mail to open a unit's agency account. The row is also the mail's outbox row
 * (sent_at, attempts, last_error, failed_at, as for digests); the link's token is kept only as its
 * SHA-256, and `accepted_at` makes it work once.
 */
@Entity({ name: 'account_invitations' })
@Index('ix_account_invitations_unsent', ['createdAt'], {
  where: `"sent_at" IS NULL AND "failed_at" IS NULL`,
})
export class AccountInvitation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_account_invitations_unit')
  @Column({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @ManyToOne('Unit', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'unit_id' })
  unit: Unit;

  /** The document whose import the invitation came from (shown on the welcome page). */
  @Index('ix_account_invitations_document')
  @Column({ name: 'document_id', type: 'uuid', nullable: true })
  documentId: string | null;

  @ManyToOne('PolicyDocument', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'document_id' })
  document: PolicyDocument | null;

  @Column({ type: 'text' })
  email: string;

  @Index('uq_account_invitations_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'text' })
  tokenHash: string;

  @Index('ix_account_invitations_invited_by')
  @Column({ name: 'invited_by', type: 'uuid', nullable: true })
  invitedBy: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'invited_by' })
  inviter: User | null;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  /** The account the invitee opened. */
  @Index('ix_account_invitations_user')
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'user_id' })
  user: User | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'failed_at', type: 'timestamptz', nullable: true })
  failedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
