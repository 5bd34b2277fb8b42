import { ApiProperty } from '@nestjs/swagger';
import { MIDTERM_RISKS } from '@tracker/domain';
import type { MidtermReviewView } from '@tracker/services';

export class MidtermUnitRefResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class MidtermTargetResponse {
  @ApiProperty() text: string;
  @ApiProperty({ type: Number, nullable: true }) planned: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'The latest filed figure' })
  reported: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'reported / planned' })
  progress: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'progress minus the elapsed share of the plan period (below 0: behind)',
  })
  gap: number | null;
  @ApiProperty({ description: 'Further behind the timeline than the review tolerates' })
  behind: boolean;
}

export class MidtermTaskResponse {
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty() label: string;
  @ApiProperty() heading: string;
  @ApiProperty() state: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) deadlineOn: string | null;
  @ApiProperty({ type: [MidtermUnitRefResponse] }) leadUnits: MidtermUnitRefResponse[];
  @ApiProperty({ type: String, nullable: true }) progressStatus: string | null;
  @ApiProperty({ type: [MidtermTargetResponse] }) targets: MidtermTargetResponse[];
  @ApiProperty({
    type: [String],
    enum: MIDTERM_RISKS,
  })
  risks: string[];
}

export class MidtermUnitResponse {
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty() tasks: number;
  @ApiProperty() atRisk: number;
}

/** 中期评估 of one document. */
export class MidtermReviewResponse {
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty({ type: String, nullable: true }) documentTitle: string | null;
  @ApiProperty({ format: 'date' }) startOn: string;
  @ApiProperty({ format: 'date' }) endOn: string;
  @ApiProperty({ format: 'date' }) today: string;
  @ApiProperty({ description: 'Share of the plan period elapsed, 0..1' }) elapsedShare: number;
  @ApiProperty({ type: Number, nullable: true }) meanTargetProgress: number | null;
  @ApiProperty({ type: [MidtermTaskResponse] }) tasks: MidtermTaskResponse[];
  @ApiProperty({ type: [MidtermTaskResponse] }) atRisk: MidtermTaskResponse[];
  @ApiProperty({ type: [MidtermUnitResponse] }) unitsBehind: MidtermUnitResponse[];
}

const toTask = (t: MidtermReviewView['tasks'][number]): MidtermTaskResponse => ({
  taskId: t.taskId,
  label: t.label,
  heading: t.heading,
  state: t.state,
  deadlineOn: t.deadlineOn,
  leadUnits: t.leadUnits.map((u) => ({ id: u.id, name: u.name })),
  progressStatus: t.progressStatus,
  targets: t.targets.map((g) => ({
    text: g.text,
    planned: g.planned,
    reported: g.reported,
    progress: g.progress,
    gap: g.gap,
    behind: g.behind,
  })),
  risks: t.risks,
});

export const toMidtermReviewResponse = (r: MidtermReviewView): MidtermReviewResponse => ({
  documentId: r.documentId,
  documentTitle: r.documentTitle,
  startOn: r.startOn,
  endOn: r.endOn,
  today: r.today,
  elapsedShare: r.elapsedShare,
  meanTargetProgress: r.meanTargetProgress,
  tasks: r.tasks.map(toTask),
  atRisk: r.atRisk.map(toTask),
  unitsBehind: r.unitsBehind.map((u) => ({
    unitId: u.unitId,
    unitName: u.unitName,
    tasks: u.tasks,
    atRisk: u.atRisk,
  })),
});
