import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, CLOCK } from '@tracker/domain';
import { DocumentsRepository, RevisionsRepository, Task } from '@tracker/database';
import { DataSource } from 'typeorm';
import { Actor, hasRole } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { DocumentError } from '../documents/documents.errors';
import { DocumentInput, DocumentsImportService } from '../documents/documents-import.service';
import { UnitResolver } from '../documents/unit-resolver';
import { LadderJobsService, startAckLadders } from '../ladder/ladder-jobs.service';
import { requireQueue } from '../queue-deadline';
import { AmendmentError } from './amendments.errors';
import { AmendmentOutcome, AmendmentsService } from './amendments.service';
import { RevisionDifference, revisionPlan } from './revision-diff';

export interface RevisionResult {
  documentId: string;
  amended: number;
  added: number;
  removed: number;
  differences: RevisionDifference[];
}

/**
 * A revised text of a document already imported (same number, title, issuer): its differences,
 * confirmed by the office with one reason, become amendments with versions (a changed task), new
 * tasks (an added one) and cancelled ones (a removed one) of the same document, never a second one.
 */
@Injectable()
export class DocumentRevisionsService {
  private readonly logger = new Logger(DocumentRevisionsService.name);

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly importer: DocumentsImportService,
    private readonly amendments: AmendmentsService,
    private readonly audit: AuditService,
    private readonly ladderJobs: LadderJobsService,
  ) {}

  async confirm(
    actor: Actor,
    documentId: string,
    input: DocumentInput,
    reason: string,
  ): Promise<RevisionResult> {
    if (!hasRole(actor, 'office'))
      throw new AmendmentError('FORBIDDEN', 'Only the office confirms a revised document');
    if (!reason.trim())
      throw new AmendmentError('VALIDATION_FAILED', 'reason: a revision needs a reason', {
        fields: { reason: ['confirming a revised text needs a reason'] },
      });
    await requireQueue(this.ladderJobs, 'document.revise');
    const { analysis, contentHash } = await this.importer.analyse(input);
    const { result, outcomes } = await this.dataSource.transaction(async (em) => {
      const documents = new DocumentsRepository(em);
      await documents.lockContentHash(documentId);
      if (!(await documents.exists(documentId)))
        throw new DocumentError('DOCUMENT_NOT_FOUND', `Document ${documentId} not found`);
      const revisions = new RevisionsRepository(em);
      const target = await revisions.findByIdentity(analysis.document);
      if (target?.id !== documentId)
        throw new DocumentError(
          'DOCUMENT_NOT_A_REVISION',
          `The text's number, title or issuer is not that of document ${documentId}`,
        );
      const resolver = new UnitResolver(em, { create: true, region: analysis.region });
      const plan = await revisionPlan(em, documentId, analysis, resolver, input.unitMap);
      if (plan.differences.length === 0)
        throw new AmendmentError(
          'AMENDMENT_NO_CHANGE',
          `The revised text changes no task of document ${documentId}`,
        );
      const outcomes: AmendmentOutcome[] = [];
      for (const a of plan.amend)
        outcomes.push(
          await this.amendments.amendInTx(em, actor, a.taskId, a.change, reason, 'reimport'),
        );
      let ordinal = (await revisions.maxOrdinal(documentId)) + 1;
      const existing = await revisions.tasks(documentId);
      for (const item of plan.add) {
        const parentKey = item.path.slice(0, -1).join('/');
        const parent = existing.find((t) => t.pathKey === parentKey) ?? null;
        const task = await em.getRepository(Task).save(
          em.getRepository(Task).create({
            documentId,
            parentId: parent?.id ?? null,
            path: item.path,
            pathKey: item.path.join('/'),
            ordinal: ordinal++,
            heading: item.heading,
            body: item.text,
            isTask: true,
            unitsSource: item.unitsSource,
            deadlineText: item.deadlineText,
            deadlineOn: item.deadline,
            targets: item.targets.map((t) => ({
              text: t.text,
              value: t.value,
              unit: t.unit,
              by: t.by,
            })),
          }),
        );
        await this.importer.assignAdded(em, resolver, task.id, item, input);
        await this.audit.byActor(em, actor, {
          action: 'task.add',
          targetType: 'task',
          targetId: task.id,
          after: { path: item.path, heading: item.heading, reason, source: 'reimport' },
        });
      }
      for (const taskId of plan.cancel) {
        await revisions.cancelTask(taskId);
        await this.audit.byActor(em, actor, {
          action: 'task.cancel',
          targetType: 'task',
          targetId: taskId,
          after: { state: 'cancelled', reason, source: 'reimport' },
        });
      }
      await revisions.replaceSource(documentId, {
        sourceText: input.text,
        contentHash,
        sourceFile: input.fileName,
      });
      await this.audit.byActor(em, actor, {
        action: 'document.revise',
        targetType: 'policy_document',
        targetId: documentId,
        after: {
          file: input.fileName,
          contentHash,
          reason,
          amended: plan.amend.length,
          added: plan.add.length,
          removed: plan.cancel.length,
        },
      });
      return {
        outcomes,
        result: {
          documentId,
          amended: plan.amend.length,
          added: plan.add.length,
          removed: plan.cancel.length,
          differences: plan.differences,
        },
      };
    });
    await this.amendments.afterAmend(outcomes);
    if (result.added)
      await startAckLadders(this.ladderJobs, this.logger, documentId, `revision-${randomUUID()}`);
    this.logger.log({ documentId, at: this.clock.now().toISOString() }, 'revised text confirmed');
    return result;
  }
}
