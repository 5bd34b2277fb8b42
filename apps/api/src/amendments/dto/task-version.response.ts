import { ApiProperty } from '@nestjs/swagger';
import { AMENDMENT_FIELDS, TASK_VERSION_SOURCES, TaskVersionSource } from '@tracker/domain';
import type { TaskVersionView } from '@tracker/services';
import { iso } from '../../common/iso';

export class VersionUnitResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class VersionTargetResponse {
  @ApiProperty() text: string;
  @ApiProperty({ type: Number, nullable: true }) value: number | null;
  @ApiProperty({ type: String, nullable: true }) unit: string | null;
  @ApiProperty({ type: String, nullable: true }) by: string | null;
}

export class VersionAmenderResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
}

/** One version of a task (动态调整): version 1 as imported, each later one an amendment. */
export class TaskVersionResponse {
  @ApiProperty({ minimum: 1 }) version: number;
  @ApiProperty({ format: 'date-time', description: 'In force from (the business clock)' })
  effectiveFrom: string;
  @ApiProperty({ enum: TASK_VERSION_SOURCES }) source: TaskVersionSource;
  @ApiProperty() heading: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: String, nullable: true }) deadlineText: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) deadlineOn: string | null;
  @ApiProperty({ type: [VersionTargetResponse] }) targets: VersionTargetResponse[];
  @ApiProperty({ type: [VersionUnitResponse] }) leadUnits: VersionUnitResponse[];
  @ApiProperty({ type: [VersionUnitResponse] }) supportUnits: VersionUnitResponse[];
  @ApiProperty({
    type: [String],
    enum: AMENDMENT_FIELDS,
    description: 'What this version changed against the one before',
  })
  changed: string[];
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: VersionAmenderResponse, nullable: true })
  amendedBy: VersionAmenderResponse | null;
}

export const toTaskVersionResponse = (v: TaskVersionView): TaskVersionResponse => ({
  version: v.version,
  effectiveFrom: iso(v.effectiveFrom),
  source: v.source,
  heading: v.heading,
  body: v.body,
  deadlineText: v.deadlineText,
  deadlineOn: v.deadlineOn,
  targets: v.targets.map((t) => ({
    text: t.text,
    value: t.value ?? null,
    unit: t.unit ?? null,
    by: t.by ?? null,
  })),
  leadUnits: v.leadUnits.map((u) => ({ id: u.id, name: u.name })),
  supportUnits: v.supportUnits.map((u) => ({ id: u.id, name: u.name })),
  changed: v.changed,
  reason: v.reason,
  amendedBy: v.amendedBy ? { id: v.amendedBy.id, name: v.amendedBy.name } : null,
});
