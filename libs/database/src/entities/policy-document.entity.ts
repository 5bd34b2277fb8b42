import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  OneToMany,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { SupervisionRules } from '@tracker/domain';
import type { Task } from './task.entity';

/** The office's overrides of a document's supervision rules (its clauses and the defaults fill the rest). */
export type SupervisionProfile = Partial<SupervisionRules>;

export interface SupervisionClause {
  path: string[];
  text: string;
}

@Entity({ name: 'policy_documents' })
@Check(
  'ck_policy_documents_horizon_year',
  `"horizon_year" IS NULL OR "horizon_year" BETWEEN 2000 AND 2099`,
)
export class PolicyDocument {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', nullable: true })
  title: string | null;

  @Column({ type: 'text', nullable: true })
  issuer: string | null;

  @Column({ name: 'doc_number', type: 'text', nullable: true })
  docNumber: string | null;

  @Column({ name: 'issued_on', type: 'date', nullable: true })
  issuedOn: string | null;

  @Column({ name: 'source_file', type: 'text', nullable: true })
  sourceFile: string | null;

  /** sha256 of the normalised text: importing the same text twice gives one document. */
  @Index('uq_policy_documents_content_hash', { unique: true })
  @Column({ name: 'content_hash', type: 'text' })
  contentHash: string;

  @Column({ name: 'source_text', type: 'text' })
  sourceText: string;

  @Column({ name: 'leading_body', type: 'text', nullable: true })
  leadingBody: string | null;

  @Column({ name: 'office', type: 'text', nullable: true })
  office: string | null;

  @Column({ name: 'supervision_clauses', type: 'jsonb', default: () => `'[]'` })
  supervisionClauses: SupervisionClause[];

  @Column({ name: 'supervision_profile', type: 'jsonb' })
  supervisionProfile: SupervisionProfile;

  @Column({ name: 'imported_by', type: 'uuid', nullable: true })
  importedBy: string | null;

  @CreateDateColumn({ name: 'imported_at', type: 'timestamptz' })
  importedAt: Date;

  /** The plan's last year as the office set it (an extension or a correction); null: read from its text. */
  @Column({ name: 'horizon_year', type: 'int', nullable: true })
  horizonYear: number | null;

  /** Archived plans open no cycles and raise no notices; they stay readable. */
  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt: Date | null;

  @Column({ name: 'archived_by', type: 'uuid', nullable: true })
  archivedBy: string | null;

  @OneToMany('Task', (t: Task) => t.document)
  tasks: Task[];
}
