import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { StatusReport } from './reporting.entity';
import type { Unit } from './unit.entity';
import type { User } from './user.entity';

/** A file attached to a report (the lead unit) or to a contribution (a supporting unit): 佐证材料. */
@Entity({ name: 'evidence_files' })
@Index('ix_evidence_files_report', ['reportId', 'createdAt'])
@Check('ck_evidence_files_role', `"role" IN ('report', 'contribution')`)
export class EvidenceFile {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'report_id', type: 'uuid' })
  reportId: string;

  @ManyToOne('StatusReport', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report: StatusReport;

  /** The report's revision when the file was attached: files stay with the version they support. */
  @Column({ type: 'int' })
  revision: number;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @ManyToOne('Unit', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit: Unit;

  @Column({ type: 'text' })
  role: 'report' | 'contribution';

  @Column({ name: 'uploaded_by', type: 'uuid' })
  uploadedBy: string;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'uploaded_by' })
  uploader: User;

  @Column({ type: 'text' })
  filename: string;

  /** Detected from the bytes, not the name. */
  @Column({ name: 'content_type', type: 'text' })
  contentType: string;

  @Column({ name: 'size_bytes', type: 'int' })
  sizeBytes: number;

  @Column({ type: 'text' })
  sha256: string;

  @Column({ name: 'storage_key', type: 'text' })
  storageKey: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
