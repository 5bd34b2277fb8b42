import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { IsDateOnly, IsOneOf, IsText } from '@tracker/common';
import { EXTENSION_STATES, ExtensionState } from '@tracker/domain';

export class RequestExtensionDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  reportId: string;
  @ApiProperty({ example: '2020-10-31', format: 'date' })
  @IsDateOnly()
  requestedDueOn: string;
  @IsText({ min: 1, max: 5_000, multiline: true })
  reason: string;
}

export class DecideExtensionDto {
  @IsText({ max: 5_000, multiline: true, optional: true })
  comment?: string;
  @ApiPropertyOptional({
    description: 'Approve with another date than requested',
    example: '2020-10-31',
  })
  @IsOptional()
  @IsDateOnly()
  dueOn?: string;
}

export class ListExtensionsQuery {
  @IsOneOf(EXTENSION_STATES, { optional: true })
  state?: ExtensionState;
}
