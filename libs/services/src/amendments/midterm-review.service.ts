import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, CLOCK, MidtermReview, midtermReview, shanghaiDate } from '@tracker/domain';
import { MidtermRepository, MidtermTaskRow } from '@tracker/database';
import { DataSource } from 'typeorm';
import { Actor, hasRole } from '../access/actor';
import { DocumentError } from '../documents/documents.errors';
import { loadPlanState } from '../plans/plan-state';
import { taskNumber } from '../tasks/task-read-models';
import { AmendmentError } from './amendments.errors';
import { midtermWorkbook } from './midterm-workbook';

export interface MidtermReviewView extends MidtermReview {
  documentId: string;
  documentTitle: string | null;
}

// By the target's text where the figure names it (an amendment may renumber the targets), else by index.
const reportedFor = (r: MidtermTaskRow, index: number, text: string): number | null => {
  const v = r.targetValues.find((x) => (x.target ? x.target === text : x.index === index));
  return v?.value ?? null;
};

/**
 * 中期评估 of a document: the plan period runs from the document's date (else its import) to the
 * end of its last year (the office's, else its text's, else its latest deadline); each target's
 * latest reported figure is set against the share of that period gone by, on the business clock.
 */
@Injectable()
export class MidtermReviewService {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async review(actor: Actor, documentId: string): Promise<MidtermReviewView> {
    if (!hasRole(actor, 'office', 'leader'))
      throw new AmendmentError('FORBIDDEN', 'The mid-term review is for the office and leaders');
    const em = this.dataSource.manager;
    const repo = new MidtermRepository(em);
    const doc = await repo.document(documentId);
    if (!doc) throw new DocumentError('DOCUMENT_NOT_FOUND', `Document ${documentId} not found`);
    const rows = await repo.tasks(documentId);
    const startOn = doc.issuedOn ?? shanghaiDate(doc.importedAt);
    const plan = await loadPlanState(em, documentId);
    const deadlines = rows.map((r) => r.deadlineOn).filter((d): d is string => !!d);
    const endOn = plan?.horizonYear
      ? `${plan.horizonYear}-12-31`
      : (deadlines.sort().pop() ?? `${startOn.slice(0, 4)}-12-31`);
    const review = midtermReview(
      { startOn, endOn, today: shanghaiDate(this.clock.now()) },
      rows.map((r) => ({
        taskId: r.taskId,
        label: taskNumber(r.path),
        heading: r.heading,
        state: r.state,
        deadlineOn: r.deadlineOn,
        leadUnits: r.leadUnits,
        progressStatus: r.progressStatus,
        targets: r.targets.map((t, i) => ({
          text: t.text,
          planned: t.value,
          reported: reportedFor(r, i, t.text),
        })),
      })),
    );
    return { documentId, documentTitle: doc.title, ...review };
  }

  /** The review as a workbook (office and leaders). */
  async workbook(actor: Actor, documentId: string): Promise<{ filename: string; content: Buffer }> {
    const r = await this.review(actor, documentId);
    return {
      filename: `中期评估-${r.documentTitle ?? documentId}-${r.today}.xlsx`,
      content: await midtermWorkbook(r),
    };
  }
}
