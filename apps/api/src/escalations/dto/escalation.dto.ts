import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { IntQuery, IsDateOnly, NoControlChars } from '@tracker/common';
import { ESCALATION_STATES, EscalationState } from '@tracker/domain';

export class ListEscalationsQuery {
  @IntQuery(1, 3)
  level?: number;
  @ApiPropertyOptional({ enum: ESCALATION_STATES })
  @IsOptional()
  @IsIn(ESCALATION_STATES as unknown as string[])
  state?: EscalationState;
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  cycleId?: string;
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  unitId?: string;
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  documentId?: string;
  @ApiPropertyOptional({ example: '2020-Q3' })
  @IsOptional()
  @Matches(/^[0-9]{4}-(Q[1-4]|H[12]|M(0[1-9]|1[0-2])|Y)$/, {
    message: 'must be a period like 2020-Q3',
  })
  period?: string;
  @ApiPropertyOptional({
    description: 'true: every escalation raised; default: one per report at its current level',
  })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  history?: boolean;
}

export class ListOverdueQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  cycleId?: string;
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  unitId?: string;
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  documentId?: string;
  @IntQuery(1, 500)
  limit?: number;
}

export const REVIEW_DECISIONS = ['grant-extension', 'supervise', 'resolve'] as const;

export class ReviewEscalationDto {
  @ApiProperty({ enum: REVIEW_DECISIONS })
  @IsIn(REVIEW_DECISIONS as unknown as string[])
  decision: (typeof REVIEW_DECISIONS)[number];

  @ApiPropertyOptional({
    description: 'New due date for grant-extension (YYYY-MM-DD)',
    example: '2020-10-31',
  })
  @ValidateIf((d: ReviewEscalationDto) => d.decision === 'grant-extension')
  @IsDateOnly()
  dueOn?: string;

  @ApiPropertyOptional({ description: 'Required for supervise' })
  @ValidateIf((d: ReviewEscalationDto) => d.decision === 'supervise' || d.comment !== undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(5_000)
  @NoControlChars(true)
  comment?: string;
}
