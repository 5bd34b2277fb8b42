import { ApiProperty } from '@nestjs/swagger';
import { IsText } from '@tracker/common';
import { IsUUID } from 'class-validator';

export class UrgeTaskDto {
  @ApiProperty({
    format: 'uuid',
    description: 'The unit to urge: one holding a pending or acknowledged part of the task',
  })
  @IsUUID('all', { message: 'must be a UUID' })
  unitId: string;

  /** Optional: the office's words, quoted in the notice and the mail. */
  @IsText({ max: 2_000, multiline: true, optional: true })
  comment?: string;
}

export class UrgingResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty() unit: { id: string; name: string };
  @ApiProperty() urgedBy: { id: string; name: string | null };
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
  @ApiProperty({ description: 'The business day (Asia/Shanghai) the once-a-day limit counts in' })
  urgedOn: string;
  @ApiProperty() urgedAt: Date;
  @ApiProperty({ nullable: true, type: String }) noticeId: string | null;
}
