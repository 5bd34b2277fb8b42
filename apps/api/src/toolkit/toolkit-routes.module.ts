import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { DomainError } from '@tracker/common';
import { EvidenceService, ServicesModule } from '@tracker/services';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { BreakdownController } from '../breakdown/breakdown.controller';
import { AmendmentsController } from '../amendments/amendments.controller';
import { DocumentRevisionsController } from '../amendments/document-revisions.controller';
import { AssessmentsController } from './assessments.controller';
import { EvidenceController } from './evidence.controller';
import { UrgingsController } from './urgings.controller';

/** Routes of the office's supervision toolkit: urging (催办), assessment (考核评估), evidence (佐证材料), breakdown (各地分解). */
@Module({
  imports: [ServicesModule],
  controllers: [
    UrgingsController,
    AssessmentsController,
    EvidenceController,
    BreakdownController,
    AmendmentsController,
    DocumentRevisionsController,
  ],
})
export class ToolkitRoutesModule implements NestModule {
  constructor(private readonly evidence: EvidenceService) {}

  configure(consumer: MiddlewareConsumer): void {
    // The file is the body: read raw up to one byte past the limit (so the service names the
    // limit), any content type, only on this route. A request without credentials is not read at
    // all: the guard answers it 401 without the server taking in megabytes first.
    const raw = express.raw({ type: () => true, limit: this.evidence.maxBytes + 1 });
    const evidenceBody = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
      if (!req.headers.authorization) return next();
      await new Promise<void>((resolve, reject) =>
        raw(req, res, (err?: unknown) => (err ? reject(err) : resolve())),
      ).catch((err: { type?: string }) => {
        throw err.type === 'entity.too.large'
          ? new DomainError(
              'EVIDENCE_TOO_LARGE',
              `The file is over ${this.evidence.maxBytes} bytes`,
              { maxBytes: this.evidence.maxBytes },
            )
          : new DomainError('BODY_MALFORMED', 'The file could not be read');
      });
      next();
    };
    consumer
      .apply(evidenceBody)
      .forRoutes({ path: 'reports/:id/evidence', method: RequestMethod.POST });
  }
}
