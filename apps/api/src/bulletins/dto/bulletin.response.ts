import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ESCALATION_STATES, REPORT_STATES, RUNG_COLOURS } from '@tracker/domain';
import type { BulletinContent } from '@tracker/services';

export class BulletinTotalsResponse {
  @ApiProperty() reports: number;
  @ApiProperty() accepted: number;
  @ApiProperty() onTime: number;
  @ApiProperty() late: number;
  @ApiProperty() missing: number;
  @ApiProperty() escalatedToLeadingGroup: number;
  @ApiProperty({ description: '0..1' }) onTimeRate: number;
  @ApiPropertyOptional({ description: 'tasks closed (销号) by the office' }) closed?: number;
}

export class BulletinClosedTaskResponse {
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty({ example: '一（二）3' }) taskLabel: string;
  @ApiProperty() heading: string;
  @ApiProperty({ format: 'date-time' }) closedAt: string;
}

export class BulletinUnitResponse {
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty() reports: number;
  @ApiProperty() onTime: number;
  @ApiProperty() late: number;
  @ApiProperty() missing: number;
  @ApiProperty() accepted: number;
  @ApiProperty({ description: '0..1' }) onTimeRate: number;
}

export class BulletinLateTaskResponse {
  @ApiProperty({ format: 'uuid' }) reportId: string;
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty({ example: '一（二）3' }) taskLabel: string;
  @ApiProperty() heading: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  firstSubmittedAt: string | null;
  @ApiProperty({ enum: REPORT_STATES }) state: string;
}

export class BulletinEscalatedTaskResponse {
  @ApiProperty({ format: 'uuid' }) reportId: string;
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty({ example: '一（二）3' }) taskLabel: string;
  @ApiProperty() heading: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ minimum: 2, maximum: 3 }) level: number;
  @ApiProperty({ enum: RUNG_COLOURS }) colour: string;
  @ApiProperty({ enum: ESCALATION_STATES }) state: string;
}

export class BulletinTargetResponse {
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty({ example: '一（二）3' }) taskLabel: string;
  @ApiProperty() heading: string;
  @ApiProperty() unitName: string;
  @ApiProperty() target: string;
  @ApiProperty({ type: Number, nullable: true }) planned: number | null;
  @ApiProperty({ type: String, nullable: true }) unit: string | null;
  @ApiProperty({ type: Number, nullable: true }) reported: number | null;
  @ApiProperty({ type: Number, nullable: true }) percent: number | null;
}

export class BulletinAssessedUnitResponse {
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty() score: number;
  @ApiProperty({ description: 'equal scores share a rank' }) rank: number;
  @ApiProperty() deducted: number;
  @ApiProperty() added: number;
  @ApiProperty({ description: 'how many scored events are behind the score' }) events: number;
}

export class BulletinAssessmentResponse {
  @ApiProperty({ example: '2020-Q3', description: 'a quarter or a year (2020-Y)' }) period: string;
  @ApiProperty() base: number;
  @ApiProperty({ type: [BulletinAssessedUnitResponse] }) units: BulletinAssessedUnitResponse[];
}

export class BulletinLocalityRowResponse {
  @ApiProperty() unitName: string;
  @ApiProperty({ description: "the member's share of the target" }) share: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'its latest filed value as of the cycle',
  })
  reported: number | null;
  @ApiProperty({ type: Number, nullable: true }) percent: number | null;
}

export class BulletinLocalityTargetResponse {
  @ApiProperty({ description: "the target's place in the task's targets" }) index: number;
  @ApiProperty() text: string;
  @ApiProperty({ type: String, nullable: true }) unit: string | null;
  @ApiProperty() shareTotal: number;
  @ApiProperty({ type: Number, nullable: true }) reportedTotal: number | null;
  @ApiProperty({ type: Number, nullable: true }) percent: number | null;
  @ApiProperty({ type: [BulletinLocalityRowResponse] }) rows: BulletinLocalityRowResponse[];
}

export class BulletinLocalityTaskResponse {
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty({ example: '一（一）' }) taskLabel: string;
  @ApiProperty() heading: string;
  @ApiProperty({ type: [BulletinLocalityTargetResponse] })
  targets: BulletinLocalityTargetResponse[];
}

/** A cycle's bulletin (通报): the figures it was compiled with. */
export class BulletinResponse {
  @ApiProperty({ format: 'uuid' }) cycleId: string;
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty({ type: String, nullable: true }) documentTitle: string | null;
  @ApiProperty({ example: '2020-Q3' }) period: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({ format: 'date-time' }) compiledAt: string;
  @ApiProperty({ type: BulletinTotalsResponse }) totals: BulletinTotalsResponse;
  @ApiPropertyOptional({ type: [BulletinClosedTaskResponse] })
  closedTasks?: BulletinClosedTaskResponse[];
  @ApiProperty({ type: [BulletinUnitResponse] }) units: BulletinUnitResponse[];
  @ApiProperty({ type: [BulletinLateTaskResponse] }) lateTasks: BulletinLateTaskResponse[];
  @ApiProperty({ type: [BulletinEscalatedTaskResponse] })
  escalatedTasks: BulletinEscalatedTaskResponse[];
  @ApiProperty({ type: [BulletinTargetResponse] }) targets: BulletinTargetResponse[];
  @ApiPropertyOptional({
    type: BulletinAssessmentResponse,
    description: '考核评估 as compiled; bulletins compiled before assessment existed have none',
  })
  assessment?: BulletinAssessmentResponse;
  @ApiPropertyOptional({
    type: [BulletinLocalityTaskResponse],
    description: '各地分解 of the tasks with a breakdown table, as of the cycle',
  })
  localities?: BulletinLocalityTaskResponse[];
}

// The content is stored JSON compiled once: the mapper names each field, older bulletins may lack the optional ones.
export const toBulletinResponse = (b: BulletinContent): BulletinResponse => ({
  cycleId: b.cycleId,
  documentId: b.documentId,
  documentTitle: b.documentTitle,
  period: b.period,
  dueAt: b.dueAt,
  compiledAt: b.compiledAt,
  totals: {
    reports: b.totals.reports,
    accepted: b.totals.accepted,
    onTime: b.totals.onTime,
    late: b.totals.late,
    missing: b.totals.missing,
    escalatedToLeadingGroup: b.totals.escalatedToLeadingGroup,
    onTimeRate: b.totals.onTimeRate,
    ...(b.totals.closed === undefined ? {} : { closed: b.totals.closed }),
  },
  ...(b.closedTasks
    ? {
        closedTasks: b.closedTasks.map((t) => ({
          taskId: t.taskId,
          taskLabel: t.taskLabel,
          heading: t.heading,
          closedAt: t.closedAt,
        })),
      }
    : {}),
  units: b.units.map((u) => ({
    unitId: u.unitId,
    unitName: u.unitName,
    reports: u.reports,
    onTime: u.onTime,
    late: u.late,
    missing: u.missing,
    accepted: u.accepted,
    onTimeRate: u.onTimeRate,
  })),
  lateTasks: b.lateTasks.map((t) => ({
    reportId: t.reportId,
    taskId: t.taskId,
    taskLabel: t.taskLabel,
    heading: t.heading,
    unitName: t.unitName,
    dueAt: t.dueAt,
    firstSubmittedAt: t.firstSubmittedAt,
    state: t.state,
  })),
  escalatedTasks: b.escalatedTasks.map((t) => ({
    reportId: t.reportId,
    taskId: t.taskId,
    taskLabel: t.taskLabel,
    heading: t.heading,
    unitName: t.unitName,
    level: t.level,
    colour: t.colour,
    state: t.state,
  })),
  targets: b.targets.map((t) => ({
    taskId: t.taskId,
    taskLabel: t.taskLabel,
    heading: t.heading,
    unitName: t.unitName,
    target: t.target,
    planned: t.planned,
    unit: t.unit,
    reported: t.reported,
    percent: t.percent,
  })),
  ...(b.assessment
    ? {
        assessment: {
          period: b.assessment.period,
          base: b.assessment.base,
          units: b.assessment.units.map((u) => ({
            unitId: u.unitId,
            unitName: u.unitName,
            score: u.score,
            rank: u.rank,
            deducted: u.deducted,
            added: u.added,
            events: u.events,
          })),
        },
      }
    : {}),
  ...(b.localities
    ? {
        localities: b.localities.map((task) => ({
          taskId: task.taskId,
          taskLabel: task.taskLabel,
          heading: task.heading,
          targets: task.targets.map((x) => ({
            index: x.index,
            text: x.text,
            unit: x.unit,
            shareTotal: x.shareTotal,
            reportedTotal: x.reportedTotal,
            percent: x.percent,
            rows: x.rows.map((r) => ({
              unitName: r.unitName,
              share: r.share,
              reported: r.reported,
              percent: r.percent,
            })),
          })),
        })),
      }
    : {}),
});
