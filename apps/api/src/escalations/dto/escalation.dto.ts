import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import {
  CursorQuery,
  IntQuery,
  IsDateOnly,
  IsOneOf,
  IsPeriod,
  LimitQuery,
  NoControlChars,
} from '@tracker/common';
import type { EscalationPage, EscalationView, OverdueReportView } from '@tracker/services';
import { iso, isoOrNull } from '../../common/iso';
import {
  ESCALATION_STATES,
  EscalationState,
  REPORT_STATES,
  RUNG_COLOURS,
  RungColour,
} from '@tracker/domain';

export class ListEscalationsQuery {
  @IntQuery(1, 3)
  level?: number;
  @IsOneOf(ESCALATION_STATES, { optional: true })
  state?: EscalationState;
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  cycleId?: string;
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  unitId?: string;
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  documentId?: string;
  @IsPeriod({ optional: true })
  period?: string;
  @ApiPropertyOptional({
    description: 'true: every escalation raised; default: one per report at its current level',
  })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  history?: boolean;
  @ApiPropertyOptional({ description: 'true: only unresolved ones (open, extended, supervising)' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  active?: boolean;
  @LimitQuery()
  limit?: number;
  @CursorQuery()
  cursor?: string;
}

/** A supervision clause a notice or escalation cites for its authority. */
export class CitationResponse {
  @ApiProperty({ type: String, nullable: true }) documentTitle: string | null;
  @ApiProperty({ type: [String], example: ['五', '（三）'] }) path: string[];
  @ApiProperty() text: string;
}

export class EscalationItemResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ minimum: 2, maximum: 3 }) level: number;
  @ApiProperty({ enum: RUNG_COLOURS }) colour: RungColour;
  @ApiProperty({ enum: ESCALATION_STATES }) state: EscalationState;
  @ApiProperty() reason: string;
  @ApiProperty({
    type: CitationResponse,
    nullable: true,
    description: 'the supervision clause cited, as stored',
  })
  clause: CitationResponse | null;
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty({ example: '一（二）3' }) taskLabel: string;
  @ApiProperty() taskHeading: string;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) cycleId: string | null;
  @ApiProperty({ type: String, nullable: true }) period: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) reportId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) noticeId: string | null;
  @ApiProperty({ format: 'date-time' }) raisedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) reviewedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) reviewComment: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resolvedAt: string | null;
}

export class EscalationPageResponse {
  @ApiProperty({ type: [EscalationItemResponse] }) items: EscalationItemResponse[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'pass as `cursor` for the next page; null on the last page',
  })
  nextCursor: string | null;
  @ApiProperty({ description: 'escalations the filter holds' }) total: number;
}

export const toEscalationItemResponse = (e: EscalationView): EscalationItemResponse => ({
  id: e.id,
  level: e.level,
  colour: e.colour,
  state: e.state,
  reason: e.reason,
  clause: e.clause
    ? { documentTitle: e.clause.documentTitle, path: e.clause.path, text: e.clause.text }
    : null,
  taskId: e.taskId,
  taskLabel: e.taskLabel,
  taskHeading: e.taskHeading,
  unitId: e.unitId,
  unitName: e.unitName,
  cycleId: e.cycleId,
  period: e.period,
  reportId: e.reportId,
  noticeId: e.noticeId,
  raisedAt: iso(e.raisedAt),
  reviewedAt: isoOrNull(e.reviewedAt),
  reviewComment: e.reviewComment,
  resolvedAt: isoOrNull(e.resolvedAt),
});

/** A report on the overdue rung: the board's level-1 lane, watched but not an escalation to review. */
export class OverdueReportResponse {
  @ApiProperty({ format: 'uuid' }) reportId: string;
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty({ example: '一（二）3' }) taskLabel: string;
  @ApiProperty() taskHeading: string;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ format: 'uuid' }) cycleId: string;
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty({ example: '2020-Q3' }) period: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({ enum: REPORT_STATES }) reportState: string;
  @ApiProperty({ example: 1 }) level: number;
  @ApiProperty({ enum: RUNG_COLOURS }) colour: string;
  @ApiProperty({ format: 'uuid', description: 'the overdue notice' }) noticeId: string;
  @ApiProperty({ format: 'date-time' }) raisedAt: string;
}

export const toOverdueReportResponse = (r: OverdueReportView): OverdueReportResponse => ({
  reportId: r.reportId,
  taskId: r.taskId,
  taskLabel: r.taskLabel,
  taskHeading: r.taskHeading,
  unitId: r.unitId,
  unitName: r.unitName,
  cycleId: r.cycleId,
  documentId: r.documentId,
  period: r.period,
  dueAt: iso(r.dueAt),
  reportState: r.reportState,
  level: r.level,
  colour: r.colour,
  noticeId: r.noticeId,
  raisedAt: iso(r.raisedAt),
});

export const toEscalationPageResponse = (p: EscalationPage): EscalationPageResponse => ({
  items: p.items.map(toEscalationItemResponse),
  nextCursor: p.nextCursor,
  total: p.total,
});

export class ListOverdueQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  cycleId?: string;
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  unitId?: string;
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  documentId?: string;
  @IntQuery(1, 500)
  limit?: number;
}

export const REVIEW_DECISIONS = ['grant-extension', 'supervise', 'resolve'] as const;

export class ReviewEscalationDto {
  @IsOneOf(REVIEW_DECISIONS)
  decision: (typeof REVIEW_DECISIONS)[number];

  @ApiPropertyOptional({
    description: 'New due date for grant-extension (YYYY-MM-DD)',
    example: '2020-10-31',
  })
  @ValidateIf((d: ReviewEscalationDto) => d.decision === 'grant-extension')
  @IsDateOnly()
  dueOn?: string;

  @ApiPropertyOptional({ description: 'Required for supervise' })
  @ValidateIf((d: ReviewEscalationDto) => d.decision === 'supervise' || d.comment !== undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(5_000)
  @NoControlChars(true)
  comment?: string;
}
