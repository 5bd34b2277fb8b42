import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { ESCALATION_STATES, EscalationState } from '@tracker/domain';

export class ListEscalationsQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 3 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(3)
  level?: number;
  @ApiPropertyOptional({ enum: ESCALATION_STATES }) @IsOptional() @IsIn(ESCALATION_STATES as unknown as string[])
  state?: EscalationState;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all')
  cycleId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all')
  unitId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all')
  documentId?: string;
  @ApiPropertyOptional({ example: '2020-Q3' }) @IsOptional() @Matches(/^[0-9]{4}-(Q[1-4]|H[12]|M(0[1-9]|1[0-2])|Y)$/)
  period?: string;
  @ApiPropertyOptional({ description: 'true: every escalation raised; default: one per report at its current level' })
  @IsOptional() @Transform(({ value }) => value === true || value === 'true') @IsBoolean()
  history?: boolean;
}

export const REVIEW_DECISIONS = ['grant-extension', 'supervise', 'resolve'] as const;

export class ReviewEscalationDto {
  @ApiProperty({ enum: REVIEW_DECISIONS }) @IsIn(REVIEW_DECISIONS as unknown as string[])
  decision: (typeof REVIEW_DECISIONS)[number];

  @ApiPropertyOptional({ description: 'New due date for grant-extension (YYYY-MM-DD)', example: '2020-10-31' })
  @ValidateIf((d: ReviewEscalationDto) => d.decision === 'grant-extension') @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date (YYYY-MM-DD)' })
  dueOn?: string;

  @ApiPropertyOptional({ description: 'Required for supervise' })
  @ValidateIf((d: ReviewEscalationDto) => d.decision === 'supervise' || d.comment !== undefined) @IsString() @MinLength(1) @MaxLength(5_000)
  comment?: string;
}
