import { ApiProperty } from '@nestjs/swagger';
import {
  PROGRESS_STATUSES,
  ProgressStatus,
  REPORT_STATES,
  ReportState,
  TASK_STATES,
  TaskState,
} from '@tracker/domain';
import type {
  CurrentReportView,
  TaskHistoryEntry,
  MyTask,
  TaskNoticeView,
  PagedResult,
  TaskReportView,
  TaskDetail,
  TaskSummary,
} from '@tracker/services';
import {
  AssignmentResponse,
  toAssignmentResponse,
  toUnitRef,
  UnitRefResponse,
} from '../../assignments/dto/assignment.response';

export class TaskSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty({ type: String, nullable: true }) documentTitle: string | null;
  @ApiProperty({ description: '任务编号', example: '四（一）1' }) number: string;
  @ApiProperty({ type: [String], example: ['四', '（一）', '1'] }) path: string[];
  @ApiProperty() heading: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) deadlineOn: string | null;
  @ApiProperty({ type: String, nullable: true, example: '到2019年' }) deadlineText: string | null;
  @ApiProperty({ enum: TASK_STATES }) state: TaskState;
  @ApiProperty() isOverdue: boolean;
  @ApiProperty({ type: [UnitRefResponse] }) leadUnits: UnitRefResponse[];
  @ApiProperty({ type: [UnitRefResponse] }) supportUnits: UnitRefResponse[];
}

export function toTaskSummaryResponse(t: TaskSummary): TaskSummaryResponse {
  return {
    id: t.id,
    documentId: t.documentId,
    documentTitle: t.documentTitle,
    number: t.number,
    path: t.path,
    heading: t.heading,
    deadlineOn: t.deadlineOn,
    deadlineText: t.deadlineText,
    state: t.state,
    isOverdue: t.isOverdue,
    leadUnits: t.leadUnits.map(toUnitRef),
    supportUnits: t.supportUnits.map(toUnitRef),
  };
}

export class TaskPageResponse {
  @ApiProperty({ type: [TaskSummaryResponse] }) items: TaskSummaryResponse[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export const toTaskPageResponse = (p: PagedResult<TaskSummary>): TaskPageResponse => ({
  items: p.items.map(toTaskSummaryResponse),
  total: p.total,
  page: p.page,
  pageSize: p.pageSize,
});

export class CurrentReportResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2020-Q3' }) period: string;
  @ApiProperty({ enum: REPORT_STATES }) state: ReportState;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({
    type: String,
    nullable: true,
    enum: PROGRESS_STATUSES,
  })
  progressStatus: ProgressStatus | null;
}

const toCurrentReport = (r: CurrentReportView | null): CurrentReportResponse | null =>
  r
    ? {
        id: r.id,
        period: r.period,
        state: r.state,
        dueAt: r.dueAt.toISOString(),
        progressStatus: r.progressStatus,
      }
    : null;

export class MyTaskResponse {
  @ApiProperty({ type: AssignmentResponse, description: "Your unit's assignment" })
  assignment: AssignmentResponse;
  @ApiProperty({ type: TaskSummaryResponse }) task: TaskSummaryResponse;
  @ApiProperty({
    type: CurrentReportResponse,
    nullable: true,
    description:
      "The latest cycle's report: your unit's own as lead, the lead unit's as support; null before any cycle",
  })
  currentReport: CurrentReportResponse | null;
}

export class MyTaskPageResponse {
  @ApiProperty({ type: [MyTaskResponse] }) items: MyTaskResponse[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export const toMyTaskPageResponse = (p: PagedResult<MyTask>): MyTaskPageResponse => ({
  items: p.items.map((i) => ({
    assignment: toAssignmentResponse(i.assignment),
    task: toTaskSummaryResponse(i.task),
    currentReport: toCurrentReport(i.currentReport),
  })),
  total: p.total,
  page: p.page,
  pageSize: p.pageSize,
});

export class DocumentRefResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true }) title: string | null;
  @ApiProperty({ type: String, nullable: true }) docNumber: string | null;
  @ApiProperty({ type: String, nullable: true }) issuer: string | null;
}

export class ReportResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) cycleId: string;
  @ApiProperty({ description: "The cycle's bulletin is compiled" }) hasBulletin: boolean;
  @ApiProperty({ example: '2020-Q3' }) period: string;
  @ApiProperty({ type: UnitRefResponse }) unit: UnitRefResponse;
  @ApiProperty() state: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({ type: String, nullable: true }) progressStatus: string | null;
  @ApiProperty({ type: Number, nullable: true }) progressPercent: number | null;
  @ApiProperty({ type: String, nullable: true }) narrative: string | null;
  @ApiProperty({ type: String, nullable: true }) problems: string | null;
  @ApiProperty({ type: String, nullable: true }) nextSteps: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) reviewedAt: string | null;
}

const toReportResponse = (r: TaskReportView): ReportResponse => ({
  id: r.id,
  cycleId: r.cycleId,
  hasBulletin: r.hasBulletin,
  period: r.period,
  unit: toUnitRef(r.unit),
  state: r.state,
  dueAt: r.dueAt.toISOString(),
  progressStatus: r.progressStatus,
  progressPercent: r.progressPercent,
  narrative: r.narrative,
  problems: r.problems,
  nextSteps: r.nextSteps,
  submittedAt: r.submittedAt?.toISOString() ?? null,
  reviewedAt: r.reviewedAt?.toISOString() ?? null,
});

export class NoticeSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() kind: string;
  @ApiProperty() level: number;
  @ApiProperty() colour: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: UnitRefResponse, nullable: true }) unit: UnitRefResponse | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

const toNoticeResponse = (n: TaskNoticeView): NoticeSummaryResponse => ({
  id: n.id,
  kind: n.kind,
  level: n.level,
  colour: n.colour,
  title: n.title,
  unit: n.unit ? toUnitRef(n.unit) : null,
  createdAt: n.createdAt.toISOString(),
});

export class HistoryEntryResponse {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ example: 'assignment.acknowledge' }) action: string;
  @ApiProperty({ type: String, nullable: true }) actorId: string | null;
  @ApiProperty({ type: String, nullable: true }) actorName: string | null;
  @ApiProperty() targetType: string;
  @ApiProperty() targetId: string;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  before: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  after: Record<string, unknown> | null;
}

const toHistoryResponse = (h: TaskHistoryEntry): HistoryEntryResponse => ({
  at: h.at.toISOString(),
  action: h.action,
  actorId: h.actorId,
  actorName: h.actorName,
  targetType: h.targetType,
  targetId: h.targetId,
  before: h.before,
  after: h.after,
});

export class TaskTargetResponse {
  @ApiProperty() text: string;
  @ApiProperty({ type: Number, nullable: true }) value: number | null;
  @ApiProperty({ type: String, nullable: true }) unit: string | null;
  @ApiProperty({ type: String, nullable: true }) by: string | null;
}

export class TaskDetailResponse extends TaskSummaryResponse {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      "Your unit's assignment of the task (lead before support); null for the office and leaders",
  })
  yourAssignmentId: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      'The report that matters now for your assignment: the earliest still to be filed in an open cycle, else the latest (the unit’s own as lead, the lead’s as support)',
  })
  yourReportId: string | null;
  @ApiProperty() body: string;
  @ApiProperty({ type: [TaskTargetResponse] }) targets: TaskTargetResponse[];
  @ApiProperty({ type: DocumentRefResponse }) document: DocumentRefResponse;
  @ApiProperty({
    type: [AssignmentResponse],
    description: 'Every assignment, reassigned ones included',
  })
  assignments: AssignmentResponse[];
  @ApiProperty({ type: [ReportResponse] }) reports: ReportResponse[];
  @ApiProperty({ type: [NoticeSummaryResponse] }) notices: NoticeSummaryResponse[];
  @ApiProperty({
    type: [HistoryEntryResponse],
    description: 'Audit entries of the task and its assignments',
  })
  history: HistoryEntryResponse[];
}

export const toTaskDetailResponse = (t: TaskDetail): TaskDetailResponse => ({
  ...toTaskSummaryResponse(t),
  yourAssignmentId: t.yourAssignmentId,
  yourReportId: t.yourReportId,
  body: t.body,
  targets: t.targets.map((x) => ({ text: x.text, value: x.value, unit: x.unit, by: x.by })),
  document: {
    id: t.document.id,
    title: t.document.title,
    docNumber: t.document.docNumber,
    issuer: t.document.issuer,
  },
  assignments: t.assignments.map(toAssignmentResponse),
  reports: t.reports.map(toReportResponse),
  notices: t.notices.map(toNoticeResponse),
  history: t.history.map(toHistoryResponse),
});
