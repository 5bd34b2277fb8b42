import { ApiProperty } from '@nestjs/swagger';
import {
  ASSESSMENT_EVENT_KINDS,
  ASSESSMENT_SOURCE_TYPES,
  AssessmentEventKind,
  AssessmentScheme,
} from '@tracker/domain';
import type { DocumentAssessment, SchemeView, UnitAssessment } from '@tracker/services';
import { iso, isoOrNull } from '../../common/iso';

export class EscalationRungPointsResponse {
  @ApiProperty({ name: '2', description: 'deducted per level-2 rung (督办)' }) '2': number;
  @ApiProperty({ name: '3', description: 'deducted per level-3 rung (提请领导小组)' }) '3': number;
}

export class AssessmentSchemeResponse {
  @ApiProperty({ description: 'every unit starts here' }) base: number;
  @ApiProperty() lateReport: number;
  @ApiProperty({ type: EscalationRungPointsResponse }) escalationRung: EscalationRungPointsResponse;
  @ApiProperty() reportReturned: number;
  @ApiProperty() declinedNotReassigned: number;
  @ApiProperty({ description: 'added per task closed by its deadline' }) completedOnTime: number;
  @ApiProperty({ description: 'deducted per urging (催办) by the office' }) urged: number;
}

const toSchemeResponse = (s: AssessmentScheme): AssessmentSchemeResponse => ({
  base: s.base,
  lateReport: s.lateReport,
  escalationRung: { '2': s.escalationRung['2'], '3': s.escalationRung['3'] },
  reportReturned: s.reportReturned,
  declinedNotReassigned: s.declinedNotReassigned,
  completedOnTime: s.completedOnTime,
  urged: s.urged,
});

export class BilingualLabelResponse {
  @ApiProperty() zh: string;
  @ApiProperty() en: string;
}

export class AssessmentTaskRefResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '一（二）3' }) number: string;
  @ApiProperty() heading: string;
}

export class AssessmentSourceResponse {
  @ApiProperty({
    description: 'the record behind the line',
    example: 'audit_log',
    enum: ASSESSMENT_SOURCE_TYPES,
  })
  type: string;
  @ApiProperty({ description: "the record's id" }) id: string;
}

export class AssessmentLineResponse {
  @ApiProperty({ enum: ASSESSMENT_EVENT_KINDS }) kind: AssessmentEventKind;
  @ApiProperty({ type: BilingualLabelResponse }) label: BilingualLabelResponse;
  @ApiProperty({ description: 'signed' }) points: number;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: String, nullable: true, example: '2020-Q3' }) period: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) on: string | null;
  @ApiProperty({ type: Number, nullable: true }) level: number | null;
  @ApiProperty({ type: AssessmentTaskRefResponse, nullable: true })
  task: AssessmentTaskRefResponse | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) reportId: string | null;
  @ApiProperty({ type: AssessmentSourceResponse }) source: AssessmentSourceResponse;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
}

export class AssessedUnitResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class UnitAssessmentResponse {
  @ApiProperty({ type: AssessedUnitResponse }) unit: AssessedUnitResponse;
  @ApiProperty() score: number;
  @ApiProperty({ description: '1 for the highest score; equal scores share a rank' }) rank: number;
  @ApiProperty() deducted: number;
  @ApiProperty() added: number;
  @ApiProperty({ type: [AssessmentLineResponse] }) lines: AssessmentLineResponse[];
}

export const toUnitAssessmentResponse = (u: UnitAssessment): UnitAssessmentResponse => ({
  unit: { id: u.unit.id, name: u.unit.name },
  score: u.score,
  rank: u.rank,
  deducted: u.deducted,
  added: u.added,
  lines: u.lines.map((l) => ({
    kind: l.kind,
    label: { zh: l.label.zh, en: l.label.en },
    points: l.points,
    at: iso(l.at),
    period: l.period,
    on: l.on,
    level: l.level,
    task: l.task ? { id: l.task.id, number: l.task.number, heading: l.task.heading } : null,
    reportId: l.reportId,
    source: { type: l.source.type, id: l.source.id },
    note: l.note,
  })),
});

export class DocumentAssessmentResponse {
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty({ type: String, nullable: true }) documentTitle: string | null;
  @ApiProperty({ example: '2020-Q3' }) period: string;
  @ApiProperty({ type: AssessmentSchemeResponse }) scheme: AssessmentSchemeResponse;
  @ApiProperty({
    type: [UnitAssessmentResponse],
    description: 'units ranked; for an agency member only its own unit (its rank among all)',
  })
  units: UnitAssessmentResponse[];
  @ApiProperty({ description: 'how many units were ranked' }) rankedUnits: number;
}

export const toDocumentAssessmentResponse = (
  a: DocumentAssessment,
): DocumentAssessmentResponse => ({
  documentId: a.documentId,
  documentTitle: a.documentTitle,
  period: a.period,
  scheme: toSchemeResponse(a.scheme),
  units: a.units.map(toUnitAssessmentResponse),
  rankedUnits: a.rankedUnits,
});

export class SchemeViewResponse {
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty({ type: AssessmentSchemeResponse }) scheme: AssessmentSchemeResponse;
  @ApiProperty({ description: 'true: the default scheme, the office has not edited it' })
  isDefault: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) updatedAt: string | null;
}

export const toSchemeViewResponse = (s: SchemeView): SchemeViewResponse => ({
  documentId: s.documentId,
  scheme: toSchemeResponse(s.scheme),
  isDefault: s.isDefault,
  updatedAt: isoOrNull(s.updatedAt),
});
