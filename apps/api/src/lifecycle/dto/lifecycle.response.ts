import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TASK_STATES, TaskState } from '@tracker/domain';
import type {
  AckBatchResult,
  CyclePreview,
  DevClockView,
  PlanState,
  TaskCompletionView,
} from '@tracker/services';
import { iso, isoOrNull } from '../../common/iso';

export class PlanStateResponse {
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty({ type: Number, nullable: true, description: 'the year in force' })
  horizonYear: number | null;
  @ApiProperty({ type: Number, nullable: true }) horizonFromText: number | null;
  @ApiProperty({ type: Number, nullable: true }) horizonSetByOffice: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) archivedAt: string | null;
}

export const toPlanStateResponse = (p: PlanState): PlanStateResponse => ({
  documentId: p.documentId,
  horizonYear: p.horizonYear,
  horizonFromText: p.horizonFromText,
  horizonSetByOffice: p.horizonSetByOffice,
  archivedAt: isoOrNull(p.archivedAt),
});

export class ArchivedPlanResponse extends PlanStateResponse {
  @ApiProperty({ description: 'open cycles the archiving closed' }) closedCycles: number;
}

export const toArchivedPlanResponse = (
  p: PlanState & { closedCycles: number },
): ArchivedPlanResponse => ({ ...toPlanStateResponse(p), closedCycles: p.closedCycles });

/** Notices the ladders would raise at once, by rung. */
export class RaisedByRungResponse {
  @ApiProperty() reminder: number;
  @ApiProperty() overdue: number;
  @ApiProperty() supervision: number;
  @ApiProperty() leading_group: number;
}

export class PreviewBulletinResponse {
  @ApiProperty() compiledAtOnce: boolean;
  @ApiProperty() recipients: number;
}

export class CyclePreviewResponse {
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty({ example: '2020-Q3' }) period: string;
  @ApiProperty({ description: 'an open cycle already exists for this period' }) exists: boolean;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({ description: 'the due time has passed: the ladders start late' }) late: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    enum: ['DOCUMENT_ARCHIVED', 'PERIOD_BEYOND_HORIZON'],
  })
  refusal: CyclePreview['refusal'];
  @ApiProperty({ type: Number, nullable: true }) horizonYear: number | null;
  @ApiProperty() reports: number;
  @ApiProperty({ type: RaisedByRungResponse }) raised: RaisedByRungResponse;
  @ApiProperty({ description: 'lower rungs passed and not raised' }) passedOver: number;
  @ApiProperty({ description: 'escalations (levels 2 and 3) the board would show' })
  escalations: number;
  @ApiProperty({ type: PreviewBulletinResponse }) bulletin: PreviewBulletinResponse;
}

export const toCyclePreviewResponse = (p: CyclePreview): CyclePreviewResponse => ({
  documentId: p.documentId,
  period: p.period,
  exists: p.exists,
  dueAt: iso(p.dueAt),
  late: p.late,
  refusal: p.refusal,
  horizonYear: p.horizonYear,
  reports: p.reports,
  raised: {
    reminder: p.raised.reminder,
    overdue: p.raised.overdue,
    supervision: p.raised.supervision,
    leading_group: p.raised.leading_group,
  },
  passedOver: p.passedOver,
  escalations: p.escalations,
  bulletin: { compiledAtOnce: p.bulletin.compiledAtOnce, recipients: p.bulletin.recipients },
});

export class UnitNameResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class TaskCompletionResponse {
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty({ example: '一（二）3' }) taskLabel: string;
  @ApiProperty() taskHeading: string;
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty({ type: String, nullable: true }) documentTitle: string | null;
  @ApiProperty({ enum: TASK_STATES }) state: TaskState;
  @ApiProperty({ enum: ['open', 'requested', 'returned', 'closed'] })
  stage: TaskCompletionView['stage'];
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  completionRequestedAt: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  completionReportId: string | null;
  @ApiProperty({ type: UnitNameResponse, nullable: true })
  requestingUnit: UnitNameResponse | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the account that closed it' })
  closedBy: string | null;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) returnedAt: string | null;
}

export const toTaskCompletionResponse = (c: TaskCompletionView): TaskCompletionResponse => ({
  taskId: c.taskId,
  taskLabel: c.taskLabel,
  taskHeading: c.taskHeading,
  documentId: c.documentId,
  documentTitle: c.documentTitle,
  state: c.state,
  stage: c.stage,
  completionRequestedAt: isoOrNull(c.completionRequestedAt),
  completionReportId: c.completionReportId,
  requestingUnit: c.requestingUnit
    ? { id: c.requestingUnit.id, name: c.requestingUnit.name }
    : null,
  closedAt: isoOrNull(c.closedAt),
  closedBy: c.closedBy,
  comment: c.comment,
  returnedAt: isoOrNull(c.returnedAt),
});

export class DevClockResponse {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ enum: ['file'] }) mode: 'file';
  @ApiProperty({ description: 'the clock file the api and the worker share' }) file: string;
  @ApiPropertyOptional({ description: 'sleeping jobs whose business time had come, woken' })
  woken?: number;
}

export const toDevClockResponse = (c: DevClockView): DevClockResponse => ({
  at: iso(c.at),
  mode: c.mode,
  file: c.file,
  ...(c.woken === undefined ? {} : { woken: c.woken }),
});

export class AckBatchResponse {
  @ApiProperty({ type: [String], format: 'uuid' }) acknowledged: string[];
  @ApiProperty({ type: [String], format: 'uuid', description: 'already acknowledged' })
  alreadyAcknowledged: string[];
  @ApiProperty({ type: [String], format: 'uuid', description: 'left to decline one by one' })
  leftPending: string[];
}

export const toAckBatchResponse = (r: AckBatchResult): AckBatchResponse => ({
  acknowledged: r.acknowledged,
  alreadyAcknowledged: r.alreadyAcknowledged,
  leftPending: r.leftPending,
});
