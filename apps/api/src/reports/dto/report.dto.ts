import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { PROGRESS_STATUSES, ProgressStatus } from '@tracker/domain';

export class TargetValueDto {
  @ApiPropertyOptional({ minimum: 0, description: "The target's position in the task's targets (identifies it; text alone may repeat)" })
  @IsOptional() @IsInt() @Min(0) @Max(999)
  index?: number;

  @ApiProperty({ example: '新引进企业' }) @IsString() @MaxLength(500)
  target: string;

  @ApiProperty({ nullable: true, example: 60 }) @IsOptional() @IsNumber()
  value: number | null;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000)
  note?: string;
}

/** Progress, self-assessed status, narrative, indicator values, problems, next steps. */
export class ReportContentDto {
  @ApiPropertyOptional({ enum: PROGRESS_STATUSES }) @IsOptional() @IsIn(PROGRESS_STATUSES as unknown as string[])
  progressStatus?: ProgressStatus;

  @ApiPropertyOptional({ minimum: 0, maximum: 100 }) @IsOptional() @IsInt() @Min(0) @Max(100)
  progressPercent?: number;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20_000)
  narrative?: string;

  @ApiPropertyOptional({ type: [TargetValueDto] }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => TargetValueDto)
  targetValues?: TargetValueDto[];

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20_000)
  problems?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20_000)
  nextSteps?: string;
}

export class ContributionDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(20_000)
  text: string;
}

export class ReviewCommentDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5_000)
  comment?: string;
}

export class ReturnReportDto {
  @ApiProperty({ description: 'What to revise' }) @IsString() @MinLength(1) @MaxLength(5_000)
  comment: string;
}
