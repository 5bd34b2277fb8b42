import { EntityManager } from 'typeorm';

export interface EvidenceRow {
  id: string;
  report_id: string;
  revision: number;
  unit_id: string;
  unit_name: string;
  role: 'report' | 'contribution';
  uploaded_by: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  created_at: Date;
}

const COLUMNS = `f.id, f.report_id, f.revision, f.unit_id, un.name AS unit_name, f.role, f.uploaded_by, f.filename, f.content_type,
  f.size_bytes, f.sha256, f.storage_key, f.created_at`;

/** Evidence files' metadata; the bytes are in the evidence storage under `storage_key`. */
export class EvidenceRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * How `unitIds` stand to a report: `report` when one of them is its lead unit, `contribution`
   * when one supports its task (and has not declined it), else null; with the report's revision and the unit that attaches.
   */
  async attacherRole(
    reportId: string,
    unitIds: string[],
  ): Promise<{ role: 'report' | 'contribution'; unitId: string; revision: number } | null> {
    const [row]: { role: 'report' | 'contribution'; unit_id: string; revision: number }[] =
      await this.em.query(
        `SELECT CASE WHEN r.unit_id = ANY($2::uuid[]) THEN 'report' ELSE 'contribution' END AS role,
              CASE WHEN r.unit_id = ANY($2::uuid[]) THEN r.unit_id ELSE a.unit_id END AS unit_id, r.revision
         FROM status_reports r
         LEFT JOIN assignments a ON a.task_id = r.task_id AND a.role = 'support' AND a.state IN ('pending', 'acknowledged') AND a.unit_id = ANY($2::uuid[])
        WHERE r.id = $1 AND (r.unit_id = ANY($2::uuid[]) OR a.id IS NOT NULL)
        ORDER BY a.ordinal NULLS FIRST LIMIT 1`,
        [reportId, unitIds],
      );
    return row ? { role: row.role, unitId: row.unit_id, revision: row.revision } : null;
  }

  async insert(f: {
    id: string;
    reportId: string;
    revision: number;
    unitId: string;
    role: 'report' | 'contribution';
    uploadedBy: string;
    filename: string;
    contentType: string;
    sizeBytes: number;
    sha256: string;
    storageKey: string;
    at: Date;
  }): Promise<void> {
    await this.em.query(
      `INSERT INTO evidence_files (id, report_id, revision, unit_id, role, uploaded_by, filename, content_type, size_bytes, sha256, storage_key, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        f.id,
        f.reportId,
        f.revision,
        f.unitId,
        f.role,
        f.uploadedBy,
        f.filename,
        f.contentType,
        f.sizeBytes,
        f.sha256,
        f.storageKey,
        f.at,
      ],
    );
  }

  async findOne(id: string): Promise<EvidenceRow | null> {
    const [row]: EvidenceRow[] = await this.em.query(
      `SELECT ${COLUMNS} FROM evidence_files f JOIN units un ON un.id = f.unit_id WHERE f.id = $1`,
      [id],
    );
    return row ?? null;
  }

  async listForReport(reportId: string): Promise<EvidenceRow[]> {
    return this.em.query(
      `SELECT ${COLUMNS} FROM evidence_files f JOIN units un ON un.id = f.unit_id WHERE f.report_id = $1 ORDER BY f.created_at, f.id`,
      [reportId],
    );
  }
}
