import { ApiProperty } from '@nestjs/swagger';
import { EXTENSION_STATES, ExtensionState } from '@tracker/domain';
import type { ExtensionView } from '@tracker/services';
import { iso, isoOrNull } from '../../common/iso';

export class ExtensionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) reportId: string | null;
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty({ format: 'date', example: '2020-10-31' }) requestedDueOn: string;
  @ApiProperty() reason: string;
  @ApiProperty({ enum: EXTENSION_STATES }) state: ExtensionState;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) decisionComment: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export const toExtensionResponse = (e: ExtensionView): ExtensionResponse => ({
  id: e.id,
  reportId: e.reportId,
  taskId: e.taskId,
  unitId: e.unitId,
  requestedDueOn: e.requestedDueOn,
  reason: e.reason,
  state: e.state,
  decidedAt: isoOrNull(e.decidedAt),
  decisionComment: e.decisionComment,
  createdAt: iso(e.createdAt),
});
