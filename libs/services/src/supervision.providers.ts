// Supervision: reporting cycles, reports, the supervision ladder, escalations, extensions, bulletins.
// Kept in one list so services.module.ts needs a single line for them.
import { BulletinsService } from './bulletins/bulletins.service';
import { CyclesService } from './cycles/cycles.service';
import { EscalationsService } from './escalations/escalations.service';
import { OverdueWatchService } from './escalations/overdue-watch.service';
import { ExtensionsService } from './extensions/extensions.service';
import { DeadlineSweepService } from './ladder/deadline-sweep.service';
import { LadderJobsService } from './ladder/ladder-jobs.service';
import { LadderService } from './ladder/ladder.service';
import { NoticesService } from './notices/notices.service';
import { ReportsService } from './reports/reports.service';

export const SUPERVISION_SERVICES = [
  NoticesService,
  LadderJobsService,
  LadderService,
  DeadlineSweepService,
  CyclesService,
  ReportsService,
  ExtensionsService,
  EscalationsService,
  OverdueWatchService,
  BulletinsService,
];

export {
  BulletinsService,
  CyclesService,
  EscalationsService,
  OverdueWatchService,
  ExtensionsService,
  DeadlineSweepService,
  LadderJobsService,
  LadderService,
  NoticesService,
  ReportsService,
};
export type { BulletinContent } from './bulletins/bulletin-content';
export { renderBulletinMarkdown } from './bulletins/bulletin-content';
export * from './bulletins/bulletins.errors';
export * from './cycles/cycles.errors';
export * from './escalations/escalations.errors';
export * from './extensions/extensions.errors';
export * from './reports/reports.errors';
export type { CycleSummary, OpenedCycle } from './cycles/cycles.service';
export type {
  ReportContent,
  ReportListQuery,
  ReportView,
  UnitProgressRow,
} from './reports/reports.service';
export type {
  EscalationFilter,
  EscalationListQuery,
  EscalationPage,
  EscalationView,
} from './escalations/escalations.service';
export type { OverdueReportView } from './escalations/overdue-watch.service';
export type { ExtensionView } from './extensions/extensions.service';
export type { InboxNotice, NoticeSpec, Recipients } from './notices/notices.service';
export type { StepResult } from './ladder/ladder.service';
