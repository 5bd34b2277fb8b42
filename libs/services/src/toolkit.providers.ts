import { AssessmentsService } from './assessments/assessments.service';
import { AmendmentsService } from './amendments/amendments.service';
import { DocumentRevisionsService } from './amendments/document-revisions.service';
import { MidtermReviewService } from './amendments/midterm-review.service';
import { UrgingsService } from './urgings/urgings.service';
import { BreakdownService } from './breakdown/breakdown.service';
import { Provider } from '@nestjs/common';
import { evidenceConfig, EvidenceConfig } from '@tracker/common';
import { EvidenceService } from './evidence/evidence.service';
import { createEvidenceStorage, EVIDENCE_STORAGE } from './evidence/evidence-storage';

const EVIDENCE_STORAGE_PROVIDER: Provider = {
  provide: EVIDENCE_STORAGE,
  inject: [evidenceConfig.KEY],
  useFactory: (cfg: EvidenceConfig) => createEvidenceStorage(cfg),
};

/** The office's supervision toolkit: urging (催办), assessment (考核评估), evidence (佐证材料), breakdown (各地分解). */
export const TOOLKIT_SERVICES = [
  UrgingsService,
  AmendmentsService,
  DocumentRevisionsService,
  MidtermReviewService,
  BreakdownService,
  AssessmentsService,
  EvidenceService,
  EVIDENCE_STORAGE_PROVIDER,
];
