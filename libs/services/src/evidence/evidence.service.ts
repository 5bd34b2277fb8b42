import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { evidenceConfig, EvidenceConfig } from '@tracker/common';
import { Clock, CLOCK } from '@tracker/domain';
import { EvidenceRepository, EvidenceRow } from '@tracker/database';
import { DataSource } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Actor, hasRole } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { ReportsService } from '../reports/reports.service';
import { EvidenceError } from './evidence.errors';
import { EVIDENCE_STORAGE, EvidenceStorage } from './evidence-storage';
import { evidenceTypeOf } from './evidence-type';

export interface EvidenceView {
  id: string;
  reportId: string;
  revision: number;
  unit: { id: string; name: string };
  role: 'report' | 'contribution';
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: Date;
}

const toView = (r: EvidenceRow): EvidenceView => ({
  id: r.id,
  reportId: r.report_id,
  revision: r.revision,
  unit: { id: r.unit_id, name: r.unit_name },
  role: r.role,
  filename: r.filename,
  contentType: r.content_type,
  sizeBytes: r.size_bytes,
  sha256: r.sha256,
  createdAt: new Date(r.created_at),
});

/** The last path segment of a name, without control characters, at most 200 characters. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base
    // eslint-disable-next-line no-control-regex -- control characters are what is removed
    .replace(/[\u0000-\u001F\u007F]/g, '')
    .trim()
    .slice(0, 200);
  return clean || 'file';
}

/**
 * 佐证材料: the lead unit attaches files to its report, a supporting unit to its contribution.
 * The type is read from the bytes (file-type), never from the name; the size is capped. Anyone who
 * may read the report may list and download its files; everyone else gets 404, as for the report.
 */
@Injectable()
export class EvidenceService {
  private readonly logger = new Logger(EvidenceService.name);

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(evidenceConfig.KEY) private readonly config: EvidenceConfig,
    @Inject(EVIDENCE_STORAGE) private readonly storage: EvidenceStorage,
    private readonly access: AccessService,
    private readonly reports: ReportsService,
    private readonly audit: AuditService,
  ) {}

  get maxBytes(): number {
    return this.config.maxBytes;
  }

  async attach(
    actor: Actor,
    reportId: string,
    filename: string,
    body: Buffer,
  ): Promise<EvidenceView> {
    await this.reports.get(actor, reportId);
    if (!hasRole(actor, 'agency'))
      throw new EvidenceError('FORBIDDEN', 'Only the lead and supporting units attach evidence');
    const em = this.dataSource.manager;
    const attacher = await new EvidenceRepository(em).attacherRole(
      reportId,
      await this.access.unitChain(em, actor),
    );
    if (!attacher)
      throw new EvidenceError(
        'FORBIDDEN',
        `Your unit neither leads report ${reportId} nor supports its task`,
      );
    if (body.length === 0)
      throw new EvidenceError('VALIDATION_FAILED', 'The file is empty', {
        fields: { file: ['must not be empty'] },
      });
    if (body.length > this.config.maxBytes)
      throw new EvidenceError(
        'EVIDENCE_TOO_LARGE',
        `${body.length} bytes; at most ${this.config.maxBytes}`,
        { maxBytes: this.config.maxBytes },
      );
    const type = await evidenceTypeOf(body);
    if ('refused' in type)
      throw new EvidenceError('EVIDENCE_TYPE_REFUSED', `The content is ${type.refused}`);
    const id = randomUUID();
    const storageKey = `${reportId}/${id}`;
    // The bytes first: a row never points at a file that is not there. When the row cannot be
    // written, the file is removed again, so a refused attachment leaves nothing behind.
    await this.storage.put(storageKey, body, type.mime);
    await this.recordOrRemove(storageKey, () =>
      this.dataSource.transaction(async (tx) => {
        await new EvidenceRepository(tx).insert({
          id,
          reportId,
          revision: attacher.revision,
          unitId: attacher.unitId,
          role: attacher.role,
          uploadedBy: actor.id,
          filename: cleanFilename(filename),
          contentType: type.mime,
          sizeBytes: body.length,
          sha256: createHash('sha256').update(body).digest('hex'),
          storageKey,
          at: this.clock.now(),
        });
        await this.audit.byActor(tx, actor, {
          action: 'report.attach_evidence',
          targetType: 'status_report',
          targetId: reportId,
          after: {
            evidenceId: id,
            filename: cleanFilename(filename),
            contentType: type.mime,
            sizeBytes: body.length,
            role: attacher.role,
          },
        });
      }),
    );
    return toView(
      (await new EvidenceRepository(this.dataSource.manager).findOne(id)) as EvidenceRow,
    );
  }

  private async recordOrRemove(storageKey: string, record: () => Promise<void>): Promise<void> {
    try {
      await record();
    } catch (err) {
      await this.storage
        .delete(storageKey)
        .catch((cleanup: unknown) =>
          this.logger.warn(
            { storageKey, err: String(cleanup) },
            'evidence file left in storage after its row failed',
          ),
        );
      throw err;
    }
  }

  async list(actor: Actor, reportId: string): Promise<EvidenceView[]> {
    await this.reports.get(actor, reportId);
    return (await new EvidenceRepository(this.dataSource.manager).listForReport(reportId)).map(
      toView,
    );
  }

  async download(
    actor: Actor,
    evidenceId: string,
  ): Promise<{ file: EvidenceView; content: Buffer }> {
    const row = await new EvidenceRepository(this.dataSource.manager).findOne(evidenceId);
    if (!row) throw new EvidenceError('EVIDENCE_NOT_FOUND', `Evidence ${evidenceId} not found`);
    try {
      await this.reports.get(actor, row.report_id);
    } catch {
      throw new EvidenceError('EVIDENCE_NOT_FOUND', `Evidence ${evidenceId} not found`);
    }
    return { file: toView(row), content: await this.storage.get(row.storage_key) };
  }
}
