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
import type { User } from './user.entity';

export const DIGEST_CADENCES = ['daily', 'weekly'] as const;
export type DigestCadence = (typeof DIGEST_CADENCES)[number];

/**
 * One digest mail for one user and period: the unique key makes "sent once" hold across retries,
 * re-runs and lost queues. The rendered mail is kept here (never in a job payload).
 */
@Entity({ name: 'digests' })
@Index('uq_digests_user_cadence_period', ['userId', 'cadence', 'period'], { unique: true })
@Index('ix_digests_unsent', ['createdAt'], { where: `"sent_at" IS NULL AND "failed_at" IS NULL` })
@Check('ck_digests_cadence', `"cadence" IN ('daily', 'weekly')`)
export class Digest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user: User;

  @Column({ type: 'text' })
  cadence: DigestCadence;

  /** The Asia/Shanghai date the digest covers up to (YYYY-MM-DD). */
  @Column({ type: 'text' })
  period: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ name: 'body_text', type: 'text' })
  bodyText: string;

  @Column({ name: 'body_html', type: 'text' })
  bodyHtml: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ name: 'failed_at', type: 'timestamptz', nullable: true })
  failedAt: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;
}
