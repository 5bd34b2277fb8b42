import { ApiProperty } from '@nestjs/swagger';
import { IsText } from '@tracker/common';

export class AttachEvidenceQuery {
  /** The file's name as the unit knows it (shown and used for downloads; the type is read from the content). */
  @IsText({ min: 1, max: 255 })
  filename: string;
}

export class EvidenceResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) reportId: string;
  @ApiProperty({ description: "The report's revision the file was attached to" }) revision: number;
  @ApiProperty() unit: { id: string; name: string };
  @ApiProperty({ enum: ['report', 'contribution'] }) role: 'report' | 'contribution';
  @ApiProperty() filename: string;
  @ApiProperty({ description: 'Detected from the bytes' }) contentType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty() sha256: string;
  @ApiProperty() createdAt: Date;
}
