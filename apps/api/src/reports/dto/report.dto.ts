import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsOneOf, IsText } from '@tracker/common';
import { PROGRESS_STATUSES, ProgressStatus } from '@tracker/domain';

export class TargetValueDto {
  @ApiPropertyOptional({
    minimum: 0,
    description:
      "The target's position in the task's targets (identifies it; text alone may repeat)",
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(999)
  index?: number;

  @IsText({ max: 500 })
  target: string;

  // A figure a unit reports (企业数、亿元、%): finite, and far inside what PostgreSQL and JSON hold exactly.
  @ApiProperty({ type: Number, nullable: true, example: 60, minimum: -1e12, maximum: 1e12 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 6 })
  @Min(-1e12)
  @Max(1e12)
  value: number | null;

  @IsText({ max: 2000, multiline: true, optional: true })
  note?: string;
}

/** Progress, self-assessed status, narrative, indicator values, problems, next steps. */
export class ReportContentDto {
  @IsOneOf(PROGRESS_STATUSES, { optional: true })
  progressStatus?: ProgressStatus;

  @ApiPropertyOptional({ minimum: 0, maximum: 100 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  progressPercent?: number;

  @IsText({ max: 20_000, multiline: true, optional: true })
  narrative?: string;

  // One entry per quantitative target of the task: a handful, never thousands.
  @ApiPropertyOptional({ type: [TargetValueDto], maxItems: 100 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsObject({ each: true, message: 'each entry must be an object { target, value, note }' })
  @ValidateNested({ each: true })
  @Type(() => TargetValueDto)
  targetValues?: TargetValueDto[];

  @IsText({ max: 20_000, multiline: true, optional: true })
  problems?: string;

  @IsText({ max: 20_000, multiline: true, optional: true })
  nextSteps?: string;
}

export class ContributionDto {
  @IsText({ min: 1, max: 20_000, multiline: true })
  text: string;
}

export class ReviewCommentDto {
  @IsText({ max: 5_000, multiline: true, optional: true })
  comment?: string;
}

export class ReturnReportDto {
  @ApiProperty({ description: 'What to revise' })
  @IsText({ min: 1, max: 5_000, multiline: true })
  comment: string;
}
