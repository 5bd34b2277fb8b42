import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CADENCES,
  Cadence,
  CYCLE_STATES,
  SUPERVISION_DEFAULTS,
  SupervisionRules,
} from '@tracker/domain';
import type { CycleSummary, OpenedCycle } from '@tracker/services';
import { iso } from '../../common/iso';

export class OpenedCycleResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty({ example: '2020-Q3' }) period: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({ description: 'reports the cycle holds' }) reports: number;
  @ApiProperty({ description: 'false: the cycle was already open' }) created: boolean;
}

export const toOpenedCycleResponse = (c: OpenedCycle): OpenedCycleResponse => ({
  id: c.id,
  documentId: c.documentId,
  period: c.period,
  dueAt: iso(c.dueAt),
  reports: c.reports,
  created: c.created,
});

export class CycleSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty({ type: String, nullable: true }) documentTitle: string | null;
  @ApiProperty({ example: '2020-Q3' }) period: string;
  @ApiProperty({ enum: CYCLE_STATES }) state: string;
  @ApiProperty({ format: 'date-time' }) opensAt: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty() reports: number;
  @ApiProperty() submitted: number;
  @ApiProperty() accepted: number;
  @ApiProperty() onTime: number;
  @ApiProperty({ description: 'submitted ÷ reports, 0..1' }) submissionRate: number;
  @ApiProperty() hasBulletin: boolean;
}

export const toCycleSummaryResponse = (c: CycleSummary): CycleSummaryResponse => ({
  id: c.id,
  documentId: c.documentId,
  documentTitle: c.documentTitle,
  period: c.period,
  state: c.state,
  opensAt: iso(c.opensAt),
  dueAt: iso(c.dueAt),
  reports: c.reports,
  submitted: c.submitted,
  accepted: c.accepted,
  onTime: c.onTime,
  submissionRate: c.submissionRate,
  hasBulletin: c.hasBulletin,
});

// The profile's fields are the defaults' keys: one list, in libs/domain.
const PROFILE_KEYS = Object.keys(SUPERVISION_DEFAULTS) as (keyof SupervisionRules)[];

/** The profile fields a document's own supervision clauses state (the rest come from elsewhere). */
export class ProfileFromClausesResponse {
  @ApiPropertyOptional({ enum: CADENCES }) cadence?: Cadence;
  @ApiPropertyOptional() dueOffsetDays?: number;
  @ApiPropertyOptional() countWorkingDays?: boolean;
  @ApiPropertyOptional() reminderDaysBefore?: number;
  @ApiPropertyOptional() overdueDaysAfter?: number;
  @ApiPropertyOptional() supervisionDaysAfter?: number;
  @ApiPropertyOptional() leadingGroupDaysAfter?: number;
  @ApiPropertyOptional() ackReminderDays?: number;
  @ApiPropertyOptional() ackOverdueDays?: number;
  @ApiPropertyOptional() revisionDays?: number;
}

/** A document's effective supervision profile: its clauses, the office's edits, the defaults. */
export class SupervisionProfileResponse {
  @ApiProperty({ enum: CADENCES }) cadence: Cadence;
  @ApiProperty() dueOffsetDays: number;
  @ApiProperty() countWorkingDays: boolean;
  @ApiProperty() reminderDaysBefore: number;
  @ApiProperty() overdueDaysAfter: number;
  @ApiProperty() supervisionDaysAfter: number;
  @ApiProperty() leadingGroupDaysAfter: number;
  @ApiProperty() ackReminderDays: number;
  @ApiProperty() ackOverdueDays: number;
  @ApiProperty() revisionDays: number;
}

export class EffectiveProfileResponse extends SupervisionProfileResponse {
  @ApiProperty({
    type: ProfileFromClausesResponse,
    description: "the fields the document's own clauses state",
  })
  fromClauses: ProfileFromClausesResponse;
}

export const toProfileFromClausesResponse = (
  r: Partial<SupervisionRules>,
): ProfileFromClausesResponse =>
  Object.fromEntries(PROFILE_KEYS.filter((k) => r[k] !== undefined).map((k) => [k, r[k]]));

export const toSupervisionProfileResponse = (
  r: Required<SupervisionRules>,
): SupervisionProfileResponse => ({
  cadence: r.cadence,
  dueOffsetDays: r.dueOffsetDays,
  countWorkingDays: r.countWorkingDays,
  reminderDaysBefore: r.reminderDaysBefore,
  overdueDaysAfter: r.overdueDaysAfter,
  supervisionDaysAfter: r.supervisionDaysAfter,
  leadingGroupDaysAfter: r.leadingGroupDaysAfter,
  ackReminderDays: r.ackReminderDays,
  ackOverdueDays: r.ackOverdueDays,
  revisionDays: r.revisionDays,
});

export const toEffectiveProfileResponse = (
  r: Required<SupervisionRules> & { fromClauses: Partial<SupervisionRules> },
): EffectiveProfileResponse => ({
  ...toSupervisionProfileResponse(r),
  fromClauses: toProfileFromClausesResponse(r.fromClauses),
});
