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
import { Role, ROLES } from '@tracker/domain';
import type { Unit } from './unit.entity';

export type NoticePreference = 'immediate' | 'daily' | 'weekly' | 'off';

@Entity({ name: 'users' })
@Check(
  'ck_users_roles',
  `"roles" <@ ARRAY[${ROLES.map((r) => `'${r}'`).join(', ')}]::text[] AND cardinality("roles") > 0`,
)
@Check('ck_users_agency_has_unit', `NOT ('agency' = ANY("roles")) OR "unit_id" IS NOT NULL`)
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_users_username', { unique: true })
  @Column({ type: 'text' })
  username: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName: string;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash: string;

  @Column({ type: 'text', array: true })
  roles: Role[];

  @Index('ix_users_unit')
  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId: string | null;

  @ManyToOne('Unit', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit: Unit | null;

  /** The unit's head: receives supervision notices. */
  @Column({ name: 'is_unit_head', type: 'boolean', default: false })
  isUnitHead: boolean;

  @Column({ name: 'is_disabled', type: 'boolean', default: false })
  isDisabled: boolean;

  /** Bumped on sign-out-everywhere, disable or role change: older tokens stop working. */
  @Column({ name: 'token_version', type: 'int', default: 0 })
  tokenVersion: number;

  @Column({ name: 'notice_preferences', type: 'jsonb', default: () => `'{}'` })
  noticePreferences: Partial<Record<string, NoticePreference>>;

  @Column({ type: 'text', default: 'zh-CN' })
  locale: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** Server-side refresh tokens: rotated on use, revocable, with an absolute expiry. */
@Entity({ name: 'refresh_tokens' })
export class RefreshToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_refresh_tokens_user')
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user: User;

  /** One sign-in: every rotation of its refresh token keeps the id; access tokens carry it as `sid`. */
  @Index('ix_refresh_tokens_session')
  @Column({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @Index('uq_refresh_tokens_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'text' })
  tokenHash: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** Single-use signed links (acknowledge from email): the row makes "works once" hold. */
@Entity({ name: 'action_tokens' })
export class ActionToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_action_tokens_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'text' })
  tokenHash: string;

  @Column({ type: 'text' })
  action: string;

  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;
}
