import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { AssessmentScheme } from '@tracker/domain';
import type { PolicyDocument } from './policy-document.entity';
import type { Unit } from './unit.entity';
import type { User } from './user.entity';

/** A document's scoring scheme as the office set it; a document without a row uses the default scheme. */
@Entity({ name: 'assessment_schemes' })
export class AssessmentSchemeRow {
  @PrimaryColumn({ name: 'document_id', type: 'uuid' })
  documentId: string;

  @ManyToOne('PolicyDocument', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'document_id' })
  document: PolicyDocument;

  @Column({ type: 'jsonb' })
  scheme: AssessmentScheme;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'updated_by' })
  updater: User | null;
}

/** A manual adjustment of a unit's score for a period: points with the office's reason, never without one. */
@Entity({ name: 'assessment_adjustments' })
@Index('ix_assessment_adjustments_document', ['documentId', 'unitId'])
@Check('ck_assessment_adjustments_reason', `length(btrim("reason")) > 0`)
@Check('ck_assessment_adjustments_points', `"points" <> 0`)
export class AssessmentAdjustment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'document_id', type: 'uuid' })
  documentId: string;

  @ManyToOne('PolicyDocument', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'document_id' })
  document: PolicyDocument;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @ManyToOne('Unit', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'unit_id' })
  unit: Unit;

  /** The reporting period it adjusts (2020-Q3); it counts in that quarter and in its year. */
  @Column({ type: 'text' })
  period: string;

  @Column({ type: 'numeric', precision: 7, scale: 2 })
  points: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator: User;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
