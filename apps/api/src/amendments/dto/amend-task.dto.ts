import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateOnly, IsText } from '@tracker/common';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsNumber,
  IsOptional,
  IsUUID,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

export class AmendTargetDto {
  @IsText({ min: 1, max: 1_000 })
  text: string;

  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptional()
  @IsNumber({}, { message: 'must be a number' })
  value: number | null;

  @IsText({ max: 50, optional: true })
  unit: string | null;

  @IsText({ max: 50, optional: true })
  by: string | null;
}

/** 动态调整: the fields to change (any subset) and the reason, which is required. */
export class AmendTaskDto {
  @IsText({ min: 1, max: 2_000, multiline: true })
  reason: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'The lead units (牵头单位), at least one',
  })
  @IsOptional()
  @IsArray({ message: 'must be a list of unit ids' })
  @ArrayMinSize(1, { message: 'at least one lead unit' })
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'each must be a UUID' })
  leadUnitIds?: string[];

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'The supporting units (配合单位)',
  })
  @IsOptional()
  @IsArray({ message: 'must be a list of unit ids' })
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'each must be a UUID' })
  supportUnitIds?: string[];

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'null clears it',
  })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsDateOnly()
  deadlineOn?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200 })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsText({ max: 200 })
  deadlineText?: string | null;

  @IsText({ min: 1, max: 1_000, optional: true })
  heading?: string;

  @IsText({ max: 50_000, multiline: true, optional: true })
  body?: string;

  @ApiPropertyOptional({ type: [AmendTargetDto] })
  @IsOptional()
  @IsArray({ message: 'must be a list of targets' })
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AmendTargetDto)
  targets?: AmendTargetDto[];
}
