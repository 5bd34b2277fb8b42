import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { EXTENSION_STATES, ExtensionState } from '@tracker/domain';

export class RequestExtensionDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'must be a UUID' })
  reportId: string;
  @ApiProperty({ example: '2020-10-31' }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date (YYYY-MM-DD)' })
  requestedDueOn: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(5_000)
  reason: string;
}

export class DecideExtensionDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5_000)
  comment?: string;
  @ApiPropertyOptional({ description: 'Approve with another date than requested', example: '2020-10-31' })
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date (YYYY-MM-DD)' })
  dueOn?: string;
}

export class ListExtensionsQuery {
  @ApiPropertyOptional({ enum: EXTENSION_STATES }) @IsOptional() @IsIn(EXTENSION_STATES as unknown as string[])
  state?: ExtensionState;
}
