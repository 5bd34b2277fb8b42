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
