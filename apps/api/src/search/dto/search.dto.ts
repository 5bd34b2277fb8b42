import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { REPORT_STATES, TASK_STATES, TaskState } from '@tracker/domain';
import { Type } from 'class-transformer';
import { IsOneOf, IsPeriod, NoControlChars } from '@tracker/common';
import {
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

export class SearchQueryDto {
  @ApiProperty({
    description:
      'Words to find (Chinese works without spaces; several words separated by spaces must all occur)',
    example: '智能制造',
    minLength: 1,
    maxLength: 100,
  })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @NoControlChars()
  q: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  documentId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Tasks of this unit; reports filed by it' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  unitId?: string;

  @IsOneOf(TASK_STATES, { optional: true })
  status?: TaskState;

  @IsPeriod({
    optional: true,
    description: 'Reports of this period',
    message: 'must be a period such as 2020-Q3',
  })
  period?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}

class TaskHitResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty({ type: String, nullable: true }) documentTitle: string | null;
  @ApiProperty({ example: '二（一）1' }) number: string;
  @ApiProperty() heading: string;
  @ApiProperty({ enum: TASK_STATES }) state: string;
  @ApiProperty({ description: 'The text around the first match' }) excerpt: string;
}

class ReportHitResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty({ type: String, nullable: true }) documentTitle: string | null;
  @ApiProperty() number: string;
  @ApiProperty() heading: string;
  @ApiProperty({ example: '2020-Q3' }) period: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ enum: REPORT_STATES }) state: string;
  @ApiProperty() excerpt: string;
}

class DocumentHitResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true }) title: string | null;
  @ApiProperty({ type: String, nullable: true }) docNumber: string | null;
  @ApiProperty({ type: String, nullable: true }) issuer: string | null;
  @ApiProperty() excerpt: string;
}

export class SearchResponse {
  @ApiProperty({ type: [String] }) terms: string[];
  @ApiProperty({ type: [TaskHitResponse] }) tasks: TaskHitResponse[];
  @ApiProperty({ type: [ReportHitResponse] }) reports: ReportHitResponse[];
  @ApiProperty({ type: [DocumentHitResponse] }) documents: DocumentHitResponse[];
}
