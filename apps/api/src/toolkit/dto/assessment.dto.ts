import { ApiProperty } from '@nestjs/swagger';
import { IsPeriod, IsText } from '@tracker/common';
import { Type } from 'class-transformer';
import { ASSESSMENT_PERIOD_PATTERN } from '@tracker/domain';
import { IsNumber, IsUUID, Max, Min, ValidateNested } from 'class-validator';

/** Assessments run per quarter or per year (libs/domain's assessment periods). */
const IsAssessmentPeriod = (description: string): PropertyDecorator =>
  IsPeriod({
    pattern: ASSESSMENT_PERIOD_PATTERN,
    message: 'must be a quarter (2020-Q3) or a year (2020-Y)',
    description,
  });
const POINTS = { maxDecimalPlaces: 2 };
const POINTS_MESSAGE = 'must be a number with at most two decimals';

export class AssessmentPeriodQuery {
  @IsAssessmentPeriod('A quarter (2020-Q3) or a year (2020-Y)')
  period: string;
}

export class UnitParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'must be a UUID' }) id: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'must be a UUID' }) unitId: string;
}

export class AdjustScoreDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'must be a UUID' }) unitId: string;

  @IsAssessmentPeriod('The period adjusted: a quarter counts in its year too')
  period: string;

  @ApiProperty({
    example: -2,
    description: 'Points added (positive) or deducted (negative), not zero',
  })
  @IsNumber(POINTS, { message: POINTS_MESSAGE })
  @Min(-1_000)
  @Max(1_000)
  points: number;

  /** Required: why the office adjusts the score (audited, shown with the point). */
  @IsText({ min: 1, max: 2_000, multiline: true })
  reason: string;
}

export class EscalationRungPointsDto {
  @ApiProperty({ name: '2', description: 'Deducted per level-2 rung (督办)' })
  @IsNumber(POINTS, { message: POINTS_MESSAGE })
  @Min(0)
  @Max(1_000)
  '2': number;

  @ApiProperty({ name: '3', description: 'Deducted per level-3 rung (提请领导小组)' })
  @IsNumber(POINTS, { message: POINTS_MESSAGE })
  @Min(0)
  @Max(1_000)
  '3': number;
}

export class AssessmentSchemeDto {
  @ApiProperty({ example: 100, description: 'Every unit starts here' })
  @IsNumber(POINTS, { message: POINTS_MESSAGE })
  @Min(0)
  @Max(1_000)
  base: number;

  @ApiProperty({
    example: 2,
    description: 'Deducted per late report (the ladder recorded it past due)',
  })
  @IsNumber(POINTS, { message: POINTS_MESSAGE })
  @Min(0)
  @Max(1_000)
  lateReport: number;

  @ApiProperty({ type: EscalationRungPointsDto })
  @ValidateNested()
  @Type(() => EscalationRungPointsDto)
  escalationRung: EscalationRungPointsDto;

  @ApiProperty({ example: 1, description: 'Deducted per returned report' })
  @IsNumber(POINTS, { message: POINTS_MESSAGE })
  @Min(0)
  @Max(1_000)
  reportReturned: number;

  @ApiProperty({ example: 2, description: 'Deducted per declined task not reassigned' })
  @IsNumber(POINTS, { message: POINTS_MESSAGE })
  @Min(0)
  @Max(1_000)
  declinedNotReassigned: number;

  @ApiProperty({ example: 5, description: 'Added per task closed by its deadline' })
  @IsNumber(POINTS, { message: POINTS_MESSAGE })
  @Min(0)
  @Max(1_000)
  completedOnTime: number;

  @ApiProperty({ example: 1, description: 'Deducted per urging (催办) by the office' })
  @IsNumber(POINTS, { message: POINTS_MESSAGE })
  @Min(0)
  @Max(1_000)
  urged: number;
}
