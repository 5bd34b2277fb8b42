import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsText } from '@tracker/common';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBase64,
  IsInt,
  IsNumber,
  IsOptional,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

/** The largest breakdown workbook accepted, in bytes (its base64 is a third longer). */
const MAX_BYTES = 1024 * 1024;

export class BreakdownShareDto {
  @ApiProperty({ format: 'uuid', description: 'A member unit of the task’s collective assignee' })
  @IsUUID('all', { message: 'must be a UUID' })
  unitId: string;

  @ApiProperty({ description: 'Position of the target in the task’s targets', minimum: 0 })
  @IsInt({ message: 'must be a whole number' })
  @Min(0)
  @Max(999)
  targetIndex: number;

  @ApiProperty({ description: 'The unit’s share, in the target’s unit of measure', minimum: 0 })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number' })
  @Min(0, { message: 'must not be negative' })
  @Max(1e14)
  value: number;
}

export class SaveBreakdownDto {
  @ApiProperty({
    type: [BreakdownShareDto],
    description: 'The whole table: it replaces the saved one',
  })
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => BreakdownShareDto)
  shares: BreakdownShareDto[];
}

/** A table to import: pasted text, or an .xlsx in base64 (or a multipart `file`). */
export class ImportBreakdownDto {
  @ApiPropertyOptional({
    description:
      'The table as copied from a Word or WPS annex: one locality a line, cells by tab (or spaces); the first line with two cells or more is the header',
  })
  @ValidateIf((o: ImportBreakdownDto) => o.contentBase64 === undefined && o.text !== undefined)
  @IsText({ max: 200_000, multiline: true })
  text?: string;

  @ApiPropertyOptional({ description: 'An .xlsx workbook in base64: its first sheet is read' })
  @IsOptional()
  @IsBase64({}, { message: 'must be base64' })
  @MaxLength(Math.ceil((MAX_BYTES * 4) / 3) + 4)
  contentBase64?: string;

  @IsText({ max: 255, optional: true })
  fileName?: string;
}

export class BreakdownTargetResponse {
  @ApiProperty() index: number;
  @ApiProperty() text: string;
  @ApiProperty({ nullable: true, type: Number }) value: number | null;
  @ApiProperty({ nullable: true, type: String }) unit: string | null;
}

export class BreakdownProgressResponse {
  @ApiProperty() targetIndex: number;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty() share: number;
  @ApiProperty({ nullable: true, type: String }) measure: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'The latest filed value' })
  reported: number | null;
  @ApiProperty({ nullable: true, type: String }) period: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'reported / share, %' })
  percent: number | null;
}

export class BreakdownTotalResponse {
  @ApiProperty() targetIndex: number;
  @ApiProperty() text: string;
  @ApiProperty({ nullable: true, type: String }) unit: string | null;
  @ApiProperty({ nullable: true, type: Number }) planned: number | null;
  @ApiProperty() shareTotal: number;
  @ApiProperty({ nullable: true, type: Number }) reportedTotal: number | null;
  @ApiProperty({ nullable: true, type: Number }) percent: number | null;
  @ApiProperty() localities: number;
  @ApiProperty() reportedLocalities: number;
}

export class BreakdownLocalityResponse {
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ nullable: true, type: String, description: 'The collective it was expanded from' })
  groupName: string | null;
}

export class BreakdownShareResponse {
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() targetIndex: number;
  @ApiProperty() value: number;
  @ApiProperty({ nullable: true, type: String, description: 'The target’s unit of measure' })
  measure: string | null;
}

export class BreakdownResponse {
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty({ type: [BreakdownTargetResponse] }) targets: BreakdownTargetResponse[];
  @ApiProperty({ type: [BreakdownLocalityResponse] }) localities: BreakdownLocalityResponse[];
  @ApiProperty({ type: [BreakdownShareResponse] }) shares: BreakdownShareResponse[];
  @ApiProperty({ type: [BreakdownProgressResponse] }) progress: BreakdownProgressResponse[];
  @ApiProperty({ type: [BreakdownTotalResponse] }) totals: BreakdownTotalResponse[];
  @ApiProperty({ nullable: true, type: Date }) updatedAt: Date | null;
}
