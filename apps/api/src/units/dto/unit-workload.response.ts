import { ApiProperty } from '@nestjs/swagger';
import { UNIT_KINDS, UNIT_LEVELS, UnitKind, UnitLevel } from '@tracker/domain';
import type { UnitWorkload } from '@tracker/services';

export class UnitWorkloadResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: UNIT_LEVELS }) level: UnitLevel;
  @ApiProperty({ enum: UNIT_KINDS }) kind: UnitKind;
  @ApiProperty({ type: String, nullable: true }) region: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Set on a former (pre-rename) name',
  })
  successorId: string | null;
  @ApiProperty({ type: [String], description: 'Former names whose tasks are counted here' })
  formerNames: string[];
  @ApiProperty({ description: 'Tasks led (牵头), across all documents' }) led: number;
  @ApiProperty({ description: 'Tasks supported (配合)' }) supported: number;
  @ApiProperty({ description: 'Open tasks past their deadline' }) overdue: number;
}

export const toUnitWorkloadResponse = (u: UnitWorkload): UnitWorkloadResponse => ({
  id: u.id,
  name: u.name,
  level: u.level,
  kind: u.kind,
  region: u.region,
  successorId: u.successorId,
  formerNames: u.formerNames,
  led: u.led,
  supported: u.supported,
  overdue: u.overdue,
});
