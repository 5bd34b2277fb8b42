import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { Transform } from 'class-transformer';
import { CursorQuery, IsOneOf, LimitQuery } from '@tracker/common';
import { PROGRESS_STATUSES, ProgressStatus, REPORT_STATES, ReportState } from '@tracker/domain';
import type { KeysetPage } from '@tracker/common';
import type { ReportView, UnitProgressRow } from '@tracker/services';
import { iso, isoOrNull } from '../../common/iso';

export class ListCycleReportsQuery {
  @IsOneOf(REPORT_STATES, { optional: true, message: 'must be a report state' })
  state?: ReportState;

  @ApiPropertyOptional({ format: 'uuid', description: "only this unit's reports" })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  unitId?: string;

  @ApiPropertyOptional({ description: 'only reports not filed whose due time has come' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsIn([true, false], { message: 'must be true or false' })
  late?: boolean;

  @LimitQuery()
  limit?: number;

  @CursorQuery()
  cursor?: string;
}

export class ReportTargetValueResponse {
  @ApiPropertyOptional() index?: number;
  @ApiProperty() target: string;
  @ApiProperty({ type: Number, nullable: true }) value: number | null;
  @ApiPropertyOptional() note?: string;
}

export class ReportContributionResponse {
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty() text: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class ReportItemResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) cycleId: string;
  @ApiProperty({ example: '2020-Q3' }) period: string;
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty({ example: '一（二）3' }) taskLabel: string;
  @ApiProperty() taskHeading: string;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ enum: REPORT_STATES }) state: ReportState;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty() ladderEpoch: number;
  @ApiProperty({ enum: PROGRESS_STATUSES, nullable: true }) progressStatus: ProgressStatus | null;
  @ApiProperty({ type: Number, nullable: true }) progressPercent: number | null;
  @ApiProperty({ type: String, nullable: true }) narrative: string | null;
  @ApiProperty({ type: [ReportTargetValueResponse] }) targetValues: ReportTargetValueResponse[];
  @ApiProperty({ type: String, nullable: true }) problems: string | null;
  @ApiProperty({ type: String, nullable: true }) nextSteps: string | null;
  @ApiProperty() revision: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  firstSubmittedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) reviewComment: string | null;
  @ApiProperty({ type: [ReportContributionResponse] })
  contributions: ReportContributionResponse[];
}

export class ReportPageResponse {
  @ApiProperty({ type: [ReportItemResponse] }) items: ReportItemResponse[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'pass as `cursor` for the next page; null on the last page',
  })
  nextCursor: string | null;
}

export class UnitProgressResponse {
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ description: "the unit's reports in the cycle" }) reports: number;
  @ApiProperty({ description: 'submitted or accepted' }) filed: number;
  @ApiProperty({ description: 'submitted, waiting for review' }) submitted: number;
  @ApiProperty({ description: 'not filed, and the due time has come' }) late: number;
}

export class ReportRevisionResponse {
  @ApiProperty() revision: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'the report as it was submitted in this revision',
  })
  snapshot: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export const toReportRevisionResponse = (r: {
  revision: number;
  snapshot: Record<string, unknown>;
  createdAt: Date;
}): ReportRevisionResponse => ({
  revision: r.revision,
  snapshot: r.snapshot,
  createdAt: iso(r.createdAt),
});

export const toReportItemResponse = (r: ReportView): ReportItemResponse => ({
  id: r.id,
  cycleId: r.cycleId,
  period: r.period,
  taskId: r.taskId,
  taskLabel: r.taskLabel,
  taskHeading: r.taskHeading,
  unitId: r.unitId,
  unitName: r.unitName,
  state: r.state,
  dueAt: iso(r.dueAt),
  ladderEpoch: r.ladderEpoch,
  progressStatus: r.progressStatus,
  progressPercent: r.progressPercent,
  narrative: r.narrative,
  targetValues: r.targetValues,
  problems: r.problems,
  nextSteps: r.nextSteps,
  revision: r.revision,
  submittedAt: isoOrNull(r.submittedAt),
  firstSubmittedAt: isoOrNull(r.firstSubmittedAt),
  reviewComment: r.reviewComment,
  contributions: r.contributions.map((c) => ({
    unitId: c.unitId,
    unitName: c.unitName,
    text: c.text,
    updatedAt: iso(c.updatedAt),
  })),
});

export const toReportPageResponse = (p: KeysetPage<ReportView>): ReportPageResponse => ({
  items: p.items.map(toReportItemResponse),
  nextCursor: p.nextCursor,
});

export const toUnitProgressResponse = (u: UnitProgressRow): UnitProgressResponse => ({
  unitId: u.unitId,
  unitName: u.unitName,
  reports: u.reports,
  filed: u.filed,
  submitted: u.submitted,
  late: u.late,
});
