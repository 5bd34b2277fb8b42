import { AccountInvitation } from './account-invitation.entity';
import { Assignment } from './assignment.entity';
import { AuditEntry, Heartbeat } from './audit-entry.entity';
import { Digest } from './digest.entity';
import { PolicyDocument } from './policy-document.entity';
import {
  ReportContribution,
  ReportingCycle,
  StatusReport,
  StatusReportRevision,
} from './reporting.entity';
import {
  Bulletin,
  Escalation,
  ExtensionRequest,
  Notice,
  NoticeDelivery,
} from './supervision.entity';
import { Task } from './task.entity';
import { TaskVersion } from './task-version.entity';
import { Unit, UnitAlias, UnitGroup, UnitGroupMember } from './unit.entity';
import { Urging } from './urging.entity';
import { AssessmentAdjustment, AssessmentSchemeRow } from './assessment.entity';
import { EvidenceFile } from './evidence.entity';
import { TaskBreakdownShare } from './breakdown.entity';
import { ActionToken, RefreshToken, User } from './user.entity';

export * from './account-invitation.entity';
export * from './assignment.entity';
export * from './audit-entry.entity';
export * from './digest.entity';
export * from './policy-document.entity';
export * from './reporting.entity';
export * from './supervision.entity';
export * from './task.entity';
export * from './task-version.entity';
export * from './unit.entity';
export * from './user.entity';
export * from './urging.entity';
export * from './assessment.entity';
export * from './evidence.entity';
export * from './breakdown.entity';

export const ENTITIES = [
  PolicyDocument,
  Task,
  Unit,
  UnitAlias,
  UnitGroup,
  UnitGroupMember,
  Assignment,
  ReportingCycle,
  StatusReport,
  StatusReportRevision,
  ReportContribution,
  Notice,
  NoticeDelivery,
  Escalation,
  ExtensionRequest,
  Bulletin,
  User,
  RefreshToken,
  ActionToken,
  AuditEntry,
  Heartbeat,
  Digest,
  Urging,
  AssessmentSchemeRow,
  AssessmentAdjustment,
  EvidenceFile,
  AccountInvitation,
  TaskBreakdownShare,
  TaskVersion,
];
