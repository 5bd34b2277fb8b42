import { ApiProperty } from '@nestjs/swagger';
import type { EvidenceView } from '@tracker/services';
import { iso } from '../../common/iso';
import { UnitNameResponse } from './urging.response';

export class EvidenceResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) reportId: string;
  @ApiProperty({ description: "The report's revision the file was attached to" }) revision: number;
  @ApiProperty({ type: UnitNameResponse, description: 'the unit that attached it' })
  unit: UnitNameResponse;
  @ApiProperty({ enum: ['report', 'contribution'] }) role: 'report' | 'contribution';
  @ApiProperty() filename: string;
  @ApiProperty({ description: 'Detected from the bytes' }) contentType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty() sha256: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export const toEvidenceResponse = (e: EvidenceView): EvidenceResponse => ({
  id: e.id,
  reportId: e.reportId,
  revision: e.revision,
  unit: { id: e.unit.id, name: e.unit.name },
  role: e.role,
  filename: e.filename,
  contentType: e.contentType,
  sizeBytes: e.sizeBytes,
  sha256: e.sha256,
  createdAt: iso(e.createdAt),
});
